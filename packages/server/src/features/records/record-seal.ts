import { createHash } from 'node:crypto';
import { canonicalize } from '../../lib/canonical-json.js';
import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { documents, files, recordClasses, records } from '../../db/schema.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';

/**
 * The seal of a closed record: SHA-256 over the canonical JSON (RFC 8785) of
 * its metadata and, in order, every document's point-of-capture metadata with
 * the SHA-256 and size of its bytes. It is fixed when the record closes and
 * written into the audit chain, so any later change to a row or a file is
 * found by recomputing it. Derived fields (OCR copy, signature report, text
 * status) are left out: they may be added after closing.
 */
export async function computeSeal(tx: Db, recordId: string): Promise<string> {
  const [found] = await tx.select({ r: records, classCode: recordClasses.code }).from(records)
    .innerJoin(recordClasses, eq(recordClasses.id, records.recordClassId)).where(eq(records.id, recordId));
  if (!found) throw new Error(`record ${recordId} not found`);
  const { r } = found;
  const docs = await tx.select({ d: documents, sha256: files.sha256, size: files.size }).from(documents)
    .innerJoin(files, eq(files.id, documents.fileId))
    // Documents added after closing (a scan of the signed paper, say) are audited entries of their own, outside the seal:
    // they come after the count the closed record holds, which cannot change.
    .where(and(eq(documents.recordId, recordId), r.status === 'open' ? undefined : lte(documents.ordinal, r.documentCount))).orderBy(asc(documents.ordinal));
  const sealed = {
    record: {
      id: r.id, agencyId: r.agencyId, listItemId: r.listItemId, code: r.code, title: r.title, recordClass: found.classCode,
      retentionYears: r.retentionYears, accessLevel: r.accessLevel, language: r.language, keywords: r.keywords,
      startDate: r.startDate, endDate: r.endDate, responsibleUserId: r.responsibleUserId, dossierId: r.dossierId, orderId: r.orderId,
      documentCount: r.documentCount, pageCount: r.pageCount,
    },
    documents: docs.map(({ d, sha256, size }) => ({
      id: d.id, ordinal: d.ordinal, fileName: d.fileName, fileId: d.fileId, sha256, size, source: d.source,
      identifier: d.identifier, issuerCode: d.issuerCode, issuerName: d.issuerName, number: d.number, symbol: d.symbol,
      isConfidentialSeries: d.isConfidentialSeries, typeCode: d.typeCode, issueDate: d.issueDate, summary: d.summary,
      language: d.language, pageCount: d.pageCount, keywords: d.keywords, signerName: d.signerName, signerPosition: d.signerPosition,
      authorityPrefix: d.authorityPrefix, recipients: d.recipients, accessLevel: d.accessLevel, reliability: d.reliability,
      notes: d.notes, version: d.version, supersedesId: d.supersedesId, capturedAt: d.capturedAt.toISOString(), capturedBy: d.capturedBy,
    })),
  };
  return createHash('sha256').update(canonicalize(sealed)!).digest('hex');
}

/**
 * Writes a new record with its documents, then closes and seals it and puts
 * the seal in the audit chain (`record.closed`), inside the caller's
 * transaction. The record is inserted open because the seal is computed from
 * the rows as stored, and a closed record's rows can no longer be written.
 */
export async function insertSealedRecord(
  tx: Db,
  audit: AuditService,
  source: AuditSource,
  input: { record: typeof records.$inferInsert; documents: (typeof documents.$inferInsert)[]; closedBy: string; closedAt: Date },
): Promise<string> {
  const { record } = input;
  await tx.insert(records).values({ ...record, status: 'open', sealHash: null, closedAt: null, closedBy: null });
  if (input.documents.length > 0) await tx.insert(documents).values(input.documents);
  const sealHash = await computeSeal(tx, record.id);
  await tx.update(records).set({ status: 'closed', sealHash, closedAt: input.closedAt, closedBy: input.closedBy, updatedAt: input.closedAt }).where(eq(records.id, record.id));
  await audit.record(tx, source, {
    action: 'record.closed', entityType: 'record', entityId: record.id, agencyId: record.agencyId,
    after: { code: record.code, dossierId: record.dossierId ?? null, sealHash, documents: input.documents.map((doc) => ({ ordinal: doc.ordinal, fileName: doc.fileName, fileId: doc.fileId })) },
  });
  return sealHash;
}
