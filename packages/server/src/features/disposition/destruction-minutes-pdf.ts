import { existsSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { DISPLAY_TIME_ZONE, formatDate } from '@nghiemthu/shared';

/**
 * The destruction minutes (biên bản hủy tài liệu hết giá trị) as a PDF/A-2b
 * file in the Decree 30/2020 layout the acceptance minutes use
 * (features/minutes/minutes-pdf.ts): A4, margins 20/20/30/15 mm, Noto Serif,
 * issuer and national motto side by side. It names the decision, the archive
 * authority's opinion, the people, every record destroyed and the SHA-256 of
 * every file, so that what was destroyed can be proven afterwards.
 */
export type DestructionMinutesInput = {
  /** e.g. "UBND TỈNH AN BÌNH"; null to omit. */
  issuerParentName: string | null;
  issuerName: string;
  /** "03/BB-SKHCN" */
  numberAndSymbol: string;
  place: string;
  /** ISO instant the destruction was carried out. */
  executedAt: string;
  decision: { number: string; date: string };
  archiveOpinion: string;
  participants: { role: string; fullName: string; agencyName: string }[];
  records: {
    code: string;
    title: string;
    recordClass: string;
    endYear: number;
    retentionYears: number;
    documentCount: number;
    pageCount: number;
    files: { fileName: string; sha256: string; isKeptElsewhere: boolean }[];
  }[];
  signatures: { heading: string; fullName: string }[];
  /** Folder holding NotoSerif-{Regular,Bold,Italic}.ttf. */
  fontDir: string;
};

const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const HEADER_SIZE = 12;
const BODY_SIZE = 13;
const TITLE_SIZE = 14;
const TABLE_SIZE = 10;
const HASH_SIZE = 9;
const INDENT = 10 * MM;
const CELL_PADDING = 3;
const SIGNATURE_GAP = 25 * MM;
const FONT_FILES = { regular: 'NotoSerif-Regular.ttf', bold: 'NotoSerif-Bold.ttf', italic: 'NotoSerif-Italic.ttf' } as const;
type FontName = keyof typeof FONT_FILES;

type Canvas = { doc: PDFKit.PDFDocument; left: number; width: number };

export async function renderDestructionMinutesPdf(input: DestructionMinutesInput): Promise<Buffer> {
  const fonts = Object.entries(FONT_FILES).map(([name, file]) => {
    const full = path.join(input.fontDir, file);
    if (!existsSync(full)) throw new Error(`Font file ${full} is missing: install the Debian package fonts-noto-core or set PDF_FONT_DIR`);
    return [name, full] as const;
  });
  // Dated by the execution, never "now", so the same destruction renders the same file.
  const executedAt = new Date(input.executedAt);
  const doc = new PDFDocument({
    size: 'A4', margins: MARGINS, bufferPages: true, pdfVersion: '1.7', subset: 'PDF/A-2b', lang: 'vi-VN', displayTitle: true,
    info: { Title: `Biên bản hủy tài liệu hết giá trị ${input.numberAndSymbol}`, Author: input.issuerName.replace(/[&<>]/g, ' '), Creator: 'NghiemThu', CreationDate: executedAt, ModDate: executedAt },
  });
  for (const [name, file] of fonts) doc.registerFont(name, file);
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const canvas: Canvas = { doc, left: MARGINS.left, width: doc.page.width - MARGINS.left - MARGINS.right };

  drawHeader(canvas, input);
  drawTitle(canvas);
  for (const line of basisOf(input)) paragraph(canvas, line, 'italic');
  drawParticipants(canvas, input);
  drawRecordTable(canvas, input);
  drawHashes(canvas, input);
  drawClosing(canvas, input);
  drawPageNumbers(canvas);
  doc.end();
  return finished;
}

function setFont(doc: PDFKit.PDFDocument, font: FontName, size: number) {
  doc.font(font).fontSize(size);
}

function bottomLimit(doc: PDFKit.PDFDocument) {
  return doc.page.height - doc.page.margins.bottom;
}

function ensureSpace(canvas: Canvas, height: number) {
  if (canvas.doc.y + height > bottomLimit(canvas.doc)) {
    canvas.doc.addPage();
    canvas.doc.x = canvas.left;
  }
}

function paragraph(canvas: Canvas, text: string, font: FontName = 'regular', size = BODY_SIZE, indent = INDENT) {
  setFont(canvas.doc, font, size);
  canvas.doc.text(text, canvas.left, canvas.doc.y, { width: canvas.width, align: 'justify', indent, paragraphGap: 4 });
}

function heading(canvas: Canvas, text: string) {
  setFont(canvas.doc, 'bold', BODY_SIZE);
  ensureSpace(canvas, canvas.doc.currentLineHeight(true) * 3);
  canvas.doc.text(text, canvas.left, canvas.doc.y, { width: canvas.width, indent: INDENT, paragraphGap: 4 });
}

function centred(canvas: Canvas, text: string, x: number, y: number, width: number, font: FontName, size: number): number {
  setFont(canvas.doc, font, size);
  canvas.doc.text(text, x, y, { width, align: 'center' });
  return canvas.doc.y;
}

function rule(doc: PDFKit.PDFDocument, centreX: number, y: number, length: number) {
  doc.save().lineWidth(0.6).moveTo(centreX - length / 2, y).lineTo(centreX + length / 2, y).stroke().restore();
}

/** "An Bình, ngày 05 tháng 02 năm 2026": Decree 30 pads days below 10 and the months 1 and 2. */
function placeAndDate(place: string, instant: Date): string {
  const [day, month, year] = formatDate(instant).split('/').map(Number) as [number, number, number];
  return `${place}, ngày ${String(day).padStart(2, '0')} tháng ${month <= 2 ? String(month).padStart(2, '0') : month} năm ${year}`;
}

const clock = new Intl.DateTimeFormat('en-GB', { timeZone: DISPLAY_TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });

function drawHeader(canvas: Canvas, input: DestructionMinutesInput) {
  const { doc } = canvas;
  const top = doc.y;
  const rightWidth = 270;
  const leftWidth = canvas.width - rightWidth;
  const rightX = canvas.left + leftWidth;
  let leftY = top;
  if (input.issuerParentName) leftY = centred(canvas, input.issuerParentName.toLocaleUpperCase('vi'), canvas.left, leftY, leftWidth, 'regular', HEADER_SIZE);
  const issuer = input.issuerName.toLocaleUpperCase('vi');
  leftY = centred(canvas, issuer, canvas.left, leftY, leftWidth, 'bold', HEADER_SIZE);
  rule(doc, canvas.left + leftWidth / 2, leftY + 3, Math.min(doc.widthOfString(issuer), leftWidth) * 0.4);
  let rightY = centred(canvas, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, rightWidth, 'bold', HEADER_SIZE);
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  rightY = centred(canvas, motto, rightX, rightY, rightWidth, 'bold', BODY_SIZE);
  rule(doc, rightX + rightWidth / 2, rightY + 3, doc.widthOfString(motto));
  const lineY = Math.max(leftY, rightY) + 11;
  const numberBottom = centred(canvas, `Số: ${input.numberAndSymbol}`, canvas.left, lineY, leftWidth, 'regular', BODY_SIZE);
  const dateBottom = centred(canvas, placeAndDate(input.place, new Date(input.executedAt)), rightX, lineY, rightWidth, 'italic', BODY_SIZE);
  doc.x = canvas.left;
  doc.y = Math.max(numberBottom, dateBottom) + 20;
}

function drawTitle(canvas: Canvas) {
  const { doc } = canvas;
  setFont(doc, 'bold', TITLE_SIZE);
  doc.text('BIÊN BẢN', canvas.left, doc.y, { width: canvas.width, align: 'center' });
  setFont(doc, 'bold', BODY_SIZE);
  doc.text('Hủy tài liệu hết giá trị', canvas.left, doc.y, { width: canvas.width, align: 'center' });
  rule(doc, canvas.left + canvas.width / 2, doc.y + 3, 40 * MM);
  doc.x = canvas.left;
  doc.y += 14;
}

function basisOf(input: DestructionMinutesInput): string[] {
  return [
    'Căn cứ Luật Lưu trữ ngày 21 tháng 6 năm 2024;',
    `Căn cứ Quyết định số ${input.decision.number} ngày ${formatDate(input.decision.date)} về việc hủy tài liệu hết giá trị;`,
    `Căn cứ ý kiến của cơ quan có thẩm quyền về lưu trữ: ${input.archiveOpinion.replace(/[.;\s]+$/, '')}.`,
  ];
}

function drawParticipants(canvas: Canvas, input: DestructionMinutesInput) {
  const at = new Date(input.executedAt);
  const [hour, minute] = clock.format(at).split(':');
  paragraph(canvas, `Hôm nay, hồi ${hour} giờ ${minute} ngày ${formatDate(at)}, tại ${input.issuerName}, chúng tôi gồm:`);
  for (const person of input.participants) paragraph(canvas, `- ${person.fullName}, ${person.role}, ${person.agencyName};`);
  const files = input.records.reduce((sum, record) => sum + record.files.length, 0);
  paragraph(canvas, `Đã tiến hành hủy ${input.records.length} hồ sơ hết giá trị gồm ${files} tệp tài liệu điện tử, bằng cách xóa vĩnh viễn nội dung các tệp khỏi kho lưu trữ điện tử. Siêu dữ liệu của hồ sơ, quyết định hủy, biên bản này và mã băm SHA-256 của từng tệp được giữ lại làm bằng chứng. Danh mục hồ sơ đã hủy:`);
}

type Column = { header: string; width: number | 'rest'; align: 'left' | 'center' | 'right' };
const COLUMNS: Column[] = [
  { header: 'STT', width: 28, align: 'center' },
  { header: 'Mã hồ sơ', width: 78, align: 'left' },
  { header: 'Tiêu đề hồ sơ', width: 'rest', align: 'left' },
  { header: 'Năm kết thúc', width: 52, align: 'center' },
  { header: 'Thời hạn (năm)', width: 52, align: 'center' },
  { header: 'Số văn bản', width: 46, align: 'center' },
];

function widths(total: number): number[] {
  const fixed = COLUMNS.reduce((sum, column) => sum + (column.width === 'rest' ? 0 : column.width), 0);
  return COLUMNS.map((column) => (column.width === 'rest' ? total - fixed : column.width));
}

function rowHeight(doc: PDFKit.PDFDocument, cells: string[], columnWidths: number[], font: FontName) {
  setFont(doc, font, TABLE_SIZE);
  return Math.max(...cells.map((cell, index) => doc.heightOfString(cell || ' ', { width: columnWidths[index]! - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
}

function drawRow(canvas: Canvas, cells: string[], columnWidths: number[], y: number, font: FontName): number {
  const { doc } = canvas;
  const height = rowHeight(doc, cells, columnWidths, font);
  let x = canvas.left;
  cells.forEach((cell, index) => {
    const width = columnWidths[index]!;
    setFont(doc, font, TABLE_SIZE);
    doc.text(cell, x + CELL_PADDING, y + CELL_PADDING, { width: width - 2 * CELL_PADDING, align: font === 'bold' ? 'center' : COLUMNS[index]!.align });
    doc.save().lineWidth(0.5).rect(x, y, width, height).stroke().restore();
    x += width;
  });
  return y + height;
}

/** The table repeats its header row on every page it spans. */
function drawRecordTable(canvas: Canvas, input: DestructionMinutesInput) {
  const { doc } = canvas;
  const columnWidths = widths(canvas.width);
  const header = COLUMNS.map((column) => column.header);
  let y = doc.y + 4;
  if (y + rowHeight(doc, header, columnWidths, 'bold') * 2 > bottomLimit(doc)) {
    doc.addPage();
    y = doc.y;
  }
  y = drawRow(canvas, header, columnWidths, y, 'bold');
  input.records.forEach((record, index) => {
    const cells = [String(index + 1), record.code, `${record.title} (${record.recordClass})`, String(record.endYear), String(record.retentionYears), String(record.documentCount)];
    if (y + rowHeight(doc, cells, columnWidths, 'regular') > bottomLimit(doc)) {
      doc.addPage();
      y = drawRow(canvas, header, columnWidths, doc.y, 'bold');
    }
    y = drawRow(canvas, cells, columnWidths, y, 'regular');
  });
  doc.x = canvas.left;
  doc.y = y + 10;
}

/** Each file on its own lines, its hash whole on one line, so it can be read back and compared character for character. */
function drawHashes(canvas: Canvas, input: DestructionMinutesInput) {
  const { doc } = canvas;
  heading(canvas, 'Mã băm SHA-256 của các tệp đã hủy:');
  const isAnyKept = input.records.some((record) => record.files.some((file) => file.isKeptElsewhere));
  for (const record of input.records) {
    setFont(doc, 'bold', TABLE_SIZE);
    ensureSpace(canvas, doc.currentLineHeight(true) * 3);
    doc.text(`Hồ sơ ${record.code}`, canvas.left, doc.y, { width: canvas.width, paragraphGap: 2 });
    for (const file of record.files) {
      setFont(doc, 'regular', HASH_SIZE);
      ensureSpace(canvas, doc.currentLineHeight(true) * 2);
      doc.text(`${file.fileName}${file.isKeptElsewhere ? ' (*)' : ''}`, canvas.left + INDENT / 2, doc.y, { width: canvas.width - INDENT / 2 });
      doc.text(file.sha256, canvas.left + INDENT / 2, doc.y, { width: canvas.width - INDENT / 2, lineBreak: false });
      doc.y += 2;
    }
    doc.y += 4;
  }
  if (isAnyKept) {
    paragraph(canvas, '(*) Cùng nội dung tệp này còn được lưu giữ trong hồ sơ, tài liệu khác chưa hết thời hạn bảo quản; bản đó không bị xóa.', 'italic', TABLE_SIZE, 0);
  }
}

function drawClosing(canvas: Canvas, input: DestructionMinutesInput) {
  const { doc } = canvas;
  setFont(doc, 'bold', BODY_SIZE);
  const signatureHeight = doc.currentLineHeight(true) * 3 + SIGNATURE_GAP;
  paragraph(canvas, 'Biên bản được lập thành tệp điện tử, lưu cùng quyết định hủy tài liệu trong hệ thống; các thành phần tham gia đã thống nhất nội dung trên.');
  ensureSpace(canvas, signatureHeight + 12);
  doc.y += 12;
  const top = doc.y;
  const columnWidth = canvas.width / Math.max(1, input.signatures.length);
  let bottom = top;
  input.signatures.forEach((signature, index) => {
    const x = canvas.left + index * columnWidth + 4;
    const headingBottom = centred(canvas, signature.heading.toLocaleUpperCase('vi'), x, top, columnWidth - 8, 'bold', BODY_SIZE);
    bottom = Math.max(bottom, centred(canvas, signature.fullName, x, headingBottom + SIGNATURE_GAP, columnWidth - 8, 'bold', BODY_SIZE));
  });
  doc.x = canvas.left;
  doc.y = bottom;
}

function drawPageNumbers(canvas: Canvas) {
  const { doc } = canvas;
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    // Writing inside the bottom margin would make pdfkit open a new page.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    setFont(doc, 'regular', 10);
    doc.text(`Trang ${index + 1}/${count}`, canvas.left, doc.page.height - bottomMargin + 8 * MM, { width: canvas.width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottomMargin;
  }
}
