/**
 * Runs an import in the worker: the uploaded tar is read once with readBag,
 * every payload file stored through the blob store as it streams by
 * (content-addressed, so nothing references it unless it already was: a
 * harmless staging area), then the bag and each record in it are verified and
 * the report is kept on the transfer. Import verifies; it does not register
 * the records in this installation (docs/archival-package.md, section 5).
 */
import { and, eq, or } from 'drizzle-orm';
import type { ArchivalImportReport } from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { agencies, agencyCodes, archivalTransfers, records } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { BlobStore } from '../files/blob-store.js';
import type { TaskContext } from '../tasks/tasks.worker.js';
import { RECORD_FILE_PATTERN, verifyPackage, type HeldHere, type HeldHereLookup } from './archival-verification.js';
import { readBag } from './bag-reader.js';
import { recordProblem } from './record-problems.js';
import type { TransferRecords } from './transfer-records.js';
import type { TransferRows } from './transfer-rows.js';

export const IMPORT_TASK_KIND = 'archival.import';

export type ImportResult = { transferId: string; isValid: boolean; records: number; verified: number };

const MiB = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createArchivalImport(deps: { db: Db; clock: Clock; audit: AuditService; storage: BlobStore; rows: TransferRows; records: TransferRecords }) {
  const { db, clock, audit, storage, rows } = deps;

  async function run(context: TaskContext, transferId: string): Promise<ImportResult> {
    const transfer = await rows.find(transferId);
    if (!transfer) throw new Error(`archival transfer ${transferId} not found`);
    try {
      const actor = await deps.records.actorOf(transfer.createdBy);
      const packageBytes = transfer.packageBytes ?? 0;
      // Progress in MiB of the tar: the number of files is known only once the last one has gone by.
      const progress = rows.progressWriter(transfer.id, (p) => context.progress(Math.floor(p.bytes / MiB), Math.max(1, Math.ceil(packageBytes / MiB))));
      const recordFiles = new Map<string, Buffer>();
      const bag = await readBag(await storage.open(transfer.packageSha256!), {
        async onPayloadFile(_path, stream) {
          await storage.put(stream, { maxBytes: Number.MAX_SAFE_INTEGER });
        },
        onTagFile(path, content) {
          if (RECORD_FILE_PATTERN.test(path)) recordFiles.set(path, content);
        },
      }, {
        totalBytes: packageBytes,
        onProgress: (p) => progress.report({ files: p.files, totalFiles: null, bytes: p.bytes, totalBytes: packageBytes }),
      });
      await progress.settle();
      const report = await verifyPackage(bag, recordFiles, heldHere);

      const recordIds = [...new Set(report.records.flatMap((check) => (check.recordId && UUID.test(check.recordId) ? [check.recordId] : [])))];
      await withTransaction(db, async (tx) => {
        await tx.update(archivalTransfers).set({ status: report.isValid ? 'succeeded' : 'failed', recordIds, finishedAt: clock.now() })
          .where(eq(archivalTransfers.id, transfer.id));
        await rows.patchReport(transfer.id, { packageCode: report.bagName ?? undefined, imported: report }, tx);
        await audit.record(tx, { actor, ip: null, userAgent: null }, {
          action: 'archival_transfer.imported', entityType: 'archival_transfer', entityId: transfer.id,
          after: summary(report),
        });
      });
      await context.progress(Math.max(1, Math.ceil(packageBytes / MiB)), Math.max(1, Math.ceil(packageBytes / MiB)));
      return { transferId: transfer.id, isValid: report.isValid, records: report.records.length, verified: report.records.filter((check) => check.isVerified).length };
    } catch (error) {
      await rows.markFailed(transfer, error, context.taskId);
      throw error;
    }
  }

  /** Whether this installation holds the record: by its id, else by its agency's code and its record code. */
  const heldHere: HeldHereLookup = async (record) => {
    const result: HeldHere = { heldHere: 'absent', problems: [] };
    const [agency] = await db.select({ id: agencies.id }).from(agencies).leftJoin(agencyCodes, eq(agencyCodes.agencyId, agencies.id))
      .where(or(eq(agencies.code, record.agencyCode), eq(agencyCodes.code, record.agencyCode))).limit(1);
    if (!agency) result.problems.push(recordProblem('AGENCY_UNKNOWN_HERE', undefined, record.agencyCode));
    const [held] = UUID.test(record.id) ? await db.select({ sealHash: records.sealHash }).from(records).where(eq(records.id, record.id)) : [];
    const [sameCode] = !held && agency ? await db.select({ id: records.id }).from(records).where(and(eq(records.agencyId, agency.id), eq(records.code, record.code))) : [];
    if (held?.sealHash === record.seal) result.heldHere = 'same';
    else if (held || sameCode) {
      result.heldHere = 'different';
      result.problems.push(recordProblem('HELD_HERE_DIFFERENT', undefined, record.code));
    }
    return result;
  };

  return { run };
}

function summary(report: ArchivalImportReport) {
  return {
    isValid: report.isValid, bagName: report.bagName, payloadFiles: report.payloadFiles, payloadBytes: report.payloadBytes,
    problems: report.bagProblems.map((problem) => `${problem.code} ${problem.path ?? ''}`.trim()),
    records: report.records.map((check) => ({ code: check.code, isVerified: check.isVerified, problems: check.problems.map((problem) => problem.code) })),
  };
}
