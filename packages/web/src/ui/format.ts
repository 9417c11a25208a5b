import { DISPLAY_TIME_ZONE } from '@nghiemthu/shared';
import { currentLanguage } from '../app/i18n';

/** Whole numbers the way each language writes them (1.234 in Vietnamese, 1,234 in English). */
export function formatCount(value: number): string {
  return value.toLocaleString(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB');
}

/** Today's calendar date in Vietnam as YYYY-MM-DD, the default for "valid from" fields. */
export function todayIsoDate(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE }).format(new Date());
}
