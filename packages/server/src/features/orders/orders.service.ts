import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  OrderContent, advanceLimit, formatVnd, orderActionFromStates, orderTransition,
  type AmendOrderBody, type LiquidateOrderBody, type Order, type OrderAction, type OrderDetail, type OrderExportQuery, type OrderInput, type OrderListQuery,
  type OrderPage, type OrderStatus, type RecordPaymentBody, type OrderVersionDetail, type OrderVersionSummary, type SettleOrderBody, type Settlement,
} from '@nghiemthu/shared';
import { parseDecimal } from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { agencies, dossiers, orders, orderVersions, payments, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, forbidden, invalid, notFound } from '../../lib/errors.js';
import type { ScopeService } from '../agencies/agency-scope.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { hasRole, type Actor } from '../auth/actor.js';
import type { CatalogueServiceApi as CatalogueService } from '../catalogue/catalogue.service.js';
import type { DelegationsService } from '../delegations/delegations.service.js';
import type { NumberingService } from '../numbering/numbering.service.js';
import { orderCouncilOf } from '../councils/council-view.js';
import type { PaymentsService } from '../payments/payments.service.js';
import { buildOrderContent } from './orders-content.js';
import { allowedOrderActions, canCreateOrder, type OrderRelation } from './orders.policy.js';

type OrderRow = typeof orders.$inferSelect;
type AgencyRow = typeof agencies.$inferSelect;
const ordering = alias(agencies, 'ordering');
const provider = alias(agencies, 'provider');

/** Dossier states whose accepted value counts as accepted. */
export const ACCEPTED_DOSSIER_STATES = ['approved', 'minutes_issued', 'paid'] as const;

export type OrdersDeps = {
  db: Db;
  clock: Clock;
  audit: AuditService;
  scope: ScopeService;
  catalogue: CatalogueService;
  numbering: NumberingService;
  delegations: DelegationsService;
  payments: PaymentsService;
};

export function createOrdersService(deps: OrdersDeps) {
  const { db, clock, audit, scope, catalogue, numbering, delegations } = deps;

  const brief = (agency: AgencyRow) => ({ id: agency.id, code: agency.code, name: agency.name, shortName: agency.shortName });

  /** Whose leader authority the actor holds now: 'self', a delegator, or none. */
  async function leaderAuthority(actor: Actor) {
    return delegations.actingFor(actor, ['leader']);
  }

  type Authority = Awaited<ReturnType<typeof leaderAuthority>>;

  async function relationTo(actor: Actor, order: Pick<OrderRow, 'orderingAgencyId' | 'providerAgencyId'>, reach?: string[], known?: { authority: Authority }): Promise<OrderRelation> {
    const own = reach ?? (await scope.reachOf(actor.agencyId));
    const authority = known ? known.authority : await leaderAuthority(actor);
    return {
      isOrderingSide: own.includes(order.orderingAgencyId) && hasRole(actor, 'officer', 'leader'),
      isProviderSide: own.includes(order.providerAgencyId) && hasRole(actor, 'provider_officer'),
      hasLeaderAuthority: authority !== null && own.includes(order.orderingAgencyId),
    };
  }

  /** Orders the actor may read: administrators and inspectors all; others those their agency orders or provides. */
  async function visibility(actor: Actor): Promise<{ where: SQL | undefined; reach: string[] }> {
    const reach = await scope.reachOf(actor.agencyId);
    if (hasRole(actor, 'system_admin', 'inspector')) return { where: undefined, reach };
    return { where: or(inArray(orders.orderingAgencyId, reach), inArray(orders.providerAgencyId, reach)), reach };
  }

  /** Σ accepted value of decided dossiers and Σ payments, per order. */
  async function money(orderIds: string[], tx: Db = db): Promise<Map<string, { accepted: number; paid: number }>> {
    const result = new Map(orderIds.map((id) => [id, { accepted: 0, paid: 0 }]));
    if (orderIds.length === 0) return result;
    const accepted = await tx
      .select({ orderId: dossiers.orderId, total: sql<string>`coalesce(sum(${dossiers.acceptedValue}), 0)` })
      .from(dossiers)
      .where(and(inArray(dossiers.orderId, orderIds), inArray(dossiers.state, [...ACCEPTED_DOSSIER_STATES])))
      .groupBy(dossiers.orderId);
    const paid = await tx
      .select({ orderId: payments.orderId, total: sql<string>`coalesce(sum(${payments.amount}), 0)` })
      .from(payments)
      .where(inArray(payments.orderId, orderIds))
      .groupBy(payments.orderId);
    for (const row of accepted) result.get(row.orderId)!.accepted = Number(row.total);
    for (const row of paid) result.get(row.orderId)!.paid = Number(row.total);
    return result;
  }

  async function present(actor: Actor, row: OrderRow, from: AgencyRow, to: AgencyRow, reach: string[], sums: { accepted: number; paid: number }, known?: { authority: Authority }): Promise<Order> {
    return {
      id: row.id,
      code: row.code,
      title: row.title,
      method: row.method,
      legalRegime: row.legalRegime,
      orderingAgency: brief(from),
      providerAgency: brief(to),
      budgetYear: row.budgetYear,
      startDate: row.startDate,
      endDate: row.endDate,
      status: row.status,
      version: row.version,
      totalValue: row.totalValue,
      acceptedValue: sums.accepted,
      paidValue: sums.paid,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      allowedActions: allowedOrderActions(actor, row, await relationTo(actor, row, reach, known)),
    };
  }

  /** The list's filters within the actor's reach, as one condition on orders; the list and its export share it. */
  async function listWhere(actor: Actor, query: OrderExportQuery): Promise<{ where: SQL | undefined; reach: string[] }> {
    const { where: visible, reach } = await visibility(actor);
    const pattern = query.q ? `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
    const where = and(
      visible,
      pattern ? or(ilike(orders.code, pattern), ilike(orders.title, pattern)) : undefined,
      query.status ? eq(orders.status, query.status) : undefined,
      query.method ? eq(orders.method, query.method) : undefined,
      query.budgetYear ? eq(orders.budgetYear, query.budgetYear) : undefined,
      query.providerAgencyId ? eq(orders.providerAgencyId, query.providerAgencyId) : undefined,
      query.orderingAgencyId ? eq(orders.orderingAgencyId, query.orderingAgencyId) : undefined,
    );
    return { where, reach };
  }

  /** The list's order: the chosen column, then the id so that pages never overlap. */
  function listOrder(query: Pick<OrderListQuery, 'sort' | 'order'>): SQL[] {
    const column = { updatedAt: orders.updatedAt, code: orders.code, title: orders.title, budgetYear: orders.budgetYear, totalValue: orders.totalValue, status: orders.status }[query.sort];
    return [query.order === 'asc' ? asc(column) : desc(column), asc(orders.id)];
  }

  async function list(actor: Actor, query: OrderListQuery): Promise<OrderPage> {
    const { where, reach } = await listWhere(actor, query);
    const [found, [total]] = await Promise.all([
      db.select({ row: orders, from: ordering, to: provider }).from(orders)
        .innerJoin(ordering, eq(ordering.id, orders.orderingAgencyId))
        .innerJoin(provider, eq(provider.id, orders.providerAgencyId))
        .where(where)
        .orderBy(...listOrder(query))
        .limit(query.pageSize).offset((query.page - 1) * query.pageSize),
      db.select({ n: count() }).from(orders).where(where),
    ]);
    const sums = await money(found.map((f) => f.row.id));
    // Looked up once per page, not once per row.
    const known = { authority: await leaderAuthority(actor) };
    return {
      items: await Promise.all(found.map((f) => present(actor, f.row, f.from, f.to, reach, sums.get(f.row.id)!, known))),
      total: total?.n ?? 0,
      page: query.page,
      pageSize: query.pageSize,
      canCreate: canCreateOrder(actor),
    };
  }

  /** The order if the actor may read it; 404 otherwise, so ids outside one's reach reveal nothing. */
  async function load(actor: Actor, id: string, tx: Db = db, lock = false) {
    const { where: visible, reach } = await visibility(actor);
    const query = tx.select({ row: orders, from: ordering, to: provider }).from(orders)
      .innerJoin(ordering, eq(ordering.id, orders.orderingAgencyId))
      .innerJoin(provider, eq(provider.id, orders.providerAgencyId))
      .where(and(eq(orders.id, id), visible));
    const [found] = lock ? await query.for('update', { of: orders }) : await query;
    if (!found) throw notFound('thingOrder');
    return { ...found, reach };
  }

  async function versionSummaries(orderId: string, tx: Db = db): Promise<(OrderVersionSummary & { content: unknown })[]> {
    const approver = alias(users, 'approver');
    const principal = alias(users, 'principal');
    const creator = alias(users, 'creator');
    const found = await tx
      .select({ v: orderVersions, approver, principal, creator })
      .from(orderVersions)
      .innerJoin(creator, eq(creator.id, orderVersions.createdBy))
      .leftJoin(approver, eq(approver.id, orderVersions.approvedBy))
      .leftJoin(principal, eq(principal.id, orderVersions.approvedActingFor))
      .where(eq(orderVersions.orderId, orderId))
      .orderBy(asc(orderVersions.version));
    const userBrief = (u: typeof users.$inferSelect | null) => (u ? { id: u.id, username: u.username, fullName: u.fullName } : null);
    return found.map((f) => ({
      version: f.v.version,
      totalValue: f.v.totalValue,
      reason: f.v.reason,
      approvalDocument: f.v.approvalDocument,
      approvedBy: userBrief(f.approver),
      approvedActingFor: userBrief(f.principal),
      createdBy: userBrief(f.creator)!,
      createdAt: f.v.createdAt.toISOString(),
      content: f.v.content,
    }));
  }

  async function get(actor: Actor, id: string, tx: Db = db): Promise<OrderDetail> {
    const { row, from, to, reach } = await load(actor, id, tx);
    const sums = (await money([row.id], tx)).get(row.id)!;
    const versions = await versionSummaries(row.id, tx);
    const current = OrderContent.parse(versions.find((v) => v.version === row.version)!.content);
    const periodDossiers = await tx
      .select({ id: dossiers.id, code: dossiers.code, state: dossiers.state, acceptedValue: dossiers.acceptedValue, periodNo: dossiers.periodNo })
      .from(dossiers).where(eq(dossiers.orderId, row.id)).orderBy(asc(dossiers.createdAt));
    return {
      ...(await present(actor, row, from, to, reach, sums)),
      content: current,
      versions: versions.map(({ content: _content, ...summary }) => summary),
      liquidation: (row.liquidation as OrderDetail['liquidation']) ?? null,
      settlement: (row.settlement as OrderDetail['settlement']) ?? null,
      advanceLimit: advanceLimit(row.totalValue, current.advancePercent),
      payments: await deps.payments.listForOrder(row.id, tx),
      periods: current.periods.map((period) => ({
        periodNo: period.periodNo,
        label: period.label,
        plannedValue: period.plannedValue,
        dossiers: periodDossiers.filter((d) => d.periodNo === period.periodNo).map(({ periodNo: _p, ...d }) => ({ ...d, isAccepted: (ACCEPTED_DOSSIER_STATES as readonly string[]).includes(d.state) })),
      })),
      council: await orderCouncilOf(tx, row.id),
    };
  }

  async function getVersion(actor: Actor, id: string, version: number): Promise<OrderVersionDetail> {
    const { row } = await load(actor, id);
    const found = (await versionSummaries(row.id)).find((v) => v.version === version);
    if (!found) throw notFound('thingOrder');
    return { ...found, content: OrderContent.parse(found.content) };
  }

  async function checkProvider(tx: Db, providerAgencyId: string, orderingAgencyId: string) {
    const [agency] = await tx.select().from(agencies).where(eq(agencies.id, providerAgencyId));
    if (!agency || agency.status !== 'active' || agency.id === orderingAgencyId) {
      throw invalid('validationFailed', {}, [{ path: 'providerAgencyId', key: 'orderProviderInvalid' }]);
    }
  }

  async function create(actor: Actor, body: OrderInput, source: AuditSource): Promise<OrderDetail> {
    if (!canCreateOrder(actor)) throw new AppError('FORBIDDEN', 'orderNotOrderingOfficer');
    return withTransaction(db, async (tx) => {
      await checkProvider(tx, body.providerAgencyId, actor.agencyId);
      const { content, total } = await buildOrderContent({ db: tx, catalogue }, body, await scope.reachOf(actor.agencyId));
      const [agency] = await tx.select().from(agencies).where(eq(agencies.id, actor.agencyId));
      const seq = await numbering.next(tx, `order:${actor.agencyId}`, String(body.budgetYear));
      const now = clock.now();
      const row: OrderRow = {
        id: randomUUID(),
        code: `${agency!.shortName}-DH-${body.budgetYear}-${String(seq).padStart(3, '0')}`,
        title: body.title,
        method: body.method,
        legalRegime: body.legalRegime,
        orderingAgencyId: actor.agencyId,
        providerAgencyId: body.providerAgencyId,
        budgetYear: body.budgetYear,
        startDate: body.startDate,
        endDate: body.endDate,
        status: 'draft',
        version: 1,
        totalValue: total,
        liquidation: null,
        settlement: null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insert(orders).values(row);
      await tx.insert(orderVersions).values({ orderId: row.id, version: 1, content, totalValue: total, reason: null, approvalDocument: null, approvedBy: null, approvedActingFor: null, createdBy: actor.userId, createdAt: now });
      await audit.record(tx, source, { action: 'order.created', entityType: 'order', entityId: row.id, agencyId: row.orderingAgencyId, after: { ...row, content } });
      return get(actor, row.id, tx);
    });
  }

  /** A draft is edited in place: nothing was signed yet, so there is nothing to keep apart. */
  async function update(actor: Actor, id: string, body: OrderInput, source: AuditSource): Promise<OrderDetail> {
    return withTransaction(db, async (tx) => {
      const { row, reach } = await load(actor, id, tx, true);
      if (!allowedOrderActions(actor, row, await relationTo(actor, row, reach)).includes('edit')) {
        if (row.status !== 'draft') throw new AppError('INVALID_TRANSITION', 'orderNotDraft');
        throw forbidden();
      }
      await checkProvider(tx, body.providerAgencyId, row.orderingAgencyId);
      const { content, total } = await buildOrderContent({ db: tx, catalogue }, body, reach);
      const [before] = await tx.select().from(orderVersions).where(and(eq(orderVersions.orderId, id), eq(orderVersions.version, 1)));
      const changes = {
        title: body.title, method: body.method, legalRegime: body.legalRegime, providerAgencyId: body.providerAgencyId,
        budgetYear: body.budgetYear, startDate: body.startDate, endDate: body.endDate, totalValue: total, updatedAt: clock.now(),
      };
      await tx.update(orders).set(changes).where(eq(orders.id, id));
      await tx.update(orderVersions).set({ content, totalValue: total }).where(and(eq(orderVersions.orderId, id), eq(orderVersions.version, 1)));
      await audit.record(tx, source, { action: 'order.updated', entityType: 'order', entityId: id, agencyId: row.orderingAgencyId, before: { ...row, content: before?.content }, after: { ...row, ...changes, content } });
      return get(actor, id, tx);
    });
  }

  /** The source to audit with: when the actor uses a delegated leader's authority, the event says on whose behalf. */
  async function sourceWithAuthority(actor: Actor, source: AuditSource) {
    const authority = await leaderAuthority(actor);
    const principal = authority && authority !== 'self' ? authority : null;
    return { principal, source: principal && source.actor ? { ...source, actor: { ...source.actor, onBehalfOf: principal } } : source };
  }

  /**
   * An amendment (phụ lục điều chỉnh) is a new version with a reason and the
   * approving leader. Periods that already have a dossier keep their dates and
   * quantities; lines they refer to keep their service; the total never falls
   * below what was accepted. Earlier versions stay readable.
   */
  async function amend(actor: Actor, id: string, body: AmendOrderBody, source: AuditSource): Promise<OrderDetail> {
    return withTransaction(db, async (tx) => {
      const { row, reach } = await load(actor, id, tx, true);
      if (!allowedOrderActions(actor, row, await relationTo(actor, row, reach)).includes('amend')) {
        if (!['signed', 'in_progress'].includes(row.status)) throw new AppError('INVALID_TRANSITION', 'orderNotAmendable');
        throw forbidden();
      }
      const [previous] = await tx.select().from(orderVersions).where(and(eq(orderVersions.orderId, id), eq(orderVersions.version, row.version)));
      const before = OrderContent.parse(previous!.content);
      const live = await tx.select({ periodNo: dossiers.periodNo }).from(dossiers)
        .where(and(eq(dossiers.orderId, id), sql`${dossiers.state} not in ('rejected', 'withdrawn')`));
      const lockedPeriods = new Set(live.map((d) => d.periodNo));
      const kept = before.periods.filter((p) => lockedPeriods.has(p.periodNo));
      const { content, total } = await buildOrderContent({ db: tx, catalogue }, { ...body, method: row.method, legalRegime: row.legalRegime }, reach, kept);
      const problems: { path: string; key: 'orderAmendLockedPeriod' | 'orderAmendLineRemoved'; params: Record<string, string | number> }[] = [];
      for (const periodNo of lockedPeriods) {
        const old = before.periods.find((p) => p.periodNo === periodNo)!;
        const now = content.periods.find((p) => p.periodNo === periodNo);
        const same = now && now.startDate === old.startDate && now.endDate === old.endDate
          && old.quantities.every((q) => parseDecimal(now.quantities.find((n) => n.lineNo === q.lineNo)?.quantity ?? '0') === parseDecimal(q.quantity));
        if (!same) problems.push({ path: `periods.${periodNo - 1}`, key: 'orderAmendLockedPeriod', params: { label: old.label } });
      }
      if (lockedPeriods.size > 0) {
        for (const line of before.lines) {
          if (content.lines.find((l) => l.lineNo === line.lineNo)?.serviceId !== line.serviceId) problems.push({ path: `lines.${line.lineNo - 1}`, key: 'orderAmendLineRemoved', params: { line: line.lineNo } });
        }
      }
      if (problems.length > 0) throw invalid('validationFailed', {}, problems);
      const accepted = (await money([id], tx)).get(id)!.accepted;
      if (total < accepted) throw invalid('orderAmendBelowAccepted', { total: formatVnd(total), accepted: formatVnd(accepted) });

      const { principal, source: audited } = await sourceWithAuthority(actor, source);
      const version = row.version + 1;
      const now = clock.now();
      await tx.insert(orderVersions).values({
        orderId: id, version, content, totalValue: total, reason: body.reason, approvalDocument: body.approvalDocument,
        approvedBy: actor.userId, approvedActingFor: principal?.userId ?? null, createdBy: actor.userId, createdAt: now,
      });
      const changes = { version, totalValue: total, title: body.title, budgetYear: body.budgetYear, startDate: body.startDate, endDate: body.endDate, updatedAt: now };
      await tx.update(orders).set(changes).where(eq(orders.id, id));
      await audit.record(tx, audited, {
        action: 'order.amended', entityType: 'order', entityId: id, agencyId: row.orderingAgencyId,
        before: { version: row.version, totalValue: row.totalValue, content: before },
        after: { version, totalValue: total, reason: body.reason, approvalDocument: body.approvalDocument, content },
      });
      return get(actor, id, tx);
    });
  }

  function refuseTransition(row: OrderRow, action: OrderAction): never {
    const expected = orderActionFromStates(action).map((s) => `orderStatus_${s}`);
    throw new AppError('INVALID_TRANSITION', 'orderTransitionNotAllowed', {
      action: `orderAction_${action}`, state: `orderStatus_${row.status}`, expected: expected.length === 1 ? expected[0]! : expected.join(' / '),
    });
  }

  /**
   * Every state change of an order: the table in packages/shared says from
   * where and by whom; some steps check the dossiers and money first.
   */
  async function transition(
    actor: Actor, id: string, action: OrderAction, body: { reason?: string } & Partial<LiquidateOrderBody & SettleOrderBody>, source: AuditSource,
  ): Promise<OrderDetail> {
    return withTransaction(db, async (tx) => {
      const { row, reach } = await load(actor, id, tx, true);
      const step = orderTransition(row.status, action);
      if (!step) {
        if (!(await relationTo(actor, row, reach)).isOrderingSide && !hasRole(actor, 'leader')) throw forbidden();
        refuseTransition(row, action);
      }
      if (!allowedOrderActions(actor, row, await relationTo(actor, row, reach)).includes(action)) throw forbidden();
      if (step.needsReason && !body.reason) throw invalid('validationFailed', {}, [{ path: 'reason', key: 'orderReasonRequired' }]);

      const changes: Partial<OrderRow> = { status: step.to, updatedAt: clock.now() };
      const sums = (await money([id], tx)).get(id)!;
      if (action === 'complete') {
        const [open] = await tx.select({ n: count() }).from(dossiers)
          .where(and(eq(dossiers.orderId, id), inArray(dossiers.state, ['draft', 'submitted', 'supplement_requested', 'received', 'in_appraisal', 'in_council', 'awaiting_decision'])));
        if (open && open.n > 0) throw new AppError('CONFLICT', 'orderCompleteOpenDossiers', { count: open.n });
        if (sums.accepted === 0) throw new AppError('CONFLICT', 'orderCompleteNothingAccepted');
      }
      if (action === 'liquidate') {
        changes.liquidation = { minutesNumber: body.minutesNumber!, minutesDate: body.minutesDate!, note: body.note ?? null, acceptedValue: sums.accepted };
      }
      if (action === 'settle') {
        const [awaitingPayment] = await tx.select({ n: count() }).from(dossiers).where(and(eq(dossiers.orderId, id), inArray(dossiers.state, ['approved', 'minutes_issued'])));
        if (sums.paid < sums.accepted && awaitingPayment && awaitingPayment.n > 0) {
          throw new AppError('CONFLICT', 'orderSettleUnpaid', { amount: formatVnd(sums.accepted - sums.paid) });
        }
        const settlement: Settlement = {
          decisionNumber: body.decisionNumber!, decisionDate: body.decisionDate!, note: body.note ?? null,
          orderedValue: row.totalValue, acceptedValue: sums.accepted, paidValue: sums.paid,
          returnedToBudget: row.totalValue - sums.accepted,
          refundDue: Math.max(0, sums.paid - sums.accepted),
        };
        changes.settlement = settlement;
      }
      const { source: audited } = step.by.length === 1 && step.by[0] === 'leader' ? await sourceWithAuthority(actor, source) : { source };
      await tx.update(orders).set(changes).where(eq(orders.id, id));
      await audit.record(tx, audited, {
        action: `order.${action}`, entityType: 'order', entityId: id, agencyId: row.orderingAgencyId,
        before: { status: row.status }, after: { status: step.to, reason: body.reason ?? null, liquidation: changes.liquidation, settlement: changes.settlement },
      });
      return get(actor, id, tx);
    });
  }

  /** Moves a signed order to "in progress" when its first dossier is submitted; inside the caller's transaction. */
  async function startIfSigned(tx: Db, orderId: string, source: AuditSource) {
    const [row] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (row?.status !== 'signed') return;
    await tx.update(orders).set({ status: 'in_progress', updatedAt: clock.now() }).where(eq(orders.id, orderId));
    await audit.record(tx, source, { action: 'order.start', entityType: 'order', entityId: orderId, agencyId: row.orderingAgencyId, before: { status: 'signed' }, after: { status: 'in_progress', reason: 'first_dossier_submitted' } });
  }

  /** The order row and its content in force, for dossiers and payments (no visibility check: callers check their own). */
  async function contentOf(orderId: string, tx: Db = db): Promise<{ row: OrderRow; content: OrderContent }> {
    const [row] = await tx.select().from(orders).where(eq(orders.id, orderId));
    if (!row) throw notFound('thingOrder');
    const [version] = await tx.select().from(orderVersions).where(and(eq(orderVersions.orderId, orderId), eq(orderVersions.version, row.version)));
    return { row, content: OrderContent.parse(version!.content) };
  }

  /** An advance (tạm ứng) on a signed or running order, within the advance limit it sets. */
  async function recordAdvance(actor: Actor, id: string, body: RecordPaymentBody, source: AuditSource): Promise<OrderDetail> {
    return withTransaction(db, async (tx) => {
      const { row, reach } = await load(actor, id, tx, true);
      if (!allowedOrderActions(actor, row, await relationTo(actor, row, reach)).includes('recordAdvance')) {
        if ((await relationTo(actor, row, reach)).isOrderingSide) throw new AppError('INVALID_TRANSITION', 'advanceNotAllowedNow');
        throw forbidden();
      }
      const { content } = await contentOf(id, tx);
      await deps.payments.record(tx, actor, {
        order: { id, totalValue: row.totalValue, orderingAgencyId: row.orderingAgencyId, advanceLimit: advanceLimit(row.totalValue, content.advancePercent) },
        dossier: null, kind: 'advance', body,
      }, source);
      return get(actor, id, tx);
    });
  }

  return { recordAdvance, list, listWhere, listOrder, get, getVersion, create, update, amend, transition, startIfSigned, contentOf, relationTo, money, load };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
export type { OrderStatus };
