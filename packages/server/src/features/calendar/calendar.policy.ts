import type { CalendarYear } from '@nghiemthu/shared';
import { hasRole, type Actor } from '../auth/actor.js';

/**
 * The working-day calendar decides every deadline of the province, so only a
 * system administrator changes it; every signed-in user reads it.
 */
export function canChangeCalendar(actor: Actor): boolean {
  return hasRole(actor, 'system_admin');
}

export function allowedCalendarActions(actor: Actor, year: { hasDefaults: boolean }): CalendarYear['allowedActions'] {
  if (!canChangeCalendar(actor)) return [];
  return year.hasDefaults ? ['changeDays', 'changeWeekend', 'loadDefaults'] : ['changeDays', 'changeWeekend'];
}
