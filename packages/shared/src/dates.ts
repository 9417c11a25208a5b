import { z } from 'zod';

/** A calendar date as `YYYY-MM-DD` (valid-from/valid-to, issue dates); never a time. */
export const IsoDate = z.iso.date();

export const DISPLAY_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: DISPLAY_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: DISPLAY_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** dd/MM/yyyy in Asia/Ho_Chi_Minh, for an instant (ISO string or Date). */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  return dateParts.format(new Date(value));
}

const minuteParts = new Intl.DateTimeFormat('en-GB', { timeZone: DISPLAY_TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });

/** HH:mm dd/MM/yyyy in Asia/Ho_Chi_Minh, for times people choose (a delegation's period, a meeting). */
export function formatDateTimeMinutes(value: string | Date): string {
  const instant = new Date(value);
  return `${minuteParts.format(instant)} ${dateParts.format(instant)}`;
}

/** HH:mm:ss dd/MM/yyyy in Asia/Ho_Chi_Minh: the way Vietnamese documents write times. */
export function formatDateTime(value: string | Date): string {
  const instant = new Date(value);
  return `${timeParts.format(instant)} ${dateParts.format(instant)}`;
}
