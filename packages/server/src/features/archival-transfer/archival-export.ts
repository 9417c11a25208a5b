/**
 * Runs an export in the worker: the chosen records become one BagIt tar
 * streamed straight into the blob store (writeBag into a PassThrough that
 * storage.put reads), so a package of any size passes through one chunk at a
 * time; then the tar is recorded as a file and the transfer as finished.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import { ArchivalRecordFile, type ArchivalExportSummary } from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { archivalTransfers, files } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { BlobNotFoundError, type BlobStore } from '../files/blob-store.js';
import type { TaskContext } from '../tasks/tasks.worker.js';
import { loadRecordFile, recordFileBytes } from './archival-record-file.js';
import { BagWriteError, writeBag, type BagPayloadFile, type BagTagFile } from './bag-writer.js';
import type { TransferRecords } from './transfer-records.js';
import type { StoredReport, TransferRows } from './transfer-rows.js';

export const EXPORT_TASK_KIND = 'archival.export';

export const TAR_MEDIA_TYPE = 'application/x-tar';

export type ExportResult = { transferId: string; packageCode: string; packageSha256: string; packageBytes: number };

/** Midnight in Vietnam (UTC+7, no daylight saving) of the bagging date: the tar's entry times, so they are fixed too. */
export function bagCreatedAt(baggingDate: string): Date {
  return new Date(`${baggingDate}T00:00:00+07:00`);
}

export function createArchivalExport(deps: { db: Db; clock: Clock; audit: AuditService; storage: BlobStore; rows: TransferRows; records: TransferRecords }) {
  const { db, clock, audit, storage, rows } = deps;

  async function run(context: TaskContext, transferId: string): Promise<ExportResult> {
    const transfer = await rows.find(transferId);
    if (!transfer) throw new Error(`archival transfer ${transferId} not found`);
    try {
      return await write(context, transfer.id, transfer.recordIds, transfer.createdBy, transfer.report as StoredReport);
    } catch (error) {
      await rows.markFailed(transfer, error, context.taskId);
      throw error;
    }
  }

  async function write(context: TaskContext, transferId: string, recordIds: string[], createdBy: string, stored: StoredReport): Promise<ExportResult> {
    const actor = await deps.records.actorOf(createdBy);
    // Checked again: rights or records may have changed since the request.
    const chosen = await deps.records.choose(actor, recordIds);
    const recordFiles: ArchivalRecordFile[] = [];
    for (const record of chosen) {
      const loaded = await loadRecordFile(db, record.id);
      // A row changed behind the application would go out under a seal it no longer matches.
      if (!loaded.isSealIntact) throw new AppError('CONFLICT', 'archivalSealMismatch', { code: record.code });
      // What import will read must be what it expects: a record the schema refuses stops the export here.
      ArchivalRecordFile.parse(loaded.file);
      recordFiles.push(loaded.file);
    }
    const packageCode = stored.packageCode!;
    const baggingDate = stored.baggingDate!;
    const documents = recordFiles.flatMap((file) => file.documents.map((document) => ({ code: file.record.code, document })));
    const totalFiles = documents.length;
    const totalBytes = documents.reduce((sum, { document }) => sum + document.size, 0);

    const progress = rows.progressWriter(transferId, (p) => context.progress(p.files, p.totalFiles));
    const payload: BagPayloadFile[] = documents.map(({ code, document }) => ({
      path: `${code}/${document.fileName}`,
      size: document.size,
      // The export stops, naming the file, if the stored bytes no longer hash to what the record holds.
      sha256: document.sha256,
      modifiedAt: new Date(document.capturedAt),
      open: async () => {
        try {
          return await storage.open(document.sha256);
        } catch (error) {
          if (error instanceof BlobNotFoundError) throw new AppError('CONFLICT', 'archivalStoredFileMissing', { path: document.path, code });
          throw error;
        }
      },
    }));
    const tagFiles: BagTagFile[] = recordFiles.map((file) => ({ path: `metadata/records/${file.record.code}.json`, content: recordFileBytes(file) }));
    const agencies = [...new Map(chosen.map((record) => [record.agencyCode, record.agencyName])).entries()].sort(([a], [b]) => (a < b ? -1 : 1));

    const output = new PassThrough();
    const storing = storage.put(output, { maxBytes: Number.MAX_SAFE_INTEGER });
    const writing = writeBag(output, {
      name: packageCode,
      createdAt: bagCreatedAt(baggingDate),
      bagInfo: {
        'Source-Organization': agencies.map(([, name]) => name),
        'External-Identifier': packageCode,
        'External-Description': `Hồ sơ lưu trữ điện tử đã đóng, chuyển giao từ NghiemThu: ${chosen.length} hồ sơ, ${totalFiles} tệp. Closed electronic records transferred from NghiemThu: ${chosen.length} records, ${totalFiles} files.`,
        'Bagging-Date': baggingDate,
        'Bag-Count': '1 of 1',
        'Internal-Sender-Identifier': chosen.map((record) => record.code),
      },
      payload,
      tagFiles,
      totalBytes,
      onProgress: (p) => progress.report({ files: p.files, totalFiles, bytes: p.bytes, totalBytes }),
    });
    const [written, blob] = await Promise.allSettled([writing, storing]);
    await progress.settle();
    if (written.status === 'rejected') throw explain(written.reason, documents);
    if (blob.status === 'rejected') throw blob.reason;
    if (blob.value.sha256 !== written.value.tarSha256) throw new Error(`stored package ${blob.value.sha256} differs from the tar written ${written.value.tarSha256}`);

    const exported: ArchivalExportSummary = {
      baggingDate, payloadFiles: written.value.payloadFiles, payloadBytes: written.value.payloadBytes, payloadOxum: written.value.payloadOxum,
      tagManifestSha256: written.value.tagManifestSha256,
      records: recordFiles.map((file) => ({ id: file.record.id, code: file.record.code, documentCount: file.documents.length })),
    };
    const now = clock.now();
    await withTransaction(db, async (tx) => {
      const fileId = randomUUID();
      await tx.insert(files).values({
        id: fileId, sha256: blob.value.sha256, size: blob.value.size, mediaType: TAR_MEDIA_TYPE, fileName: `${packageCode}.tar`,
        agencyId: actor.agencyId, uploadedBy: actor.userId, createdAt: now,
      });
      await tx.update(archivalTransfers).set({
        status: 'succeeded', fileId, packageSha256: blob.value.sha256, packageBytes: blob.value.size, finishedAt: now,
      }).where(eq(archivalTransfers.id, transferId));
      await rows.patchReport(transferId, { exported }, tx);
      await audit.record(tx, { actor, ip: null, userAgent: null }, {
        action: 'archival_transfer.exported', entityType: 'archival_transfer', entityId: transferId,
        after: {
          packageCode, fileId, sha256: blob.value.sha256, bytes: blob.value.size, tagManifestSha256: exported.tagManifestSha256,
          payloadOxum: exported.payloadOxum, records: exported.records.map((record) => record.code),
        },
      });
    });
    return { transferId, packageCode, packageSha256: blob.value.sha256, packageBytes: blob.value.size };
  }

  return { run };
}

/** writeBag names a damaged stored file by its path in the bag; say which record it belongs to, in the person's words. */
function explain(error: unknown, documents: { code: string; document: { path: string } }[]): unknown {
  if (!(error instanceof BagWriteError)) return error;
  const owner = documents.find(({ document }) => document.path === error.path);
  if (owner && (error.code === 'CHECKSUM_MISMATCH' || error.code === 'SIZE_MISMATCH')) {
    return new AppError('CONFLICT', 'archivalStoredFileDamaged', { path: owner.document.path, code: owner.code });
  }
  return new AppError('CONFLICT', 'archivalPackageRefused', { detail: error.message });
}
