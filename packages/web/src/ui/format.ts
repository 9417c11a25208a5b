import { DISPLAY_TIME_ZONE } from '@nghiemthu/shared';
import { currentLanguage } from '../app/i18n';

/** Whole numbers the way each language writes them (1.234 in Vietnamese, 1,234 in English). */
export function formatCount(value: number): string {
  return value.toLocaleString(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB');
}

/**
 * An exact decimal quantity from the API ("240000", "1.5") for reading: grouped and with the
 * language's decimal mark (240.000 and 1,5 in Vietnamese). Up to 4 decimals, as the API keeps.
 */
export function formatQuantity(decimal: string): string {
  const value = Number(decimal);
  if (!Number.isFinite(value)) return decimal;
  return value.toLocaleString(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 4 });
}

/** Today's calendar date in Vietnam as YYYY-MM-DD, the default for "valid from" fields. */
export function todayIsoDate(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE }).format(new Date());
}
