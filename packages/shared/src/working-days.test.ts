import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  createWorkingCalendar,
  DEFAULT_WEEKEND_DAYS,
  isIsoDate,
  isoWeekday,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  workingDaysBetween,
  type CalendarException,
} from './working-days.js';

const holiday = (date: string): CalendarException => ({ date, kind: 'holiday' });
const workingDay = (date: string): CalendarException => ({ date, kind: 'working_day' });

/** The 2026 weekday holidays as the defaults load them (Tết Bính Ngọ 16-20/2, Hùng Kings' day off moved from Sunday 26/4). */
const HOLIDAYS_2026 = [
  '2026-01-01',
  '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
  '2026-04-27', '2026-04-30', '2026-05-01',
  '2026-09-01', '2026-09-02',
].map(holiday);

const cal2026 = createWorkingCalendar(DEFAULT_WEEKEND_DAYS, HOLIDAYS_2026);

describe('dates and weekdays', () => {
  it('numbers weekdays as ISO 8601 does, before and after 1970', () => {
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-31')).toBe(3);
    expect(isoWeekday('2026-02-17')).toBe(2); // Tết Bính Ngọ, a Tuesday
    expect(isoWeekday('2026-04-26')).toBe(7); // Hùng Kings' day 2026, a Sunday
    expect(isoWeekday('2024-02-29')).toBe(4);
  });

  it('adds calendar days across months, leap days and years', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it.each(['2025-02-29', '2025-2-01', '2025-13-01', '2025-04-31', '20250101', '', '0099-01-01'])('refuses %j', (date) => {
    expect(isIsoDate(date)).toBe(false);
    expect(() => isWorkingDay(date, cal2026)).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  const swap = createWorkingCalendar(DEFAULT_WEEKEND_DAYS, [holiday('2026-01-02'), workingDay('2026-01-10'), holiday('2026-04-26')]);

  it('follows the weekly pattern when there is no exception', () => {
    expect(isWorkingDay('2026-01-08', swap)).toBe(true); // Thursday
    expect(isWorkingDay('2026-01-17', swap)).toBe(false); // Saturday
    expect(isWorkingDay('2026-01-18', swap)).toBe(false); // Sunday
  });

  it('takes a holiday off and works a Saturday declared a working day', () => {
    expect(isWorkingDay('2026-01-02', swap)).toBe(false);
    expect(isWorkingDay('2026-01-10', swap)).toBe(true);
  });

  it('keeps a holiday falling on a weekend a day off, without making any other day one', () => {
    expect(isWorkingDay('2026-04-26', swap)).toBe(false);
    expect(isWorkingDay('2026-04-27', swap)).toBe(true); // the compensatory day is a separate entry
  });

  it('lets a holiday win over a working-day declaration of the same date', () => {
    const both = createWorkingCalendar(DEFAULT_WEEKEND_DAYS, [holiday('2026-01-10'), workingDay('2026-01-10')]);
    expect(isWorkingDay('2026-01-10', both)).toBe(false);
  });

  it('uses the weekly pattern it is given', () => {
    const sundayOnly = createWorkingCalendar([7]);
    expect(isWorkingDay('2026-01-17', sundayOnly)).toBe(true);
    expect(isWorkingDay('2026-01-18', sundayOnly)).toBe(false);
  });
});

describe('addWorkingDays (start day not counted)', () => {
  it('counts from the next day and skips weekends', () => {
    expect(addWorkingDays('2026-01-05', 5, cal2026)).toBe('2026-01-12'); // Monday + 5 = next Monday
    expect(addWorkingDays('2026-01-09', 1, cal2026)).toBe('2026-01-12'); // Friday + 1 = Monday
    expect(addWorkingDays('2026-01-10', 5, cal2026)).toBe('2026-01-16'); // received Saturday: Mon..Fri
    expect(addWorkingDays('2026-01-05', 10, cal2026)).toBe('2026-01-19');
  });

  it('returns the start for n = 0 on a working day, else the next working day', () => {
    expect(addWorkingDays('2026-01-07', 0, cal2026)).toBe('2026-01-07');
    expect(addWorkingDays('2026-01-10', 0, cal2026)).toBe('2026-01-12');
    expect(addWorkingDays('2026-02-17', 0, cal2026)).toBe('2026-02-23');
  });

  it('jumps over the five days of Tết and the weekends around them', () => {
    expect(addWorkingDays('2026-02-13', 1, cal2026)).toBe('2026-02-23');
    expect(addWorkingDays('2026-02-11', 5, cal2026)).toBe('2026-02-25'); // 12, 13, 23, 24, 25
    expect(addWorkingDays('2026-02-18', 1, cal2026)).toBe('2026-02-23'); // received during Tết
    expect(addWorkingDays('2026-02-02', 15, cal2026)).toBe('2026-03-02');
  });

  it('skips a compensatory day off after a holiday that fell on a Sunday', () => {
    expect(addWorkingDays('2026-04-24', 1, cal2026)).toBe('2026-04-28');
    // 28, 29, then 30/4 and 1/5 off, weekend, Mon 4/5 and Tue 5/5.
    expect(addWorkingDays('2026-04-24', 4, cal2026)).toBe('2026-05-05');
  });

  it('counts a Saturday declared a working day', () => {
    // A swap like those announced each year: Friday 2/1 off, worked back on Saturday 10/1.
    const swap = createWorkingCalendar(DEFAULT_WEEKEND_DAYS, [holiday('2026-01-01'), holiday('2026-01-02'), workingDay('2026-01-10')]);
    expect(addWorkingDays('2025-12-31', 1, swap)).toBe('2026-01-05');
    expect(addWorkingDays('2025-12-31', 5, swap)).toBe('2026-01-09');
    expect(addWorkingDays('2025-12-31', 6, swap)).toBe('2026-01-10');
    expect(addWorkingDays('2025-12-31', 7, swap)).toBe('2026-01-12');
    expect(workingDaysBetween('2026-01-09', '2026-01-12', swap)).toBe(2);
  });

  it('crosses the year boundary and New Year', () => {
    expect(addWorkingDays('2025-12-31', 1, cal2026)).toBe('2026-01-02');
    expect(addWorkingDays('2025-12-26', 3, cal2026)).toBe('2025-12-31');
    expect(addWorkingDays('2025-12-26', 4, cal2026)).toBe('2026-01-02');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2026-01-05', -1, cal2026)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-01-05', 1.5, cal2026)).toThrow(RangeError);
  });

  it('stops with an error, not an endless loop, on a calendar without working days', () => {
    expect(() => addWorkingDays('2026-01-05', 1, createWorkingCalendar([1, 2, 3, 4, 5, 6, 7]))).toThrow(RangeError);
    const blocked = createWorkingCalendar([6, 7], Array.from({ length: 30 }, (_, i) => holiday(addCalendarDays('2026-01-05', i))));
    expect(addWorkingDays('2026-01-05', 1, blocked)).toBe('2026-02-04');
  });
});

describe('workingDaysBetween ((from, to]: from not counted, to counted)', () => {
  it('counts nothing for the same day and one over a weekend', () => {
    expect(workingDaysBetween('2026-01-07', '2026-01-07', cal2026)).toBe(0);
    expect(workingDaysBetween('2026-01-09', '2026-01-12', cal2026)).toBe(1);
    expect(workingDaysBetween('2026-01-10', '2026-01-11', cal2026)).toBe(0);
  });

  it('counts a pause over Tết as the working days it really took', () => {
    expect(workingDaysBetween('2026-02-13', '2026-02-23', cal2026)).toBe(1);
    expect(workingDaysBetween('2026-02-10', '2026-02-24', cal2026)).toBe(5);
  });

  it('is negative when to is before from', () => {
    expect(workingDaysBetween('2026-01-12', '2026-01-05', cal2026)).toBe(-5);
  });

  it('gives 250 working days in 2026 and 249 in 2025 with their weekday holidays', () => {
    expect(workingDaysBetween('2025-12-31', '2026-12-31', cal2026)).toBe(250);
    const cal2025 = createWorkingCalendar(DEFAULT_WEEKEND_DAYS, [
      '2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
      '2025-04-07', '2025-04-30', '2025-05-01', '2025-09-01', '2025-09-02',
    ].map(holiday));
    // 365 days - 104 weekend days - 11 weekday holidays.
    expect(workingDaysBetween('2024-12-31', '2025-12-31', cal2025)).toBe(250);
  });

  it('is the inverse of addWorkingDays for every start in 2026 and counts up to 60', () => {
    for (let start = '2025-12-20'; start <= '2027-01-10'; start = addCalendarDays(start, 1)) {
      for (let n = 1; n <= 60; n += 7) {
        const due = addWorkingDays(start, n, cal2026);
        expect(isWorkingDay(due, cal2026)).toBe(true);
        expect(workingDaysBetween(start, due, cal2026)).toBe(n);
        // and the day before the due date has not yet reached it
        expect(workingDaysBetween(start, addCalendarDays(due, -1), cal2026)).toBe(n - 1);
      }
    }
  });
});

describe('previousWorkingDay and nextWorkingDay', () => {
  it('warns on the last working day before the due date', () => {
    expect(previousWorkingDay('2026-01-13', cal2026)).toBe('2026-01-12');
    expect(previousWorkingDay('2026-01-12', cal2026)).toBe('2026-01-09'); // over a weekend
    expect(previousWorkingDay('2026-02-23', cal2026)).toBe('2026-02-13'); // over Tết
    expect(previousWorkingDay('2026-01-02', cal2026)).toBe('2025-12-31'); // over New Year into the old year
    expect(previousWorkingDay('2026-04-28', cal2026)).toBe('2026-04-24'); // over a compensatory day
  });

  it('finds the next working day strictly after a date', () => {
    expect(nextWorkingDay('2026-01-07', cal2026)).toBe('2026-01-08');
    expect(nextWorkingDay('2026-12-31', cal2026)).toBe('2027-01-01'); // 2027 holidays are not in this calendar
  });
});
