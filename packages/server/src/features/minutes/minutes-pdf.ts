import { existsSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { DISPLAY_TIME_ZONE, formatDate, formatVnd, normalizeDecimal } from '@nghiemthu/shared';

/**
 * The acceptance minutes (biên bản nghiệm thu) as a PDF/A-2b file laid out
 * the way Decree 30/2020/NĐ-CP lays out administrative documents: A4
 * portrait, margins 20/20/30/15 mm, a serif body at 13 pt, the issuer and the
 * national motto side by side at the top.
 *
 * Layout is done by hand rather than with pdfkit's table helper because the
 * item table has to repeat its header row on every page it spans.
 */

export type MinutesPdfInput = {
  /** Line 1 of the header's left block, the issuer's superior, upper case, e.g. "UBND TỈNH AN BÌNH"; null to omit. */
  issuerParentName: string | null;
  /** The issuing (ordering) agency, e.g. "SỞ KHOA HỌC VÀ CÔNG NGHỆ" (printed upper case, bold). */
  issuerName: string;
  /** "15/BB-SKHCN" */
  numberAndSymbol: string;
  /** "An Bình" → printed "An Bình, ngày 22 tháng 11 năm 2026". */
  place: string;
  /** YYYY-MM-DD, a local date. */
  issuedOn: string;
  /** Printed under "BIÊN BẢN NGHIỆM THU", e.g. "Dịch vụ vận hành hệ thống thư điện tử công vụ, quý III năm 2026". */
  title: string;
  /** "Căn cứ ..." lines. */
  basis: string[];
  /** "000.00.11.H99-261122-0001" */
  dossierCode: string;
  /** ISO instant of the acceptance meeting, or null when there was none. */
  meetingAt: string | null;
  participants: { side: 'ordering' | 'provider' | 'council'; fullName: string; position: string; agencyName: string }[];
  lines: {
    lineNo: number;
    serviceCode: string;
    serviceName: string;
    unit: string;
    /** Integer VND. */
    unitPrice: number;
    /** Exact decimal string, e.g. "12" or "1500.5". */
    plannedQuantity: string;
    /** Integer VND. */
    plannedValue: number;
    acceptedQuantity: string;
    /** Integer VND. */
    deduction: number;
    /** Integer VND, after deduction. */
    acceptedValue: number;
  }[];
  deductions: { lineNo: number; kpiName: string; reason: string; amount: number }[];
  totals: { plannedValue: number; deduction: number; acceptedValue: number };
  conclusion: 'accepted' | 'accepted_with_conditions' | 'not_accepted';
  /** The council's or leader's written conclusion paragraph. */
  conclusionText: string;
  /** Printed side by side, up to three a row; actingFor adds "(thay mặt …)" under the heading. */
  signatures: { heading: string; fullName: string; actingFor?: string | null }[];
  /** Encoded in the QR code and printed under it. */
  verifyUrl: string;
  /** Folder holding NotoSerif-{Regular,Bold,Italic,BoldItalic}.ttf (Debian: /usr/share/fonts/truetype/noto). */
  fontDir: string;
};

const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
// Decree 30 sizes: national motto and issuer 12–13 pt, body 13–14 pt.
const HEADER_SIZE = 12;
const BODY_SIZE = 13;
const TITLE_SIZE = 14;
const TABLE_SIZE = 10;
const TABLE_NOTE_SIZE = 8.5;
const NOTE_SIZE = 8;
const FOOTER_SIZE = 10;
const PARAGRAPH_INDENT = 10 * MM;
const PARAGRAPH_GAP = 4;
const SIGNATURE_GAP = 25 * MM;
const SIGNATURE_ROW_GAP = 16;
const QR_SIZE = 22 * MM;
const RULE_WIDTH = 0.6;
/** Noto's line box ends just under the baseline; a rule needs this much air below the text. */
const RULE_OFFSET = 3;

const FONT_FILES = {
  regular: 'NotoSerif-Regular.ttf',
  bold: 'NotoSerif-Bold.ttf',
  italic: 'NotoSerif-Italic.ttf',
  boldItalic: 'NotoSerif-BoldItalic.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

const SIDE_HEADINGS: Record<MinutesPdfInput['participants'][number]['side'], string> = {
  ordering: 'Bên đặt hàng (giao nhiệm vụ):',
  provider: 'Bên cung cấp dịch vụ:',
  council: 'Hội đồng nghiệm thu:',
};

const VERDICTS: Record<MinutesPdfInput['conclusion'], string> = {
  accepted: 'Nghiệm thu',
  accepted_with_conditions: 'Nghiệm thu có điều kiện',
  not_accepted: 'Không nghiệm thu',
};

/** What every drawing function needs: the document, the tag tree's root and the text column. */
type Canvas = {
  doc: PDFKit.PDFDocument;
  /** The tagged PDF's Document element; readable content hangs under it, decoration is marked as artifact. */
  root: PDFKit.PDFStructureElement;
  left: number;
  width: number;
};

export async function renderMinutesPdf(rawInput: MinutesPdfInput): Promise<Buffer> {
  // Names typed on macOS or pasted from Word arrive decomposed (NFD); the
  // printed text, its search layer and the metadata must be NFC.
  const input = normalizeStrings(rawInput);
  const fontPaths = resolveFonts(input.fontDir);
  // A quiet zone of 2 modules rather than 4: the white page around the code supplies the rest.
  const qrPng = await QRCode.toBuffer(input.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });

  // The creation date is the issue date (midnight in Vietnam), never "now",
  // so equal input gives byte-identical files: pdfkit derives the file ID
  // from the document info, and the font subset tags from the font order.
  const issuedAt = new Date(`${input.issuedOn}T00:00:00+07:00`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: xmpSafe(`Biên bản nghiệm thu ${input.numberAndSymbol}`),
      Author: xmpSafe(input.issuerName),
      Creator: 'NghiemThu',
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  // pdfkit writes only xmp:CreateDate; PDF/A wants every Info date mirrored in XMP.
  doc.appendXML(
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>${xmpDate(issuedAt)}</xmp:ModifyDate></rdf:Description>`,
  );
  for (const [name, file] of Object.entries(fontPaths)) doc.registerFont(name, file);

  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  const canvas: Canvas = { doc, root, left: MARGINS.left, width: doc.page.width - MARGINS.left - MARGINS.right };

  drawHeader(canvas, input);
  drawTitle(canvas, input);
  drawBasis(canvas, input);
  drawParticipants(canvas, input);
  drawItemTable(canvas, input);
  drawDeductions(canvas, input);
  drawTotals(canvas, input);
  drawClosing(canvas, input, qrPng);
  drawPageNumbers(canvas);

  root.end();
  doc.end();
  return finished;
}

// ---------------------------------------------------------------- fonts, text

function resolveFonts(fontDir: string): Record<FontName, string> {
  const entries = Object.entries(FONT_FILES).map(([name, file]) => {
    const full = path.join(fontDir, file);
    if (!existsSync(full)) {
      throw new Error(`Font file ${full} is missing: install the Debian package fonts-noto-core or set fontDir to a folder holding ${file}`);
    }
    return [name, full] as const;
  });
  return Object.fromEntries(entries) as Record<FontName, string>;
}

function normalizeStrings<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normalizeStrings) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalizeStrings(item)])) as T;
  }
  return value;
}

/** pdfkit copies Title and Author into the XMP packet unescaped; an "&" would make it invalid XML. */
function xmpSafe(text: string): string {
  return text.replace(/&/g, '＆').replace(/</g, '‹').replace(/>/g, '›');
}

function xmpDate(date: Date): string {
  return `${date.toISOString().split('.')[0]}Z`;
}

function setFont(doc: PDFKit.PDFDocument, font: FontName, size: number): void {
  doc.font(font).fontSize(size);
}

/** Tag what `draw` puts on the page as one structure element (P, H1 …) under the document root. */
function tagged(canvas: Canvas, type: string, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}): void {
  canvas.root.add(canvas.doc.struct(type, options, draw));
}

/**
 * Rules, borders and repeated headers are decoration, not content. Must be
 * called outside `tagged`: pdfkit closes any open structure content when an
 * artifact begins.
 */
function artifact(doc: PDFKit.PDFDocument, draw: () => void, type?: 'Pagination' | 'Layout'): void {
  doc.markContent('Artifact', type ? { type } : undefined);
  draw();
  doc.endMarkedContent();
}

function rule(doc: PDFKit.PDFDocument, centreX: number, y: number, length: number): void {
  artifact(doc, () => {
    doc.save().lineWidth(RULE_WIDTH).moveTo(centreX - length / 2, y).lineTo(centreX + length / 2, y).stroke().restore();
  }, 'Layout');
}

function bottomLimit(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Start a new page unless `height` more points fit under the cursor. */
function ensureSpace(canvas: Canvas, height: number): void {
  if (canvas.doc.y + height > bottomLimit(canvas.doc)) {
    canvas.doc.addPage();
    canvas.doc.x = canvas.left;
  }
}

/** One justified body paragraph with the first-line indent Decree 30 asks for. */
function paragraph(canvas: Canvas, text: string, font: FontName = 'regular', size = BODY_SIZE): void {
  const { doc } = canvas;
  setFont(doc, font, size);
  tagged(canvas, 'P', () => {
    doc.text(text, canvas.left, doc.y, {
      width: canvas.width,
      align: 'justify',
      indent: PARAGRAPH_INDENT,
      paragraphGap: PARAGRAPH_GAP,
    });
  });
}

/** A bold lead-in ("Kết luận:") followed by regular text in the same paragraph. */
function leadParagraph(canvas: Canvas, parts: { text: string; font: FontName }[]): void {
  const { doc } = canvas;
  tagged(canvas, 'P', () => {
    doc.x = canvas.left;
    parts.forEach((part, index) => {
      setFont(doc, part.font, BODY_SIZE);
      const isLast = index === parts.length - 1;
      doc.text(part.text, {
        width: canvas.width,
        indent: index === 0 ? PARAGRAPH_INDENT : 0,
        paragraphGap: PARAGRAPH_GAP,
        continued: !isLast,
      });
    });
  });
}

function sectionHeading(canvas: Canvas, text: string): void {
  const { doc } = canvas;
  setFont(doc, 'bold', BODY_SIZE);
  // Keep a heading with at least two lines of what follows.
  ensureSpace(canvas, doc.currentLineHeight(true) * 3);
  tagged(canvas, 'H2', () => {
    doc.text(text, canvas.left, doc.y, { width: canvas.width, indent: PARAGRAPH_INDENT, paragraphGap: PARAGRAPH_GAP });
  });
}

/**
 * Centred text in a column, as one paragraph; returns the y under it. Lines
 * chosen by the caller are drawn one by one: pdfkit counts a "\n" in the
 * width it centres, which shifts the line before it.
 */
function centred(canvas: Canvas, text: string | string[], x: number, y: number, width: number, font: FontName, size: number): number {
  const { doc } = canvas;
  setFont(doc, font, size);
  tagged(canvas, 'P', () => {
    doc.y = y;
    for (const line of Array.isArray(text) ? text : [text]) doc.text(line, x, doc.y, { width, align: 'center' });
  });
  return doc.y;
}

/**
 * A heading too long for its column split into two lines of similar length
 * ("ĐẠI DIỆN BÊN / CUNG CẤP"), instead of a full line and one orphaned word.
 * Uses the current font.
 */
function balancedLines(doc: PDFKit.PDFDocument, text: string, width: number): string[] {
  const words = text.split(' ');
  if (doc.widthOfString(text) <= width || words.length < 2) return [text];
  let best: { lines: string[]; longest: number } | undefined;
  for (let split = 1; split < words.length; split++) {
    const first = words.slice(0, split).join(' ');
    const second = words.slice(split).join(' ');
    const longest = Math.max(doc.widthOfString(first), doc.widthOfString(second));
    if (longest <= width && (!best || longest < best.longest)) best = { lines: [first, second], longest };
  }
  return best?.lines ?? [text];
}

/** Width of the longest line `text` wraps to in a column (for rules drawn under it). */
function lineWidthIn(doc: PDFKit.PDFDocument, text: string, width: number): number {
  return Math.min(doc.widthOfString(text), width);
}

// ---------------------------------------------------------------- formats

/** "An Bình, ngày 05 tháng 02 năm 2026": Decree 30 pads days below 10 and the months 1 and 2 with a zero. */
function placeAndDate(place: string, isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const dd = String(day).padStart(2, '0');
  const mm = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `${place}, ngày ${dd} tháng ${mm} năm ${year}`;
}

const meetingClock = new Intl.DateTimeFormat('en-GB', { timeZone: DISPLAY_TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });

function meetingSentence(meetingAt: string, place: string): string {
  const parts = meetingClock.formatToParts(new Date(meetingAt));
  const hour = parts.find((part) => part.type === 'hour')?.value ?? '00';
  const minute = parts.find((part) => part.type === 'minute')?.value ?? '00';
  return `Hôm nay, hồi ${hour} giờ ${minute} ngày ${formatDate(meetingAt)}, tại ${place}, chúng tôi gồm:`;
}

/** "1500.5" → "1.500,5": Vietnamese groups thousands with dots and writes a decimal comma. */
function formatQuantity(text: string): string {
  const canonical = normalizeDecimal(text);
  const sign = canonical.startsWith('-') ? '-' : '';
  const [whole = '0', fraction] = canonical.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** Table cells sit under headers that already say "(đồng)", so they drop the currency sign. */
function formatAmount(amount: number): string {
  return formatVnd(amount).replace(/[\s\u00a0]*₫$/u, '');
}

/** "-" rather than "0" where nothing was deducted, as hand-made tables do. */
function deductionCell(amount: number): string {
  return amount === 0 ? '-' : formatAmount(amount);
}

// ---------------------------------------------------------------- sections

/**
 * Decree 30 header: issuer on the left, national motto on the right, the
 * number and the place/date on one shared line underneath them.
 */
function drawHeader(canvas: Canvas, input: MinutesPdfInput): void {
  const { doc } = canvas;
  const top = doc.y;
  // The motto "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" is ~256 pt wide in bold 12 pt.
  const rightWidth = 270;
  const leftWidth = canvas.width - rightWidth;
  const leftX = canvas.left;
  const rightX = canvas.left + leftWidth;

  let leftY = top;
  if (input.issuerParentName) {
    leftY = centred(canvas, input.issuerParentName.toLocaleUpperCase('vi'), leftX, leftY, leftWidth, 'regular', HEADER_SIZE);
  }
  const issuer = input.issuerName.toLocaleUpperCase('vi');
  leftY = centred(canvas, issuer, leftX, leftY, leftWidth, 'bold', HEADER_SIZE);
  // "1/3 to 1/2 of the line above", centred under it.
  rule(doc, leftX + leftWidth / 2, leftY + RULE_OFFSET, lineWidthIn(doc, issuer, leftWidth) * 0.4);
  leftY += RULE_OFFSET;

  let rightY = centred(canvas, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, rightWidth, 'bold', HEADER_SIZE);
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  rightY = centred(canvas, motto, rightX, rightY, rightWidth, 'bold', BODY_SIZE);
  // The motto's rule is as long as the motto itself.
  rule(doc, rightX + rightWidth / 2, rightY + RULE_OFFSET, lineWidthIn(doc, motto, rightWidth));
  rightY += RULE_OFFSET;

  const lineY = Math.max(leftY, rightY) + 8;
  const numberBottom = centred(canvas, `Số: ${input.numberAndSymbol}`, leftX, lineY, leftWidth, 'regular', BODY_SIZE);
  const dateBottom = centred(canvas, placeAndDate(input.place, input.issuedOn), rightX, lineY, rightWidth, 'italic', BODY_SIZE);
  doc.x = canvas.left;
  doc.y = Math.max(numberBottom, dateBottom) + 20;
}

function drawTitle(canvas: Canvas, input: MinutesPdfInput): void {
  const { doc } = canvas;
  setFont(doc, 'bold', TITLE_SIZE);
  tagged(canvas, 'H1', () => doc.text('BIÊN BẢN NGHIỆM THU', canvas.left, doc.y, { width: canvas.width, align: 'center' }));
  setFont(doc, 'bold', BODY_SIZE);
  tagged(canvas, 'P', () => doc.text(input.title, canvas.left, doc.y, { width: canvas.width, align: 'center' }));
  rule(doc, canvas.left + canvas.width / 2, doc.y + RULE_OFFSET, 40 * MM);
  doc.x = canvas.left;
  doc.y += 14;
}

function drawBasis(canvas: Canvas, input: MinutesPdfInput): void {
  for (const line of input.basis) paragraph(canvas, line, 'italic');
  canvas.doc.y += 4;
}

function drawParticipants(canvas: Canvas, input: MinutesPdfInput): void {
  const { doc } = canvas;
  paragraph(canvas, input.meetingAt ? meetingSentence(input.meetingAt, input.place) : 'Thành phần tham gia nghiệm thu gồm:');
  for (const side of ['ordering', 'provider', 'council'] as const) {
    const members = input.participants.filter((participant) => participant.side === side);
    if (members.length === 0) continue;
    sectionHeading(canvas, SIDE_HEADINGS[side]);
    for (const member of members) {
      setFont(doc, 'regular', BODY_SIZE);
      ensureSpace(canvas, doc.currentLineHeight(true));
      leadParagraph(canvas, [
        { text: '- ', font: 'regular' },
        { text: member.fullName, font: 'bold' },
        { text: ` - ${member.position}, ${member.agencyName}.`, font: 'regular' },
      ]);
    }
  }
}

// ---------------------------------------------------------------- item table

/**
 * Columns are as narrow as their widest value or header word, except the
 * service name, which takes the rest of the line, and the unit ("Hộp thư",
 * "Hệ thống"), which may wrap in a fixed narrow column.
 */
type Column = { header: string; align: 'left' | 'center' | 'right'; width?: 'rest' | number };
type Cell = { text: string; note?: string; span?: number; align?: Column['align']; font?: FontName };

const COLUMNS: Column[] = [
  { header: 'STT', align: 'center' },
  { header: 'Dịch vụ', align: 'left', width: 'rest' },
  { header: 'ĐVT', align: 'center', width: 38 },
  { header: 'Đơn giá (đồng)', align: 'right' },
  { header: 'KL đặt hàng', align: 'right' },
  { header: 'Giá trị đặt hàng', align: 'right' },
  { header: 'KL nghiệm thu', align: 'right' },
  { header: 'Giảm trừ', align: 'right' },
  { header: 'Giá trị nghiệm thu', align: 'right' },
];
const CELL_PADDING = 3;

function drawItemTable(canvas: Canvas, input: MinutesPdfInput): void {
  const { doc } = canvas;
  sectionHeading(canvas, 'Khối lượng, giá trị dịch vụ nghiệm thu:');

  const bodyRows: Cell[][] = input.lines.map((line) => [
    { text: String(line.lineNo) },
    { text: line.serviceName, note: `Mã: ${line.serviceCode}` },
    { text: line.unit },
    { text: formatAmount(line.unitPrice) },
    { text: formatQuantity(line.plannedQuantity) },
    { text: formatAmount(line.plannedValue) },
    { text: formatQuantity(line.acceptedQuantity) },
    { text: deductionCell(line.deduction) },
    { text: formatAmount(line.acceptedValue) },
  ]);
  const totalRow: Cell[] = [
    { text: 'Tổng cộng', span: 5, align: 'center', font: 'bold' },
    { text: formatAmount(input.totals.plannedValue), font: 'bold' },
    { text: '' },
    { text: deductionCell(input.totals.deduction), font: 'bold' },
    { text: formatAmount(input.totals.acceptedValue), font: 'bold' },
  ];
  const headerRow: Cell[] = COLUMNS.map((column) => ({ text: column.header, align: 'center', font: 'bold' }));
  const widths = columnWidths(doc, canvas.width, [...bodyRows, totalRow.slice(1)]);

  const table = doc.struct('Table');
  canvas.root.add(table);
  let y = doc.y;
  // Do not leave the header alone at the foot of a page.
  if (y + rowHeight(doc, headerRow, widths) + rowHeight(doc, bodyRows[0] ?? totalRow, widths) > bottomLimit(doc)) {
    doc.addPage();
    y = doc.y;
  }
  y = drawRow(canvas, table, headerRow, widths, y, 'TH');
  for (const row of [...bodyRows, totalRow]) {
    if (y + rowHeight(doc, row, widths) > bottomLimit(doc)) {
      doc.addPage();
      // The header again on every page the table continues on, as decoration: it is tagged once.
      y = drawRow(canvas, table, headerRow, widths, doc.y, 'artifact');
    }
    y = drawRow(canvas, table, row, widths, y, 'TD');
  }
  table.end();
  doc.x = canvas.left;
  doc.y = y + 10;
}

/**
 * Column widths for these rows (see Column). A row shorter than the table
 * (the total row without its spanned label) lines up with the last columns.
 * Everything is measured in bold, the total row's font, which errs wide.
 */
function columnWidths(doc: PDFKit.PDFDocument, totalWidth: number, rows: Cell[][]): number[] {
  setFont(doc, 'bold', TABLE_SIZE);
  // pdfkit measures a word with its trailing space when wrapping; without room for it, it splits the word.
  const widths = COLUMNS.map((column) =>
    typeof column.width === 'number'
      ? column.width
      : Math.max(...column.header.split(' ').map((word) => doc.widthOfString(`${word} `))) + 2 * CELL_PADDING,
  );
  for (const row of rows) {
    const offset = COLUMNS.length - row.length;
    row.forEach((cell, index) => {
      if (COLUMNS[index + offset]?.width !== undefined) return;
      widths[index + offset] = Math.max(widths[index + offset] ?? 0, doc.widthOfString(cell.text) + 2 * CELL_PADDING + 1);
    });
  }
  const rest = COLUMNS.findIndex((column) => column.width === 'rest');
  widths[rest] = totalWidth - widths.reduce((sum, width, index) => (index === rest ? sum : sum + width), 0);
  return widths;
}

function cellGeometry(cells: Cell[], widths: number[]): { cell: Cell; x: number; width: number; align: Column['align'] }[] {
  let column = 0;
  let x = 0;
  return cells.map((cell) => {
    const span = cell.span ?? 1;
    const width = widths.slice(column, column + span).reduce((sum, value) => sum + value, 0);
    const align = cell.align ?? COLUMNS[column]?.align ?? 'left';
    const geometry = { cell, x, width, align };
    column += span;
    x += width;
    return geometry;
  });
}

function rowHeight(doc: PDFKit.PDFDocument, cells: Cell[], widths: number[]): number {
  const heights = cellGeometry(cells, widths).map(({ cell, width }) => {
    const inner = width - 2 * CELL_PADDING;
    setFont(doc, cell.font ?? 'regular', TABLE_SIZE);
    let height = doc.heightOfString(cell.text || ' ', { width: inner });
    if (cell.note) {
      setFont(doc, 'italic', TABLE_NOTE_SIZE);
      height += doc.heightOfString(cell.note, { width: inner });
    }
    return height;
  });
  return Math.max(...heights) + 2 * CELL_PADDING;
}

/** Draws one row at y and returns the y under it; `as` is the tag for its cells, or artifact for a repeated header. */
function drawRow(canvas: Canvas, table: PDFKit.PDFStructureElement, cells: Cell[], widths: number[], y: number, as: 'TH' | 'TD' | 'artifact'): number {
  const { doc } = canvas;
  const height = rowHeight(doc, cells, widths);
  const geometry = cellGeometry(cells, widths);
  const drawText = (cell: Cell, x: number, width: number, align: Column['align']) => {
    setFont(doc, cell.font ?? 'regular', TABLE_SIZE);
    doc.text(cell.text, canvas.left + x + CELL_PADDING, y + CELL_PADDING, { width: width - 2 * CELL_PADDING, align });
    if (cell.note) {
      setFont(doc, 'italic', TABLE_NOTE_SIZE);
      doc.text(cell.note, { width: width - 2 * CELL_PADDING, align });
    }
  };

  if (as === 'artifact') {
    artifact(doc, () => geometry.forEach(({ cell, x, width, align }) => drawText(cell, x, width, align)), 'Pagination');
  } else {
    const row = doc.struct('TR');
    table.add(row);
    for (const { cell, x, width, align } of geometry) {
      row.add(doc.struct(as, {}, () => drawText(cell, x, width, align)));
    }
    row.end();
  }
  artifact(doc, () => {
    doc.save().lineWidth(0.5);
    for (const { x, width } of geometry) doc.rect(canvas.left + x, y, width, height).stroke();
    doc.restore();
  }, 'Layout');
  return y + height;
}

// ---------------------------------------------------------------- deductions, totals

function drawDeductions(canvas: Canvas, input: MinutesPdfInput): void {
  sectionHeading(canvas, 'Các khoản giảm trừ:');
  if (input.deductions.length === 0) {
    paragraph(canvas, 'Không có khoản giảm trừ.');
    return;
  }
  for (const deduction of input.deductions) {
    const line = input.lines.find((candidate) => candidate.lineNo === deduction.lineNo);
    const service = line ? ` (${line.serviceName})` : '';
    leadParagraph(canvas, [
      { text: `- Dòng ${deduction.lineNo}${service}, chỉ tiêu “${deduction.kpiName}”: ${deduction.reason}. Số tiền giảm trừ: `, font: 'regular' },
      { text: formatVnd(deduction.amount), font: 'bold' },
      { text: '.', font: 'regular' },
    ]);
  }
}

function drawTotals(canvas: Canvas, input: MinutesPdfInput): void {
  sectionHeading(canvas, 'Giá trị nghiệm thu:');
  paragraph(canvas, `Tổng giá trị đặt hàng: ${formatVnd(input.totals.plannedValue)}; tổng số tiền giảm trừ: ${formatVnd(input.totals.deduction)}.`);
  leadParagraph(canvas, [
    { text: 'Giá trị được nghiệm thu (sau giảm trừ): ', font: 'regular' },
    { text: `${formatVnd(input.totals.acceptedValue)}.`, font: 'bold' },
  ]);
  paragraph(canvas, `Bằng chữ: ${vndInWords(input.totals.acceptedValue)}.`, 'italic');
}

// ---------------------------------------------------------------- conclusion, signatures, QR, footer

const SIGNATURES_TOP_GAP = 12;

type SignatureBlock = { heading: string[]; actingFor: string | null; fullName: string };
type SignatureRow = { blocks: SignatureBlock[]; columnWidth: number; headingHeight: number; nameHeight: number; height: number };
type Verification = { lines: { text: string; font: FontName }[]; height: number };

/**
 * The conclusion, the signatures and the QR code end the document together:
 * a page holding only signatures could be detached and put behind other
 * content, and the QR code belongs on the page that is signed. So when the
 * three do not fit under the cursor they start a new page, unless they are
 * taller than a page anyway.
 */
function drawClosing(canvas: Canvas, input: MinutesPdfInput, qrPng: Buffer): void {
  const { doc } = canvas;
  const verification = measureVerification(canvas, input);
  const rows = measureSignatureRows(canvas, input.signatures);
  const [firstRow] = rows;
  const conclusion = [
    { text: 'Kết luận: ', font: 'bold' as const },
    { text: `${VERDICTS[input.conclusion]}.`, font: 'bold' as const },
    { text: ` ${input.conclusionText}`, font: 'regular' as const },
  ];
  setFont(doc, 'bold', BODY_SIZE);
  // Measured in bold throughout, which errs on the tall side.
  const conclusionHeight = doc.heightOfString(conclusion.map((part) => part.text).join(''), {
    width: canvas.width,
    indent: PARAGRAPH_INDENT,
    paragraphGap: PARAGRAPH_GAP,
  });
  const closingHeight =
    conclusionHeight + SIGNATURES_TOP_GAP + (firstRow?.height ?? 0) + (rows.length === 1 ? verification.height : SIGNATURE_ROW_GAP);
  if (closingHeight <= bottomLimit(doc) - doc.page.margins.top) ensureSpace(canvas, closingHeight);

  leadParagraph(canvas, conclusion);
  doc.y += SIGNATURES_TOP_GAP;
  rows.forEach((row, index) => {
    const isLastRow = index === rows.length - 1;
    // A row never splits across pages; the last one keeps the QR code's room below it.
    ensureSpace(canvas, row.height + (isLastRow ? verification.height : SIGNATURE_ROW_GAP));
    drawSignatureRow(canvas, row);
    if (!isLastRow) doc.y += SIGNATURE_ROW_GAP;
  });
  drawVerification(canvas, verification, qrPng);
}

/** Up to three signature blocks a row; headings too long for a column break into two even lines. */
function measureSignatureRows(canvas: Canvas, signatures: MinutesPdfInput['signatures']): SignatureRow[] {
  const { doc } = canvas;
  const rows: SignatureRow[] = [];
  for (let start = 0; start < signatures.length; start += 3) {
    const columnWidth = canvas.width / Math.min(3, signatures.length - start);
    const inner = columnWidth - 8;
    let headingHeight = 0;
    let nameHeight = 0;
    const blocks = signatures.slice(start, start + 3).map((signature) => {
      setFont(doc, 'bold', BODY_SIZE);
      const heading = balancedLines(doc, signature.heading.toLocaleUpperCase('vi'), inner);
      let height = heading.reduce((sum, line) => sum + doc.heightOfString(line, { width: inner }), 0);
      nameHeight = Math.max(nameHeight, doc.heightOfString(signature.fullName, { width: inner }));
      const actingFor = signature.actingFor ? `(thay mặt ${signature.actingFor})` : null;
      if (actingFor) {
        setFont(doc, 'italic', BODY_SIZE);
        height += doc.heightOfString(actingFor, { width: inner });
      }
      headingHeight = Math.max(headingHeight, height);
      return { heading, actingFor, fullName: signature.fullName };
    });
    rows.push({ blocks, columnWidth, headingHeight, nameHeight, height: headingHeight + SIGNATURE_GAP + nameHeight });
  }
  return rows;
}

/** Heading, "(thay mặt …)", room to sign, the name; the names of a row share one line. */
function drawSignatureRow(canvas: Canvas, row: SignatureRow): void {
  const { doc } = canvas;
  const top = doc.y;
  const namesY = top + row.headingHeight + SIGNATURE_GAP;
  row.blocks.forEach((block, index) => {
    const x = canvas.left + index * row.columnWidth + 4;
    const inner = row.columnWidth - 8;
    const headingBottom = centred(canvas, block.heading, x, top, inner, 'bold', BODY_SIZE);
    if (block.actingFor) centred(canvas, block.actingFor, x, headingBottom, inner, 'italic', BODY_SIZE);
    centred(canvas, block.fullName, x, namesY, inner, 'bold', BODY_SIZE);
  });
  doc.x = canvas.left;
  doc.y = namesY + row.nameHeight;
}

/** The verification block's text and its full height, measured before the closing is placed. */
function measureVerification(canvas: Canvas, input: MinutesPdfInput): Verification {
  const { doc } = canvas;
  const lines: Verification['lines'] = [
    { text: input.verifyUrl, font: 'regular' },
    { text: 'Quét mã để kiểm tra tính xác thực của biên bản', font: 'italic' },
    { text: `Mã hồ sơ: ${input.dossierCode}`, font: 'regular' },
  ];
  const textHeight = lines.reduce((sum, line) => {
    setFont(doc, line.font, NOTE_SIZE);
    return sum + doc.heightOfString(line.text, { width: canvas.width });
  }, 0);
  // A few points of slack: pdfkit opens a new page when a line would end exactly on the limit.
  return { lines, height: QR_SIZE + 2 + textHeight + 4 };
}

/** The QR code and its URL sit at the foot of the last page, where a reader looks for provenance. */
function drawVerification(canvas: Canvas, verification: Verification, qrPng: Buffer): void {
  const { doc } = canvas;
  if (doc.y > bottomLimit(doc) - verification.height) doc.addPage();
  const top = bottomLimit(doc) - verification.height;

  tagged(canvas, 'Figure', () => doc.image(qrPng, canvas.left, top, { width: QR_SIZE, height: QR_SIZE }), {
    alt: `Mã QR kiểm tra biên bản: ${verification.lines[0]?.text ?? ''}`,
  });
  doc.y = top + QR_SIZE + 2;
  for (const line of verification.lines) {
    setFont(doc, line.font, NOTE_SIZE);
    tagged(canvas, 'P', () => doc.text(line.text, canvas.left, doc.y, { width: canvas.width }));
  }
}

/** "Trang x/y" in the bottom margin of every page, written once the page count is known. */
function drawPageNumbers(canvas: Canvas): void {
  const { doc } = canvas;
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    // Writing inside the bottom margin would make pdfkit open a new page.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    setFont(doc, 'regular', FOOTER_SIZE);
    artifact(doc, () => {
      doc.text(`Trang ${index + 1}/${count}`, canvas.left, doc.page.height - bottomMargin + 8 * MM, {
        width: canvas.width,
        align: 'center',
        lineBreak: false,
      });
    }, 'Pagination');
    doc.page.margins.bottom = bottomMargin;
  }
}

// ---------------------------------------------------------------- amount in words

const DIGIT_WORDS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/**
 * 0..999 in words. `isInner` when a higher group was read before it, so its
 * leading zeros are spoken too ("một triệu không trăm linh năm").
 */
function readGroup(group: number, isInner: boolean): string[] {
  const hundreds = Math.floor(group / 100);
  const tens = Math.floor(group / 10) % 10;
  const ones = group % 10;
  const words: string[] = [];
  if (hundreds > 0 || isInner) words.push(DIGIT_WORDS[hundreds]!, 'trăm');
  if (tens === 0) {
    if (ones > 0 && words.length > 0) words.push('linh');
  } else if (tens === 1) {
    words.push('mười');
  } else {
    words.push(DIGIT_WORDS[tens]!, 'mươi');
  }
  if (ones === 1 && tens >= 2) words.push('mốt'); // hai mươi mốt, but mười một, linh một
  else if (ones === 4 && tens >= 2) words.push('tư'); // hai mươi tư, but mười bốn, linh bốn
  else if (ones === 5 && tens >= 1) words.push('lăm'); // mười lăm, hai mươi lăm, but linh năm
  else if (ones > 0) words.push(DIGIT_WORDS[ones]!);
  return words;
}

/** Below one billion: groups of three with triệu / nghìn; a group of zeros is skipped. */
function readBelowBillion(amount: number, isInner: boolean): string[] {
  const groups: [number, string][] = [
    [Math.floor(amount / 1_000_000), 'triệu'],
    [Math.floor(amount / 1_000) % 1_000, 'nghìn'],
    [amount % 1_000, ''],
  ];
  const words: string[] = [];
  let hasHigher = isInner;
  for (const [group, unit] of groups) {
    if (group === 0) continue;
    words.push(...readGroup(group, hasHigher));
    if (unit) words.push(unit);
    hasHigher = true;
  }
  return words;
}

/** Billions nest: 10^12 is "nghìn tỷ", 10^15 "triệu tỷ". */
function readAmount(amount: number): string[] {
  if (amount < 1_000_000_000) return readBelowBillion(amount, false);
  const billions = Math.floor(amount / 1_000_000_000);
  const rest = amount % 1_000_000_000;
  return [...readAmount(billions), 'tỷ', ...(rest > 0 ? readBelowBillion(rest, true) : [])];
}

/**
 * An integer VND amount in words the way Vietnamese accounting documents
 * write it: 1 250 000 → "Một triệu hai trăm năm mươi nghìn đồng",
 * 1 001 000 → "Một triệu không trăm linh một nghìn đồng", 0 → "Không đồng".
 */
export function vndInWords(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`vndInWords needs a non-negative whole number of đồng, got ${amount}`);
  }
  const words = amount === 0 ? ['không'] : readAmount(amount);
  const text = `${words.join(' ')} đồng`;
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}
