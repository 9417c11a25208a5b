import { createHash } from 'node:crypto';
import { canonicalize } from '../../lib/canonical-json.js';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { documents, files, recordClasses, records } from '../../db/schema.js';

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
    .innerJoin(files, eq(files.id, documents.fileId)).where(eq(documents.recordId, recordId)).orderBy(asc(documents.ordinal));
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
