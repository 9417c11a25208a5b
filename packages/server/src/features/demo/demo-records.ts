import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import type { DocumentType, Role } from '@nghiemthu/shared';
import type { AppDeps } from '../../app.js';
import { withTransaction } from '../../db/client.js';
import { agencies, documents, recordClasses, recordListItems, records, users } from '../../db/schema.js';
import { createServices } from '../../services.js';
import type { AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { insertSealedRecord } from '../records/record-seal.js';

/** The old record of the demo: a 2019 training conference kept 5 years (class HN), so past its retention since 2025. */
const EXPIRED = {
  agencyCode: '000.00.11.H99',
  closedBy: 'officer',
  classCode: 'HN',
  year: 2019,
  listTitle: 'Hồ sơ hội nghị, tập huấn thường kỳ năm 2019',
  code: '2019.HN.001',
  title: 'Hồ sơ hội nghị tập huấn chuyển đổi số năm 2019 (minh họa)',
  startDate: '2019-09-03',
  endDate: '2019-11-22',
  closedAt: '2020-03-16T09:30:00+07:00',
  documents: [
    {
      typeCode: 'KH', number: 45, issueDate: '2019-09-03', fileName: 'Ke-hoach-tap-huan-chuyen-doi-so-2019.pdf',
      summary: 'Kế hoạch tổ chức hội nghị tập huấn chuyển đổi số cho cán bộ, công chức năm 2019',
      paragraphs: ['Mục đích: nâng cao kỹ năng sử dụng hệ thống quản lý văn bản và dịch vụ công trực tuyến cho cán bộ, công chức các sở, ngành.',
        'Thời gian: 02 ngày, dự kiến tháng 11 năm 2019. Thành phần: 120 học viên. (minh họa)'],
    },
    {
      typeCode: 'BC', number: 112, issueDate: '2019-11-22', fileName: 'Bao-cao-ket-qua-tap-huan-2019.pdf',
      summary: 'Báo cáo kết quả hội nghị tập huấn chuyển đổi số năm 2019',
      paragraphs: ['Hội nghị đã tổ chức 02 ngày với 117 học viên tham dự; 96% học viên đạt yêu cầu bài kiểm tra cuối khóa.',
        'Kinh phí thực hiện theo dự toán được giao. (minh họa)'],
    },
  ] satisfies { typeCode: DocumentType; number: number; issueDate: string; fileName: string; summary: string; paragraphs: string[] }[],
};

/**
 * Adds to the demo one closed, sealed record past its retention period, for
 * the disposition page to show: written the way a record is closed (the
 * list heading, two generated PDFs stored as files, the seal in the audit
 * chain as `record.closed`). Runs in the caller's transaction when there is
 * one; does nothing if the record is already there.
 */
export async function seedDemoRecords(deps: AppDeps, options: { userAgent: string }): Promise<{ records: number }> {
  return withTransaction(deps.database.db, async (tx) => {
    const services = createServices({ ...deps, database: { ...deps.database, db: tx } });
    const [agency] = await tx.select().from(agencies).where(eq(agencies.code, EXPIRED.agencyCode));
    const [user] = await tx.select().from(users).where(eq(users.username, EXPIRED.closedBy));
    const [recordClass] = await tx.select().from(recordClasses).where(eq(recordClasses.code, EXPIRED.classCode));
    if (!agency || !user || !recordClass) throw new Error('Demo records: the demo province and the record classes must be loaded first');
    const [existing] = await tx.select({ id: records.id }).from(records).where(and(eq(records.agencyId, agency.id), eq(records.code, EXPIRED.code)));
    if (existing) return { records: 0 };

    const actor: Actor = {
      userId: user.id, username: user.username, fullName: user.fullName, agencyId: user.agencyId, roles: user.roles as Role[],
      onBehalfOf: null, sessionTokenHash: '', csrfToken: '',
    };
    const source: AuditSource = { actor, ip: null, userAgent: options.userAgent };
    const now = deps.clock.now();
    let [item] = await tx.select().from(recordListItems)
      .where(and(eq(recordListItems.agencyId, agency.id), eq(recordListItems.year, EXPIRED.year), eq(recordListItems.code, EXPIRED.classCode)));
    if (!item) {
      item = {
        id: randomUUID(), agencyId: agency.id, year: EXPIRED.year, code: EXPIRED.classCode, title: EXPIRED.listTitle, recordClassId: recordClass.id,
        responsibleUserId: user.id, note: 'Dữ liệu minh họa: hồ sơ đã hết thời hạn bảo quản.', createdAt: now, updatedAt: now,
      };
      await tx.insert(recordListItems).values(item);
      await services.audit.record(tx, source, { action: 'record.list_item_created', entityType: 'record_list_item', entityId: item.id, agencyId: agency.id, after: item });
    }

    const recordId = randomUUID();
    const docs: (typeof documents.$inferInsert)[] = [];
    const font = path.join(deps.config.pdfFontDir, 'NotoSerif-Regular.ttf');
    for (const [index, plan] of EXPIRED.documents.entries()) {
      const symbol = `${plan.typeCode}-${agency.shortName}`;
      const bytes = await simplePdf(font, plan.summary, [`Số: ${plan.number}/${symbol}`, ...plan.paragraphs]);
      const file = await services.files.storeGenerated(tx, source, { bytes, fileName: plan.fileName, mediaType: 'application/pdf', agencyId: agency.id, createdBy: user.id });
      const ordinal = index + 1;
      docs.push({
        id: randomUUID(), recordId, ordinal, fileName: `${EXPIRED.code}.${String(ordinal).padStart(2, '0')}.pdf`, fileId: file.id, source: 'scan',
        identifier: `${agency.code}.${EXPIRED.year}.${plan.number}`, issuerCode: agency.code, issuerName: agency.name, number: plan.number, symbol,
        isConfidentialSeries: false, typeCode: plan.typeCode, issueDate: plan.issueDate, issueYear: EXPIRED.year, summary: plan.summary, language: 'vi',
        pageCount: 1, keywords: ['tập huấn', 'chuyển đổi số'], signerName: null, signerPosition: null, authorityPrefix: null, recipients: null,
        accessLevel: 'internal', reliability: 'digitised', notes: null, version: 1, supersedesId: null, derivativeFileId: null,
        signatureStatus: 'none', signatureReport: null, textStatus: 'none', capturedAt: now, capturedBy: user.id,
      });
    }
    const closedAt = new Date(EXPIRED.closedAt);
    await insertSealedRecord(tx, services.audit, source, {
      record: {
        id: recordId, agencyId: agency.id, listItemId: item.id, code: EXPIRED.code, title: EXPIRED.title, recordClassId: recordClass.id,
        retentionYears: recordClass.retentionYears, accessLevel: 'internal', language: 'vi', keywords: ['tập huấn', 'chuyển đổi số', 'hội nghị'],
        startDate: EXPIRED.startDate, endDate: EXPIRED.endDate, responsibleUserId: user.id, status: 'open', dossierId: null, orderId: null,
        documentCount: docs.length, pageCount: docs.length, legalHold: null, createdAt: closedAt, updatedAt: closedAt,
      },
      documents: docs, closedBy: user.id, closedAt,
    });
    return { records: 1 };
  });
}

/** A one-page A4 PDF with a title and paragraphs, in a font that has Vietnamese letters. */
function simplePdf(fontFile: string, title: string, paragraphs: string[]): Promise<Buffer> {
  // A fixed date: the same demo renders the same bytes.
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Creator: 'NghiemThu (dữ liệu minh họa)', CreationDate: new Date('2019-11-22T00:00:00+07:00') } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', fontFile);
  doc.font('body').fontSize(15).text(title, { align: 'center' }).moveDown();
  for (const paragraph of paragraphs) doc.fontSize(11.5).text(paragraph, { align: 'justify' }).moveDown(0.5);
  doc.end();
  return done;
}
