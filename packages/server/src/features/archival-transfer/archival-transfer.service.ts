import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  formatBytes,
  localDate,
  type ArchivalTransfer,
  type ArchivalTransferDetail,
  type ArchivalTransferListQuery,
  type ArchivalTransferPage,
  type CreateArchivalTransferBody,
  type Language,
} from '@nghiemthu/shared';
import type { Config } from '../../config.js';
import { withTransaction, type Db } from '../../db/client.js';
import { archivalTransfers, files, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, forbidden } from '../../lib/errors.js';
import type { ScopeService } from '../agencies/agency-scope.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { hasRole, type Actor } from '../auth/actor.js';
import { BlobTooLargeError, type BlobStore } from '../files/blob-store.js';
import type { TasksService } from '../tasks/tasks.service.js';
import type { TaskContext } from '../tasks/tasks.worker.js';
import { EXPORT_TASK_KIND, TAR_MEDIA_TYPE, createArchivalExport } from './archival-export.js';
import { IMPORT_TASK_KIND, createArchivalImport } from './archival-import.js';
import { canTransferRecords } from './archival-transfer.policy.js';
import { createTransferRecords, packageCodeOf } from './transfer-records.js';
import { createTransferRows, type StoredReport, type TransferRow } from './transfer-rows.js';

const TaskParams = z.object({ transferId: z.uuid() });

/**
 * Archival transfer (issue 4): closed records exported as a BagIt package for
 * the historical archive, and packages imported back and verified, each as a
 * background task with progress. The package format is in
 * docs/archival-package.md; the record JSON in packages/shared.
 */
export function createArchivalTransferService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  tasks: TasksService;
  scope: ScopeService;
  storage: BlobStore;
  config: Pick<Config, 'uploadMaxBytes'>;
}) {
  const { db, clock, audit, tasks, scope, storage } = deps;
  const rows = createTransferRows({ db, clock, audit });
  const records = createTransferRecords({ db, scope });
  const exporter = createArchivalExport({ db, clock, audit, storage, rows, records });
  const importer = createArchivalImport({ db, clock, audit, storage, rows, records });

  // ---- export

  async function startExport(actor: Actor, body: CreateArchivalTransferBody, source: AuditSource, language: Language): Promise<ArchivalTransferDetail> {
    const chosen = await records.choose(actor, body.recordIds);
    // By default the day the last record closed: the same records always give the same package.
    const lastClosed = new Date(Math.max(...chosen.map((record) => record.closedAt.getTime())));
    const baggingDate = body.baggingDate ?? localDate(lastClosed);
    const packageCode = packageCodeOf(chosen.map((record) => record.id), baggingDate);
    const transferId = randomUUID();
    const taskId = await withTransaction(db, async (tx) => {
      const id = await tasks.create(tx, { kind: EXPORT_TASK_KIND, params: { transferId }, actor, language });
      const report: StoredReport = { taskId: id, packageCode, baggingDate };
      await tx.insert(archivalTransfers).values({
        id: transferId, direction: 'export', status: 'running', recordIds: chosen.map((record) => record.id), report, createdBy: actor.userId, createdAt: clock.now(),
      });
      await audit.record(tx, source, {
        action: 'archival_transfer.export_started', entityType: 'archival_transfer', entityId: transferId,
        after: { packageCode, baggingDate, records: chosen.map((record) => record.code), taskId: id },
      });
      return id;
    });
    await tasks.send(taskId);
    return get(actor, transferId);
  }

  // ---- import

  /** Keeps the uploaded tar (streamed, size-limited, checked to be a tar) and queues its verification. */
  async function startImport(actor: Actor, upload: { stream: Readable; fileName: string }, source: AuditSource, language: Language): Promise<ArchivalTransferDetail> {
    if (!canTransferRecords(actor)) throw forbidden();
    if (path.extname(upload.fileName).toLowerCase() !== '.tar') {
      upload.stream.resume(); // drain the part so the request can finish; nothing is stored
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'archivalNotTar', { name: upload.fileName });
    }
    let blob;
    try {
      blob = await storage.put(upload.stream, { maxBytes: deps.config.uploadMaxBytes }, (stored) => {
        if (!isTar(stored.head)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'archivalNotTar', { name: upload.fileName });
      });
    } catch (error) {
      if (error instanceof BlobTooLargeError) throw new AppError('PAYLOAD_TOO_LARGE', 'fileTooLarge', { limit: formatBytes(error.maxBytes) });
      throw error;
    }
    const transferId = randomUUID();
    const taskId = await withTransaction(db, async (tx) => {
      const fileId = randomUUID();
      // As files.service names uploads: last path component, NFC, no control characters or bidirectional overrides.
      const fileName = path.basename(upload.fileName.normalize('NFC').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').slice(-255) || 'goi.tar';
      await tx.insert(files).values({
        id: fileId, sha256: blob.sha256, size: blob.size, mediaType: TAR_MEDIA_TYPE, fileName, agencyId: actor.agencyId, uploadedBy: actor.userId, createdAt: clock.now(),
      });
      const id = await tasks.create(tx, { kind: IMPORT_TASK_KIND, params: { transferId }, actor, language });
      await tx.insert(archivalTransfers).values({
        id: transferId, direction: 'import', status: 'running', recordIds: [], fileId, packageSha256: blob.sha256, packageBytes: blob.size,
        report: { taskId: id } satisfies StoredReport, createdBy: actor.userId, createdAt: clock.now(),
      });
      await audit.record(tx, source, {
        action: 'archival_transfer.import_started', entityType: 'archival_transfer', entityId: transferId,
        after: { fileId, fileName, sha256: blob.sha256, bytes: blob.size, taskId: id },
      });
      return id;
    });
    await tasks.send(taskId);
    return get(actor, transferId);
  }

  // ---- the worker's side

  const runExport = (context: TaskContext) => exporter.run(context, TaskParams.parse(context.params).transferId);
  const runImport = (context: TaskContext) => importer.run(context, TaskParams.parse(context.params).transferId);

  // ---- reading

  /** Administrators see every transfer; officers and agency administrators those started within their agency's reach. */
  async function visibility(actor: Actor): Promise<SQL | undefined> {
    if (!canTransferRecords(actor)) throw forbidden();
    if (hasRole(actor, 'system_admin')) return undefined;
    return inArray(users.agencyId, await scope.reachOf(actor.agencyId));
  }

  const joined = () => db.select({ t: archivalTransfers, u: users, fileName: files.fileName }).from(archivalTransfers)
    .innerJoin(users, eq(users.id, archivalTransfers.createdBy)).leftJoin(files, eq(files.id, archivalTransfers.fileId));

  async function list(actor: Actor, query: ArchivalTransferListQuery): Promise<ArchivalTransferPage> {
    const where = and(await visibility(actor), query.direction ? eq(archivalTransfers.direction, query.direction) : undefined);
    const direction = query.order === 'asc' ? asc : desc;
    const found = await joined().where(where).orderBy(direction(archivalTransfers.createdAt), asc(archivalTransfers.id))
      .limit(query.pageSize).offset((query.page - 1) * query.pageSize);
    const [total] = await db.select({ n: count() }).from(archivalTransfers).innerJoin(users, eq(users.id, archivalTransfers.createdBy)).where(where);
    return { items: found.map((row) => present(row.t, row.u, row.fileName)), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  async function load(actor: Actor, id: string) {
    const [found] = await joined().where(and(eq(archivalTransfers.id, id), await visibility(actor)));
    if (!found) throw new AppError('NOT_FOUND', 'notFound', { thing: 'thingArchivalTransfer' });
    return found;
  }

  async function get(actor: Actor, id: string): Promise<ArchivalTransferDetail> {
    const found = await load(actor, id);
    const report = (found.t.report ?? {}) as StoredReport;
    return { ...present(found.t, found.u, found.fileName), exported: report.exported ?? null, imported: report.imported ?? null };
  }

  /** The package's bytes (an export's tar, or the tar an import received); the download is recorded before the first byte. */
  async function openPackage(actor: Actor, id: string, source: AuditSource): Promise<{ fileName: string; size: number; sha256: string; stream: Readable }> {
    const { t, fileName } = await load(actor, id);
    if (!t.fileId || !t.packageSha256 || !fileName || (t.direction === 'export' && t.status !== 'succeeded')) {
      throw new AppError('CONFLICT', 'archivalPackageNotReady');
    }
    // A package holds whole records: only someone who may read every one of them takes it away.
    if (t.direction === 'export' && !(await records.canReadAll(actor, t.recordIds))) throw forbidden();
    const stream = await storage.open(t.packageSha256);
    try {
      await audit.record(db, source, {
        action: 'archival_transfer.downloaded', entityType: 'archival_transfer', entityId: t.id,
        after: { fileId: t.fileId, sha256: t.packageSha256, bytes: t.packageBytes },
      });
    } catch (error) {
      stream.destroy();
      throw error;
    }
    return { fileName, size: t.packageBytes ?? 0, sha256: t.packageSha256, stream };
  }

  /** An import's verification report as a JSON document to keep with the package. */
  async function verificationReport(actor: Actor, id: string): Promise<{ fileName: string; body: string }> {
    const detail = await get(actor, id);
    if (!detail.imported) throw new AppError('CONFLICT', 'archivalReportNotReady');
    const name = detail.packageCode ?? detail.id;
    return { fileName: `${name}-bao-cao-kiem-tra.json`, body: `${JSON.stringify({ transferId: detail.id, fileName: detail.fileName, packageSha256: detail.packageSha256, checkedAt: detail.finishedAt, ...detail.imported }, null, 2)}\n` };
  }

  return { startExport, startImport, runExport, runImport, list, get, openPackage, verificationReport };
}

export type ArchivalTransferService = ReturnType<typeof createArchivalTransferService>;

function present(row: TransferRow, user: typeof users.$inferSelect, fileName: string | null): ArchivalTransfer {
  const report = (row.report ?? {}) as StoredReport;
  return {
    id: row.id,
    direction: row.direction,
    status: row.status,
    packageCode: report.packageCode ?? null,
    recordCount: row.direction === 'import' && report.imported ? report.imported.records.length : row.recordIds.length,
    taskId: report.taskId ?? null,
    progress: row.status === 'running' ? (report.progress ?? null) : null,
    fileName,
    packageSha256: row.packageSha256,
    packageBytes: row.packageBytes,
    error: report.error ?? null,
    isValid: report.imported?.isValid ?? null,
    createdBy: { id: user.id, username: user.username, fullName: user.fullName },
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** A tar's first header block has "ustar" at byte 257 (POSIX ustar, pax and GNU tar alike). */
function isTar(head: Buffer): boolean {
  return head.length >= 512 && head.subarray(257, 262).toString('latin1') === 'ustar';
}
