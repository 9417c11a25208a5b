import { randomUUID } from 'node:crypto';
import { canonicalize } from '../../lib/canonical-json.js';
import * as mupdf from 'mupdf';
import { and, asc, count, eq, or } from 'drizzle-orm';
import { localDate, type DocumentType } from '@nghiemthu/shared';
import type { Db } from '../../db/client.js';
import {
  agencies, auditEvents, councilMembers, councils, councilVotes, documents, dossierFiles, dossiers, files, orders, orderVersions, payments,
  recordClasses, recordListItems, records, users,
} from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import type { FilesService } from '../files/files.service.js';
import type { TrustAnchorsService } from '../signatures/trust-anchors.service.js';
import { computeSeal } from './record-seal.js';
import { checkSignatures } from './record-signatures.js';
import { fileText, metadataText, saveDocumentText } from '../search/document-text.js';

type FileRow = typeof files.$inferSelect;

/** "Quý I/2026" reads "quý I/2026" inside a sentence; the numeral keeps its case. */
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
type DocumentRow = typeof documents.$inferSelect;
type AgencyRow = typeof agencies.$inferSelect;

/** The record class acceptance dossiers are kept under, and the heading of the yearly list that holds them. */
const ACCEPTANCE_CLASS = 'NT';
const ACCEPTANCE_LIST_CODE = 'NT';

/** What each kind of dossier attachment is as an administrative document. */
const TYPE_OF_ATTACHMENT: Record<string, DocumentType> = {
  completion_report: 'BC', self_assessment: 'BC', council_decision: 'QĐ', contract: 'HĐ', plan: 'KH',
};
const ATTACHMENT_SUMMARY: Record<string, string> = {
  completion_report: 'Báo cáo kết quả thực hiện', self_assessment: 'Báo cáo tự đánh giá', kpi_evidence: 'Minh chứng chỉ tiêu chất lượng',
  supplement: 'Tài liệu bổ sung', council_decision: 'Quyết định thành lập hội đồng', other: 'Tài liệu kèm theo',
};

type Planned = {
  file: FileRow; source: string; typeCode: DocumentType; summary: string; issuer: AgencyRow; issueDate: string;
  number?: number | null; symbol?: string | null; signerName?: string | null; signerPosition?: string | null; reliability?: DocumentRow['reliability'];
};

/**
 * Closes the record of a dossier that has been accepted and paid: everything
 * that proves the acceptance, in the order it happened (the order, the
 * provider's reports and evidence, the council's votes, the minutes, the
 * payments, the dossier's audit events), each a document named
 * `<record code>.<ordinal>`; then seals it. Runs inside the step's transaction.
 */
export function createRecordClosing(deps: { clock: Clock; audit: AuditService; files: FilesService; trustAnchors: TrustAnchorsService }) {
  const { clock, audit } = deps;

  async function listItemFor(tx: Db, agencyId: string, year: number, actor: Actor, source: AuditSource) {
    const [found] = await tx.select().from(recordListItems)
      .where(and(eq(recordListItems.agencyId, agencyId), eq(recordListItems.year, year), eq(recordListItems.code, ACCEPTANCE_LIST_CODE)));
    if (found) return found;
    const [recordClass] = await tx.select().from(recordClasses).where(eq(recordClasses.code, ACCEPTANCE_CLASS));
    if (!recordClass) throw new Error(`record class ${ACCEPTANCE_CLASS} is missing: migrations did not run`);
    const item = {
      id: randomUUID(), agencyId, year, code: ACCEPTANCE_LIST_CODE, title: `Hồ sơ nghiệm thu dịch vụ sự nghiệp công công nghệ thông tin năm ${year}`,
      recordClassId: recordClass.id, responsibleUserId: null, note: 'Tạo tự động khi đóng hồ sơ nghiệm thu đầu tiên của năm.', createdAt: clock.now(), updatedAt: clock.now(),
    };
    await tx.insert(recordListItems).values(item);
    await audit.record(tx, source, { action: 'record.list_item_created', entityType: 'record_list_item', entityId: item.id, agencyId, after: item });
    return item;
  }

  /** Data the workflow holds as rows, kept as a canonical JSON document of the record. */
  async function dataDocument(tx: Db, actor: Actor, source: AuditSource, agencyId: string, fileName: string, content: unknown): Promise<FileRow> {
    const bytes = Buffer.from(`${canonicalize(content)}\n`, 'utf8');
    return deps.files.storeGenerated(tx, source, { bytes, fileName, mediaType: 'application/json', agencyId, createdBy: actor.userId });
  }

  async function pageCount(file: FileRow, bytes: Buffer | null): Promise<number> {
    if (file.mediaType !== 'application/pdf' || !bytes) return file.mediaType.startsWith('image/') ? 1 : 0;
    try {
      const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
      try {
        return doc.countPages();
      } finally {
        doc.destroy();
      }
    } catch {
      return 0; // unreadable as PDF: kept as it is, counted as no pages
    }
  }

  async function closeForDossier(tx: Db, dossierId: string, actor: Actor, source: AuditSource): Promise<string> {
    const [d] = await tx.select().from(dossiers).where(eq(dossiers.id, dossierId));
    if (!d) throw new Error(`dossier ${dossierId} not found`);
    const [existing] = await tx.select({ id: records.id }).from(records).where(eq(records.dossierId, dossierId));
    if (existing) return existing.id;
    const [order] = await tx.select().from(orders).where(eq(orders.id, d.orderId));
    const [ordering] = await tx.select().from(agencies).where(eq(agencies.id, d.orderingAgencyId));
    const [provider] = await tx.select().from(agencies).where(eq(agencies.id, d.providerAgencyId));
    const now = clock.now();
    const today = localDate(now);
    const year = Number(today.slice(0, 4));
    const item = await listItemFor(tx, ordering!.id, year, actor, source);
    const [recordClass] = await tx.select().from(recordClasses).where(eq(recordClasses.id, item.recordClassId));
    const [inList] = await tx.select({ n: count() }).from(records).where(eq(records.listItemId, item.id));
    const code = `${year}.${item.code}.${String((inList?.n ?? 0) + 1).padStart(3, '0')}`;

    const planned: Planned[] = [];
    const data = (fileName: string, content: unknown) => dataDocument(tx, actor, source, ordering!.id, `${code}-${fileName}`, content);
    const generated = { issuer: ordering!, issueDate: today, typeCode: 'TL' as const, reliability: 'original' as const };

    // 1. The order in force and its attachments.
    const [version] = await tx.select().from(orderVersions).where(and(eq(orderVersions.orderId, order!.id), eq(orderVersions.version, order!.version)));
    planned.push({ ...generated, file: await data('don-dat-hang.json', { code: order!.code, version: order!.version, content: version?.content }), source: 'order', summary: `Nội dung đơn đặt hàng ${order!.code} (phiên bản ${order!.version})` });
    const attachmentIds = ((version?.content as { attachmentFileIds?: string[] } | undefined)?.attachmentFileIds ?? []);
    for (const fileId of attachmentIds) {
      const [file] = await tx.select().from(files).where(eq(files.id, fileId));
      if (file) planned.push({ file, source: 'order_attachment', typeCode: 'TL', summary: `Tài liệu kèm đơn đặt hàng ${order!.code}: ${file.fileName}`, issuer: ordering!, issueDate: localDate(file.createdAt) });
    }
    // 2. The provider's reports and evidence, in the order they were attached.
    const attached = await tx.select({ a: dossierFiles, f: files }).from(dossierFiles).innerJoin(files, eq(files.id, dossierFiles.fileId))
      .where(eq(dossierFiles.dossierId, dossierId)).orderBy(asc(dossierFiles.addedAt), asc(dossierFiles.id));
    for (const { a, f } of attached) {
      const fromOrderingSide = a.documentType === 'council_decision';
      planned.push({
        file: f, source: `dossier_file:${a.documentType}`, typeCode: TYPE_OF_ATTACHMENT[a.documentType] ?? 'TL',
        summary: `${ATTACHMENT_SUMMARY[a.documentType] ?? ATTACHMENT_SUMMARY.other}${a.lineNo ? ` (dòng ${a.lineNo}${a.kpiCode ? `, ${a.kpiCode}` : ''})` : ''}: ${f.fileName}`,
        issuer: fromOrderingSide ? ordering! : provider!, issueDate: localDate(a.addedAt),
      });
    }
    // 3. The council: decision, members' declarations and votes (dissent included).
    const [council] = await tx.select().from(councils).where(eq(councils.dossierId, dossierId));
    if (council) {
      const members = await tx.select({ m: councilMembers, u: users }).from(councilMembers).innerJoin(users, eq(users.id, councilMembers.userId)).where(eq(councilMembers.councilId, council.id));
      const votes = await tx.select().from(councilVotes).where(eq(councilVotes.councilId, council.id)).orderBy(asc(councilVotes.userId), asc(councilVotes.lineNo));
      planned.push({
        ...generated, source: 'council', summary: `Phiếu biểu quyết của hội đồng nghiệm thu theo quyết định ${council.decisionNumber}`,
        file: await data('hoi-dong.json', {
          decisionNumber: council.decisionNumber, decisionDate: council.decisionDate, quorum: council.quorum, summary: d.councilSummary,
          members: members.map(({ m, u }) => ({ fullName: u.fullName, username: u.username, role: m.role, hasConflict: m.hasConflict, conflictNote: m.conflictNote, votedAt: m.votedAt?.toISOString() ?? null })),
          votes: votes.map((v) => ({ username: members.find((m) => m.u.id === v.userId)?.u.username, lineNo: v.lineNo, vote: v.vote, score: v.score, comment: v.comment })),
        }),
      });
    }
    // 4. The minutes as issued, and the signed copy that became the official version.
    const minutes = /^(\d+)\/(.+)$/.exec(d.minutesNumber ?? '');
    for (const [fileId, label, reliability] of [[d.minutesFileId, 'Biên bản nghiệm thu', 'original'], [d.minutesSignedFileId, 'Biên bản nghiệm thu (bản đã ký, bản chính thức)', 'original']] as const) {
      if (!fileId) continue;
      const [file] = await tx.select().from(files).where(eq(files.id, fileId));
      if (file) {
        planned.push({
          file, source: fileId === d.minutesSignedFileId ? 'minutes_signed' : 'minutes', typeCode: 'BB', summary: `${label} ${d.minutesNumber ?? ''}`.trim(),
          issuer: ordering!, issueDate: d.minutesIssuedOn ?? today, number: fileId === d.minutesFileId && minutes ? Number(minutes[1]) : null,
          symbol: fileId === d.minutesFileId && minutes ? minutes[2]! : null, reliability,
        });
      }
    }
    // 5. Payments and 6. the dossier's audit trail.
    const paid = await tx.select().from(payments).where(eq(payments.dossierId, dossierId)).orderBy(asc(payments.paidOn));
    planned.push({ ...generated, source: 'payments', summary: `Thanh toán qua Kho bạc Nhà nước cho hồ sơ ${d.code}`, file: await data('thanh-toan.json', paid.map((p) => ({ kind: p.kind, amount: p.amount, paidOn: p.paidOn, treasuryReference: p.treasuryReference, note: p.note }))) });
    const trail = await tx.select().from(auditEvents)
      .where(or(eq(auditEvents.entityId, dossierId), and(eq(auditEvents.entityType, 'order'), eq(auditEvents.entityId, order!.id)))).orderBy(asc(auditEvents.seq));
    planned.push({
      ...generated, source: 'audit_events', summary: `Nhật ký xử lý hồ sơ ${d.code} và đơn đặt hàng ${order!.code} (trích chuỗi nhật ký có mã băm)`,
      file: await data('nhat-ky.json', trail.map((e) => ({ seq: e.seq, id: e.id, occurredAt: e.occurredAt.toISOString(), actor: e.actorUsername, onBehalfOf: e.onBehalfOfUsername, action: e.action, entityType: e.entityType, entityId: e.entityId, before: e.before, after: e.after, prevHash: e.prevHash, hash: e.hash }))),
    });

    const recordId = randomUUID();
    const title = `Hồ sơ nghiệm thu ${lowerFirst(d.periodLabel)}: ${order!.title}`;
    const docs: DocumentRow[] = [];
    const anchors = await deps.trustAnchors.activeCertificates(tx);
    const texts: string[] = [];
    for (const [index, p] of planned.entries()) {
      // PDFs are read once: to count their pages and to validate their signatures at capture.
      const bytes = p.file.mediaType === 'application/pdf' ? await deps.files.readAll(p.file) : null;
      const signatures = bytes ? await checkSignatures(bytes, anchors, now) : { status: 'none' as const, report: null };
      texts.push(fileText(bytes ?? (p.file.mediaType === 'application/json' ? await deps.files.readAll(p.file) : null), p.file.mediaType));
      const ordinal = index + 1;
      const extension = p.file.fileName.includes('.') ? p.file.fileName.slice(p.file.fileName.lastIndexOf('.')) : '';
      docs.push({
        id: randomUUID(), recordId, ordinal, fileName: `${code}.${String(ordinal).padStart(2, '0')}${extension}`, fileId: p.file.id, source: p.source,
        identifier: p.number ? `${p.issuer.code}.${p.issueDate.slice(0, 4)}.${p.number}` : `${p.issuer.code}.${code}.${ordinal}`, issuerCode: p.issuer.code, issuerName: p.issuer.name,
        number: p.number ?? null, symbol: p.symbol ?? null, isConfidentialSeries: false, typeCode: p.typeCode, issueDate: p.issueDate,
        issueYear: Number(p.issueDate.slice(0, 4)), summary: p.summary, language: 'vi', pageCount: await pageCount(p.file, bytes),
        keywords: [order!.code, d.code ?? ''].filter(Boolean), signerName: p.signerName ?? null, signerPosition: p.signerPosition ?? null,
        authorityPrefix: null, recipients: null, accessLevel: 'internal', reliability: p.reliability ?? 'original', notes: null, version: 1,
        supersedesId: null, derivativeFileId: null, signatureStatus: signatures.status, signatureReport: signatures.report, textStatus: 'done', capturedAt: now, capturedBy: actor.userId,
      });
    }
    await tx.insert(records).values({
      id: recordId, agencyId: ordering!.id, listItemId: item.id, code, title,
      recordClassId: item.recordClassId, retentionYears: recordClass!.retentionYears, accessLevel: 'internal', language: 'vi',
      keywords: [order!.code, d.code ?? '', provider!.shortName ?? provider!.name].filter(Boolean), startDate: localDate(d.createdAt), endDate: today,
      responsibleUserId: actor.userId, status: 'open', dossierId, orderId: order!.id, documentCount: docs.length,
      pageCount: docs.reduce((sum, doc) => sum + doc.pageCount, 0), sealHash: null, closedAt: null, closedBy: null, legalHold: null, createdAt: now, updatedAt: now,
    });
    if (docs.length > 0) await tx.insert(documents).values(docs);
    for (const [index, doc] of docs.entries()) {
      await saveDocumentText(tx, doc.id, metadataText(doc, { code, title }), texts[index]!, 'extracted', now);
    }
    const sealHash = await computeSeal(tx, recordId);
    await tx.update(records).set({ status: 'closed', sealHash, closedAt: now, closedBy: actor.userId, updatedAt: now }).where(eq(records.id, recordId));
    await audit.record(tx, source, {
      action: 'record.closed', entityType: 'record', entityId: recordId, agencyId: ordering!.id,
      after: { code, dossierId, sealHash, documents: docs.map((doc) => ({ ordinal: doc.ordinal, fileName: doc.fileName, fileId: doc.fileId })) },
    });
    return recordId;
  }

  return { closeForDossier };
}

export type RecordClosing = ReturnType<typeof createRecordClosing>;
