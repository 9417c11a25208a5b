import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { localDate } from '@nghiemthu/shared';
import type { Config } from '../../config.js';
import { withTransaction, type Db } from '../../db/client.js';
import { agencies, dispositionBatches, dispositionItems, documents, documentTexts, files, recordClasses, records, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, forbidden } from '../../lib/errors.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import type { BlobStore } from '../files/blob-store.js';
import type { FilesService } from '../files/files.service.js';
import type { NumberingService } from '../numbering/numbering.service.js';
import { renderDestructionMinutesPdf } from './destruction-minutes-pdf.js';
import { STATUS_WORDS, canExecute } from './disposition.policy.js';
import { isHeldOnlyByDestroyedRecords } from './file-holders.js';

type BatchRow = typeof dispositionBatches.$inferSelect;
type RecordRow = typeof records.$inferSelect;
type FileFacts = { sha256: string; size: number; mediaType: string; isKeptElsewhere: boolean };

/** What remains of a destroyed record (disposition_items.snapshot): its metadata, its documents' metadata and their files' hashes. */
export type RecordSnapshot = {
  record: {
    id: string; code: string; title: string; recordClass: { code: string; name: string }; retentionYears: number | null; accessLevel: string;
    language: string; keywords: string[]; startDate: string; endDate: string | null; documentCount: number; pageCount: number;
    sealHash: string | null; closedAt: string | null; dossierId: string | null; orderId: string | null;
  };
  documents: {
    ordinal: number; fileName: string; identifier: string; typeCode: string; number: number | null; symbol: string | null; issueDate: string;
    issuerName: string; summary: string; pageCount: number; file: FileFacts; derivative: FileFacts | null;
  }[];
};

/** The roles people held in the destruction, as the minutes name them. */
const PARTICIPANT_ROLES = {
  proposer: 'người lập danh sách, đề nghị hủy',
  first: 'người phê duyệt lần thứ nhất',
  second: 'người phê duyệt lần thứ hai',
  executor: 'người thực hiện hủy',
} as const;

/**
 * Carries out an approved batch. One transaction: each record's snapshot is
 * kept, the records become destroyed (the only change the database allows a
 * closed record besides its hold), their searchable text is deleted, the
 * destruction minutes are numbered, rendered and stored, and everything is
 * audited. Only after the commit are the bytes deleted, and only bytes no
 * kept file still needs: a rollback cannot bring deleted bytes back, while
 * bytes left by a crash afterwards are merely not yet deleted (the audit
 * event `disposition.files_removed` says which were).
 */
export function createDispositionExecution(deps: {
  db: Db; clock: Clock; audit: AuditService; files: FilesService; numbering: NumberingService; storage: BlobStore;
  config: Pick<Config, 'pdfFontDir' | 'provinceName'>;
  loadBatch: (actor: Actor, id: string, lock?: boolean) => Promise<BatchRow>;
  checkedRecords: (batchId: string) => Promise<RecordRow[]>;
  isOwnAgency: (actor: Actor, agencyId: string) => Promise<boolean>;
}) {
  const { db, clock, audit } = deps;

  /** Of these hashes, those every file row of which is held only by destroyed records. */
  async function unneeded(tx: Db, hashes: string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const found = await tx.select({ sha256: files.sha256 }).from(files).where(inArray(files.sha256, hashes))
      .groupBy(files.sha256).having(sql`bool_and(${isHeldOnlyByDestroyedRecords(files.id)})`);
    return new Set(found.map((f) => f.sha256));
  }

  async function snapshotOf(tx: Db, record: RecordRow, keptElsewhere: (sha256: string) => boolean): Promise<RecordSnapshot> {
    const [recordClass] = await tx.select().from(recordClasses).where(eq(recordClasses.id, record.recordClassId));
    const docs = await tx.select({ d: documents, f: files }).from(documents).innerJoin(files, eq(files.id, documents.fileId))
      .where(eq(documents.recordId, record.id)).orderBy(asc(documents.ordinal));
    const derivativeIds = docs.map(({ d }) => d.derivativeFileId).filter((x): x is string => x !== null);
    const derivatives = derivativeIds.length > 0 ? await tx.select().from(files).where(inArray(files.id, derivativeIds)) : [];
    const facts = (f: typeof files.$inferSelect): FileFacts => ({ sha256: f.sha256, size: f.size, mediaType: f.mediaType, isKeptElsewhere: keptElsewhere(f.sha256) });
    return {
      record: {
        id: record.id, code: record.code, title: record.title, recordClass: { code: recordClass!.code, name: recordClass!.name }, retentionYears: record.retentionYears,
        accessLevel: record.accessLevel, language: record.language, keywords: record.keywords, startDate: record.startDate, endDate: record.endDate,
        documentCount: record.documentCount, pageCount: record.pageCount, sealHash: record.sealHash, closedAt: record.closedAt?.toISOString() ?? null,
        dossierId: record.dossierId, orderId: record.orderId,
      },
      documents: docs.map(({ d, f }) => {
        const derivative = derivatives.find((x) => x.id === d.derivativeFileId);
        return {
          ordinal: d.ordinal, fileName: d.fileName, identifier: d.identifier, typeCode: d.typeCode, number: d.number, symbol: d.symbol, issueDate: d.issueDate,
          issuerName: d.issuerName, summary: d.summary, pageCount: d.pageCount, file: facts(f), derivative: derivative ? facts(derivative) : null,
        };
      }),
    };
  }

  async function minutesPdf(tx: Db, batch: BatchRow, executor: Actor, snapshots: RecordSnapshot[], numberAndSymbol: string, executedAt: Date) {
    const [agency] = await tx.select().from(agencies).where(eq(agencies.id, batch.agencyId));
    const [parent] = agency!.parentId ? await tx.select().from(agencies).where(eq(agencies.id, agency!.parentId)) : [];
    const people = await tx.select({ u: users, agencyName: agencies.name }).from(users).innerJoin(agencies, eq(agencies.id, users.agencyId))
      .where(inArray(users.id, [batch.proposedBy, batch.firstApprovedBy!, batch.secondApprovedBy!, executor.userId]));
    const person = (userId: string, role: string) => {
      const found = people.find((p) => p.u.id === userId)!;
      return { userId, role, fullName: found.u.fullName, agencyName: found.agencyName };
    };
    const first = person(batch.firstApprovedBy!, PARTICIPANT_ROLES.first);
    const second = person(batch.secondApprovedBy!, PARTICIPANT_ROLES.second);
    const executorEntry = person(executor.userId, PARTICIPANT_ROLES.executor);
    // One line per person: whoever drew up the list often carries out the destruction too.
    const participants: ReturnType<typeof person>[] = [];
    for (const entry of [person(batch.proposedBy, PARTICIPANT_ROLES.proposer), first, second, executorEntry]) {
      const same = participants.find((p) => p.userId === entry.userId);
      if (same) same.role = `${same.role} và ${entry.role.replace(/^người /, '')}`;
      else participants.push({ ...entry });
    }
    return renderDestructionMinutesPdf({
      // Decree 30 lets the superior's name be shortened in the header: "UBND TỈNH AN BÌNH".
      issuerParentName: parent ? parent.name.replace(/\s*\(minh họa\)\s*$/, '').replace(/^Ủy ban nhân dân/i, 'UBND') : null,
      issuerName: agency!.name,
      numberAndSymbol,
      place: deps.config.provinceName?.replace(/^Tỉnh\s+/i, '').replace(/\s*\(.*\)\s*$/, '') ?? 'An Bình',
      executedAt: executedAt.toISOString(),
      decision: { number: batch.decisionNumber, date: batch.decisionDate },
      archiveOpinion: batch.archiveOpinion,
      participants,
      records: snapshots.map((s) => ({
        code: s.record.code, title: s.record.title, recordClass: s.record.recordClass.name, endYear: Number(s.record.endDate!.slice(0, 4)),
        retentionYears: s.record.retentionYears!, documentCount: s.record.documentCount, pageCount: s.record.pageCount,
        files: s.documents.flatMap((d) => [
          { fileName: d.fileName, sha256: d.file.sha256, isKeptElsewhere: d.file.isKeptElsewhere },
          ...(d.derivative ? [{ fileName: `${d.fileName} (bản nhận dạng chữ)`, sha256: d.derivative.sha256, isKeptElsewhere: d.derivative.isKeptElsewhere }] : []),
        ]),
      })),
      signatures: [
        { heading: 'Người thực hiện hủy', fullName: executorEntry.fullName },
        { heading: 'Người phê duyệt', fullName: first.fullName },
        { heading: 'Người phê duyệt', fullName: second.fullName },
      ],
      fontDir: deps.config.pdfFontDir,
    });
  }

  async function destroy(actor: Actor, id: string, source: AuditSource): Promise<{ batch: BatchRow; unneededHashes: string[]; keptHashes: string[] }> {
    return withTransaction(db, async (tx) => {
      const batch = await deps.loadBatch(actor, id, true);
      if (!canExecute(actor) || !(await deps.isOwnAgency(actor, batch.agencyId))) throw forbidden();
      if (batch.status !== 'approved') throw new AppError('INVALID_TRANSITION', 'dispositionExecuteNotNow', { status: STATUS_WORDS[batch.status] });
      const held = await deps.checkedRecords(id);
      const recordIds = held.map((r) => r.id);
      const now = clock.now();
      // Destroyed first, so that the holders of each file are seen as they will be after the commit.
      await tx.update(records).set({ status: 'destroyed', updatedAt: now }).where(inArray(records.id, recordIds));
      // The searchable text is a copy of the content: it goes with the files.
      await tx.delete(documentTexts).where(inArray(documentTexts.documentId, tx.select({ id: documents.id }).from(documents).where(inArray(documents.recordId, recordIds))));
      const hashes = await tx.selectDistinct({ sha256: files.sha256 }).from(documents)
        .innerJoin(files, or(eq(files.id, documents.fileId), eq(files.id, documents.derivativeFileId)))
        .where(inArray(documents.recordId, recordIds));
      const gone = await unneeded(tx, hashes.map((h) => h.sha256));
      const snapshots: RecordSnapshot[] = [];
      for (const record of held) snapshots.push(await snapshotOf(tx, record, (sha256) => !gone.has(sha256)));
      for (const snapshot of snapshots) {
        await tx.update(dispositionItems).set({ snapshot }).where(and(eq(dispositionItems.batchId, id), eq(dispositionItems.recordId, snapshot.record.id)));
        await audit.record(tx, source, {
          action: 'record.destroyed', entityType: 'record', entityId: snapshot.record.id, agencyId: batch.agencyId,
          before: { status: 'closed' }, after: { status: 'destroyed', batchId: id, decisionNumber: batch.decisionNumber, sealHash: snapshot.record.sealHash },
        });
      }
      const [agency] = await tx.select().from(agencies).where(eq(agencies.id, batch.agencyId));
      const { numberAndSymbol } = await deps.numbering.nextDocumentNumber(tx, {
        issuer: { id: agency!.id, shortName: agency!.shortName }, typeAbbreviation: 'BB', year: Number(localDate(now).slice(0, 4)), isConfidential: false,
      });
      const pdf = await minutesPdf(tx, batch, actor, snapshots, numberAndSymbol, now);
      const minutes = await deps.files.storeGenerated(tx, source, {
        bytes: pdf, fileName: `Bien-ban-huy-tai-lieu-${numberAndSymbol.replace(/\//g, '-')}.pdf`, mediaType: 'application/pdf', agencyId: batch.agencyId, createdBy: actor.userId,
      });
      const executed = { status: 'executed' as const, executedBy: actor.userId, executedAt: now, minutesFileId: minutes.id };
      await tx.update(dispositionBatches).set(executed).where(eq(dispositionBatches.id, id));
      const keptHashes = hashes.map((h) => h.sha256).filter((sha256) => !gone.has(sha256)).sort();
      await audit.record(tx, source, {
        action: 'disposition.executed', entityType: 'disposition_batch', entityId: id, agencyId: batch.agencyId,
        before: { status: batch.status },
        after: {
          status: 'executed', minutesNumber: numberAndSymbol, minutesFileId: minutes.id, minutesSha256: minutes.sha256,
          records: snapshots.map((s) => ({ id: s.record.id, code: s.record.code, files: s.documents.map((d) => d.file.sha256) })),
          toRemove: [...gone].sort(), keptElsewhere: keptHashes,
        },
      });
      return { batch: { ...batch, ...executed }, unneededHashes: [...gone].sort(), keptHashes };
    });
  }

  /**
   * Deletes the bytes after the commit. Each hash is asked again first: the
   * same bytes may have been uploaded again since, for something kept. (An
   * upload of exactly those bytes landing between this check and the delete
   * would still lose them; uploads take no lock this could wait on.)
   */
  async function removeBlobs(batch: BatchRow, hashes: string[], keptElsewhere: string[], source: AuditSource) {
    const removed: string[] = [];
    const absent: string[] = [];
    const failed: string[] = [];
    const stillUnneeded = await unneeded(db, hashes);
    for (const sha256 of hashes) {
      if (!stillUnneeded.has(sha256)) continue;
      try {
        (await deps.storage.remove(sha256) ? removed : absent).push(sha256);
      } catch {
        failed.push(sha256); // nothing retries it: the audit event names it for an administrator
      }
    }
    await audit.record(db, source, {
      action: 'disposition.files_removed', entityType: 'disposition_batch', entityId: batch.id, agencyId: batch.agencyId,
      after: { removed, alreadyAbsent: absent, failed, keptElsewhere, reuploadedSince: hashes.filter((h) => !stillUnneeded.has(h)) },
    });
    return { removed, failed };
  }

  async function execute(actor: Actor, id: string, source: AuditSource) {
    const { batch, unneededHashes, keptHashes } = await destroy(actor, id, source);
    return removeBlobs(batch, unneededHashes, keptHashes, source);
  }

  return { execute };
}
