import {
  formatDate,
  isoWeekday,
  isWorkingDay,
  nextWorkingDay,
  translate,
  type IsoWeekday,
  type WorkingCalendar,
} from '@nghiemthu/shared';

/**
 * Default Vietnamese public holidays, to load into the working-day calendar.
 *
 * THESE ARE DEFAULTS, NOT THE LAW OF ANY GIVEN YEAR. Each year the Prime
 * Minister fixes the Tết and National Day days and the Ministry of Home Affairs
 * (formerly Labour, Invalids and Social Affairs) announces them for civil
 * servants, often with swaps ("hoán đổi", a weekday off worked back on a
 * Saturday). A system administrator must check what is loaded against that
 * year's official announcement and add the swaps; that is why the calendar is
 * editable and why swaps are never loaded here.
 *
 * The rules applied (Labour Code 2019, No. 45/2019/QH14):
 * - Art. 112(1): New Year's Day 1/1; Tết Nguyên Đán, 5 days; Hùng Kings'
 *   Commemoration, 10th day of the 3rd lunar month; Reunification (Victory)
 *   Day 30/4; International Labour Day 1/5; National Day 2/9 plus one day
 *   before or after it. (Art. 112(3): the Prime Minister decides the specific
 *   Tết and National Day days each year.)
 * - Art. 111(3): a holiday falling on a weekly day off is compensated by a day
 *   off on the next working day. Only that compensatory day is stored: the
 *   calendar records exceptions to the weekly pattern, and the weekend day is
 *   off anyway.
 *
 * Lunar dates cannot be computed by a simple rule, so each year is a row below.
 */

type YearFacts = {
  /** Name of the lunar year beginning at this Tết. */
  lunarYear: string;
  /** The five Tết days, as calendar days (a day on a weekly day off is compensated). */
  tet: readonly [string, string, string, string, string];
  /** 10th day of the 3rd lunar month. */
  hungKings: string;
  /** The second National Day holiday, 1/9 or 3/9. */
  nationalDaySecond: string;
};

const YEARS: Readonly<Record<number, YearFacts>> = {
  // Lunar new year Wed 29/1/2025. Tết days 27-31/1 as announced for civil servants
  // (break Sat 25/1 - Sun 2/2: 5 Tết days and 4 weekend days). Hùng Kings Mon 7/4.
  // National Day Tue 2/9 with Mon 1/9, as decided for 2025.
  2025: {
    lunarYear: 'Ất Tỵ',
    tet: ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
    hungKings: '2025-04-07',
    nationalDaySecond: '2025-09-01',
  },
  // Lunar new year Tue 17/2/2026. Tết days Mon 16 - Fri 20/2 (a 9-day break Sat 14/2 -
  // Sun 22/2 was announced for civil servants). Hùng Kings falls on Sunday 26/4: Monday
  // 27/4 is the compensatory day off. National Day is a Wednesday, so neither neighbour
  // joins a weekend: 1/9 is our guess, and the swaps announced for 2026 must be added.
  2026: {
    lunarYear: 'Bính Ngọ',
    tet: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
    hungKings: '2026-04-26',
    nationalDaySecond: '2026-09-01',
  },
  // Lunar new year Sat 6/2/2027, not yet announced: the usual last day of the old year
  // and the first four of the new (Fri 5 - Tue 9/2); Sat 6 and Sun 7 are compensated on
  // Wed 10 and Thu 11/2. Hùng Kings Fri 16/4. 1/5 is a Saturday: Monday 3/5 off.
  // National Day Thu 2/9 with Fri 3/9, which joins the weekend.
  2027: {
    lunarYear: 'Đinh Mùi',
    tet: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'],
    hungKings: '2027-04-16',
    nationalDaySecond: '2027-09-03',
  },
};

/** Years with built-in defaults. */
export const DEFAULT_HOLIDAY_YEARS: readonly number[] = Object.keys(YEARS).map(Number);

export function hasDefaultHolidays(year: number): boolean {
  return year in YEARS;
}

export type DefaultDay = { date: string; kind: 'holiday'; name: string };

/** The statutory holidays of a year (Art. 112(1)), weekends included, in date order. */
export function statutoryHolidays(year: number): DefaultDay[] {
  const facts = YEARS[year];
  if (!facts) return [];
  const day = (date: string, name: string): DefaultDay => ({ date, kind: 'holiday', name });
  const days = [
    day(`${year}-01-01`, 'Tết Dương lịch'),
    ...facts.tet.map((date) => day(date, `Tết Nguyên đán ${facts.lunarYear}`)),
    day(facts.hungKings, 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'),
    day(`${year}-04-30`, 'Ngày Chiến thắng (30/4)'),
    day(`${year}-05-01`, 'Ngày Quốc tế lao động (1/5)'),
    day(`${year}-09-02`, 'Quốc khánh (2/9)'),
    day(facts.nationalDaySecond, `Quốc khánh (nghỉ ngày ${Number(facts.nationalDaySecond.slice(8))}/9)`),
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The entries the defaults of `year` consist of under the weekly pattern
 * `weekendDays`: the statutory days that are working days, and for each
 * statutory day on a weekly day off a compensatory day off on the next
 * working day not already a holiday. The result depends on nothing stored,
 * so loading it twice adds nothing the second time; the caller keeps any
 * entry already made on one of these dates.
 */
export function defaultHolidays(year: number, weekendDays: readonly IsoWeekday[]): DefaultDay[] {
  const holidays = new Set<string>();
  const calendar: WorkingCalendar = { weekendDays: new Set(weekendDays), holidays, workingDates: new Set() };
  const days: DefaultDay[] = [];
  const onDayOff: DefaultDay[] = [];
  // All statutory days first, so that a compensatory day never lands on a later holiday (Tết 2027).
  for (const day of statutoryHolidays(year)) {
    if (isWorkingDay(day.date, calendar)) {
      days.push(day);
      holidays.add(day.date);
    } else onDayOff.push(day);
  }
  for (const day of onDayOff) {
    const date = nextWorkingDay(day.date, calendar);
    const weekday = translate('vi', `weekday${isoWeekday(day.date)}`);
    const holidayName = day.name.replace(/ \(.*\)$/, ''); // "Giỗ Tổ Hùng Vương (10/3 âm lịch)" → "Giỗ Tổ Hùng Vương"
    days.push({ date, kind: 'holiday', name: `Nghỉ bù ${holidayName} (${formatDate(day.date)} trùng ${weekday})` });
    holidays.add(date);
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
