/**
 * The record file of a package, metadata/records/<record code>.json
 * (ArchivalRecordFile in packages/shared): a closed record's sealed metadata,
 * its documents, what was derived later (signature reports), names for the
 * identifiers, the seal and the audit events of the record and its dossier.
 */
import { createHash } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import {
  ARCHIVAL_RECORD_FORMAT,
  ArchivalSealedDocument,
  ArchivalSealedRecord,
  type ArchivalAuditEvent,
  type ArchivalRecordFile,
} from '@nghiemthu/shared';
import type { Db } from '../../db/client.js';
import { agencies, auditEvents, documents, dossiers, files, orders, recordClasses, recordListItems, records, users } from '../../db/schema.js';
import { canonicalize } from '../../lib/canonical-json.js';
import { PAYLOAD_DIR } from './bag-paths.js';

/** The payload path of a document, relative to the bag folder. */
export function documentPath(recordCode: string, fileName: string): string {
  return `${PAYLOAD_DIR}/${recordCode}/${fileName}`;
}

/**
 * SHA-256 over the RFC 8785 canonical JSON of the sealed fields: the same
 * computation as features/records/record-seal.ts, but over the fields as the
 * package carries them. Zod strips every field the seal does not cover, so
 * what a package adds next to them (path, signature report) cannot change it;
 * an export refuses a record for which this differs from the stored seal.
 */
export function sealOf(record: ArchivalSealedRecord, documents: ArchivalSealedDocument[]): string {
  const sealedRecord = ArchivalSealedRecord.parse(record);
  // Documents added after closing (a scan of the signed paper) come after the count the closed record holds, outside the seal.
  const sealedDocuments = documents.filter((document) => document.ordinal <= sealedRecord.documentCount);
  const sealed = { record: sealedRecord, documents: sealedDocuments.map((document) => ArchivalSealedDocument.parse(document)) };
  return createHash('sha256').update(canonicalize(sealed)!).digest('hex');
}

/** A record file as bytes: indented JSON with keys in a fixed order, so the same record always gives the same bytes. */
export function recordFileBytes(file: ArchivalRecordFile): Buffer {
  return Buffer.from(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
}

export type LoadedRecord = {
  file: ArchivalRecordFile;
  /** Whether the seal recomputed from the rows equals the seal kept for the record. */
  isSealIntact: boolean;
};

/** Builds the record file of a closed record from the database. */
export async function loadRecordFile(db: Db, recordId: string): Promise<LoadedRecord> {
  const [found] = await db.select({ r: records, c: recordClasses, l: recordListItems, a: agencies, dossierCode: dossiers.code, orderCode: orders.code })
    .from(records)
    .innerJoin(recordClasses, eq(recordClasses.id, records.recordClassId))
    .innerJoin(recordListItems, eq(recordListItems.id, records.listItemId))
    .innerJoin(agencies, eq(agencies.id, records.agencyId))
    .leftJoin(dossiers, eq(dossiers.id, records.dossierId))
    .leftJoin(orders, eq(orders.id, records.orderId))
    .where(eq(records.id, recordId));
  if (!found) throw new Error(`record ${recordId} not found`);
  const { r } = found;
  if (!r.sealHash || !r.closedAt) throw new Error(`record ${r.code} is not closed`);

  const docs = await db.select({ d: documents, f: files }).from(documents).innerJoin(files, eq(files.id, documents.fileId))
    .where(eq(documents.recordId, recordId)).orderBy(asc(documents.ordinal));
  const people = await peopleById(db, [r.closedBy, r.responsibleUserId]);
  const entityIds = r.dossierId ? [r.id, r.dossierId] : [r.id];
  const events = await db.select().from(auditEvents)
    .where(inArray(auditEvents.entityId, entityIds))
    .orderBy(asc(auditEvents.seq));

  // Field for field what computeSeal covers (features/records/record-seal.ts).
  const record: ArchivalSealedRecord = {
    id: r.id, agencyId: r.agencyId, listItemId: r.listItemId, code: r.code, title: r.title, recordClass: found.c.code,
    retentionYears: r.retentionYears, accessLevel: r.accessLevel, language: r.language, keywords: r.keywords,
    startDate: r.startDate, endDate: r.endDate, responsibleUserId: r.responsibleUserId, dossierId: r.dossierId, orderId: r.orderId,
    documentCount: r.documentCount, pageCount: r.pageCount,
  };
  const documentsOut = docs.map(({ d, f }) => ({
    id: d.id, ordinal: d.ordinal, fileName: d.fileName, fileId: d.fileId, sha256: f.sha256, size: f.size, source: d.source,
    identifier: d.identifier, issuerCode: d.issuerCode, issuerName: d.issuerName, number: d.number, symbol: d.symbol,
    isConfidentialSeries: d.isConfidentialSeries, typeCode: d.typeCode, issueDate: d.issueDate, summary: d.summary,
    language: d.language, pageCount: d.pageCount, keywords: d.keywords, signerName: d.signerName, signerPosition: d.signerPosition,
    authorityPrefix: d.authorityPrefix, recipients: d.recipients, accessLevel: d.accessLevel, reliability: d.reliability,
    notes: d.notes, version: d.version, supersedesId: d.supersedesId, capturedAt: d.capturedAt.toISOString(), capturedBy: d.capturedBy,
    path: documentPath(r.code, d.fileName), mediaType: f.mediaType, signatureStatus: d.signatureStatus, signatureReport: d.signatureReport ?? null,
  }));

  const file: ArchivalRecordFile = {
    format: ARCHIVAL_RECORD_FORMAT,
    record,
    description: {
      agency: { code: found.a.code, name: found.a.name },
      recordClassName: found.c.name,
      listItem: { year: found.l.year, code: found.l.code, title: found.l.title },
      status: r.status,
      closedAt: r.closedAt.toISOString(),
      closedBy: (r.closedBy && people.get(r.closedBy)) || null,
      responsible: (r.responsibleUserId && people.get(r.responsibleUserId)) || null,
      dossierCode: found.dossierCode,
      orderCode: found.orderCode,
      legalHold: r.legalHold,
    },
    documents: documentsOut,
    seal: { algorithm: 'SHA-256/RFC8785', hash: r.sealHash, sealedAt: r.closedAt.toISOString() },
    auditEvents: events.map((e): ArchivalAuditEvent => ({
      seq: e.seq, id: e.id, occurredAt: e.occurredAt.toISOString(), actorId: e.actorId, actorUsername: e.actorUsername,
      onBehalfOfId: e.onBehalfOfId, onBehalfOfUsername: e.onBehalfOfUsername, agencyId: e.agencyId, action: e.action,
      entityType: e.entityType, entityId: e.entityId, ip: e.ip, userAgent: e.userAgent, before: e.before ?? null, after: e.after ?? null,
      prevHash: e.prevHash, hash: e.hash,
    })),
  };
  return { file, isSealIntact: sealOf(record, documentsOut) === r.sealHash };
}

async function peopleById(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const found = wanted.length === 0 ? [] : await db.select({ id: users.id, username: users.username, fullName: users.fullName }).from(users).where(inArray(users.id, wanted));
  return new Map(found.map((user) => [user.id, user]));
}
