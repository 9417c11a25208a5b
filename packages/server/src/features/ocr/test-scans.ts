import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { readImageFrames, type ImageFrame } from './image-metadata.js';

/**
 * Scans made at test time for the OCR tests and bench: a Vietnamese page
 * drawn with pdfkit, rasterised by pdftoppm as a scanner would, straight or
 * turned a few degrees as a sheet fed askew.
 */

export const SERIF_FONT = '/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf';

/** The words of a sample page; every OCR test looks for some of them. */
export const SAMPLE_LINES = [
  'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
  'BIÊN BẢN NGHIỆM THU',
  'Hôm nay, Sở Khoa học và Công nghệ tổ chức nghiệm thu dịch vụ vận hành hệ thống thư điện tử công vụ quý III năm 2026.',
  'Hội đồng nghiệm thu đã xem xét hồ sơ, đối chiếu khối lượng và chất lượng dịch vụ theo hợp đồng đặt hàng.',
  'Đơn vị cung cấp dịch vụ đã hoàn thành đầy đủ khối lượng, bảo đảm thời gian xử lý và mức độ hài lòng của người dùng.',
  'Kết luận: đồng ý nghiệm thu, đề nghị thanh toán theo giá trị được chấp nhận sau khi trừ các khoản giảm trừ.',
];

/** A born-digital page (or several) of SAMPLE_LINES; `rotateDegrees` turns the text as on a sheet fed askew. */
export function renderTextPdf(options: { pages?: number; rotateDegrees?: number; lines?: string[] } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 70, autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font(SERIF_FONT).fontSize(13);
  for (let page = 1; page <= (options.pages ?? 1); page += 1) {
    doc.addPage();
    if (options.rotateDegrees) doc.rotate(options.rotateDegrees, { origin: [doc.page.width / 2, doc.page.height / 2] });
    for (const line of options.lines ?? SAMPLE_LINES) doc.text(line, { lineGap: 4 }).moveDown(0.6);
  }
  doc.end();
  return done;
}

/** Rasterises every page with pdftoppm (which records the resolution in the PNG); returns the PNG paths in page order. */
export function rasterise(pdf: Buffer, dpi: number, dir: string, name: string): string[] {
  const source = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(source, pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', source, path.join(dir, name)]);
  return fs
    .readdirSync(dir)
    .filter((file) => file.startsWith(`${name}-`) && file.endsWith('.png'))
    .sort()
    .map((file) => path.join(dir, file));
}

/** A scanned PDF: each PNG drawn over a whole page sized so it sits at its dpi, as a scanner's PDF output does. */
export function scannedPdf(pages: { png: string; dpi: number }[]): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const { png, dpi } of pages) {
    const bytes = fs.readFileSync(png);
    const [{ widthPx, heightPx }] = readImageFrames(bytes, 'PNG') as [ImageFrame];
    const size: [number, number] = [(widthPx * 72) / dpi, (heightPx * 72) / dpi];
    doc.addPage({ size, margin: 0 }).image(bytes, 0, 0, { width: size[0], height: size[1] });
  }
  doc.end();
  return done;
}

export function hasCommand(command: string): boolean {
  try {
    execFileSync('which', [command], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** ocrmypdf and tesseract with its Vietnamese data. */
export function hasOcrTools(): boolean {
  if (!hasCommand('ocrmypdf') || !hasCommand('tesseract')) return false;
  return execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').includes('vie');
}

/** Character error rate: edit distance over the reference length, whitespace collapsed. */
export function characterErrorRate(reference: string, recognised: string): number {
  const a = [...reference.normalize('NFC').replace(/\s+/g, ' ').trim()];
  const b = [...recognised.normalize('NFC').replace(/\s+/g, ' ').trim()];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]! / a.length;
}

/**
 * Skips tests needing Debian tools that are missing here, except under
 * NGHIEMTHU_STRICT=1 (CI), where `require()` fails naming the packages.
 */
export function toolGate(isAvailable: boolean, debianPackages: string) {
  const isStrict = process.env.NGHIEMTHU_STRICT === '1';
  return {
    skip: !isAvailable && !isStrict,
    note: isAvailable || isStrict ? '' : ` (skipped: ${debianPackages} not installed here)`,
    require() {
      if (!isAvailable) throw new Error(`The Debian packages ${debianPackages} are required under NGHIEMTHU_STRICT=1 (apt-get install ${debianPackages})`);
    },
  };
}
