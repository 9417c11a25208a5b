/**
 * Working days (ngày làm việc): the unit every deadline of the acceptance
 * workflow is counted in. Pure rules on `YYYY-MM-DD` strings; all arithmetic
 * is on whole UTC days, so no time zone or daylight-saving rule can shift a day.
 *
 * A day is a working day unless it is a holiday; a day declared a working day
 * ("làm bù") is one even on a weekend; otherwise the weekly pattern decides.
 *
 * Weekdays are numbered as in ISO 8601: 1 = Monday (thứ Hai) … 6 = Saturday
 * (thứ Bảy), 7 = Sunday (Chủ nhật). The stored weekly pattern uses the same numbers.
 */

export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type IsoWeekday = (typeof ISO_WEEKDAYS)[number];

/** Saturday and Sunday: the 40-hour, five-day week of state agencies (Decision 188/1999/QĐ-TTg). */
export const DEFAULT_WEEKEND_DAYS: readonly IsoWeekday[] = [6, 7];

/** The calendar every count is made with: the weekly pattern plus its exceptions. */
export type WorkingCalendar = {
  /** Weekdays that are not worked, ISO numbered. */
  readonly weekendDays: ReadonlySet<IsoWeekday>;
  /** Public holidays and compensatory days off. A date listed here is never a working day. */
  readonly holidays: ReadonlySet<string>;
  /** Weekend days declared working days (làm bù). */
  readonly workingDates: ReadonlySet<string>;
};

export type CalendarException = { date: string; kind: 'holiday' | 'working_day' };

export function createWorkingCalendar(
  weekendDays: readonly IsoWeekday[],
  exceptions: readonly CalendarException[] = [],
): WorkingCalendar {
  for (const exception of exceptions) toDayNumber(exception.date);
  return {
    weekendDays: new Set(weekendDays),
    holidays: new Set(exceptions.filter((e) => e.kind === 'holiday').map((e) => e.date)),
    workingDates: new Set(exceptions.filter((e) => e.kind === 'working_day').map((e) => e.date)),
  };
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a real calendar date; throws RangeError on anything else. */
function toDayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (match) {
    const [, y, m, d] = match.map(Number) as [number, number, number, number];
    const ms = Date.UTC(y, m - 1, d);
    // Date.UTC rolls 2025-02-30 over to March and maps years 0-99 to 1900-1999: compare back to refuse both.
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d) return ms / MS_PER_DAY;
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
}

function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function weekdayOf(day: number): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((day + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

export function isIsoDate(value: string): boolean {
  try {
    toDayNumber(value);
    return true;
  } catch {
    return false;
  }
}

/** The ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): IsoWeekday {
  return weekdayOf(toDayNumber(date));
}

/** The date `days` calendar days after (or, negative, before) `date`. */
export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whether the weekly pattern alone makes the date a day off, whatever the exceptions say. */
export function isWeekend(date: string, calendar: WorkingCalendar): boolean {
  return calendar.weekendDays.has(isoWeekday(date));
}

function isWorkingDayNumber(day: number, calendar: WorkingCalendar): boolean {
  const date = fromDayNumber(day);
  if (calendar.holidays.has(date)) return false;
  if (calendar.workingDates.has(date)) return true;
  return !calendar.weekendDays.has(weekdayOf(day));
}

/** A holiday is never worked; a declared working day is; otherwise the weekly pattern decides. */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  return isWorkingDayNumber(toDayNumber(date), calendar);
}

/**
 * How far a search for working days may run before the calendar is declared
 * unable to give them (every weekday a weekend, or holidays without end).
 * In any seven days at least one is not a weekend day, so `needed` working days
 * are found within 7 × (needed + holidays) days when the calendar can give them.
 */
function searchLimit(calendar: WorkingCalendar, needed: number): number {
  if (calendar.weekendDays.size >= 7 && calendar.workingDates.size === 0) {
    throw new RangeError('the calendar has no working days: every weekday is a weekend day');
  }
  return 7 * (needed + calendar.holidays.size + calendar.workingDates.size + 1);
}

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a number of working days must be a whole number ≥ 0: ${n}`);
}

/**
 * The due date of something given `n` working days from `start`.
 *
 * Convention (Civil Code 2015, Art. 147-148, as one-stop procedures apply it):
 * the start day itself is not counted; counting begins the next day, and the
 * result is the n-th working day after `start`, so 5 working days from a
 * Monday is the next Monday, and from a Saturday the following Friday.
 * With n = 0 the due date is `start` when that is a working day, otherwise the
 * next working day (a period never ends on a day off).
 */
export function addWorkingDays(start: string, n: number, calendar: WorkingCalendar): string {
  checkCount(n);
  const first = toDayNumber(start);
  const limit = first + searchLimit(calendar, n);
  if (n === 0) {
    for (let day = first; day <= limit; day++) if (isWorkingDayNumber(day, calendar)) return fromDayNumber(day);
  } else {
    let counted = 0;
    for (let day = first + 1; day <= limit; day++) {
      if (isWorkingDayNumber(day, calendar) && ++counted === n) return fromDayNumber(day);
    }
  }
  throw new RangeError(`no working day found within ${limit - first} days after ${start}`);
}

/**
 * Working days in the half-open span (from, to]: `from` is not counted, `to`
 * is. It is the inverse of addWorkingDays (for n ≥ 1,
 * workingDaysBetween(s, addWorkingDays(s, n)) = n) and measures elapsed time:
 * a step received on `from` has used workingDaysBetween(from, today) of its
 * allowance by the end of today. A supplement pause from p to q lasts
 * workingDaysBetween(p, q) working days, by which the due date moves.
 * When `to` is before `from` the result is negative (minus the count over (to, from]).
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  if (b < a) return -workingDaysBetween(to, from, calendar);
  let count = 0;
  for (let day = a + 1; day <= b; day++) if (isWorkingDayNumber(day, calendar)) count++;
  return count;
}

/**
 * The last working day strictly before `date`: the day a step due on `date`
 * is flagged as about to be late ("cảnh báo trước một ngày làm việc").
 */
export function previousWorkingDay(date: string, calendar: WorkingCalendar): string {
  const last = toDayNumber(date);
  const limit = last - searchLimit(calendar, 1);
  for (let day = last - 1; day >= limit; day--) if (isWorkingDayNumber(day, calendar)) return fromDayNumber(day);
  throw new RangeError(`no working day found within ${last - limit} days before ${date}`);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: string, calendar: WorkingCalendar): string {
  return addWorkingDays(date, 1, calendar);
}
