import { z } from 'zod';
import { IsoDate } from './dates.js';
import { plainName } from './text.js';
import { ISO_WEEKDAYS } from './working-days.js';

/** Years the working-day calendar can be read and edited for. */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;

/** The most working days one due-date computation may span (about four years). */
export const MAX_WORKING_DAYS = 1000;

export const CALENDAR_DAY_KINDS = ['holiday', 'working_day'] as const;
/** holiday: public holiday or compensatory day off (nghỉ lễ, nghỉ bù); working_day: weekend day worked (làm bù). */
export const CalendarDayKind = z.enum(CALENDAR_DAY_KINDS);
export type CalendarDayKind = z.infer<typeof CalendarDayKind>;

/** An ISO weekday, 1 = Monday (thứ Hai) … 7 = Sunday (Chủ nhật). */
export const IsoWeekdayNumber = z.union(ISO_WEEKDAYS.map((day) => z.literal(day)));

/** A date the calendar accepts: a real `YYYY-MM-DD` in the years 2000-2100. */
export const CalendarDate = IsoDate.refine(
  (date) => Number(date.slice(0, 4)) >= CALENDAR_MIN_YEAR && Number(date.slice(0, 4)) <= CALENDAR_MAX_YEAR,
  { message: 'calendarDateRange' },
);

export const CalendarYearParam = z.coerce.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR);

export const CalendarDay = z.object({
  date: IsoDate,
  kind: CalendarDayKind,
  name: z.string(),
  /**
   * Whether the entry changes anything under the current weekly pattern: false
   * for a holiday on a weekend day or a "working day" on a weekday, which can
   * happen after the weekly pattern is changed.
   */
  isEffective: z.boolean(),
  updatedAt: z.iso.datetime(),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const CALENDAR_ACTIONS = ['changeDays', 'changeWeekend', 'loadDefaults'] as const;

/** One year of the calendar: its exceptions, the weekly pattern, and what the reader may change. */
export const CalendarYear = z.object({
  year: z.number().int(),
  weekendDays: z.array(IsoWeekdayNumber),
  days: z.array(CalendarDay),
  /** Whether built-in Vietnamese defaults exist for this year. */
  hasDefaults: z.boolean(),
  allowedActions: z.array(z.enum(CALENDAR_ACTIONS)),
});
export type CalendarYear = z.infer<typeof CalendarYear>;

export const CalendarDateParams = z.strictObject({ date: CalendarDate });
export type CalendarDateParams = z.infer<typeof CalendarDateParams>;

export const CalendarYearParams = z.strictObject({ year: CalendarYearParam });
export type CalendarYearParams = z.infer<typeof CalendarYearParams>;

/** Adds or changes the exception on one date. */
export const PutCalendarDayBody = z.strictObject({
  kind: CalendarDayKind,
  name: plainName(200),
});
export type PutCalendarDayBody = z.infer<typeof PutCalendarDayBody>;

export const PutWeekendBody = z.strictObject({
  weekendDays: z
    .array(IsoWeekdayNumber)
    .max(6, { message: 'calendarWeekendAllDays' })
    .refine((days) => new Set(days).size === days.length, { message: 'calendarWeekendDuplicate' }),
});
export type PutWeekendBody = z.infer<typeof PutWeekendBody>;

export const CalendarWeekend = z.object({ weekendDays: z.array(IsoWeekdayNumber) });
export type CalendarWeekend = z.infer<typeof CalendarWeekend>;

export const CalendarDefaultsResult = z.object({
  year: z.number().int(),
  /** Entries written now. */
  added: z.array(CalendarDay),
  /** Defaults not written because the date already had an entry, which was kept as it is. */
  skipped: z.array(z.object({ date: IsoDate, kind: CalendarDayKind, name: z.string() })),
});
export type CalendarDefaultsResult = z.infer<typeof CalendarDefaultsResult>;

export const DueDateQuery = z.strictObject({
  from: CalendarDate,
  workingDays: z.coerce.number().int().min(0).max(MAX_WORKING_DAYS),
});
export type DueDateQuery = z.infer<typeof DueDateQuery>;

export const DueDate = z.object({
  from: IsoDate,
  workingDays: z.number().int(),
  /** The workingDays-th working day after `from` (from itself not counted; for 0, from or the next working day). */
  dueDate: IsoDate,
  /** The last working day before the due date, unless that is before `from`: the day a step is flagged as about to be late. */
  warningDate: IsoDate.nullable(),
  /** Years in the span with no holiday entered: the result ignores their holidays and may be too early. */
  yearsWithoutHolidays: z.array(z.number().int()),
});
export type DueDate = z.infer<typeof DueDate>;
