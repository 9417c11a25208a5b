import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type {
  CancelDispositionBody, CreateDispositionBatchBody, DestroyedFile, DispositionBatch, DispositionBatchDetail, DispositionBatchListQuery,
  DispositionBatchPage, ExpiredRecordPage, ExpiredRecordQuery,
} from '@nghiemthu/shared';
import type { Config } from '../../config.js';
import { withTransaction, type Db } from '../../db/client.js';
import { agencies, dispositionBatches, dispositionItems, dossiers, recordClasses, records, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, conflict, forbidden, invalid } from '../../lib/errors.js';
import type { ScopeService } from '../agencies/agency-scope.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { hasRole, type Actor } from '../auth/actor.js';
import type { BlobStore } from '../files/blob-store.js';
import type { FilesService } from '../files/files.service.js';
import type { NumberingService } from '../numbering/numbering.service.js';
import { presentRecord, recordVisibility } from '../records/records.service.js';
import { createDispositionExecution, type RecordSnapshot } from './disposition-execution.js';
import { STATUS_WORDS, allowedBatchActions, canApprove, canPropose, currentYear, dispositionProblem } from './disposition.policy.js';
import { createLegalHoldService } from './legal-hold.service.js';

type BatchRow = typeof dispositionBatches.$inferSelect;

/** In a batch still waiting for approval or execution: such a record is not offered again. */
const isInOpenBatch = sql`exists (select 1 from disposition_items i join disposition_batches b on b.id = i.batch_id
  where i.record_id = ${records.id} and b.status in ('proposed', 'approved'))`;

const batchNotFound = () => new AppError('NOT_FOUND', 'notFound', { thing: 'thingDispositionBatch' });

/**
 * Retention and disposition of closed records (Law on Archives 2024): the
 * list of expired records, legal holds, and disposition batches, proposed
 * under an appraisal decision with the archive authority's opinion, approved
 * by two people other than the proposer, then executed
 * (disposition-execution.ts). Each step is one transaction with its audit event.
 */
export function createDispositionService(deps: {
  db: Db; clock: Clock; audit: AuditService; scope: ScopeService; files: FilesService; numbering: NumberingService; storage: BlobStore;
  config: Pick<Config, 'pdfFontDir' | 'provinceName'>;
}) {
  const { db, clock, audit, scope } = deps;

  /** null: every agency (system administrators and inspectors read everything). */
  async function readableAgencies(actor: Actor): Promise<string[] | null> {
    return hasRole(actor, 'system_admin', 'inspector') ? null : scope.reachOf(actor.agencyId);
  }

  /** The holding agency is the actor's own (within its reach); system administrators act for all. */
  async function isOwnAgency(actor: Actor, agencyId: string): Promise<boolean> {
    return hasRole(actor, 'system_admin') || (await scope.reachOf(actor.agencyId)).includes(agencyId);
  }

  async function listExpired(actor: Actor, query: ExpiredRecordQuery): Promise<ExpiredRecordPage> {
    const year = currentYear(clock.now());
    const where = and(
      await recordVisibility(scope, actor),
      eq(records.status, 'closed'), isNotNull(records.retentionYears), isNotNull(records.endDate), isNull(records.legalHold),
      // Kept until the end of (end year + retention years): expired from the next 1 January in Vietnam.
      sql`extract(year from ${records.endDate})::int + ${records.retentionYears} < ${year}`,
      sql`not ${isInOpenBatch}`,
      query.recordClassId ? eq(records.recordClassId, query.recordClassId) : undefined,
      query.year ? sql`extract(year from ${records.endDate}) = ${query.year}` : undefined,
    );
    const column = { endDate: records.endDate, code: records.code, title: records.title }[query.sort];
    const direction = query.order === 'desc' ? desc : asc;
    const found = await db.select({ r: records, a: agencies, c: recordClasses, dossierCode: dossiers.code }).from(records)
      .innerJoin(agencies, eq(agencies.id, records.agencyId)).innerJoin(recordClasses, eq(recordClasses.id, records.recordClassId))
      .leftJoin(dossiers, eq(dossiers.id, records.dossierId))
      .where(where).orderBy(direction(column), asc(records.code)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
    const [total] = await db.select({ n: count() }).from(records).leftJoin(dossiers, eq(dossiers.id, records.dossierId)).where(where);
    return {
      items: found.map((f) => presentRecord(f.r, f.a, f.c, f.dossierCode)), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize,
      currentYear: year, canPropose: canPropose(actor),
    };
  }

  /** The batch if the actor may read it (404 otherwise); locked when it is about to change. */
  async function loadBatch(actor: Actor, id: string, lock = false): Promise<BatchRow> {
    const query = db.select().from(dispositionBatches).where(eq(dispositionBatches.id, id));
    const [batch] = lock ? await query.for('update') : await query;
    const readable = await readableAgencies(actor);
    if (!batch || (readable && !readable.includes(batch.agencyId))) throw batchNotFound();
    return batch;
  }

  /** The batch's records, locked in code order; each must still be destroyable (a hold may have been placed since). */
  async function checkedRecords(batchId: string) {
    const held = await db.select({ r: records }).from(dispositionItems).innerJoin(records, eq(records.id, dispositionItems.recordId))
      .where(eq(dispositionItems.batchId, batchId)).orderBy(asc(records.code)).for('update', { of: records });
    const year = currentYear(clock.now());
    for (const { r } of held) {
      const problem = dispositionProblem(r, year);
      if (problem) throw conflict(problem.key, problem.params);
    }
    return held.map((h) => h.r);
  }

  const execution = createDispositionExecution({ ...deps, loadBatch, checkedRecords, isOwnAgency });

  async function propose(actor: Actor, body: CreateDispositionBatchBody, source: AuditSource): Promise<DispositionBatchDetail> {
    if (!canPropose(actor)) throw forbidden();
    const id = await withTransaction(db, async (tx) => {
      const ids = [...new Set(body.recordIds)];
      const found = await tx.select({ r: records }).from(records).leftJoin(dossiers, eq(dossiers.id, records.dossierId))
        .where(and(inArray(records.id, ids), await recordVisibility(scope, actor))).orderBy(asc(records.code)).for('update', { of: records });
      const missing = ids.filter((recordId) => !found.some((f) => f.r.id === recordId));
      if (missing.length > 0) throw invalid('validationFailed', {}, missing.map(() => ({ path: 'recordIds', key: 'dispositionRecordUnknown' as const })));
      const agencyIds = new Set(found.map((f) => f.r.agencyId));
      if (agencyIds.size > 1) throw invalid('dispositionOneAgency');
      const agencyId = found[0]!.r.agencyId;
      // Providers see the records of their own dossiers, but only the holding agency disposes of them.
      if (!(await scope.reachOf(actor.agencyId)).includes(agencyId)) throw forbidden();
      const year = currentYear(clock.now());
      for (const { r } of found) {
        const problem = dispositionProblem(r, year);
        if (problem) throw conflict(problem.key, problem.params);
      }
      const [pending] = await tx.select({ code: records.code, decision: dispositionBatches.decisionNumber }).from(dispositionItems)
        .innerJoin(dispositionBatches, eq(dispositionBatches.id, dispositionItems.batchId)).innerJoin(records, eq(records.id, dispositionItems.recordId))
        .where(and(inArray(dispositionItems.recordId, ids), inArray(dispositionBatches.status, ['proposed', 'approved']))).orderBy(asc(records.code)).limit(1);
      if (pending) throw conflict('dispositionRecordInOpenBatch', { code: pending.code, decision: pending.decision });
      const batch: BatchRow = {
        id: randomUUID(), agencyId, status: 'proposed', decisionNumber: body.decisionNumber, decisionDate: body.decisionDate, archiveOpinion: body.archiveOpinion,
        proposedBy: actor.userId, proposedAt: clock.now(), firstApprovedBy: null, firstApprovedAt: null, secondApprovedBy: null, secondApprovedAt: null,
        executedBy: null, executedAt: null, minutesFileId: null, cancelReason: null,
      };
      await tx.insert(dispositionBatches).values(batch);
      await tx.insert(dispositionItems).values(found.map((f) => ({ batchId: batch.id, recordId: f.r.id, snapshot: null })));
      await audit.record(tx, source, {
        action: 'disposition.proposed', entityType: 'disposition_batch', entityId: batch.id, agencyId,
        after: { decisionNumber: batch.decisionNumber, decisionDate: batch.decisionDate, archiveOpinion: batch.archiveOpinion, records: found.map((f) => ({ id: f.r.id, code: f.r.code })) },
      });
      return batch.id;
    });
    return get(actor, id);
  }

  /**
   * The first approval, then a second by a different person; neither by the
   * proposer. The database refuses two equal approvers too
   * (disposition_two_people), whatever the code above it does.
   */
  async function approve(actor: Actor, id: string, source: AuditSource): Promise<DispositionBatchDetail> {
    await withTransaction(db, async (tx) => {
      const batch = await loadBatch(actor, id, true);
      if (!canApprove(actor) || !(await isOwnAgency(actor, batch.agencyId))) throw forbidden();
      if (batch.status !== 'proposed') throw new AppError('INVALID_TRANSITION', 'dispositionApproveNotNow', { status: STATUS_WORDS[batch.status] });
      // A deputy acting for someone carries that person's authority: it counts as that person too.
      const people = [actor.userId, actor.onBehalfOf?.userId].filter(Boolean);
      if (people.includes(batch.proposedBy)) throw new AppError('FORBIDDEN', 'dispositionProposerCannotApprove');
      if (batch.firstApprovedBy && people.includes(batch.firstApprovedBy)) throw new AppError('FORBIDDEN', 'dispositionSameApprover');
      await checkedRecords(id);
      const now = clock.now();
      const isFirst = batch.firstApprovedBy === null;
      await tx.update(dispositionBatches)
        .set(isFirst ? { firstApprovedBy: actor.userId, firstApprovedAt: now } : { secondApprovedBy: actor.userId, secondApprovedAt: now, status: 'approved' })
        .where(eq(dispositionBatches.id, id));
      await audit.record(tx, source, {
        action: isFirst ? 'disposition.first_approval' : 'disposition.second_approval', entityType: 'disposition_batch', entityId: id, agencyId: batch.agencyId,
        before: { status: batch.status, firstApprovedBy: batch.firstApprovedBy }, after: { status: isFirst ? 'proposed' : 'approved', approvedBy: actor.userId },
      });
    });
    return get(actor, id);
  }

  async function cancel(actor: Actor, id: string, body: CancelDispositionBody, source: AuditSource): Promise<DispositionBatchDetail> {
    await withTransaction(db, async (tx) => {
      const batch = await loadBatch(actor, id, true);
      if (batch.status !== 'proposed' && batch.status !== 'approved') {
        throw new AppError('INVALID_TRANSITION', 'dispositionCancelNotNow', { status: STATUS_WORDS[batch.status] });
      }
      if (!allowedBatchActions(actor, batch, await isOwnAgency(actor, batch.agencyId)).includes('cancel')) throw forbidden();
      await tx.update(dispositionBatches).set({ status: 'cancelled', cancelReason: body.reason }).where(eq(dispositionBatches.id, id));
      await audit.record(tx, source, {
        action: 'disposition.cancelled', entityType: 'disposition_batch', entityId: id, agencyId: batch.agencyId,
        before: { status: batch.status }, after: { status: 'cancelled', reason: body.reason },
      });
    });
    return get(actor, id);
  }

  async function execute(actor: Actor, id: string, source: AuditSource): Promise<DispositionBatchDetail> {
    await execution.execute(actor, id, source);
    return get(actor, id);
  }

  async function briefs(ids: (string | null)[]) {
    const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
    const found = wanted.length > 0 ? await db.select().from(users).where(inArray(users.id, wanted)) : [];
    return (userId: string | null) => {
      const u = found.find((f) => f.id === userId);
      return u ? { id: u.id, username: u.username, fullName: u.fullName } : null;
    };
  }

  async function present(rows: { b: BatchRow; a: typeof agencies.$inferSelect; recordCount: number }[]): Promise<DispositionBatch[]> {
    const brief = await briefs(rows.flatMap(({ b }) => [b.proposedBy, b.firstApprovedBy, b.secondApprovedBy, b.executedBy]));
    return rows.map(({ b, a, recordCount }) => ({
      id: b.id, agency: { id: a.id, code: a.code, name: a.name, shortName: a.shortName }, status: b.status,
      decisionNumber: b.decisionNumber, decisionDate: b.decisionDate, archiveOpinion: b.archiveOpinion,
      proposedBy: brief(b.proposedBy)!, proposedAt: b.proposedAt.toISOString(),
      firstApprovedBy: brief(b.firstApprovedBy), firstApprovedAt: b.firstApprovedAt?.toISOString() ?? null,
      secondApprovedBy: brief(b.secondApprovedBy), secondApprovedAt: b.secondApprovedAt?.toISOString() ?? null,
      executedBy: brief(b.executedBy), executedAt: b.executedAt?.toISOString() ?? null,
      minutesFileId: b.minutesFileId, cancelReason: b.cancelReason, recordCount,
    }));
  }

  const recordCount = sql<number>`(select count(*)::int from disposition_items i where i.batch_id = ${dispositionBatches.id})`;

  async function get(actor: Actor, id: string): Promise<DispositionBatchDetail> {
    const batch = await loadBatch(actor, id);
    const [agency] = await db.select().from(agencies).where(eq(agencies.id, batch.agencyId));
    const items = await db.select({ i: dispositionItems, r: records, c: recordClasses }).from(dispositionItems)
      .innerJoin(records, eq(records.id, dispositionItems.recordId)).innerJoin(recordClasses, eq(recordClasses.id, records.recordClassId))
      .where(eq(dispositionItems.batchId, id)).orderBy(asc(records.code));
    const [presented] = await present([{ b: batch, a: agency!, recordCount: items.length }]);
    return {
      ...presented!,
      items: items.map(({ i, r, c }) => ({
        recordId: r.id, code: r.code, title: r.title, recordClass: { code: c.code, name: c.name }, retentionYears: r.retentionYears, endDate: r.endDate,
        documentCount: r.documentCount, recordStatus: r.status, legalHold: r.legalHold, files: filesOf(i.snapshot as RecordSnapshot | null),
      })),
      allowedActions: allowedBatchActions(actor, batch, await isOwnAgency(actor, batch.agencyId)),
    };
  }

  async function list(actor: Actor, query: DispositionBatchListQuery): Promise<DispositionBatchPage> {
    const readable = await readableAgencies(actor);
    const where: SQL | undefined = and(
      readable ? inArray(dispositionBatches.agencyId, readable) : undefined,
      query.status ? eq(dispositionBatches.status, query.status) : undefined,
    );
    const column = { proposedAt: dispositionBatches.proposedAt, decisionDate: dispositionBatches.decisionDate }[query.sort];
    const direction = query.order === 'asc' ? asc : desc;
    const found = await db.select({ b: dispositionBatches, a: agencies, recordCount }).from(dispositionBatches)
      .innerJoin(agencies, eq(agencies.id, dispositionBatches.agencyId))
      .where(where).orderBy(direction(column), asc(dispositionBatches.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
    const [total] = await db.select({ n: count() }).from(dispositionBatches).where(where);
    return { items: await present(found), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  return { listExpired, list, get, propose, approve, cancel, execute, legalHold: createLegalHoldService(deps) };
}

function filesOf(snapshot: RecordSnapshot | null): DestroyedFile[] {
  return (snapshot?.documents ?? []).map((d) => ({ ordinal: d.ordinal, fileName: d.fileName, sha256: d.file.sha256, size: d.file.size, isKeptElsewhere: d.file.isKeptElsewhere }));
}

export type DispositionService = ReturnType<typeof createDispositionService>;
