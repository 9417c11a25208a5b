/** Calendar arithmetic on `YYYY-MM-DD` strings, in UTC so no time zone shifts a day. */
export function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
