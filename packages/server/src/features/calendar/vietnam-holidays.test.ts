import { isoWeekday } from '@nghiemthu/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLIDAY_YEARS, defaultHolidays, statutoryHolidays } from './vietnam-holidays.js';

const SAT_SUN = [6, 7] as const;
const dates = (year: number) => defaultHolidays(year, SAT_SUN).map((day) => day.date);

describe('default Vietnamese public holidays', () => {
  it('has the eleven statutory days of Art. 112(1) for every year it knows', () => {
    expect(DEFAULT_HOLIDAY_YEARS).toEqual([2025, 2026, 2027]);
    for (const year of DEFAULT_HOLIDAY_YEARS) expect(statutoryHolidays(year)).toHaveLength(11);
    expect(statutoryHolidays(2030)).toEqual([]);
  });

  it('puts 2025 Tết on 27-31 January as announced, with no compensatory day needed', () => {
    expect(dates(2025)).toEqual([
      '2025-01-01',
      '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
      '2025-04-07', '2025-04-30', '2025-05-01', '2025-09-01', '2025-09-02',
    ]);
  });

  it('gives Monday 27/4/2026 off for Hùng Kings’ day falling on Sunday 26/4', () => {
    const add = defaultHolidays(2026, SAT_SUN);
    expect(add.map((day) => day.date)).toEqual([
      '2026-01-01',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02',
    ]);
    expect(add.find((day) => day.date === '2026-04-27')?.name).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026 trùng Chủ nhật)');
    expect(add.find((day) => day.date === '2026-02-17')?.name).toBe('Tết Nguyên đán Bính Ngọ');
  });

  it('moves 2027 Tết days on the weekend past the remaining Tết days, and Saturday 1/5 to Monday', () => {
    expect(dates(2027)).toEqual([
      '2027-01-01',
      '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11',
      '2027-04-16', '2027-04-30', '2027-05-03', '2027-09-02', '2027-09-03',
    ]);
    expect(defaultHolidays(2027, SAT_SUN).find((day) => day.date === '2027-05-03')?.name).toBe(
      'Nghỉ bù Ngày Quốc tế lao động (01/05/2027 trùng thứ Bảy)',
    );
  });

  it('always gives eleven weekday days off and never stores a weekend day', () => {
    for (const year of DEFAULT_HOLIDAY_YEARS) {
      const added = dates(year);
      expect(added).toHaveLength(11);
      expect(added.every((date) => isoWeekday(date) <= 5)).toBe(true);
    }
  });

  it('follows the weekly pattern it is given', () => {
    // With only Sunday off, Saturday 1/5/2027 is a working day and is itself the holiday.
    const sundayOnly = defaultHolidays(2027, [7]).map((day) => day.date);
    expect(sundayOnly).toContain('2027-05-01');
    expect(sundayOnly).toContain('2027-02-06');
    expect(sundayOnly).not.toContain('2027-05-03');
  });
});
