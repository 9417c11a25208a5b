import {
  DEFAULT_STEP_DEADLINES, FINAL_DOSSIER_STATES, addWorkingDays, localDate, previousWorkingDay, workingDaysBetween,
  type DeadlineStatus, type DossierState, type OrderingMethod, type WorkingCalendar,
} from '@nghiemthu/shared';
import type { AcceptanceSettingsService } from '../acceptance-settings/acceptance-settings.service.js';
import type { CalendarService } from '../calendar/calendar.service.js';

/**
 * Due dates in working days on the stored calendar: when a step starts, its
 * due date; for display, whether it is on time, due tomorrow (one working day
 * before) or overdue.
 */
export function createDossierDeadlines(deps: { calendar: CalendarService; acceptanceSettings: AcceptanceSettingsService }) {
  const { calendar, acceptanceSettings } = deps;

  async function stepDays(method: OrderingMethod, state: DossierState): Promise<number | null> {
    if (!DEFAULT_STEP_DEADLINES[state]) return null;
    return (await acceptanceSettings.current()).stepDeadlines[method][state] ?? DEFAULT_STEP_DEADLINES[state].workingDays;
  }

  /** A calendar around `at`, enough for any due date within a year. */
  async function calendarAround(at: Date): Promise<WorkingCalendar> {
    const year = Number(localDate(at).slice(0, 4));
    return calendar.workingCalendar(year - 1, year + 1);
  }

  /** The due date of a step starting at `at` that has `days` working days: counted from the next working day. */
  async function dueAfter(at: Date, days: number): Promise<string> {
    return addWorkingDays(localDate(at), days, await calendarAround(at));
  }

  function status(state: DossierState, due: string | null, today: string, cal: WorkingCalendar): DeadlineStatus {
    if (!due || FINAL_DOSSIER_STATES.includes(state) || state === 'draft') return 'none';
    if (today > due) return 'overdue';
    if (today >= previousWorkingDay(due, cal)) return 'due_soon';
    return 'on_time';
  }

  /** Working days from one local date to another (0 when the same day or earlier). */
  function daysBetween(from: string, to: string, cal: WorkingCalendar): number {
    return to <= from ? 0 : workingDaysBetween(from, to, cal);
  }

  return { stepDays, calendarAround, dueAfter, status, daysBetween };
}

export type DossierDeadlines = ReturnType<typeof createDossierDeadlines>;
