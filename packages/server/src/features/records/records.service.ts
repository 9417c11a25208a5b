import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { RecordClass, RecordDetail, RecordDocument, RecordListQuery, RecordPage, Record as RecordItem, UpdateRecordClassBody } from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { agencies, auditEvents, documentAccess, documents, dossiers, files, recordClasses, records, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { conflict, forbidden, notFound } from '../../lib/errors.js';
import type { ScopeService } from '../agencies/agency-scope.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { hasRole, type Actor } from '../auth/actor.js';
import type { BlobStore } from '../files/blob-store.js';
import { computeSeal } from './record-seal.js';

type RecordRow = typeof records.$inferSelect;
type AgencyRow = typeof agencies.$inferSelect;
type UserRow = typeof users.$inferSelect;

const brief = (u: UserRow) => ({ id: u.id, username: u.username, fullName: u.fullName });

/**
 * Who may read which records, as a condition on records left-joined with
 * dossiers (undefined: everything): administrators and inspectors all, others
 * their agencies' reach, providers those of their own dossiers. Disposition
 * lists expired records within the same reach.
 */
export async function recordVisibility(scope: ScopeService, actor: Actor): Promise<SQL | undefined> {
  if (hasRole(actor, 'system_admin', 'inspector')) return undefined;
  const reach = await scope.reachOf(actor.agencyId);
  return or(inArray(records.agencyId, reach), inArray(dossiers.providerAgencyId, reach));
}

function keptUntil(row: RecordRow): number | null {
  if (row.status === 'open' || row.retentionYears === null || !row.endDate) return null;
  return Number(row.endDate.slice(0, 4)) + row.retentionYears;
}

/** A record as lists show it (disposition's list of expired records too). */
export function presentRecord(row: RecordRow, agency: AgencyRow, recordClass: typeof recordClasses.$inferSelect, dossierCode: string | null): RecordItem {
  return {
    id: row.id, code: row.code, title: row.title,
    agency: { id: agency.id, code: agency.code, name: agency.name, shortName: agency.shortName },
    recordClass: { id: recordClass.id, code: recordClass.code, name: recordClass.name },
    retentionYears: row.retentionYears, keptUntilYear: keptUntil(row), accessLevel: row.accessLevel, status: row.status,
    startDate: row.startDate, endDate: row.endDate, documentCount: row.documentCount, pageCount: row.pageCount,
    dossierId: row.dossierId, dossierCode, orderId: row.orderId, closedAt: row.closedAt?.toISOString() ?? null, legalHold: row.legalHold,
  };
}

/**
 * Reading the records: who may see which (administrators and inspectors all;
 * others the records of their agencies' reach, and providers those of their
 * own dossiers), their documents in order, each view and download recorded;
 * record classes and their retention; and the seal check `verify` runs.
 */
export function createRecordsService(deps: { db: Db; clock: Clock; audit: AuditService; scope: ScopeService; storage: BlobStore }) {
  const { db, clock, audit, scope } = deps;

  const visibility = (actor: Actor) => recordVisibility(scope, actor);

  const joined = (tx: Db = db) => tx.select({ r: records, a: agencies, c: recordClasses, dossierCode: dossiers.code }).from(records)
    .innerJoin(agencies, eq(agencies.id, records.agencyId))
    .innerJoin(recordClasses, eq(recordClasses.id, records.recordClassId))
    .leftJoin(dossiers, eq(dossiers.id, records.dossierId));

  async function list(actor: Actor, query: RecordListQuery): Promise<RecordPage> {
    const pattern = query.q ? `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
    const where = and(
      await visibility(actor),
      pattern ? or(ilike(records.code, pattern), ilike(records.title, pattern), ilike(dossiers.code, pattern)) : undefined,
      query.status ? eq(records.status, query.status) : undefined,
      query.year ? sql`extract(year from ${records.endDate}) = ${query.year}` : undefined,
      query.recordClassId ? eq(records.recordClassId, query.recordClassId) : undefined,
    );
    const column = { closedAt: records.closedAt, code: records.code, title: records.title, endDate: records.endDate }[query.sort];
    const direction = query.order === 'asc' ? asc : desc;
    const [found, [total]] = [
      await joined().where(where).orderBy(direction(column), asc(records.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
      await db.select({ n: count() }).from(records).leftJoin(dossiers, eq(dossiers.id, records.dossierId)).where(where),
    ];
    return { items: found.map((f) => presentRecord(f.r, f.a, f.c, f.dossierCode)), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  async function load(actor: Actor, id: string, tx: Db = db) {
    const [found] = await joined(tx).where(and(eq(records.id, id), await visibility(actor)));
    if (!found) throw notFound('thingRecord');
    return found;
  }

  async function get(actor: Actor, id: string): Promise<RecordDetail> {
    const found = await load(actor, id);
    const docs = await db.select({ d: documents, f: files, u: users }).from(documents)
      .innerJoin(files, eq(files.id, documents.fileId)).innerJoin(users, eq(users.id, documents.capturedBy))
      .where(eq(documents.recordId, id)).orderBy(asc(documents.ordinal));
    const [responsible] = found.r.responsibleUserId ? await db.select().from(users).where(eq(users.id, found.r.responsibleUserId)) : [];
    return {
      ...presentRecord(found.r, found.a, found.c, found.dossierCode),
      language: found.r.language, keywords: found.r.keywords, responsible: responsible ? brief(responsible) : null, sealHash: found.r.sealHash,
      documents: docs.map(({ d, f, u }): RecordDocument => ({
        id: d.id, ordinal: d.ordinal, fileName: d.fileName, fileId: f.id, sha256: f.sha256, size: f.size, mediaType: f.mediaType, source: d.source,
        identifier: d.identifier, issuerCode: d.issuerCode, issuerName: d.issuerName, number: d.number, symbol: d.symbol,
        numberAndSymbol: d.number !== null && d.symbol ? `${String(d.number).padStart(2, '0')}/${d.symbol}` : null,
        typeCode: d.typeCode as RecordDocument['typeCode'], issueDate: d.issueDate, summary: d.summary, language: d.language, pageCount: d.pageCount,
        keywords: d.keywords, signerName: d.signerName, signerPosition: d.signerPosition, authorityPrefix: d.authorityPrefix, accessLevel: d.accessLevel,
        reliability: d.reliability, version: d.version, supersedesId: d.supersedesId, signatureStatus: d.signatureStatus,
        capturedAt: d.capturedAt.toISOString(), capturedBy: brief(u),
      })),
    };
  }

  /** A document's bytes, exactly as kept; every view and download is written to the access history first. */
  async function openDocument(actor: Actor, recordId: string, documentId: string, kind: 'view' | 'download', source: AuditSource): Promise<{ fileName: string; mediaType: string; size: number; stream: Readable }> {
    const record = await load(actor, recordId);
    // The bytes of a destroyed record are gone (or kept only for another holder): its documents are metadata now.
    if (record.r.status === 'destroyed') throw conflict('documentDestroyed', { code: record.r.code });
    const [found] = await db.select({ d: documents, f: files }).from(documents).innerJoin(files, eq(files.id, documents.fileId))
      .where(and(eq(documents.id, documentId), eq(documents.recordId, recordId)));
    if (!found) throw notFound('thingDocument');
    const stream = await deps.storage.open(found.f.sha256);
    try {
      await db.insert(documentAccess).values({ id: randomUUID(), documentId, userId: actor.userId, kind, at: clock.now(), ip: source.ip });
    } catch (error) {
      stream.destroy();
      throw error;
    }
    return { fileName: found.d.fileName, mediaType: found.f.mediaType, size: found.f.size, stream };
  }

  async function listClasses(): Promise<RecordClass[]> {
    const rows = await db.select().from(recordClasses).orderBy(asc(recordClasses.code));
    return rows.map(({ updatedAt: _u, ...row }) => row);
  }

  /** A change of retention applies to records closed later; closed records keep the period they were closed with. */
  async function updateClass(actor: Actor, id: string, body: UpdateRecordClassBody, source: AuditSource): Promise<RecordClass> {
    if (!hasRole(actor, 'system_admin')) throw forbidden();
    return withTransaction(db, async (tx) => {
      const [before] = await tx.select().from(recordClasses).where(eq(recordClasses.id, id)).for('update');
      if (!before) throw notFound('thingRecordClass');
      const [after] = await tx.update(recordClasses).set({ ...body, updatedAt: clock.now() }).where(eq(recordClasses.id, id)).returning();
      await audit.record(tx, source, { action: 'record_class.updated', entityType: 'record_class', entityId: id, agencyId: null, before, after });
      const { updatedAt: _u, ...presented } = after!;
      return presented;
    });
  }

  /**
   * Recomputes every closed record's seal and compares it with the seal the
   * audit chain holds for it (and with the record row's copy): an edited row,
   * document or file reference shows as a mismatch naming the record.
   */
  async function verifySeals(onProgress?: (done: number, total: number) => void): Promise<{ checked: number; broken: { recordId: string; code: string; problem: string }[] }> {
    const closed = await db.select({ id: records.id, code: records.code, sealHash: records.sealHash }).from(records).where(inArray(records.status, ['closed', 'destroyed'])).orderBy(asc(records.code));
    const sealedEvents = await db.select({ entityId: auditEvents.entityId, after: auditEvents.after }).from(auditEvents)
      .where(and(eq(auditEvents.action, 'record.closed'), eq(auditEvents.entityType, 'record')));
    const chained = new Map(sealedEvents.map((e) => [e.entityId, (e.after as { sealHash?: string } | null)?.sealHash ?? null]));
    const broken: { recordId: string; code: string; problem: string }[] = [];
    for (const [index, record] of closed.entries()) {
      const expected = chained.get(record.id) ?? null;
      const actual = await computeSeal(db, record.id);
      if (!expected) broken.push({ recordId: record.id, code: record.code, problem: 'no record.closed event in the audit chain' });
      else if (actual !== expected) broken.push({ recordId: record.id, code: record.code, problem: 'contents differ from the seal in the audit chain' });
      else if (record.sealHash !== expected) broken.push({ recordId: record.id, code: record.code, problem: 'the record row\'s seal differs from the audit chain' });
      onProgress?.(index + 1, closed.length);
    }
    return { checked: closed.length, broken };
  }

  return { list, get, openDocument, listClasses, updateClass, verifySeals };
}

export type RecordsService = ReturnType<typeof createRecordsService>;
