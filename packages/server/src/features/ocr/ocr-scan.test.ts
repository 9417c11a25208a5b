import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrScan, type OcrProgress } from './ocr-scan.js';
import { extractPdfText } from './pdf-text.js';
import { ScanError } from './scan-error.js';
import { SAMPLE_LINES, SERIF_FONT, characterErrorRate, hasCommand, hasOcrTools, rasterise, renderTextPdf, scannedPdf, toolGate } from './test-scans.js';

const gate = toolGate(hasOcrTools() && hasCommand('pdftoppm'), 'tesseract-ocr tesseract-ocr-vie ocrmypdf poppler-utils');
const OCR_TIMEOUT = 240_000;
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe.skipIf(gate.skip)(`ocrScan${gate.note}`, () => {
  let dir: string;
  let straightPng: string;
  let scanPdf: string;
  let bornDigitalPdf: string;

  beforeAll(async () => {
    gate.require();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-ocr-test-'));
    straightPng = rasterise(await renderTextPdf(), 300, dir, 'straight')[0]!;
    const [skewedPng] = rasterise(await renderTextPdf({ rotateDegrees: 5 }), 300, dir, 'skewed');
    const [otherWayPng] = rasterise(await renderTextPdf({ rotateDegrees: -3 }), 300, dir, 'other-way');
    // Three pages: straight, fed 5° askew clockwise, 3° anticlockwise.
    scanPdf = path.join(dir, 'scan.pdf');
    fs.writeFileSync(scanPdf, await scannedPdf([straightPng!, skewedPng!, otherWayPng!].map((png) => ({ png, dpi: 300 }))));
    bornDigitalPdf = path.join(dir, 'born-digital.pdf');
    fs.writeFileSync(bornDigitalPdf, await renderTextPdf({ pages: 2 }));
  }, OCR_TIMEOUT);
  afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('recognises Vietnamese on straight and skewed pages, reports progress to the end, and leaves the scan as it was', async () => {
    const before = sha256(scanPdf);
    const progress: OcrProgress[] = [];
    const result = await ocrScan({ inputPath: scanPdf, mediaType: 'application/pdf', outputDir: path.join(dir, 'out'), jobs: 2, onProgress: (p) => progress.push(p) });

    expect(sha256(scanPdf)).toBe(before);
    expect(result.outputPath).toBe(path.join(dir, 'out', 'scan.ocr.pdf'));
    expect(sha256(result.outputPath)).not.toBe(before);
    expect(fs.readdirSync(path.join(dir, 'out'))).toEqual(['scan.ocr.pdf']);
    expect(result.pageCount).toBe(3);
    expect(result.pagesWithText).toEqual([]);
    expect(result.seconds).toBeGreaterThan(0);

    expect(progress[0]).toEqual({ pagesDone: 0, pageCount: 3 });
    expect(progress.at(-1)).toEqual({ pagesDone: 3, pageCount: 3 });
    expect(progress.map((p) => p.pagesDone)).toEqual([...progress.map((p) => p.pagesDone)].sort((a, b) => a - b));

    expect(result.pageTexts).toHaveLength(3);
    result.pageTexts.forEach((text, index) => {
      expect(text, `page ${index + 1}`).toBe(text.normalize('NFC'));
      expect(flat(text), `page ${index + 1}`).toContain('nghiệm thu');
      expect(flat(text), `page ${index + 1}`).toContain('Sở Khoa học và Công nghệ');
      // Deskewing is what makes the askew pages readable: unlevelled, tesseract lost most of their lines.
      expect(characterErrorRate(SAMPLE_LINES.join(' '), text), `page ${index + 1}`).toBeLessThan(0.05);
    });
    // The derivative is searchable on its own.
    expect(extractPdfText(fs.readFileSync(result.outputPath))).toEqual(result.pageTexts);
  }, OCR_TIMEOUT);

  it('takes a PNG scan with its recorded resolution', async () => {
    const before = sha256(straightPng);
    const result = await ocrScan({ inputPath: straightPng, mediaType: 'image/png', outputDir: path.join(dir, 'png-out'), jobs: 2 });
    expect(sha256(straightPng)).toBe(before);
    expect(result.pageCount).toBe(1);
    expect(flat(result.pageTexts[0]!)).toContain('BIÊN BẢN NGHIỆM THU');
  }, OCR_TIMEOUT);

  it('refuses a 150 dpi scan before running anything, naming the page and its dpi', async () => {
    const [lowPng] = rasterise(await renderTextPdf(), 150, dir, 'low');
    const outputDir = path.join(dir, 'low-out');
    const error = await ocrScan({ inputPath: lowPng!, mediaType: 'image/png', outputDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScanError);
    expect((error as ScanError).key).toBe('scanResolutionTooLow');
    expect((error as ScanError).params).toEqual({ page: 1, dpi: 150, min: 200 });
    expect(fs.existsSync(outputDir)).toBe(false);
  });

  it('keeps the text of a born-digital PDF as it was (no PDF/A conversion)', async () => {
    const result = await ocrScan({ inputPath: bornDigitalPdf, mediaType: 'application/pdf', outputDir: path.join(dir, 'digital-out'), jobs: 2 });
    expect(result.pagesWithText).toEqual([1, 2]);
    expect(result.pageTexts).toEqual(extractPdfText(fs.readFileSync(bornDigitalPdf)));
  }, OCR_TIMEOUT);

  it('refuses a PDF encrypted with an owner password, which ocrmypdf will not open', async () => {
    const encrypted = path.join(dir, 'encrypted.pdf');
    fs.writeFileSync(encrypted, await pdfBytes({ ownerPassword: 'chu-so-huu', permissions: { printing: 'highResolution' } }));
    const error = await ocrScan({ inputPath: encrypted, mediaType: 'application/pdf', outputDir: path.join(dir, 'encrypted-out') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', key: 'scanEncrypted' });
    expect((error as ScanError).toolOutput).toContain('encrypt');
  }, OCR_TIMEOUT);

  it('stops ocrmypdf and its tesseract processes when cancelled, leaving no file behind', async () => {
    const outputDir = path.join(dir, 'cancelled-out');
    const controller = new AbortController();
    let group: number | undefined;
    const run = ocrScan({
      inputPath: scanPdf,
      mediaType: 'application/pdf',
      outputDir,
      jobs: 2,
      signal: controller.signal,
      onProgress: () => {
        // Recognition is starting: find ocrmypdf by its output path (it leads its own process group),
        // wait until it has tesseract running, then cancel.
        if (group !== undefined) return;
        group = processGroupOf(outputDir);
        const poll = setInterval(() => {
          if (processesInGroup(group!).some((args) => args.startsWith('tesseract'))) {
            clearInterval(poll);
            controller.abort();
          }
        }, 100);
        setTimeout(() => clearInterval(poll), 60_000).unref();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(group).toBeGreaterThan(0);
    expect(processesInGroup(group!)).toEqual([]);
    expect(fs.readdirSync(outputDir)).toEqual([]);
  }, OCR_TIMEOUT);
});

describe('ocrScan without ocrmypdf installed', () => {
  it('names the Debian packages to install', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-ocr-missing-'));
    const savedPath = process.env.PATH;
    try {
      const input = path.join(dir, 'digital.pdf');
      fs.writeFileSync(input, await renderTextPdf());
      process.env.PATH = dir; // nothing to run in there
      const error = await ocrScan({ inputPath: input, mediaType: 'application/pdf', outputDir: dir }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INTERNAL', key: 'ocrToolMissing', params: { packages: 'tesseract-ocr, tesseract-ocr-vie, ocrmypdf' } });
      expect(fs.readdirSync(dir)).toEqual(['digital.pdf']);
    } finally {
      process.env.PATH = savedPath;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function pdfBytes(options: PDFKit.PDFDocumentOptions): Promise<Buffer> {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font(SERIF_FONT).text('Biên bản nghiệm thu').end();
  return done;
}

/** Live processes; zombies (state Z) have ended and only wait for whoever adopted them to collect their exit status. */
function processTable(): { pgid: number; args: string }[] {
  return execFileSync('ps', ['-eo', 'pgid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m) => m !== null && !m[2]!.startsWith('Z'))
    .map((m) => ({ pgid: Number(m![1]), args: m![3]! }));
}

function processGroupOf(argument: string): number | undefined {
  return processTable().find((p) => p.args.includes('ocrmypdf') && p.args.includes(argument))?.pgid;
}

function processesInGroup(pgid: number): string[] {
  return processTable()
    .filter((p) => p.pgid === pgid)
    .map((p) => p.args);
}
