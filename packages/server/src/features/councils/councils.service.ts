import { randomUUID } from 'node:crypto';
import { and, count, eq, inArray, notExists } from 'drizzle-orm';
import type { CouncilBody, DossierCandidate, MessageKey, OrderDetail, Role } from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { councilMembers, councils, councilVotes, dossiers, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, forbidden, invalid } from '../../lib/errors.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { candidatesFor } from './council-candidates.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import { allowedOrderActions } from '../orders/orders.policy.js';
import type { OrdersService } from '../orders/orders.service.js';

export type CouncilsDeps = {
  db: Db; clock: Clock; audit: AuditService; notifications: NotificationsService; orders: OrdersService;
  scopeReach: (agencyId: string) => Promise<string[]>;
};

type Problem = { path: string; key: MessageKey; params?: Record<string, string | number> };
type CouncilRow = typeof councils.$inferSelect;
type DossierScope = { id: string; code: string | null; orderingAgencyId: string };

/**
 * Acceptance councils established by decision, for one dossier or for a whole
 * order. An order's council is the standing decision; each dossier of the
 * order that reaches appraisal gets its own sitting copied from it, so conflict
 * declarations, votes and the quorum are counted per dossier.
 */
export function createCouncilsService(deps: CouncilsDeps) {
  const { db, clock, audit, notifications } = deps;

  /** One chair, each person once, a quorum the council can reach, and members who may sit on a council. */
  async function membershipProblems(tx: Db, body: CouncilBody): Promise<Problem[]> {
    const userIds = body.members.map((m) => m.userId);
    const problems: Problem[] = [];
    if (new Set(userIds).size !== userIds.length) problems.push({ path: 'members', key: 'councilMemberTwice' });
    if (body.members.filter((m) => m.role === 'chair').length !== 1) problems.push({ path: 'members', key: 'councilOneChair' });
    if (body.quorum > body.members.length) problems.push({ path: 'quorum', key: 'councilQuorumTooHigh', params: { members: body.members.length } });
    const people = await tx.select().from(users).where(inArray(users.id, userIds));
    body.members.forEach((m, i) => {
      const person = people.find((p) => p.id === m.userId);
      if (!person || !person.isActive || !(person.roles as Role[]).some((r) => r === 'council_member' || r === 'officer' || r === 'leader')) {
        problems.push({ path: `members.${i}.userId`, key: 'councilMemberInvalid' });
      }
    });
    return problems;
  }

  async function insertMembers(tx: Db, councilId: string, members: CouncilBody['members']) {
    await tx.insert(councilMembers).values(members.map((m) => ({ councilId, userId: m.userId, role: m.role, hasConflict: null, conflictNote: null, declaredAt: null, votedAt: null })));
  }

  async function notifyDossierSitting(tx: Db, dossier: DossierScope, members: CouncilBody['members']) {
    for (const role of ['chair', 'secretary', 'member'] as const) {
      const ids = members.filter((m) => m.role === role).map((m) => m.userId);
      if (ids.length) await notifications.notify(tx, { userIds: ids, kind: 'council_appointed', dossierId: dossier.id, params: { dossierCode: dossier.code ?? '—', councilRole: role } });
    }
  }

  /** Sets up (or, before anyone voted, replaces) the council of one dossier; the caller checked the step allows it. */
  async function setupForDossier(tx: Db, actor: Actor, dossier: DossierScope, body: CouncilBody, source: AuditSource): Promise<void> {
    const problems = await membershipProblems(tx, body);
    if (problems.length > 0) throw invalid('validationFailed', {}, problems);
    const [existing] = await tx.select().from(councils).where(eq(councils.dossierId, dossier.id));
    if (existing) {
      const [voted] = await tx.select({ n: count() }).from(councilVotes).where(eq(councilVotes.councilId, existing.id));
      if ((voted?.n ?? 0) > 0) throw new AppError('CONFLICT', 'councilHasVotes');
      await tx.delete(councilMembers).where(eq(councilMembers.councilId, existing.id));
      await tx.delete(councils).where(eq(councils.id, existing.id));
    }
    const council: CouncilRow = {
      id: randomUUID(), dossierId: dossier.id, orderId: null, fromCouncilId: null,
      decisionNumber: body.decisionNumber, decisionDate: body.decisionDate, quorum: body.quorum, createdBy: actor.userId, createdAt: clock.now(),
    };
    await tx.insert(councils).values(council);
    await insertMembers(tx, council.id, body.members);
    await audit.record(tx, source, {
      action: existing ? 'council.replaced' : 'council.created', entityType: 'dossier', entityId: dossier.id, agencyId: dossier.orderingAgencyId,
      before: existing ?? null, after: { ...council, members: body.members },
    });
    await notifyDossierSitting(tx, dossier, body.members);
  }

  /**
   * Gives a dossier in appraisal its sitting of the order's council, unless it
   * has a council of its own already. Called when an appraiser is assigned,
   * before the appraisal closes, and when the order's council is established.
   */
  async function adoptOrderCouncil(tx: Db, dossier: DossierScope & { orderId: string }, source: AuditSource): Promise<boolean> {
    const [own] = await tx.select({ id: councils.id }).from(councils).where(eq(councils.dossierId, dossier.id));
    if (own) return false;
    const [standing] = await tx.select().from(councils).where(eq(councils.orderId, dossier.orderId));
    if (!standing) return false;
    const members = await tx.select({ userId: councilMembers.userId, role: councilMembers.role }).from(councilMembers).where(eq(councilMembers.councilId, standing.id));
    const sitting: CouncilRow = {
      ...standing, id: randomUUID(), dossierId: dossier.id, orderId: null, fromCouncilId: standing.id, createdAt: clock.now(),
    };
    await tx.insert(councils).values(sitting);
    await insertMembers(tx, sitting.id, members);
    await audit.record(tx, source, {
      action: 'council.created', entityType: 'dossier', entityId: dossier.id, agencyId: dossier.orderingAgencyId,
      before: null, after: { ...sitting, members },
    });
    await notifyDossierSitting(tx, dossier, members);
    return true;
  }

  /**
   * Establishes (or, by a new decision, changes) the council of a whole order.
   * Dossiers already in appraisal without a council get their sitting at once;
   * sittings already made keep the decision they were made under.
   */
  async function setupForOrder(actor: Actor, orderId: string, body: CouncilBody, source: AuditSource): Promise<OrderDetail> {
    await withTransaction(db, async (tx) => {
      const { row, reach } = await deps.orders.load(actor, orderId, tx, true);
      const relation = await deps.orders.relationTo(actor, row, reach);
      if (!allowedOrderActions(actor, row, relation).includes('setupCouncil')) {
        if (!relation.isOrderingSide) throw forbidden();
        throw new AppError('INVALID_TRANSITION', 'orderCouncilNotNow');
      }
      const problems = await membershipProblems(tx, body);
      if (problems.length > 0) throw invalid('validationFailed', {}, problems);
      const [existing] = await tx.select().from(councils).where(eq(councils.orderId, orderId));
      const decision = { decisionNumber: body.decisionNumber, decisionDate: body.decisionDate, quorum: body.quorum };
      const previousMembers = existing
        ? await tx.select({ userId: councilMembers.userId, role: councilMembers.role }).from(councilMembers).where(eq(councilMembers.councilId, existing.id))
        : [];
      let council: CouncilRow;
      if (existing) {
        // Updated in place: the sittings copied from it point here and keep their own copy of the earlier decision.
        council = { ...existing, ...decision, createdBy: actor.userId, createdAt: clock.now() };
        await tx.update(councils).set(council).where(eq(councils.id, existing.id));
        await tx.delete(councilMembers).where(eq(councilMembers.councilId, existing.id));
      } else {
        council = { id: randomUUID(), dossierId: null, orderId, fromCouncilId: null, ...decision, createdBy: actor.userId, createdAt: clock.now() };
        await tx.insert(councils).values(council);
      }
      await insertMembers(tx, council.id, body.members);
      const before = existing ? { ...existing, members: previousMembers } : null;
      await audit.record(tx, source, {
        action: existing ? 'council.replaced' : 'council.created', entityType: 'order', entityId: orderId, agencyId: row.orderingAgencyId,
        before, after: { ...council, members: body.members },
      });
      for (const role of ['chair', 'secretary', 'member'] as const) {
        const ids = body.members.filter((m) => m.role === role).map((m) => m.userId);
        if (ids.length) await notifications.notify(tx, { userIds: ids, kind: 'order_council_appointed', orderId, params: { orderCode: row.code, councilRole: role } });
      }
      const waiting = await tx.select({ id: dossiers.id, code: dossiers.code, orderingAgencyId: dossiers.orderingAgencyId, orderId: dossiers.orderId }).from(dossiers)
        .where(and(eq(dossiers.orderId, orderId), eq(dossiers.state, 'in_appraisal'),
          notExists(tx.select({ id: councils.id }).from(councils).where(eq(councils.dossierId, dossiers.id)))));
      for (const dossier of waiting) await adoptOrderCouncil(tx, dossier, source);
    });
    await notifications.afterCommit();
    return deps.orders.get(actor, orderId);
  }

  /** People the ordering side may seat on the order's council, provider staff flagged. */
  async function candidatesForOrder(actor: Actor, orderId: string): Promise<DossierCandidate[]> {
    const { row, reach } = await deps.orders.load(actor, orderId);
    if (!(await deps.orders.relationTo(actor, row, reach)).isOrderingSide) throw forbidden();
    return candidatesFor(db, deps.scopeReach, row, 'council');
  }

  return { setupForDossier, setupForOrder, adoptOrderCouncil, candidatesForOrder };
}

export type CouncilsService = ReturnType<typeof createCouncilsService>;
