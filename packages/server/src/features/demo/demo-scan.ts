import { Readable } from 'node:stream';
import * as mupdf from 'mupdf';
import PDFDocument from 'pdfkit';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { records } from '../../db/schema.js';
import type { Actor } from '../auth/actor.js';
import type { Services } from '../../services.js';

const SCAN_DPI = 300;

/** The paper handover slip of the demo's first accepted quarter, as a scanner would make it. */
const LINES = [
  'SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH AN BÌNH (minh họa)',
  'PHIẾU GIAO NHẬN HỒ SƠ GIẤY',
  'Bộ phận Một cửa đã nhận bản giấy của hồ sơ nghiệm thu dịch vụ vận hành Nền tảng LGSP quý III năm 2025,',
  'gồm báo cáo kết quả, báo cáo tự đánh giá và biên bản nghiệm thu có chữ ký, đóng dấu của các bên.',
  'Người giao: Bùi Văn Cung. Người nhận: Nguyễn Văn Chuyên. Ngày 15 tháng 10 năm 2025.',
];

/** A born-digital page in a font Debian ships; pdfkit embeds it, so mupdf can draw it. */
function textPage(fontDir: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 70 });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font(`${fontDir}/NotoSerif-Regular.ttf`).fontSize(13);
  for (const line of LINES) doc.text(line, { lineGap: 4 }).moveDown(0.6);
  doc.end();
  return done;
}

/** The page drawn at 300 dpi in grey and wrapped in a PDF sized for that resolution: an image-only scan. */
async function scannedPage(fontDir: string): Promise<Buffer> {
  const source = mupdf.Document.openDocument(await textPage(fontDir), 'application/pdf');
  try {
    const pixmap = source.loadPage(0).toPixmap(mupdf.Matrix.scale(SCAN_DPI / 72, SCAN_DPI / 72), mupdf.ColorSpace.DeviceGray);
    pixmap.setResolution(SCAN_DPI, SCAN_DPI);
    const png = Buffer.from(pixmap.asPNG());
    const size: [number, number] = [(pixmap.getWidth() * 72) / SCAN_DPI, (pixmap.getHeight() * 72) / SCAN_DPI];
    const doc = new PDFDocument({ autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    doc.addPage({ size, margin: 0 }).image(png, 0, 0, { width: size[0], height: size[1] });
    doc.end();
    return await done;
  } finally {
    source.destroy();
  }
}

/**
 * Adds the scanned paper slip to the demo's oldest closed record. Text
 * recognition is queued as a task: the worker of `npm start` runs it, and
 * search finds the slip's words (without diacritics too) once it is done.
 */
export async function addDemoScan(db: Db, services: Services, officer: Actor, fontDir: string): Promise<void> {
  const [record] = await db.select({ id: records.id }).from(records).where(and(eq(records.status, 'closed'))).orderBy(asc(records.closedAt)).limit(1);
  if (!record) return;
  const source = { actor: officer, ip: null, userAgent: 'demo' };
  const stored = await services.files.upload(officer, { stream: Readable.from(await scannedPage(fontDir)), fileName: 'phieu-giao-nhan-ho-so-giay.pdf' }, source);
  await services.scanIngest.addScan(officer, record.id, {
    fileId: stored.id, summary: 'Phiếu giao nhận hồ sơ giấy (bản quét)', issuerName: 'Sở Khoa học và Công nghệ', issueDate: '2025-10-15', typeCode: 'BB',
  }, source, 'vi');
}
