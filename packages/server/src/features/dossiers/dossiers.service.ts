import { randomUUID } from 'node:crypto';
import { and, arrayOverlaps, asc, count, desc, eq, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  DeductionRule, allowedDossierActions, formatAmount, lineAmount, localDate, nextWorkingDay, normalizeDecimal, translate,
  type AttachDossierFileBody, type CommentBody, type CreateDossierBody, type Dossier, type DossierAllowedAction, type DossierDetail,
  type DossierCandidate, type DossierDocumentType, type DossierExportQuery, type DossierListQuery, type DossierPage, type Language, type MessageKey, type OrderingMethod, type UpdateDossierBody,
  type WorkingCalendar,
} from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import {
  agencies, councilMembers, councils, councilVotes, dossierComments, dossierEvents, dossierFiles, dossierKpis, dossierLines, dossiers, files, orders, users,
} from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { localizeParams } from '../../lib/errors.js';
import { AppError, forbidden, invalid, notFound } from '../../lib/errors.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { hasRole, type Actor } from '../auth/actor.js';
import { candidatesFor } from '../councils/council-candidates.js';
import { dossierCouncilOf } from '../councils/council-view.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { PaymentsService } from '../payments/payments.service.js';
import type { AcceptanceSettingsService } from '../acceptance-settings/acceptance-settings.service.js';
import { accessFrom, type AccessContext, type DossierAccess, type DossierAccessService } from './dossier-access.js';
import type { DossierDeadlines } from './dossier-deadlines.js';

export type DossierRow = typeof dossiers.$inferSelect;
type UserRow = typeof users.$inferSelect;
const ordering = alias(agencies, 'ordering');
const provider = alias(agencies, 'provider');
const appraiser = alias(users, 'appraiser');

const EDITABLE_BY_PROVIDER = ['draft', 'supplement_requested'] as const;
const userBrief = (u: UserRow | null) => (u ? { id: u.id, username: u.username, fullName: u.fullName } : null);

export type DossiersDeps = {
  db: Db;
  clock: Clock;
  audit: AuditService;
  acceptanceSettings: AcceptanceSettingsService;
  access: DossierAccessService;
  deadlines: DossierDeadlines;
  orders: OrdersService;
  payments: PaymentsService;
  publicBaseUrl: string;
  /** An agency's reach (itself, its units, agencies merged into it): who counts as the provider's side. */
  scopeReach: (agencyId: string) => Promise<string[]>;
};

/**
 * Acceptance dossiers, the reading side and the provider's preparation:
 * create for an order period, fill in quantities and KPI actuals, attach
 * evidence, comment. The workflow steps are in dossier-workflow.service.ts.
 */
export function createDossiersService(deps: DossiersDeps) {
  const { db, clock, audit, access, deadlines } = deps;

  /** The actions this person may take now, from the workflow table and the dossier's situation. */
  function allowedActions(row: DossierRow, who: DossierAccess, isInspectorOnly: boolean): DossierAllowedAction[] {
    const actions: DossierAllowedAction[] = allowedDossierActions(row.state, who.roles, who.relations);
    const state = row.state;
    if (who.isProviderSide && (EDITABLE_BY_PROVIDER as readonly string[]).includes(state)) actions.push('edit', 'attach');
    if (state === 'in_appraisal' && who.relations.isAssignedAppraiser) actions.push('appraise');
    if (who.isOrderingSide && (state === 'received' || state === 'in_appraisal')) actions.push('setupCouncil');
    if (who.councilRole && (state === 'in_appraisal' || state === 'in_council')) actions.push('declareConflict');
    if (who.councilRole && state === 'in_council') actions.push('vote');
    const running = !['draft', 'paid', 'rejected', 'withdrawn', 'minutes_issued'].includes(state);
    if (who.isOrderingSide && running && row.stepDueDate && !row.stepExtended) actions.push('extendDeadline');
    if (state === 'minutes_issued' && who.roles.includes('officer')) actions.push('recordPayment');
    if (who.isOrderingSide && row.minutesFileId && !row.minutesSignedFileId && who.roles.some((r) => r === 'officer' || r === 'leader')) actions.push('uploadSignedMinutes');
    if (!isInspectorOnly && (who.isOrderingSide || who.isProviderSide || who.councilRole)) actions.push('comment');
    return actions;
  }

  type Joined = { row: DossierRow; order: typeof orders.$inferSelect; from: typeof agencies.$inferSelect; to: typeof agencies.$inferSelect; appraiser: UserRow | null };

  function baseQuery(tx: Db = db) {
    return tx.select({ row: dossiers, order: orders, from: ordering, to: provider, appraiser })
      .from(dossiers)
      .innerJoin(orders, eq(orders.id, dossiers.orderId))
      .innerJoin(ordering, eq(ordering.id, dossiers.orderingAgencyId))
      .innerJoin(provider, eq(provider.id, dossiers.providerAgencyId))
      .leftJoin(appraiser, eq(appraiser.id, dossiers.appraiserId));
  }

  const agencyBrief = (a: typeof agencies.$inferSelect) => ({ id: a.id, code: a.code, name: a.name, shortName: a.shortName });

  function present(j: Joined, who: DossierAccess, cal: WorkingCalendar, isInspectorOnly: boolean): Dossier {
    const today = localDate(clock.now());
    return {
      id: j.row.id,
      code: j.row.code,
      order: { id: j.order.id, code: j.order.code, title: j.order.title, method: j.order.method },
      periodNo: j.row.periodNo,
      periodLabel: j.row.periodLabel,
      periodStart: j.row.periodStart,
      periodEnd: j.row.periodEnd,
      orderingAgency: agencyBrief(j.from),
      providerAgency: agencyBrief(j.to),
      state: j.row.state,
      appraiser: userBrief(j.appraiser),
      supplementRounds: j.row.supplementRounds,
      stepStartedAt: j.row.stepStartedAt.toISOString(),
      stepDueDate: j.row.stepDueDate,
      stepExtended: j.row.stepExtended,
      deadline: deadlines.status(j.row.state, j.row.stepDueDate, today, cal),
      plannedValue: j.row.plannedValue,
      deductionTotal: j.row.deductionTotal,
      acceptedValue: j.row.acceptedValue,
      paidTotal: j.row.paidTotal,
      submittedAt: j.row.submittedAt?.toISOString() ?? null,
      updatedAt: j.row.updatedAt.toISOString(),
      allowedActions: allowedActions(j.row, who, isInspectorOnly),
    };
  }

  const inspectorOnly = (actor: Actor) => hasRole(actor, 'inspector') && !hasRole(actor, 'officer', 'leader', 'provider_officer', 'council_member', 'agency_admin', 'system_admin');

  /** Dossiers presented for one actor: reach, authority and council roles looked up once. */
  async function presentMany(actor: Actor, found: Joined[], tx: Db = db): Promise<Dossier[]> {
    const context = await access.contextFor(actor);
    const roles = await access.councilRoles(actor, found.map((f) => f.row.id), tx);
    const cal = await deadlines.calendarAround(clock.now());
    return found.map((f) => present(f, accessFrom(context, f.row, roles.get(f.row.id) ?? null), cal, inspectorOnly(actor)));
  }

  function deadlineFilter(kind: 'due_soon' | 'overdue' | undefined, cal: WorkingCalendar): SQL | undefined {
    if (!kind) return undefined;
    const today = localDate(clock.now());
    const live = sql`${dossiers.state} not in ('draft', 'paid', 'rejected', 'withdrawn')`;
    if (kind === 'overdue') return and(live, sql`${dossiers.stepDueDate} < ${today}`);
    // Due soon: due today or on the next working day (the warning comes one working day before).
    const tomorrow = nextWorkingDay(today, cal);
    return and(live, sql`${dossiers.stepDueDate} >= ${today}`, sql`${dossiers.stepDueDate} <= ${tomorrow}`);
  }

  /**
   * A dossier matches by the beginning of its code (codes are upper case, so
   * case is ignored) or by its order's code or title anywhere. Orders are few:
   * matching them first and dossiers by order id reads indexes, not every dossier.
   */
  function searchCondition(q: string): SQL | undefined {
    const escaped = q.replace(/[%_\\]/g, (c) => `\\${c}`);
    const anywhere = `%${escaped}%`;
    const matchingOrders = db.select({ id: orders.id }).from(orders).where(or(ilike(orders.title, anywhere), ilike(orders.code, anywhere)));
    return or(like(dossiers.code, `${escaped.toUpperCase()}%`), inArray(dossiers.orderId, matchingOrders));
  }

  /**
   * The list's filters within the actor's reach, as one condition on dossiers joined to their
   * order (the search reads the order's code and title); the list and its export share it.
   */
  async function listWhere(actor: Actor, query: DossierExportQuery): Promise<SQL | undefined> {
    const visible = await access.visibility(actor);
    const cal = await deadlines.calendarAround(clock.now());
    return and(
      visible,
      query.q ? searchCondition(query.q) : undefined,
      query.state ? eq(dossiers.state, query.state) : undefined,
      query.states ? inArray(dossiers.state, query.states) : undefined,
      query.open ? sql`${dossiers.state} not in ('paid', 'rejected', 'withdrawn')` : undefined,
      query.orderId ? eq(dossiers.orderId, query.orderId) : undefined,
      query.providerAgencyId ? eq(dossiers.providerAgencyId, query.providerAgencyId) : undefined,
      query.orderingAgencyId ? eq(dossiers.orderingAgencyId, query.orderingAgencyId) : undefined,
      deadlineFilter(query.deadline, cal),
    );
  }

  /** The list's order: the chosen column, empty values last, then the id so that pages never overlap. */
  function listOrder(query: Pick<DossierListQuery, 'sort' | 'order'>): SQL[] {
    const column = {
      stepDueDate: dossiers.stepDueDate, updatedAt: dossiers.updatedAt, code: dossiers.code, submittedAt: dossiers.submittedAt,
      plannedValue: dossiers.plannedValue, state: dossiers.state,
    }[query.sort];
    const direction = query.order === 'asc' ? asc(column) : desc(column);
    return [sql`${direction} nulls last`, asc(dossiers.id)];
  }

  async function list(actor: Actor, query: DossierListQuery): Promise<DossierPage> {
    const where = await listWhere(actor, query);
    const [found, [total]] = await Promise.all([
      baseQuery().where(where).orderBy(...listOrder(query)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
      db.select({ n: count() }).from(dossiers).where(where),
    ]);
    return { items: await presentMany(actor, found), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  /** The dossier if the actor may read it (404 otherwise), with the actor's standing; optionally locked for a change. */
  async function load(actor: Actor, id: string, tx: Db = db, lock = false): Promise<Joined & { who: DossierAccess; context: AccessContext }> {
    const visible = await access.visibility(actor);
    const query = baseQuery(tx).where(and(eq(dossiers.id, id), visible));
    const [found] = lock ? await query.for('update', { of: dossiers }) : await query;
    if (!found) throw notFound('thingDossier');
    const context = await access.contextFor(actor);
    const role = (await access.councilRoles(actor, [id], tx)).get(id) ?? null;
    return { ...found, who: accessFrom(context, found.row, role), context };
  }

  async function requiredDocuments(method: OrderingMethod): Promise<DossierDocumentType[]> {
    return [...(await deps.acceptanceSettings.current()).requiredDocuments[method]];
  }

  async function get(actor: Actor, id: string, language: Language = 'vi', tx: Db = db): Promise<DossierDetail> {
    const j = await load(actor, id, tx);
    const cal = await deadlines.calendarAround(clock.now());
    const base = present(j, j.who, cal, inspectorOnly(actor));
    const [lines, kpis, attached, events, comments, council, paymentList, decider, principal, required] = await Promise.all([
      tx.select().from(dossierLines).where(eq(dossierLines.dossierId, id)).orderBy(asc(dossierLines.lineNo)),
      tx.select().from(dossierKpis).where(eq(dossierKpis.dossierId, id)).orderBy(asc(dossierKpis.lineNo), asc(dossierKpis.code)),
      tx.select({ d: dossierFiles, f: files, by: users }).from(dossierFiles).innerJoin(files, eq(files.id, dossierFiles.fileId)).innerJoin(users, eq(users.id, dossierFiles.addedBy))
        .where(eq(dossierFiles.dossierId, id)).orderBy(asc(dossierFiles.addedAt)),
      timeline(id, cal, tx),
      tx.select({ c: dossierComments, by: users }).from(dossierComments).innerJoin(users, eq(users.id, dossierComments.authorId))
        .where(eq(dossierComments.dossierId, id)).orderBy(asc(dossierComments.createdAt)),
      dossierCouncilOf(tx, id),
      deps.payments.listForOrder(j.row.orderId, tx),
      j.row.decidedBy ? tx.select().from(users).where(eq(users.id, j.row.decidedBy)) : Promise.resolve([]),
      j.row.decidedActingFor ? tx.select().from(users).where(eq(users.id, j.row.decidedActingFor)) : Promise.resolve([]),
      requiredDocuments(j.order.method),
    ]);
    const present_types = new Set(attached.map((a) => a.d.documentType));
    return {
      ...base,
      completionReport: j.row.completionReport,
      selfAssessment: j.row.selfAssessment,
      appraisalRemarks: j.row.appraisalRemarks,
      councilSummary: j.row.councilSummary,
      conclusion: j.row.conclusion,
      conclusionText: j.row.conclusionText,
      decidedAt: j.row.decidedAt?.toISOString() ?? null,
      decidedBy: userBrief(decider[0] ?? null),
      decidedActingFor: userBrief(principal[0] ?? null),
      minutes: j.row.minutesFileId && j.row.minutesNumber && j.row.minutesIssuedOn
        ? {
            number: j.row.minutesNumber, issuedOn: j.row.minutesIssuedOn, fileId: j.row.minutesFileId, signedFileId: j.row.minutesSignedFileId,
            officialFileId: j.row.minutesSignedFileId ?? j.row.minutesFileId, verifyUrl: `${deps.publicBaseUrl}/verify/${j.row.id}`,
          }
        : null,
      lines: lines.map((l) => ({
        lineNo: l.lineNo, serviceCode: l.serviceCode, serviceName: l.serviceName, unit: l.unit, unitPrice: l.unitPrice,
        plannedQuantity: normalizeDecimal(l.plannedQuantity), plannedValue: l.plannedValue,
        deliveredQuantity: l.deliveredQuantity === null ? null : normalizeDecimal(l.deliveredQuantity),
        acceptedQuantity: l.acceptedQuantity === null ? null : normalizeDecimal(l.acceptedQuantity),
        deduction: l.deduction, acceptedValue: l.acceptedValue, remarks: l.remarks,
      })),
      kpis: kpis.map((k) => {
        const explanation = k.explanation as { key: MessageKey; params: Record<string, string | number> } | null;
        return {
          lineNo: k.lineNo, code: k.code, name: k.name, unit: k.unit, target: normalizeDecimal(k.target), direction: k.direction,
          deductionRule: DeductionRule.parse(k.deductionRule), actual: k.actual === null ? null : normalizeDecimal(k.actual), verdict: k.verdict,
          deduction: k.deduction, explanation: explanation ? translate(language, explanation.key, localizeParams(language, withAmount(explanation.params, language))) : null,
        };
      }),
      files: attached.map(({ d, f, by }) => ({
        id: d.id, fileId: f.id, fileName: f.fileName, size: f.size, mediaType: f.mediaType, sha256: f.sha256, documentType: d.documentType as DossierDocumentType,
        lineNo: d.lineNo, kpiCode: d.kpiCode, round: d.round, addedBy: userBrief(by)!, addedAt: d.addedAt.toISOString(),
      })),
      requiredDocuments: required,
      missingDocuments: required.filter((type) => !present_types.has(type)),
      timeline: events,
      comments: comments.map(({ c, by }) => ({ id: c.id, author: userBrief(by)!, body: c.body, createdAt: c.createdAt.toISOString() })),
      council,
      payments: paymentList.filter((p) => p.dossierId === id),
    };
  }

  async function timeline(id: string, cal: WorkingCalendar, tx: Db = db): Promise<DossierDetail['timeline']> {
    const actorUser = alias(users, 'actor_user');
    const forUser = alias(users, 'for_user');
    const found = await tx.select({ e: dossierEvents, actor: actorUser, principal: forUser }).from(dossierEvents)
      .innerJoin(actorUser, eq(actorUser.id, dossierEvents.actorId))
      .leftJoin(forUser, eq(forUser.id, dossierEvents.actingForId))
      .where(eq(dossierEvents.dossierId, id)).orderBy(asc(dossierEvents.seq));
    return found.map(({ e, actor, principal }) => {
      const day = localDate(e.at);
      return {
        seq: e.seq, action: e.action, fromState: e.fromState, toState: e.toState, actor: userBrief(actor)!, actingFor: userBrief(principal),
        at: e.at.toISOString(), reason: e.reason, stepStartedAt: e.stepStartedAt.toISOString(), stepDueDate: e.stepDueDate,
        workingDays: deadlines.daysBetween(localDate(e.stepStartedAt), day, cal),
        onTime: e.stepDueDate ? day <= e.stepDueDate : null,
      };
    });
  }

  /** A new draft for one period of a signed or running order, with the period's planned quantities and the order's KPI targets. */
  async function create(actor: Actor, body: CreateDossierBody, source: AuditSource, language: Language = 'vi'): Promise<DossierDetail> {
    return withTransaction(db, async (tx) => {
      const { row: order, reach } = await deps.orders.load(actor, body.orderId, tx, true);
      const relation = await deps.orders.relationTo(actor, order, reach);
      if (!relation.isProviderSide) throw forbidden();
      if (order.status !== 'signed' && order.status !== 'in_progress') throw new AppError('INVALID_TRANSITION', 'orderNotStartedForDossier');
      const { content } = await deps.orders.contentOf(order.id, tx);
      const period = content.periods.find((p) => p.periodNo === body.periodNo);
      if (!period) throw invalid('validationFailed', {}, [{ path: 'periodNo', key: 'dossierPeriodUnknown' }]);
      const [live] = await tx.select({ id: dossiers.id }).from(dossiers)
        .where(and(eq(dossiers.orderId, order.id), eq(dossiers.periodNo, period.periodNo), sql`${dossiers.state} not in ('rejected', 'withdrawn')`));
      if (live) throw new AppError('CONFLICT', 'dossierPeriodTaken', { period: period.label });
      const now = clock.now();
      const row: DossierRow = {
        id: randomUUID(), code: null, orderId: order.id, orderVersion: order.version, periodNo: period.periodNo, periodLabel: period.label,
        periodStart: period.startDate, periodEnd: period.endDate, orderingAgencyId: order.orderingAgencyId, providerAgencyId: order.providerAgencyId,
        state: 'draft', completionReport: '', selfAssessment: '', appraiserId: null, appraisalRemarks: null, councilSummary: null, supplementRounds: 0,
        stepStartedAt: now, stepDueDate: null, stepExtended: false, pausedRemainingDays: null, dueSoonNotifiedAt: null, escalatedAt: null,
        plannedValue: period.plannedValue, deductionTotal: null, acceptedValue: null, paidTotal: 0, conclusion: null, conclusionText: null,
        decidedAt: null, decidedBy: null, decidedActingFor: null, minutesNumber: null, minutesIssuedOn: null, minutesFileId: null, minutesSignedFileId: null,
        submittedAt: null, createdBy: actor.userId, createdAt: now, updatedAt: now,
      };
      await tx.insert(dossiers).values(row);
      const lines = content.lines.map((line) => {
        const quantity = period.quantities.find((q) => q.lineNo === line.lineNo)?.quantity ?? '0';
        return {
          dossierId: row.id, lineNo: line.lineNo, serviceId: line.serviceId, serviceCode: line.serviceCode, serviceName: line.serviceName, unit: line.unit,
          unitPrice: line.unitPrice, plannedQuantity: quantity, plannedValue: lineAmount(quantity, line.unitPrice),
          deliveredQuantity: null, acceptedQuantity: null, deduction: 0, acceptedValue: null, remarks: null,
        };
      });
      await tx.insert(dossierLines).values(lines);
      const kpiRows = content.lines.flatMap((line) => line.kpis.map((kpi) => ({
        dossierId: row.id, lineNo: line.lineNo, code: kpi.code, name: kpi.name, unit: kpi.unit, target: kpi.target, direction: kpi.direction,
        deductionRule: kpi.deductionRule, actual: null, verdict: null, deduction: null, explanation: null,
      })));
      if (kpiRows.length > 0) await tx.insert(dossierKpis).values(kpiRows);
      await audit.record(tx, source, { action: 'dossier.created', entityType: 'dossier', entityId: row.id, agencyId: row.orderingAgencyId, after: { ...row, lines: lines.length } });
      return get(actor, row.id, language, tx);
    });
  }

  async function loadForProvider(actor: Actor, id: string, tx: Db) {
    const j = await load(actor, id, tx, true);
    if (!j.who.isProviderSide) throw forbidden();
    if (!(EDITABLE_BY_PROVIDER as readonly string[]).includes(j.row.state)) {
      throw new AppError('INVALID_TRANSITION', 'dossierNotEditable', { state: `dossierState_${j.row.state}` });
    }
    return j;
  }

  /** The provider fills in the report, delivered quantities and KPI actuals while preparing or answering a supplement request. */
  async function update(actor: Actor, id: string, body: UpdateDossierBody, source: AuditSource, language: Language = 'vi'): Promise<DossierDetail> {
    return withTransaction(db, async (tx) => {
      const j = await loadForProvider(actor, id, tx);
      const lines = await tx.select().from(dossierLines).where(eq(dossierLines.dossierId, id));
      const kpis = await tx.select().from(dossierKpis).where(eq(dossierKpis.dossierId, id));
      const problems: { path: string; key: MessageKey; params?: Record<string, string | number> }[] = [];
      body.lines?.forEach((l, i) => { if (!lines.some((x) => x.lineNo === l.lineNo)) problems.push({ path: `lines.${i}.lineNo`, key: 'dossierLineUnknown', params: { line: l.lineNo } }); });
      body.kpis?.forEach((k, i) => { if (!kpis.some((x) => x.lineNo === k.lineNo && x.code === k.code)) problems.push({ path: `kpis.${i}.code`, key: 'dossierKpiUnknown', params: { line: k.lineNo, code: k.code } }); });
      if (problems.length > 0) throw invalid('validationFailed', {}, problems);
      const changes = { ...(body.completionReport !== undefined ? { completionReport: body.completionReport } : {}), ...(body.selfAssessment !== undefined ? { selfAssessment: body.selfAssessment } : {}), updatedAt: clock.now() };
      await tx.update(dossiers).set(changes).where(eq(dossiers.id, id));
      for (const l of body.lines ?? []) {
        await tx.update(dossierLines).set({ deliveredQuantity: l.deliveredQuantity, ...(l.remarks !== undefined ? { remarks: l.remarks } : {}) })
          .where(and(eq(dossierLines.dossierId, id), eq(dossierLines.lineNo, l.lineNo)));
      }
      for (const k of body.kpis ?? []) {
        await tx.update(dossierKpis).set({ actual: k.actual }).where(and(eq(dossierKpis.dossierId, id), eq(dossierKpis.lineNo, k.lineNo), eq(dossierKpis.code, k.code)));
      }
      await audit.record(tx, source, { action: 'dossier.updated', entityType: 'dossier', entityId: id, agencyId: j.row.orderingAgencyId, before: { lines, kpis }, after: body });
      return get(actor, id, language, tx);
    });
  }

  /** Attaches an uploaded file (POST /api/files first) as evidence, per line or per KPI where it proves one. */
  async function attach(actor: Actor, id: string, body: AttachDossierFileBody, source: AuditSource, language: Language = 'vi'): Promise<DossierDetail> {
    return withTransaction(db, async (tx) => {
      const j = await loadForProvider(actor, id, tx);
      const [file] = await tx.select().from(files).where(eq(files.id, body.fileId));
      if (!file || file.uploadedBy !== actor.userId) throw invalid('validationFailed', {}, [{ path: 'fileId', key: 'dossierFileUnknown' }]);
      if (body.lineNo !== null) {
        const [line] = await tx.select().from(dossierLines).where(and(eq(dossierLines.dossierId, id), eq(dossierLines.lineNo, body.lineNo)));
        if (!line) throw invalid('validationFailed', {}, [{ path: 'lineNo', key: 'dossierLineUnknown', params: { line: body.lineNo } }]);
      }
      if (body.kpiCode !== null) {
        const [kpi] = await tx.select().from(dossierKpis).where(and(eq(dossierKpis.dossierId, id), eq(dossierKpis.code, body.kpiCode), ...(body.lineNo !== null ? [eq(dossierKpis.lineNo, body.lineNo)] : [])));
        if (!kpi) throw invalid('validationFailed', {}, [{ path: 'kpiCode', key: 'dossierKpiUnknown', params: { line: body.lineNo ?? '—', code: body.kpiCode } }]);
      }
      const row = { id: randomUUID(), dossierId: id, fileId: file.id, documentType: body.documentType, lineNo: body.lineNo, kpiCode: body.kpiCode, round: j.row.supplementRounds, addedBy: actor.userId, addedAt: clock.now() };
      await tx.insert(dossierFiles).values(row);
      await tx.update(dossiers).set({ updatedAt: clock.now() }).where(eq(dossiers.id, id));
      await audit.record(tx, source, { action: 'dossier.file_attached', entityType: 'dossier', entityId: id, agencyId: j.row.orderingAgencyId, after: { ...row, sha256: file.sha256, fileName: file.fileName } });
      return get(actor, id, language, tx);
    });
  }

  /** A file attached in this round can be taken off again before it is sent; earlier rounds' files are part of the record. */
  async function detach(actor: Actor, id: string, attachmentId: string, source: AuditSource, language: Language = 'vi'): Promise<DossierDetail> {
    return withTransaction(db, async (tx) => {
      const j = await loadForProvider(actor, id, tx);
      const [attached] = await tx.select().from(dossierFiles).where(and(eq(dossierFiles.id, attachmentId), eq(dossierFiles.dossierId, id)));
      if (!attached) throw notFound('thingFile');
      if (attached.round !== j.row.supplementRounds || (j.row.state === 'supplement_requested' && attached.round === 0)) throw new AppError('CONFLICT', 'dossierFileSubmitted');
      await tx.delete(dossierFiles).where(eq(dossierFiles.id, attachmentId));
      await audit.record(tx, source, { action: 'dossier.file_detached', entityType: 'dossier', entityId: id, agencyId: j.row.orderingAgencyId, before: attached });
      return get(actor, id, language, tx);
    });
  }

  async function comment(actor: Actor, id: string, body: CommentBody, source: AuditSource, language: Language = 'vi'): Promise<DossierDetail> {
    return withTransaction(db, async (tx) => {
      const j = await load(actor, id, tx);
      if (!allowedActions(j.row, j.who, inspectorOnly(actor)).includes('comment')) throw forbidden();
      const row = { id: randomUUID(), dossierId: id, authorId: actor.userId, body: body.body, createdAt: clock.now() };
      await tx.insert(dossierComments).values(row);
      await audit.record(tx, source, { action: 'dossier.commented', entityType: 'dossier', entityId: id, agencyId: j.row.orderingAgencyId, after: row });
      return get(actor, id, language, tx);
    });
  }

  /** Whom the ordering side may name as appraiser or council member for this dossier. */
  async function candidates(actor: Actor, id: string, purpose: 'appraiser' | 'council'): Promise<DossierCandidate[]> {
    const j = await load(actor, id);
    if (!j.who.isOrderingSide) throw forbidden();
    return candidatesFor(db, deps.scopeReach, j.row, purpose);
  }

  return { candidates, list, listWhere, listOrder, get, load, create, update, attach, detach, comment, allowedActions, presentMany, baseQuery, requiredDocuments, inspectorOnly };
}

/** Deduction explanations carry the amount as a number; readers see it in digit groups. */
export function withAmount(params: Record<string, string | number>, language: Language): Record<string, string | number> {
  return typeof params.amount === 'number' ? { ...params, amount: formatAmount(params.amount, language) } : params;
}

export type DossiersService = ReturnType<typeof createDossiersService>;
