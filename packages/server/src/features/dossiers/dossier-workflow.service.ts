import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import {
  DOSSIER_TRANSITIONS, acceptedLineValue, advanceLimit, checkDossierTransition, computeDeduction, formatDate, lineAmount, localDate,
  normalizeDecimal, compareDecimal, translate,
  type AppraisalBody, type ConflictBody, type CouncilBody, type DeductionRule, type DossierAction, type DossierDetail, type DossierState,
  type DossierTransitionBody, type ExtendDeadlineBody, type Language, type MessageKey, type RecordPaymentBody, type Role, type VoteBody,
} from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { agencies, councilMembers, councils, councilVotes, dossierEvents, dossierKpis, dossierLines, dossiers, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, forbidden, invalid } from '../../lib/errors.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { RecordClosing } from '../records/record-closing.js';
import type { FilesService } from '../files/files.service.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { NumberingService } from '../numbering/numbering.service.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { PaymentsService } from '../payments/payments.service.js';
import { renderMinutesPdf } from '../minutes/minutes-pdf.js';
import type { DossierDeadlines } from './dossier-deadlines.js';
import { withAmount, type DossierRow, type DossiersService } from './dossiers.service.js';

export type DossierWorkflowDeps = {
  db: Db;
  clock: Clock;
  audit: AuditService;
  dossiers: DossiersService;
  orders: OrdersService;
  payments: PaymentsService;
  numbering: NumberingService;
  deadlines: DossierDeadlines;
  notifications: NotificationsService;
  files: FilesService;
  councils: CouncilsService;
  recordClosing: RecordClosing;
  config: { pdfFontDir: string; publicBaseUrl: string; provinceName: string | null };
};

type Problem = { path: string; key: MessageKey; params?: Record<string, string | number> };

/**
 * Every step of an acceptance dossier: the transition table in packages/shared
 * decides from where and by whom; this service checks each step's own
 * conditions, moves the deadline, writes the timeline and the audit event and
 * notifies the next people, all in one transaction.
 */
export function createDossierWorkflowService(deps: DossierWorkflowDeps) {
  const { db, clock, audit, deadlines, notifications } = deps;

  async function activeUsers(tx: Db, agencyId: string, role: Role): Promise<string[]> {
    const found = await tx.select({ id: users.id }).from(users)
      .where(and(eq(users.agencyId, agencyId), eq(users.isActive, true), sql`${role} = any(${users.roles})`));
    return found.map((u) => u.id);
  }

  /** Who must act on a dossier in this state (the people notified, reminded and, when late, named to the leader). */
  async function responsibleFor(tx: Db, row: DossierRow, state: DossierState = row.state): Promise<string[]> {
    switch (state) {
      case 'supplement_requested':
      case 'draft':
        return activeUsers(tx, row.providerAgencyId, 'provider_officer');
      case 'submitted':
      case 'approved':
      case 'minutes_issued':
        return activeUsers(tx, row.orderingAgencyId, 'officer');
      case 'received':
      case 'awaiting_decision':
        return activeUsers(tx, row.orderingAgencyId, 'leader');
      case 'in_appraisal':
        return row.appraiserId ? [row.appraiserId] : [];
      case 'in_council': {
        const found = await tx.select({ id: councilMembers.userId }).from(councilMembers).innerJoin(councils, eq(councils.id, councilMembers.councilId))
          .where(and(eq(councils.dossierId, row.id), sql`${councilMembers.votedAt} is null`));
        return found.map((m) => m.id);
      }
      default:
        return [];
    }
  }

  async function appendEvent(tx: Db, row: DossierRow, input: { action: string; to: DossierState; actor: Actor; actingForId: string | null; reason: string | null }) {
    const [last] = await tx.select({ n: count() }).from(dossierEvents).where(eq(dossierEvents.dossierId, row.id));
    await tx.insert(dossierEvents).values({
      id: randomUUID(), dossierId: row.id, seq: (last?.n ?? 0) + 1, action: input.action, fromState: row.state, toState: input.to,
      actorId: input.actor.userId, actingForId: input.actingForId, at: clock.now(), reason: input.reason,
      stepStartedAt: row.stepStartedAt, stepDueDate: row.stepDueDate,
    });
  }

  const orderTitle = async (tx: Db, row: DossierRow) => (await deps.orders.contentOf(row.orderId, tx)).row.title;

  function refuse(row: DossierRow, action: DossierAction, reason: 'noSuchTransition' | 'notYourStep', expected: DossierState[]): never {
    if (reason === 'notYourStep') throw new AppError('FORBIDDEN', 'dossierNotYourStep', { action: `dossierAction_${action}` });
    throw new AppError('INVALID_TRANSITION', 'dossierTransitionNotAllowed', {
      action: `dossierAction_${action}`, state: `dossierState_${row.state}`, expected: expected.map((s) => `dossierState_${s}`).join(' / '),
    });
  }

  /** What a step checks before it may happen, and what it changes besides the state. */
  async function stepEffects(tx: Db, actor: Actor, row: DossierRow, action: DossierAction, body: DossierTransitionBody, method: string, source: AuditSource): Promise<Partial<DossierRow>> {
    const now = clock.now();
    switch (action) {
      case 'submit': {
        const detail = await deps.dossiers.get(actor, row.id, 'vi', tx);
        const problems: Problem[] = [];
        if (!detail.completionReport.trim()) problems.push({ path: 'completionReport', key: 'dossierReportMissing' });
        if (!detail.selfAssessment.trim()) problems.push({ path: 'selfAssessment', key: 'dossierSelfAssessmentMissing' });
        detail.lines.forEach((l, i) => { if (l.deliveredQuantity === null) problems.push({ path: `lines.${i}.deliveredQuantity`, key: 'dossierDeliveredMissing', params: { line: l.lineNo } }); });
        detail.kpis.forEach((k, i) => { if (k.actual === null) problems.push({ path: `kpis.${i}.actual`, key: 'dossierKpiActualMissing', params: { line: k.lineNo, kpi: k.name } }); });
        for (const type of detail.missingDocuments) problems.push({ path: 'files', key: 'dossierDocumentMissing', params: { type: `documentType_${type}` } });
        if (problems.length > 0) throw invalid('dossierIncomplete', {}, problems);
        const [ordering] = await tx.select().from(agencies).where(eq(agencies.id, row.orderingAgencyId));
        await deps.orders.startIfSigned(tx, row.orderId, { actor, ip: null, userAgent: null });
        return { code: row.code ?? (await deps.numbering.nextDossierCode(tx, { id: ordering!.id, code: ordering!.code }, now)), submittedAt: row.submittedAt ?? now };
      }
      case 'request_supplement': {
        // The agency's clock pauses: keep the working days it had left and start the provider's.
        const cal = await deadlines.calendarAround(now);
        const remaining = row.stepDueDate ? Math.max(1, deadlines.daysBetween(localDate(now), row.stepDueDate, cal)) : null;
        return { supplementRounds: row.supplementRounds + 1, pausedRemainingDays: remaining };
      }
      case 'assign_appraiser': {
        if (!body.appraiserId) throw invalid('validationFailed', {}, [{ path: 'appraiserId', key: 'dossierAppraiserRequired' }]);
        const [person] = await tx.select().from(users).where(eq(users.id, body.appraiserId));
        if (!person || !person.isActive || person.agencyId !== row.orderingAgencyId || !(person.roles as Role[]).includes('officer')) {
          throw invalid('validationFailed', {}, [{ path: 'appraiserId', key: 'dossierAppraiserInvalid' }]);
        }
        // The order's council sits from the start of appraisal, so members can declare conflicts early.
        await deps.councils.adoptOrderCouncil(tx, row, source);
        return { appraiserId: person.id };
      }
      case 'complete_appraisal': {
        const lines = await tx.select().from(dossierLines).where(eq(dossierLines.dossierId, row.id));
        if (lines.some((l) => l.acceptedQuantity === null)) throw new AppError('CONFLICT', 'dossierAppraisalIncomplete');
        await deps.councils.adoptOrderCouncil(tx, row, source);
        const [council] = await tx.select().from(councils).where(eq(councils.dossierId, row.id));
        const [members] = council ? await tx.select({ n: count() }).from(councilMembers).where(eq(councilMembers.councilId, council.id)) : [{ n: 0 }];
        if (!council || (members?.n ?? 0) < council.quorum) throw new AppError('CONFLICT', 'dossierCouncilMissing');
        return {};
      }
      case 'close_council_review': {
        if (!body.summary) throw invalid('validationFailed', {}, [{ path: 'summary', key: 'dossierSummaryRequired' }]);
        const [council] = await tx.select().from(councils).where(eq(councils.dossierId, row.id));
        const members = await tx.select().from(councilMembers).where(eq(councilMembers.councilId, council!.id));
        const undeclared = members.filter((m) => m.hasConflict === null).length;
        const counted = members.filter((m) => m.hasConflict === false && m.votedAt).length;
        if (undeclared > 0 || counted < council!.quorum) {
          throw new AppError('CONFLICT', 'councilQuorumNotMet', { counted, quorum: council!.quorum, undeclared });
        }
        return { councilSummary: body.summary };
      }
      case 'approve':
      case 'reject': {
        const text = action === 'approve' ? body.conclusionText : body.reason;
        if (!text) throw invalid('validationFailed', {}, [{ path: 'conclusionText', key: 'dossierConclusionRequired' }]);
        const conclusion = action === 'reject' ? 'not_accepted' : (body.conclusion === 'accepted_with_conditions' ? 'accepted_with_conditions' : 'accepted');
        return { conclusion, conclusionText: text, decidedAt: now, decidedBy: actor.userId };
      }
      case 'send_back': {
        // The appraisal is reopened; the council reviews the revised appraisal afresh.
        const [council] = await tx.select().from(councils).where(eq(councils.dossierId, row.id));
        if (council) {
          await tx.delete(councilVotes).where(eq(councilVotes.councilId, council.id));
          await tx.update(councilMembers).set({ votedAt: null }).where(eq(councilMembers.councilId, council.id));
        }
        return { councilSummary: null };
      }
      case 'issue_minutes':
        return issueMinutes(tx, actor, row, body);
      case 'record_final_payment': {
        if (!body.payment) throw invalid('validationFailed', {}, [{ path: 'payment', key: 'dossierPaymentRequired' }]);
        await pay(tx, actor, row, 'final', body.payment);
        return {};
      }
      default:
        void method;
        return {};
    }
  }

  /**
   * Takes one workflow step. Refuses a wrong moment with 409 naming the states
   * it is possible from, the wrong person with 403, a missing reason with 400.
   */
  async function transition(actor: Actor, id: string, action: DossierAction, body: DossierTransitionBody, source: AuditSource, language: Language = 'vi'): Promise<DossierDetail> {
    const result = await withTransaction(db, async (tx) => {
      const j = await deps.dossiers.load(actor, id, tx, true);
      const { row, who } = j;
      const check = checkDossierTransition(row.state, action, who.roles, who.relations);
      if (!check.isAllowed) {
        const hasStanding = who.isOrderingSide || who.isProviderSide || who.councilRole !== null;
        refuse(row, action, hasStanding ? check.reason : 'notYourStep', check.expectedStates);
      }
      const step = check.transition;
      const reason = body.reason?.trim() || null;
      if (step.needsReason && !reason) throw invalid('validationFailed', {}, [{ path: 'reason', key: 'dossierReasonRequired', params: { action: `dossierAction_${action}` } }]);

      // A leader's step taken by a deputy is recorded as acting for the leader.
      const isLeaderStep = step.by.every((b) => b.role === 'leader');
      const actingFor = isLeaderStep && !actor.roles.includes('leader') ? who.actingFor : null;
      const effects = await stepEffects(tx, actor, row, action, body, j.order.method, source);
      if (actingFor && (action === 'approve' || action === 'reject')) effects.decidedActingFor = actingFor.userId;

      const now = clock.now();
      let stepDueDate: string | null = null;
      if (action === 'answer_supplement' && row.pausedRemainingDays) stepDueDate = await deadlines.dueAfter(now, row.pausedRemainingDays);
      else {
        const days = await deadlines.stepDays(j.order.method, step.to);
        if (days !== null) stepDueDate = await deadlines.dueAfter(now, days);
      }
      const changes: Partial<DossierRow> = {
        ...effects, state: step.to, stepStartedAt: now, stepDueDate, stepExtended: false, dueSoonNotifiedAt: null, escalatedAt: null, updatedAt: now,
        ...(action === 'answer_supplement' ? { pausedRemainingDays: null } : {}),
      };
      await appendEvent(tx, row, { action, to: step.to, actor, actingForId: actingFor?.userId ?? null, reason });
      await tx.update(dossiers).set(changes).where(eq(dossiers.id, id));
      const audited = actingFor && source.actor ? { ...source, actor: { ...source.actor, onBehalfOf: actingFor } } : source;
      await audit.record(tx, audited, {
        action: `dossier.${action}`, entityType: 'dossier', entityId: id, agencyId: row.orderingAgencyId,
        before: { state: row.state, stepDueDate: row.stepDueDate }, after: { state: step.to, stepDueDate, reason, ...effectsForAudit(effects) },
      });
      await notifyStep(tx, { ...row, ...changes } as DossierRow, action, reason);
      // Accepted and paid: the dossier becomes a closed, sealed record, with this step's own audit event in it.
      if (step.to === 'paid') await deps.recordClosing.closeForDossier(tx, id, actor, source);
      return deps.dossiers.get(actor, id, language, tx);
    });
    await notifications.afterCommit();
    return result;
  }

  function effectsForAudit(effects: Partial<DossierRow>) {
    const { code, appraiserId, conclusion, conclusionText, minutesNumber, minutesFileId, councilSummary, supplementRounds } = effects;
    return Object.fromEntries(Object.entries({ code, appraiserId, conclusion, conclusionText, minutesNumber, minutesFileId, councilSummary, supplementRounds }).filter(([, v]) => v !== undefined));
  }

  /** Tells the people whose turn it now is, and the provider about decisions. */
  async function notifyStep(tx: Db, row: DossierRow, action: DossierAction, reason: string | null) {
    const code = row.code ?? '—';
    const due = row.stepDueDate ?? '';
    const title = await orderTitle(tx, row);
    if (action === 'request_supplement') {
      await notifications.notify(tx, { userIds: await responsibleFor(tx, row), kind: 'dossier_supplement_requested', dossierId: row.id, params: { dossierCode: code, reason: reason ?? '', dueDate: due } });
      return;
    }
    if (action === 'assign_appraiser' && row.appraiserId) {
      await notifications.notify(tx, { userIds: [row.appraiserId], kind: 'dossier_assigned', dossierId: row.id, params: { dossierCode: code, orderTitle: title, dueDate: due } });
      return;
    }
    if (action === 'approve' || action === 'reject' || action === 'send_back') {
      const decision = action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'sent_back';
      const people = [...(await activeUsers(tx, row.providerAgencyId, 'provider_officer')), ...(row.appraiserId ? [row.appraiserId] : [])];
      await notifications.notify(tx, { userIds: people, kind: 'dossier_decided', dossierId: row.id, params: { dossierCode: code, decision, reason: reason ?? '' } });
    }
    const next = await responsibleFor(tx, row);
    if (next.length > 0 && !['draft', 'paid', 'rejected', 'withdrawn'].includes(row.state)) {
      await notifications.notify(tx, { userIds: next, kind: 'dossier_awaiting_you', dossierId: row.id, params: { dossierCode: code, orderTitle: title, stepLabel: `dossierState_${row.state}`, dueDate: due } });
    }
  }

  /** The appraising officer's proposal: accepted quantities, KPI verdicts and deductions computed by the catalogue's rules. */
  async function appraise(actor: Actor, id: string, body: AppraisalBody, source: AuditSource, language: Language = 'vi'): Promise<DossierDetail> {
    return withTransaction(db, async (tx) => {
      const j = await deps.dossiers.load(actor, id, tx, true);
      if (j.row.state !== 'in_appraisal') throw new AppError('INVALID_TRANSITION', 'dossierNotInAppraisal');
      if (!j.who.relations.isAssignedAppraiser) throw new AppError('FORBIDDEN', 'dossierNotYourStep', { action: 'dossierAction_complete_appraisal' });
      const lines = await tx.select().from(dossierLines).where(eq(dossierLines.dossierId, id));
      const kpis = await tx.select().from(dossierKpis).where(eq(dossierKpis.dossierId, id));
      const problems: Problem[] = [];
      for (const line of lines) {
        const index = body.lines.findIndex((l) => l.lineNo === line.lineNo);
        if (index < 0) problems.push({ path: 'lines', key: 'dossierAppraisalLineMissing', params: { line: line.lineNo } });
        else if (compareDecimal(body.lines[index]!.acceptedQuantity, line.plannedQuantity) > 0) {
          problems.push({ path: `lines.${index}.acceptedQuantity`, key: 'dossierAcceptedAbovePlanned', params: { line: line.lineNo, planned: normalizeDecimal(line.plannedQuantity) } });
        }
      }
      body.lines.forEach((l, i) => { if (!lines.some((x) => x.lineNo === l.lineNo)) problems.push({ path: `lines.${i}.lineNo`, key: 'dossierLineUnknown', params: { line: l.lineNo } }); });
      if (problems.length > 0) throw invalid('validationFailed', {}, problems);

      let deductionTotal = 0;
      let acceptedTotal = 0;
      for (const line of lines) {
        const proposal = body.lines.find((l) => l.lineNo === line.lineNo)!;
        const gross = Math.min(lineAmount(proposal.acceptedQuantity, line.unitPrice), line.plannedValue);
        let lineDeduction = 0;
        for (const kpi of kpis.filter((k) => k.lineNo === line.lineNo)) {
          if (kpi.actual === null) continue;
          const result = computeDeduction(kpi.deductionRule as DeductionRule, { target: kpi.target, direction: kpi.direction, actual: kpi.actual, lineValue: gross });
          const verdict = result.explanation.key === 'deductionTargetMet' || result.explanation.key === 'deductionRuleNone' && compareDecimal(kpi.actual, kpi.target) * (kpi.direction === 'at_least' ? 1 : -1) >= 0 ? 'met' : 'missed';
          lineDeduction += result.amount;
          await tx.update(dossierKpis).set({ verdict, deduction: result.amount, explanation: result.explanation })
            .where(and(eq(dossierKpis.dossierId, id), eq(dossierKpis.lineNo, kpi.lineNo), eq(dossierKpis.code, kpi.code)));
        }
        const deduction = Math.min(lineDeduction, gross);
        const accepted = acceptedLineValue({ unitPrice: line.unitPrice, acceptedQuantity: proposal.acceptedQuantity, plannedValue: line.plannedValue, deduction });
        deductionTotal += deduction;
        acceptedTotal += accepted;
        await tx.update(dossierLines).set({ acceptedQuantity: proposal.acceptedQuantity, deduction, acceptedValue: accepted, ...(proposal.remarks !== undefined ? { remarks: proposal.remarks } : {}) })
          .where(and(eq(dossierLines.dossierId, id), eq(dossierLines.lineNo, line.lineNo)));
      }
      await tx.update(dossiers).set({ appraisalRemarks: body.remarks, deductionTotal, acceptedValue: acceptedTotal, updatedAt: clock.now() }).where(eq(dossiers.id, id));
      await audit.record(tx, source, {
        action: 'dossier.appraised', entityType: 'dossier', entityId: id, agencyId: j.row.orderingAgencyId,
        before: { acceptedValue: j.row.acceptedValue, deductionTotal: j.row.deductionTotal }, after: { ...body, acceptedValue: acceptedTotal, deductionTotal },
      });
      return deps.dossiers.get(actor, id, language, tx);
    });
  }

  /** Sets up (or, before anyone voted, replaces) the acceptance council by decision: one chair, a quorum no larger than the council. */
  async function setupCouncil(actor: Actor, id: string, body: CouncilBody, source: AuditSource, language: Language = 'vi'): Promise<DossierDetail> {
    const result = await withTransaction(db, async (tx) => {
      const j = await deps.dossiers.load(actor, id, tx, true);
      if (!deps.dossiers.allowedActions(j.row, j.who, false).includes('setupCouncil')) {
        if (!j.who.isOrderingSide) throw forbidden();
        throw new AppError('INVALID_TRANSITION', 'councilSetupTooLate');
      }
      await deps.councils.setupForDossier(tx, actor, j.row, body, source);
      return deps.dossiers.get(actor, id, language, tx);
    });
    await notifications.afterCommit();
    return result;
  }

  async function loadMembership(tx: Db, actor: Actor, id: string) {
    const j = await deps.dossiers.load(actor, id, tx, true);
    if (!j.who.councilRole) throw forbidden();
    const [council] = await tx.select().from(councils).where(eq(councils.dossierId, id));
    const [member] = await tx.select().from(councilMembers).where(and(eq(councilMembers.councilId, council!.id), eq(councilMembers.userId, actor.userId)));
    return { j, council: council!, member: member! };
  }

  /** Each member declares whether they have a conflict of interest; a member with one does not vote. */
  async function declareConflict(actor: Actor, id: string, body: ConflictBody, source: AuditSource, language: Language = 'vi'): Promise<DossierDetail> {
    return withTransaction(db, async (tx) => {
      const { j, council, member } = await loadMembership(tx, actor, id);
      if (j.row.state !== 'in_appraisal' && j.row.state !== 'in_council') throw new AppError('INVALID_TRANSITION', 'councilNotSitting');
      if (member.votedAt) throw new AppError('CONFLICT', 'councilAlreadyVoted');
      if (body.hasConflict && !body.note) throw invalid('validationFailed', {}, [{ path: 'note', key: 'councilConflictNote' }]);
      await tx.update(councilMembers).set({ hasConflict: body.hasConflict, conflictNote: body.note, declaredAt: clock.now() })
        .where(and(eq(councilMembers.councilId, council.id), eq(councilMembers.userId, actor.userId)));
      await audit.record(tx, source, { action: 'council.conflict_declared', entityType: 'dossier', entityId: id, agencyId: j.row.orderingAgencyId, before: { hasConflict: member.hasConflict }, after: body });
      return deps.dossiers.get(actor, id, language, tx);
    });
  }

  /** A member's vote on every line, with optional score and comment; a "disagree" is kept as dissent. Members may revise until the chair closes. */
  async function vote(actor: Actor, id: string, body: VoteBody, source: AuditSource, language: Language = 'vi'): Promise<DossierDetail> {
    return withTransaction(db, async (tx) => {
      const { j, council, member } = await loadMembership(tx, actor, id);
      if (j.row.state !== 'in_council') throw new AppError('INVALID_TRANSITION', 'councilNotSitting');
      if (member.hasConflict === null) throw new AppError('CONFLICT', 'councilDeclareFirst');
      if (member.hasConflict) throw new AppError('FORBIDDEN', 'councilConflictNoVote');
      const lines = await tx.select({ lineNo: dossierLines.lineNo }).from(dossierLines).where(eq(dossierLines.dossierId, id));
      const missing = lines.filter((l) => !body.votes.some((v) => v.lineNo === l.lineNo));
      const unknown = body.votes.filter((v) => !lines.some((l) => l.lineNo === v.lineNo));
      if (missing.length || unknown.length || new Set(body.votes.map((v) => v.lineNo)).size !== body.votes.length) {
        throw invalid('validationFailed', {}, [{ path: 'votes', key: 'councilVoteEveryLine', params: { lines: lines.map((l) => l.lineNo).join(', ') } }]);
      }
      const before = await tx.select().from(councilVotes).where(and(eq(councilVotes.councilId, council.id), eq(councilVotes.userId, actor.userId)));
      await tx.delete(councilVotes).where(and(eq(councilVotes.councilId, council.id), eq(councilVotes.userId, actor.userId)));
      await tx.insert(councilVotes).values(body.votes.map((v) => ({ councilId: council.id, userId: actor.userId, lineNo: v.lineNo, vote: v.vote, score: v.score, comment: v.comment })));
      await tx.update(councilMembers).set({ votedAt: clock.now() }).where(and(eq(councilMembers.councilId, council.id), eq(councilMembers.userId, actor.userId)));
      await audit.record(tx, source, { action: 'council.voted', entityType: 'dossier', entityId: id, agencyId: j.row.orderingAgencyId, before, after: body.votes });
      return deps.dossiers.get(actor, id, language, tx);
    });
  }

  /** One extension per step, with a written reason, counted in working days from the current due date. */
  async function extendDeadline(actor: Actor, id: string, body: ExtendDeadlineBody, source: AuditSource, language: Language = 'vi'): Promise<DossierDetail> {
    return withTransaction(db, async (tx) => {
      const j = await deps.dossiers.load(actor, id, tx, true);
      if (!j.who.isOrderingSide) throw forbidden();
      if (!j.row.stepDueDate) throw new AppError('INVALID_TRANSITION', 'deadlineNone');
      if (j.row.stepExtended) throw new AppError('CONFLICT', 'deadlineExtendedOnce', { due: j.row.stepDueDate });
      const cal = await deadlines.calendarAround(clock.now());
      const { addWorkingDays } = await import('@nghiemthu/shared');
      const due = addWorkingDays(j.row.stepDueDate, body.workingDays, cal);
      await appendEvent(tx, j.row, { action: 'extend_deadline', to: j.row.state, actor, actingForId: null, reason: body.reason });
      await tx.update(dossiers).set({ stepDueDate: due, stepExtended: true, dueSoonNotifiedAt: null, escalatedAt: null, updatedAt: clock.now() }).where(eq(dossiers.id, id));
      await audit.record(tx, source, { action: 'dossier.deadline_extended', entityType: 'dossier', entityId: id, agencyId: j.row.orderingAgencyId, before: { stepDueDate: j.row.stepDueDate }, after: { stepDueDate: due, reason: body.reason } });
      return deps.dossiers.get(actor, id, language, tx);
    });
  }

  async function pay(tx: Db, actor: Actor, row: DossierRow, kind: 'interim' | 'final', body: RecordPaymentBody) {
    const { row: order, content } = await deps.orders.contentOf(row.orderId, tx);
    await tx.select({ id: sql`1` }).from(sql`orders`).where(sql`id = ${order.id}`).for('update');
    await deps.payments.record(tx, actor, {
      order: { id: order.id, totalValue: order.totalValue, orderingAgencyId: order.orderingAgencyId, advanceLimit: advanceLimit(order.totalValue, content.advancePercent) },
      dossier: { id: row.id, acceptedOn: row.decidedAt ? localDate(row.decidedAt) : null },
      kind, body,
    }, { actor, ip: null, userAgent: null });
  }

  /** An interim payment on an accepted dossier whose minutes are issued; the final one closes the dossier (record_final_payment). */
  async function recordInterimPayment(actor: Actor, id: string, body: RecordPaymentBody, source: AuditSource, language: Language = 'vi'): Promise<DossierDetail> {
    return withTransaction(db, async (tx) => {
      const j = await deps.dossiers.load(actor, id, tx, true);
      if (!deps.dossiers.allowedActions(j.row, j.who, false).includes('recordPayment')) {
        if (!j.who.isOrderingSide) throw forbidden();
        throw new AppError('INVALID_TRANSITION', 'paymentNotAllowedNow');
      }
      await pay(tx, actor, j.row, 'interim', body);
      void source;
      return deps.dossiers.get(actor, id, language, tx);
    });
  }

  /** Generates the minutes PDF (Decree 30 layout, QR to /verify/<id>), numbers it BB for the ordering agency and year, stores it. */
  async function issueMinutes(tx: Db, actor: Actor, row: DossierRow, body: DossierTransitionBody): Promise<Partial<DossierRow>> {
    const now = clock.now();
    const issuedOn = localDate(now);
    const [issuer] = await tx.select().from(agencies).where(eq(agencies.id, row.orderingAgencyId));
    const [parent] = issuer!.parentId ? await tx.select().from(agencies).where(eq(agencies.id, issuer!.parentId)) : [];
    const [providerAgency] = await tx.select().from(agencies).where(eq(agencies.id, row.providerAgencyId));
    const { number: _n, numberAndSymbol } = await deps.numbering.nextDocumentNumber(tx, { issuer: { id: issuer!.id, shortName: issuer!.shortName }, typeAbbreviation: 'BB', year: Number(issuedOn.slice(0, 4)), isConfidential: false });
    const { row: order, content } = await deps.orders.contentOf(row.orderId, tx);
    const lines = await tx.select().from(dossierLines).where(eq(dossierLines.dossierId, row.id));
    const kpis = await tx.select().from(dossierKpis).where(eq(dossierKpis.dossierId, row.id));
    const [council] = await tx.select().from(councils).where(eq(councils.dossierId, row.id));
    const members = council ? await tx.select({ m: councilMembers, u: users, a: agencies }).from(councilMembers).innerJoin(users, eq(users.id, councilMembers.userId)).innerJoin(agencies, eq(agencies.id, users.agencyId)).where(eq(councilMembers.councilId, council.id)) : [];
    const people = async (ids: (string | null)[]) => (await tx.select().from(users).where(inArray(users.id, ids.filter((x): x is string => !!x))));
    const [decider] = await people([row.decidedBy]);
    const [principal] = await people([row.decidedActingFor]);
    const [submitter] = await people([row.createdBy]);
    const roleTitle = { chair: 'Chủ tịch Hội đồng', secretary: 'Thư ký Hội đồng', member: 'Ủy viên' } as const;
    const chair = members.find((m) => m.m.role === 'chair');
    const pdf = await renderMinutesPdf({
      issuerParentName: parent ? parent.name.replace(/\s*\(minh họa\)\s*$/, '').toUpperCase() : null,
      issuerName: issuer!.name.toUpperCase(),
      numberAndSymbol,
      place: body.place ?? deps.config.provinceName?.replace(/^Tỉnh\s+/i, '').replace(/\s*\(.*\)\s*$/, '') ?? 'An Bình',
      issuedOn,
      title: `${order.title}, ${row.periodLabel.toLowerCase()}`,
      basis: content.basisDocuments.map((d) => `Căn cứ ${d.number} ngày ${formatDate(d.date)} (${d.summary});`),
      dossierCode: row.code ?? '',
      meetingAt: null,
      participants: [
        ...(decider ? [{ side: 'ordering' as const, fullName: decider.fullName, position: principal ? `thay mặt ${principal.fullName}` : 'Lãnh đạo', agencyName: issuer!.name }] : []),
        ...(submitter ? [{ side: 'provider' as const, fullName: submitter.fullName, position: 'Đại diện đơn vị cung cấp', agencyName: providerAgency!.name }] : []),
        ...members.map((m) => ({ side: 'council' as const, fullName: m.u.fullName, position: roleTitle[m.m.role], agencyName: m.a.name })),
      ],
      lines: lines.sort((a, b) => a.lineNo - b.lineNo).map((l) => ({
        lineNo: l.lineNo, serviceCode: l.serviceCode, serviceName: l.serviceName, unit: l.unit, unitPrice: l.unitPrice,
        plannedQuantity: normalizeDecimal(l.plannedQuantity), plannedValue: l.plannedValue, acceptedQuantity: normalizeDecimal(l.acceptedQuantity ?? '0'),
        deduction: l.deduction, acceptedValue: l.acceptedValue ?? 0,
      })),
      deductions: kpis.filter((k) => (k.deduction ?? 0) > 0).map((k) => {
        const explanation = k.explanation as { key: MessageKey; params: Record<string, string | number> };
        return { lineNo: k.lineNo, kpiName: k.name, reason: translate('vi', explanation.key, withAmount(explanation.params, 'vi')), amount: k.deduction ?? 0 };
      }),
      totals: { plannedValue: row.plannedValue, deduction: row.deductionTotal ?? 0, acceptedValue: row.acceptedValue ?? 0 },
      conclusion: row.conclusion ?? 'accepted',
      conclusionText: row.conclusionText ?? '',
      signatures: [
        { heading: 'ĐẠI DIỆN BÊN ĐẶT HÀNG', fullName: decider?.fullName ?? '', actingFor: principal?.fullName ?? null },
        { heading: 'ĐẠI DIỆN BÊN CUNG CẤP', fullName: submitter?.fullName ?? '' },
        ...(chair ? [{ heading: 'CHỦ TỊCH HỘI ĐỒNG', fullName: chair.u.fullName }] : []),
      ],
      verifyUrl: `${deps.config.publicBaseUrl}/verify/${row.id}`,
      fontDir: deps.config.pdfFontDir,
    });
    const fileName = `Bien-ban-nghiem-thu-${numberAndSymbol.replace(/\//g, '-')}.pdf`;
    const stored = await deps.files.upload(actor, { stream: Readable.from(pdf), fileName }, { actor, ip: null, userAgent: null });
    return { minutesNumber: numberAndSymbol, minutesIssuedOn: issuedOn, minutesFileId: stored.id };
  }

  /** The copy signed by hand (scanned) or by token, uploaded back: from then on the official version. */
  async function attachSignedMinutes(actor: Actor, id: string, fileId: string, source: AuditSource, language: Language = 'vi'): Promise<DossierDetail> {
    return withTransaction(db, async (tx) => {
      const j = await deps.dossiers.load(actor, id, tx, true);
      if (!deps.dossiers.allowedActions(j.row, j.who, false).includes('uploadSignedMinutes')) {
        if (!j.who.isOrderingSide) throw forbidden();
        throw new AppError('INVALID_TRANSITION', 'minutesSignedNotNow');
      }
      const file = await deps.files.findRow(fileId, tx);
      if (!file || file.uploadedBy !== actor.userId) throw invalid('validationFailed', {}, [{ path: 'fileId', key: 'dossierFileUnknown' }]);
      if (file.mediaType !== 'application/pdf') throw invalid('validationFailed', {}, [{ path: 'fileId', key: 'minutesSignedNotPdf' }]);
      await tx.update(dossiers).set({ minutesSignedFileId: file.id, updatedAt: clock.now() }).where(eq(dossiers.id, id));
      await audit.record(tx, source, { action: 'dossier.minutes_signed_uploaded', entityType: 'dossier', entityId: id, agencyId: j.row.orderingAgencyId, after: { fileId: file.id, sha256: file.sha256 } });
      return deps.dossiers.get(actor, id, language, tx);
    });
  }

  /**
   * The scheduled deadline sweep: a reminder to whoever holds a step on the
   * working day before it is due, and once overdue a notice to them and an
   * escalation to the ordering agency's leaders. Each is sent once per step.
   */
  async function scanDeadlines(): Promise<{ dueSoon: number; overdue: number }> {
    const now = clock.now();
    const today = localDate(now);
    const cal = await deadlines.calendarAround(now);
    const live = await db.select().from(dossiers).where(and(sql`${dossiers.state} not in ('draft', 'paid', 'rejected', 'withdrawn')`, sql`${dossiers.stepDueDate} is not null`,
      sql`(${dossiers.dueSoonNotifiedAt} is null or ${dossiers.escalatedAt} is null)`, sql`${dossiers.stepDueDate} <= ${addDays(today, 10)}`));
    let dueSoon = 0;
    let overdue = 0;
    for (const row of live) {
      const status = deadlines.status(row.state, row.stepDueDate, today, cal);
      await withTransaction(db, async (tx) => {
        const people = await responsibleFor(tx, row);
        const code = row.code ?? '—';
        if (status === 'due_soon' && !row.dueSoonNotifiedAt) {
          await notifications.notify(tx, { userIds: people, kind: 'dossier_due_soon', dossierId: row.id, params: { dossierCode: code, dueDate: row.stepDueDate! } });
          await tx.update(dossiers).set({ dueSoonNotifiedAt: now }).where(eq(dossiers.id, row.id));
          dueSoon += 1;
        }
        if (status === 'overdue' && !row.escalatedAt) {
          const days = deadlines.daysBetween(row.stepDueDate!, today, cal);
          await notifications.notify(tx, { userIds: people, kind: 'dossier_overdue', dossierId: row.id, params: { dossierCode: code, dueDate: row.stepDueDate!, days } });
          const names = people.length ? (await tx.select({ n: users.fullName }).from(users).where(inArray(users.id, people))).map((u) => u.n).join(', ') : '—';
          await notifications.notify(tx, { userIds: await activeUsers(tx, row.orderingAgencyId, 'leader'), kind: 'dossier_escalated', dossierId: row.id, params: { dossierCode: code, dueDate: row.stepDueDate!, responsible: names } });
          await tx.update(dossiers).set({ escalatedAt: now, dueSoonNotifiedAt: row.dueSoonNotifiedAt ?? now }).where(eq(dossiers.id, row.id));
          overdue += 1;
        }
      });
    }
    if (dueSoon + overdue > 0) {
      await audit.record(db, { actor: null, ip: null, userAgent: null }, { action: 'dossier.deadlines_scanned', entityType: 'dossier', agencyId: null, after: { dueSoon, overdue, today } });
      await notifications.afterCommit();
    }
    return { dueSoon, overdue };
  }

  return { transition, appraise, setupCouncil, declareConflict, vote, extendDeadline, recordInterimPayment, attachSignedMinutes, scanDeadlines, responsibleFor };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type DossierWorkflowService = ReturnType<typeof createDossierWorkflowService>;
export const DOSSIER_STEP_ACTIONS = DOSSIER_TRANSITIONS.map((t) => t.action);
