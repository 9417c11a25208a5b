import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, not, sql } from 'drizzle-orm';
import type { Language } from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { documents, files, integrityChecks, records } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { forbidden } from '../../lib/errors.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { hasRole, type Actor } from '../auth/actor.js';
import { isHeldOnlyByDestroyedRecords } from '../disposition/file-holders.js';
import type { BlobStore } from '../files/blob-store.js';
import type { TasksService } from '../tasks/tasks.service.js';

export type FaultyFile = { sha256: string; problem: 'missing' | 'hash_mismatch'; fileNames: string[]; records: string[] };
export type IntegrityReport = { id: string; scope: 'all' | 'record'; recordId: string | null; filesChecked: number; bytesChecked: number; faulty: FaultyFile[] };

/**
 * Fixity: every stored file is read back and re-hashed against the SHA-256 it
 * is named by, and the result is kept as an integrity report naming each
 * faulty file and the records that hold it (the storage duty of domain.md §5).
 * Runs nightly for everything and on demand for one record, with progress.
 */
export function createIntegrityService(deps: { db: Db; clock: Clock; audit: AuditService; storage: BlobStore; tasks: TasksService }) {
  const { db, clock, audit, storage } = deps;

  async function sweep(scope: { recordId?: string | null }, startedBy: string | null, onProgress?: (done: number, total: number) => Promise<void> | void): Promise<IntegrityReport> {
    const startedAt = clock.now();
    const recordId = scope.recordId ?? null;
    // One check per stored blob: the same bytes uploaded twice are one blob.
    // Files held only by destroyed records are skipped: their bytes were deleted
    // on purpose by a disposition (features/disposition), not lost; their hashes
    // stay in the rows, the seal and the destruction minutes.
    const blobs = await db.select({ sha256: files.sha256, size: sql<number>`max(${files.size})`, fileNames: sql<string[]>`array_agg(distinct ${files.fileName})` })
      .from(files)
      .where(and(
        recordId ? inArray(files.id, db.select({ id: documents.fileId }).from(documents).where(eq(documents.recordId, recordId))) : undefined,
        not(isHeldOnlyByDestroyedRecords(files.id)),
      ))
      .groupBy(files.sha256).orderBy(asc(files.sha256));
    const faulty: FaultyFile[] = [];
    let bytesChecked = 0;
    for (const [index, blob] of blobs.entries()) {
      const exists = await storage.has(blob.sha256);
      const intact = exists && (await storage.verify(blob.sha256));
      bytesChecked += Number(blob.size);
      if (!intact) faulty.push({ sha256: blob.sha256, problem: exists ? 'hash_mismatch' : 'missing', fileNames: blob.fileNames, records: [] });
      // Progress every 50 files: often enough to watch, rarely enough not to slow the sweep.
      if ((index + 1) % 50 === 0 || index + 1 === blobs.length) await onProgress?.(index + 1, blobs.length);
    }
    if (faulty.length > 0) {
      const holders = await db.select({ sha256: files.sha256, code: records.code }).from(documents)
        .innerJoin(files, eq(files.id, documents.fileId)).innerJoin(records, eq(records.id, documents.recordId))
        .where(inArray(files.sha256, faulty.map((f) => f.sha256)));
      for (const file of faulty) file.records = [...new Set(holders.filter((h) => h.sha256 === file.sha256).map((h) => h.code))].sort();
    }
    const report: IntegrityReport = { id: randomUUID(), scope: recordId ? 'record' : 'all', recordId, filesChecked: blobs.length, bytesChecked, faulty };
    await withTransaction(db, async (tx) => {
      await tx.insert(integrityChecks).values({ ...report, startedAt, finishedAt: clock.now(), startedBy });
      await audit.record(tx, { actor: null, ip: null, userAgent: null }, {
        action: 'integrity.checked', entityType: 'integrity_check', entityId: report.id, agencyId: null,
        after: { scope: report.scope, recordId, filesChecked: report.filesChecked, faulty: faulty.map((f) => ({ sha256: f.sha256, problem: f.problem, records: f.records })) },
      });
    });
    return report;
  }

  /** Queues a sweep as a background task: for one record (any reader of it may ask) or everything (administrators). */
  async function start(actor: Actor, recordId: string | null, source: AuditSource, language: Language): Promise<string> {
    if (!recordId && !hasRole(actor, 'system_admin', 'agency_admin')) throw forbidden();
    const taskId = await withTransaction(db, async (tx) => {
      const id = await deps.tasks.create(tx, { kind: 'integrity.sweep', params: { recordId }, actor, language });
      await audit.record(tx, source, { action: 'integrity.started', entityType: 'task', entityId: id, after: { recordId } });
      return id;
    });
    await deps.tasks.send(taskId);
    return taskId;
  }

  async function latest(recordId: string | null) {
    const [found] = await db.select().from(integrityChecks)
      .where(recordId ? and(eq(integrityChecks.scope, 'record'), eq(integrityChecks.recordId, recordId)) : eq(integrityChecks.scope, 'all'))
      .orderBy(sql`${integrityChecks.startedAt} desc`).limit(1);
    return found ?? null;
  }

  return { sweep, start, latest };
}

export type IntegrityService = ReturnType<typeof createIntegrityService>;
