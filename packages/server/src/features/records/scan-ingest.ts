import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq, max } from 'drizzle-orm';
import type { AddScanBody, Language } from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { agencies, documents, files, records } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { hasRole, type Actor } from '../auth/actor.js';
import type { FilesService } from '../files/files.service.js';
import { ocrScan } from '../ocr/ocr-scan.js';
import { checkScanResolution, inspectScan, isScanMediaType } from '../ocr/scan-inspect.js';
import { metadataText, saveDocumentText } from '../search/document-text.js';
import type { TasksService } from '../tasks/tasks.service.js';
import type { RecordsService } from './records.service.js';

/**
 * Digitised paper (domain.md §5): a scan is added to a record exactly as
 * uploaded, after the resolution rule (≥ 200 dpi) is checked; text
 * recognition then runs in the background with progress and makes a
 * searchable PDF as a separate file, so the scan's bytes never change. A
 * closed record takes the scan as a new, audited entry after its seal.
 */
export function createScanIngest(deps: { db: Db; clock: Clock; audit: AuditService; files: FilesService; tasks: TasksService; records: RecordsService; ocrJobs: number }) {
  const { db, clock, audit } = deps;

  async function addScan(actor: Actor, recordId: string, body: AddScanBody, source: AuditSource, language: Language): Promise<string> {
    if (!hasRole(actor, 'officer', 'leader', 'agency_admin', 'system_admin')) throw new AppError('FORBIDDEN', 'forbidden');
    const record = await deps.records.get(actor, recordId); // 404 unless readable
    if (record.status === 'destroyed') throw new AppError('CONFLICT', 'scanRecordDestroyed');
    const file = await deps.files.findRow(body.fileId);
    if (!file || file.uploadedBy !== actor.userId) throw notFound('thingFile');
    if (!isScanMediaType(file.mediaType)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'scanMediaTypeUnsupported', { type: file.mediaType });
    // The digitisation rule is checked before anything is kept in the record.
    const inspection = await inspectScan(await deps.files.readAll(file), file.mediaType);
    checkScanResolution(inspection);

    const taskId = await withTransaction(db, async (tx) => {
      const [agency] = await tx.select().from(agencies).where(eq(agencies.id, record.agency.id));
      const [last] = await tx.select({ n: max(documents.ordinal) }).from(documents).where(eq(documents.recordId, recordId));
      const ordinal = (last?.n ?? 0) + 1;
      const extension = path.extname(file.fileName).toLowerCase() || '.pdf';
      const now = clock.now();
      const doc = {
        id: randomUUID(), recordId, ordinal, fileName: `${record.code}.${String(ordinal).padStart(2, '0')}${extension}`, fileId: file.id, source: 'scan',
        identifier: `${agency!.code}.${record.code}.${ordinal}`, issuerCode: agency!.code, issuerName: body.issuerName,
        number: null, symbol: null, isConfidentialSeries: false, typeCode: body.typeCode, issueDate: body.issueDate, issueYear: Number(body.issueDate.slice(0, 4)),
        summary: body.summary, language: 'vi', pageCount: inspection.pageCount, keywords: [], signerName: null, signerPosition: null, authorityPrefix: null,
        recipients: null, accessLevel: record.accessLevel, reliability: 'digitised' as const, notes: body.notes ?? null, version: 1, supersedesId: null,
        derivativeFileId: null, signatureStatus: 'none' as const, signatureReport: null, textStatus: 'pending' as const, capturedAt: now, capturedBy: actor.userId,
      };
      await tx.insert(documents).values(doc);
      await saveDocumentText(tx, doc.id, metadataText(doc, record), '', 'metadata', now);
      await audit.record(tx, source, {
        action: 'record.scan_added', entityType: 'record', entityId: recordId, agencyId: record.agency.id,
        after: { documentId: doc.id, ordinal, fileName: doc.fileName, fileId: file.id, sha256: file.sha256, pages: inspection.pageCount, afterClosing: record.status === 'closed' },
      });
      const id = await deps.tasks.create(tx, { kind: 'records.ocr', params: { documentId: doc.id }, actor, language });
      return id;
    });
    await deps.tasks.send(taskId);
    return taskId;
  }

  /** The background half: recognise the text, keep the searchable copy as its own file, index the text. */
  async function recognise(documentId: string, onProgress: (done: number, total: number) => Promise<void>) {
    const [found] = await db.select({ d: documents, f: files, r: records }).from(documents)
      .innerJoin(files, eq(files.id, documents.fileId)).innerJoin(records, eq(records.id, documents.recordId)).where(eq(documents.id, documentId));
    if (!found) throw notFound('thingDocument');
    const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nghiemthu-ocr-'));
    try {
      const inputPath = path.join(workDir, `scan${path.extname(found.f.fileName) || '.pdf'}`);
      await fs.writeFile(inputPath, await deps.files.readAll(found.f));
      const result = await ocrScan({
        inputPath, mediaType: found.f.mediaType, outputDir: workDir, jobs: deps.ocrJobs,
        onProgress: ({ pagesDone, pageCount }) => void onProgress(pagesDone, pageCount),
      });
      const derivative = await fs.readFile(result.outputPath);
      await withTransaction(db, async (tx) => {
        const stored = await deps.files.storeGenerated(tx, { actor: null, ip: null, userAgent: null }, {
          bytes: derivative, fileName: `${path.parse(found.d.fileName).name}.ocr.pdf`, mediaType: 'application/pdf', agencyId: found.r.agencyId, createdBy: found.d.capturedBy,
        });
        await tx.update(documents).set({ derivativeFileId: stored.id, textStatus: 'done' }).where(and(eq(documents.id, documentId)));
        await saveDocumentText(tx, documentId, metadataText(found.d, found.r), result.pageTexts.join('\n'), 'ocr', clock.now());
      });
      return { pages: result.pageCount, seconds: result.seconds, characters: result.pageTexts.reduce((n, text) => n + text.length, 0) };
    } catch (error) {
      await db.update(documents).set({ textStatus: 'failed' }).where(eq(documents.id, documentId));
      throw error;
    } finally {
      await fs.rm(workDir, { recursive: true, force: true });
    }
  }

  return { addScan, recognise };
}

export type ScanIngest = ReturnType<typeof createScanIngest>;

