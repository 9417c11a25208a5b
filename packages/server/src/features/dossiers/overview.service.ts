import { count, countDistinct, eq, sql } from 'drizzle-orm';
import { localDate, nextWorkingDay, type Overview, type OverviewGroupPage, type OverviewGroupQuery } from '@nghiemthu/shared';
import type { Db } from '../../db/client.js';
import { agencies, dossiers, orders } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../auth/actor.js';
import type { DossierAccessService } from './dossier-access.js';
import type { DossierDeadlines } from './dossier-deadlines.js';

const LIVE = sql`${dossiers.state} not in ('paid', 'rejected', 'withdrawn')`;
const ACCEPTED = sql`${dossiers.state} in ('approved', 'minutes_issued', 'paid')`;

/**
 * The leader's overview: counts by state, due soon and overdue, and the
 * dossiers grouped by provider or by order, every figure within the reader's
 * reach and a way into the list of dossiers behind it.
 */
export function createOverviewService(deps: { db: Db; clock: Clock; access: DossierAccessService; deadlines: DossierDeadlines }) {
  const { db, clock, access, deadlines } = deps;

  async function deadlineWindow() {
    const today = localDate(clock.now());
    const cal = await deadlines.calendarAround(clock.now());
    return { today, soon: nextWorkingDay(today, cal) };
  }

  const overdueCount = (today: string) => sql<number>`count(*) filter (where ${LIVE} and ${dossiers.state} <> 'draft' and ${dossiers.stepDueDate} < ${today})`;

  async function overview(actor: Actor): Promise<Overview> {
    const visible = await access.visibility(actor);
    const { today, soon } = await deadlineWindow();
    const dueSoon = sql<number>`count(*) filter (where ${LIVE} and ${dossiers.state} <> 'draft' and ${dossiers.stepDueDate} between ${today} and ${soon})`;
    const byState = await db.select({ state: dossiers.state, n: count() }).from(dossiers).where(visible).groupBy(dossiers.state);
    const [totals] = await db.select({ dueSoon, overdue: overdueCount(today) }).from(dossiers).where(visible);
    return {
      byState: byState.map((s) => ({ state: s.state, count: s.n })),
      dueSoon: Number(totals?.dueSoon ?? 0),
      overdue: Number(totals?.overdue ?? 0),
    };
  }

  /** One page of dossiers grouped by provider or by order, sorted by any figure; ties fall back to the code. */
  async function groups(actor: Actor, by: 'provider' | 'order', query: OverviewGroupQuery): Promise<OverviewGroupPage> {
    const visible = await access.visibility(actor);
    const { today } = await deadlineWindow();
    const figures = {
      open: sql<number>`count(*) filter (where ${LIVE})`,
      overdue: overdueCount(today),
      accepted: sql<string>`coalesce(sum(${dossiers.acceptedValue}) filter (where ${ACCEPTED}), 0)`,
    };
    const direction = sql.raw(query.order === 'asc' ? 'asc' : 'desc');
    const sortBy = (value: unknown, code: unknown) => {
      const column = { open: figures.open, overdue: figures.overdue, accepted: figures.accepted, value, code }[query.sort];
      return [sql`${column} ${direction}`, sql`${code} asc`];
    };
    const offset = (query.page - 1) * query.pageSize;

    if (by === 'provider') {
      const value = sql<string>`coalesce(sum(${dossiers.plannedValue}), 0)`;
      const [total] = await db.select({ n: countDistinct(dossiers.providerAgencyId) }).from(dossiers).where(visible);
      const rows = await db.select({ id: agencies.id, code: agencies.code, name: agencies.name, ...figures, value })
        .from(dossiers).innerJoin(agencies, eq(agencies.id, dossiers.providerAgencyId)).where(visible)
        .groupBy(agencies.id).orderBy(...sortBy(value, agencies.code)).limit(query.pageSize).offset(offset);
      return { items: rows.map(present), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
    }
    const [total] = await db.select({ n: countDistinct(dossiers.orderId) }).from(dossiers).where(visible);
    const rows = await db.select({ id: orders.id, code: orders.code, name: orders.title, ...figures, value: orders.totalValue })
      .from(dossiers).innerJoin(orders, eq(orders.id, dossiers.orderId)).where(visible)
      .groupBy(orders.id).orderBy(...sortBy(orders.totalValue, orders.code)).limit(query.pageSize).offset(offset);
    return { items: rows.map(present), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  // PostgreSQL returns counts and sums of bigint as strings.
  function present(row: { id: string; code: string; name: string; open: number; overdue: number; accepted: string; value: string | number }) {
    return { id: row.id, code: row.code, name: row.name, open: Number(row.open), overdue: Number(row.overdue), value: Number(row.value), acceptedValue: Number(row.accepted) };
  }

  return { overview, groups };
}

export type OverviewService = ReturnType<typeof createOverviewService>;
