import { and, asc, eq, gte, lte } from 'drizzle-orm';
import {
  addWorkingDays as addWorkingDaysOn,
  createWorkingCalendar,
  DEFAULT_WEEKEND_DAYS,
  formatDate,
  isoWeekday,
  previousWorkingDay,
  PutWeekendBody,
  type CalendarDay,
  type CalendarDefaultsResult,
  type CalendarWeekend,
  type CalendarYear,
  type DueDate,
  type DueDateQuery,
  type IsoWeekday,
  type PutCalendarDayBody,
  type WorkingCalendar,
} from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { calendarDays } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, forbidden, invalid } from '../../lib/errors.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import type { SettingsService } from '../settings/settings.service.js';
import { allowedCalendarActions, canChangeCalendar } from './calendar.policy.js';
import { DEFAULT_HOLIDAY_YEARS, defaultHolidays, hasDefaultHolidays } from './vietnam-holidays.js';

/** Settings key of the weekly pattern: an array of ISO weekdays (1 = Monday … 7 = Sunday), default [6, 7]. */
export const WEEKEND_DAYS_KEY = 'calendar.weekendDays';

type CalendarDayRow = typeof calendarDays.$inferSelect;

export type CalendarDeps = { db: Db; clock: Clock; audit: AuditService; settings: SettingsService };

const notFoundDay = () => new AppError('NOT_FOUND', 'notFound', { thing: 'thingCalendarDay' });

/** What the audit log keeps of an entry. */
const snapshot = (row: Pick<CalendarDayRow, 'date' | 'kind' | 'name'>) => ({ date: row.date, kind: row.kind, name: row.name });

export function createCalendarService(deps: CalendarDeps) {
  const { db, clock, audit, settings } = deps;

  /** The weekly pattern as stored, Saturday and Sunday until an administrator changes it. */
  async function weekendDays(): Promise<IsoWeekday[]> {
    const stored = await settings.get<unknown>(WEEKEND_DAYS_KEY);
    if (stored === undefined) return [...DEFAULT_WEEKEND_DAYS];
    const parsed = PutWeekendBody.shape.weekendDays.safeParse(stored);
    // Only this service writes the setting; anything else is a damaged database, not a default to fall back on.
    if (!parsed.success) throw new Error(`setting ${WEEKEND_DAYS_KEY} holds an invalid value: ${JSON.stringify(stored)}`);
    return parsed.data;
  }

  function present(row: CalendarDayRow, weekend: readonly IsoWeekday[]): CalendarDay {
    const isWeekendDay = weekend.includes(isoWeekday(row.date));
    return {
      date: row.date,
      kind: row.kind,
      name: row.name,
      isEffective: row.kind === 'holiday' ? !isWeekendDay : isWeekendDay,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async function rowsBetween(from: string, to: string): Promise<CalendarDayRow[]> {
    return db
      .select()
      .from(calendarDays)
      .where(and(gte(calendarDays.date, from), lte(calendarDays.date, to)))
      .orderBy(asc(calendarDays.date));
  }

  async function getYear(actor: Actor, year: number): Promise<CalendarYear> {
    const [weekend, rows] = await Promise.all([weekendDays(), rowsBetween(`${year}-01-01`, `${year}-12-31`)]);
    const hasDefaults = hasDefaultHolidays(year);
    return {
      year,
      weekendDays: weekend,
      days: rows.map((row) => present(row, weekend)),
      hasDefaults,
      allowedActions: allowedCalendarActions(actor, { hasDefaults }),
    };
  }

  /**
   * The stored calendar for whole years, for counting many deadlines with one
   * query. Counting past `toYear` ignores later holidays: load enough years.
   */
  async function workingCalendar(fromYear: number, toYear: number): Promise<WorkingCalendar> {
    const [weekend, rows] = await Promise.all([weekendDays(), rowsBetween(`${fromYear}-01-01`, `${toYear}-12-31`)]);
    return createWorkingCalendar(weekend, rows);
  }

  /** Every entry from the year before `date` on: the table holds a few dozen rows a year. */
  async function calendarAround(date: string) {
    const fromYear = Number(date.slice(0, 4)) - 1;
    const [weekend, rows] = await Promise.all([
      weekendDays(),
      db.select().from(calendarDays).where(gte(calendarDays.date, `${fromYear}-01-01`)),
    ]);
    return { calendar: createWorkingCalendar(weekend, rows), rows };
  }

  /** The due date `n` working days after `from` on the stored calendar (see addWorkingDays in shared). */
  async function addWorkingDays(from: string, n: number): Promise<string> {
    const { calendar } = await calendarAround(from);
    return addWorkingDaysOn(from, n, calendar);
  }

  async function dueDate(query: DueDateQuery): Promise<DueDate> {
    const { calendar, rows } = await calendarAround(query.from);
    const due = addWorkingDaysOn(query.from, query.workingDays, calendar);
    const warning = previousWorkingDay(due, calendar);
    const yearsWithHolidays = new Set(rows.filter((row) => row.kind === 'holiday').map((row) => Number(row.date.slice(0, 4))));
    const yearsWithoutHolidays: number[] = [];
    for (let year = Number(query.from.slice(0, 4)); year <= Number(due.slice(0, 4)); year++) {
      if (!yearsWithHolidays.has(year)) yearsWithoutHolidays.push(year);
    }
    return {
      from: query.from,
      workingDays: query.workingDays,
      dueDate: due,
      warningDate: warning >= query.from ? warning : null,
      yearsWithoutHolidays,
    };
  }

  /**
   * An entry must change something under the weekly pattern: a holiday only on
   * a day otherwise worked, a working day only on a weekly day off. A holiday
   * falling on a weekend is entered as its compensatory day instead.
   */
  function checkAgainstWeekend(date: string, kind: CalendarDayRow['kind'], weekend: readonly IsoWeekday[]) {
    const weekday = isoWeekday(date);
    const isWeekendDay = weekend.includes(weekday);
    if (kind === 'holiday' && isWeekendDay) {
      throw invalid('validationFailed', {}, [
        { path: 'date', key: 'calendarHolidayOnWeekend', params: { date: formatDate(date), weekday: `weekday${weekday}` } },
      ]);
    }
    if (kind === 'working_day' && !isWeekendDay) {
      throw invalid('validationFailed', {}, [
        { path: 'date', key: 'calendarWorkingDayNotWeekend', params: { date: formatDate(date), weekday: `weekday${weekday}` } },
      ]);
    }
  }

  /** Adds or changes the entry of one date; an unchanged entry is returned without an audit event. */
  async function putDay(actor: Actor, date: string, body: PutCalendarDayBody, source: AuditSource): Promise<CalendarDay> {
    if (!canChangeCalendar(actor)) throw forbidden();
    return withTransaction(db, async (tx) => {
      const weekend = await weekendDays();
      checkAgainstWeekend(date, body.kind, weekend);
      const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.date, date)).for('update');
      const name = body.name.normalize('NFC');
      if (before && before.kind === body.kind && before.name === name) return present(before, weekend);
      const after: CalendarDayRow = { date, kind: body.kind, name, updatedAt: clock.now() };
      await tx
        .insert(calendarDays)
        .values(after)
        .onConflictDoUpdate({ target: calendarDays.date, set: { kind: after.kind, name: after.name, updatedAt: after.updatedAt } });
      await audit.record(tx, source, {
        action: before ? 'calendar.day_changed' : 'calendar.day_added',
        entityType: 'calendar_day',
        entityId: date,
        agencyId: null,
        before: before ? snapshot(before) : null,
        after: snapshot(after),
      });
      return present(after, weekend);
    });
  }

  async function deleteDay(actor: Actor, date: string, source: AuditSource): Promise<void> {
    if (!canChangeCalendar(actor)) throw forbidden();
    await withTransaction(db, async (tx) => {
      const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.date, date)).for('update');
      if (!before) throw notFoundDay();
      await tx.delete(calendarDays).where(eq(calendarDays.date, date));
      await audit.record(tx, source, {
        action: 'calendar.day_removed', entityType: 'calendar_day', entityId: date, agencyId: null, before: snapshot(before),
      });
    });
  }

  /**
   * Changes the weekly pattern. Entries it makes meaningless (a holiday now on
   * a weekend day, a working day now on a weekday) stay, harmless, and are
   * shown with isEffective = false so an administrator can tidy them.
   */
  async function setWeekend(actor: Actor, body: PutWeekendBody, source: AuditSource): Promise<CalendarWeekend> {
    if (!canChangeCalendar(actor)) throw forbidden();
    const next = [...body.weekendDays].sort((a, b) => a - b);
    return withTransaction(db, async (tx) => {
      const before = await weekendDays();
      if (before.length === next.length && before.every((day, i) => day === next[i])) return { weekendDays: before };
      await settings.put(tx, WEEKEND_DAYS_KEY, next);
      await audit.record(tx, source, {
        action: 'calendar.weekend_changed', entityType: 'setting', entityId: WEEKEND_DAYS_KEY, agencyId: null,
        before: { weekendDays: before }, after: { weekendDays: next },
      });
      return { weekendDays: next };
    });
  }

  /**
   * Loads the built-in Vietnamese defaults of a year (vietnam-holidays.ts),
   * never touching a date that already has an entry. Loading twice adds
   * nothing the second time and records no event; a default removed by hand
   * comes back if the defaults are loaded again.
   */
  async function loadDefaults(actor: Actor, year: number, source: AuditSource): Promise<CalendarDefaultsResult> {
    if (!canChangeCalendar(actor)) throw forbidden();
    if (!hasDefaultHolidays(year)) {
      throw invalid('calendarNoDefaults', { year, years: DEFAULT_HOLIDAY_YEARS.join(', ') });
    }
    return withTransaction(db, async (tx) => {
      const weekend = await weekendDays();
      const defaults = defaultHolidays(year, weekend);
      const now = clock.now();
      // A date that already has an entry keeps it, even one entered a moment ago by another administrator.
      const inserted = await tx
        .insert(calendarDays)
        .values(defaults.map((day) => ({ ...day, updatedAt: now })))
        .onConflictDoNothing({ target: calendarDays.date })
        .returning();
      const insertedDates = new Set(inserted.map((row) => row.date));
      if (inserted.length > 0) {
        await audit.record(tx, source, {
          action: 'calendar.defaults_loaded', entityType: 'calendar', entityId: String(year), agencyId: null,
          after: { year, weekendDays: weekend, added: inserted.map(snapshot) },
        });
      }
      return {
        year,
        added: inserted.sort((a, b) => a.date.localeCompare(b.date)).map((row) => present(row, weekend)),
        skipped: defaults.filter((day) => !insertedDates.has(day.date)),
      };
    });
  }

  return { weekendDays, getYear, workingCalendar, addWorkingDays, dueDate, putDay, deleteDay, setWeekend, loadDefaults };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
