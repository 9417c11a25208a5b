import { and, desc, eq } from 'drizzle-orm';
import type { LegalHold, LegalHoldAction, LegalHoldBody } from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { auditEvents, dispositionBatches, dispositionItems, dossiers, records, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { conflict, forbidden, notFound } from '../../lib/errors.js';
import type { ScopeService } from '../agencies/agency-scope.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { hasRole, type Actor } from '../auth/actor.js';
import { recordVisibility } from '../records/records.service.js';
import { canChangeLegalHold } from './disposition.policy.js';

type RecordRow = typeof records.$inferSelect;

/**
 * Legal holds (giữ theo yêu cầu pháp lý): while an inspection, a dispute or a
 * court case needs a record, it is held and no disposition may take it. The
 * reason is the hold; releasing it needs a reason too. Both are audited on the
 * record, which is how the page shows who placed the hold and when.
 */
export function createLegalHoldService(deps: { db: Db; clock: Clock; audit: AuditService; scope: ScopeService }) {
  const { db, clock, audit } = deps;

  /** The record if the actor may read it (404 otherwise, as for the record itself); locked when changing it. */
  async function load(actor: Actor, recordId: string, lock = false): Promise<RecordRow> {
    const query = db.select({ r: records }).from(records).leftJoin(dossiers, eq(dossiers.id, records.dossierId))
      .where(and(eq(records.id, recordId), await recordVisibility(deps.scope, actor)));
    const [found] = lock ? await query.for('update', { of: records }) : await query;
    if (!found) throw notFound('thingRecord');
    return found.r;
  }

  /** Holds are for the holding agency's leaders and administrators, system administrators and inspectors. */
  async function mayChange(actor: Actor, record: RecordRow): Promise<boolean> {
    if (!canChangeLegalHold(actor)) return false;
    if (hasRole(actor, 'system_admin', 'inspector')) return true;
    return (await deps.scope.reachOf(actor.agencyId)).includes(record.agencyId);
  }

  async function get(actor: Actor, recordId: string): Promise<LegalHold> {
    const record = await load(actor, recordId);
    const allowedActions: LegalHoldAction[] = [];
    if (record.status !== 'destroyed' && (await mayChange(actor, record))) allowedActions.push(record.legalHold === null ? 'place' : 'release');
    const [placed] = record.legalHold === null ? [] : await db.select({ at: auditEvents.occurredAt, u: users }).from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(and(eq(auditEvents.entityType, 'record'), eq(auditEvents.entityId, recordId), eq(auditEvents.action, 'record.legal_hold_placed')))
      .orderBy(desc(auditEvents.seq)).limit(1);
    const [batch] = await db.select({ b: dispositionBatches }).from(dispositionItems)
      .innerJoin(dispositionBatches, eq(dispositionBatches.id, dispositionItems.batchId))
      .where(eq(dispositionItems.recordId, recordId)).orderBy(desc(dispositionBatches.proposedAt)).limit(1);
    return {
      recordId, recordStatus: record.status, reason: record.legalHold,
      placedBy: placed?.u ? { id: placed.u.id, username: placed.u.username, fullName: placed.u.fullName } : null,
      placedAt: placed?.at.toISOString() ?? null,
      allowedActions,
      disposition: batch ? { batchId: batch.b.id, status: batch.b.status, decisionNumber: batch.b.decisionNumber } : null,
    };
  }

  async function change(actor: Actor, recordId: string, reason: string, isPlacing: boolean, source: AuditSource): Promise<LegalHold> {
    await withTransaction(db, async (tx) => {
      const record = await load(actor, recordId, true);
      if (!(await mayChange(actor, record))) throw forbidden();
      if (record.status === 'destroyed') throw conflict('legalHoldRecordDestroyed', { code: record.code });
      if (isPlacing && record.legalHold !== null) throw conflict('legalHoldAlreadyPlaced', { code: record.code, reason: record.legalHold });
      if (!isPlacing && record.legalHold === null) throw conflict('legalHoldNotPlaced', { code: record.code });
      // The database lets a closed record change only its status and its hold (0010_records_locked.sql).
      await tx.update(records).set({ legalHold: isPlacing ? reason : null, updatedAt: clock.now() }).where(eq(records.id, recordId));
      await audit.record(tx, source, {
        action: isPlacing ? 'record.legal_hold_placed' : 'record.legal_hold_released', entityType: 'record', entityId: recordId, agencyId: record.agencyId,
        before: { legalHold: record.legalHold }, after: isPlacing ? { legalHold: reason } : { legalHold: null, reason },
      });
    });
    return get(actor, recordId);
  }

  return {
    get,
    place: (actor: Actor, recordId: string, body: LegalHoldBody, source: AuditSource) => change(actor, recordId, body.reason, true, source),
    release: (actor: Actor, recordId: string, body: LegalHoldBody, source: AuditSource) => change(actor, recordId, body.reason, false, source),
  };
}

export type LegalHoldService = ReturnType<typeof createLegalHoldService>;
