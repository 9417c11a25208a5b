import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localize } from '../../lib/errors.js';
import { ScanError } from './scan-error.js';
import { checkScanResolution, inspectScan } from './scan-inspect.js';
import { hasCommand, rasterise, renderTextPdf, scannedPdf, toolGate } from './test-scans.js';

/** The refusal as a person reads it in the API's answer. */
const worded = (error: ScanError, language: 'vi' | 'en') => localize(error, language).message;

function refusal(run: () => unknown): ScanError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScanError) return error;
    throw error;
  }
  throw new Error('expected a ScanError');
}

async function rejection(promise: Promise<unknown>): Promise<ScanError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof ScanError) return error;
  throw error ?? new Error('expected a ScanError');
}

/** A little-endian TIFF of 10×10 grey pages, each with the given resolution (null: none recorded). */
function tinyTiff(dpis: (number | null)[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0x49, 0x49, 42, 0, 8, 0, 0, 0])];
  let offset = 8;
  dpis.forEach((dpi, index) => {
    const entries: [tag: number, type: number, value: number][] = [
      [256, 3, 10],
      [257, 3, 10],
      [273, 4, 0], // strip offset, filled below
      [279, 4, 100],
    ];
    if (dpi) entries.push([282, 5, 0], [283, 5, 0], [296, 3, 2]);
    const ifdSize = 2 + entries.length * 12 + 4;
    const rationals = offset + ifdSize;
    const pixels = rationals + (dpi ? 16 : 0);
    const next = index === dpis.length - 1 ? 0 : pixels + 100;
    const ifd = Buffer.alloc(ifdSize);
    ifd.writeUInt16LE(entries.length, 0);
    entries.forEach(([tag, type, value], i) => {
      const at = 2 + i * 12;
      ifd.writeUInt16LE(tag, at);
      ifd.writeUInt16LE(type, at + 2);
      ifd.writeUInt32LE(1, at + 4);
      const stored = tag === 273 ? pixels : tag === 282 ? rationals : tag === 283 ? rationals + 8 : value;
      if (type === 3) ifd.writeUInt16LE(stored, at + 8);
      else ifd.writeUInt32LE(stored, at + 8);
    });
    ifd.writeUInt32LE(next, ifdSize - 4);
    parts.push(ifd);
    if (dpi) {
      const rational = Buffer.alloc(16);
      rational.writeUInt32LE(dpi, 0);
      rational.writeUInt32LE(1, 4);
      rational.writeUInt32LE(dpi, 8);
      rational.writeUInt32LE(1, 12);
      parts.push(rational);
    }
    parts.push(Buffer.alloc(100, 0xff));
    offset = pixels + 100;
  });
  return Buffer.concat(parts);
}

describe('image resolution metadata', () => {
  it('reads every page of a TIFF, and says when one records no resolution', async () => {
    const inspection = await inspectScan(tinyTiff([300, 400, null]), 'image/tiff');
    expect(inspection.pageCount).toBe(3);
    expect(inspection.pages.map((page) => page.resolution)).toEqual([
      { kind: 'measured', dpiX: 300, dpiY: 300 },
      { kind: 'measured', dpiX: 400, dpiY: 400 },
      { kind: 'not-recorded' },
    ]);
    const error = refusal(() => checkScanResolution(inspection));
    expect([error.code, error.key, error.params]).toEqual(['VALIDATION_FAILED', 'scanResolutionNotRecorded', { page: 3, min: 200 }]);
    expect(worded(error, 'vi')).toContain('trang 3');
  });

  it('says a PNG without a pHYs chunk records no resolution, and refuses it', async () => {
    const png = new PNG({ width: 40, height: 30, colorType: 2, inputHasAlpha: false });
    const inspection = await inspectScan(PNG.sync.write(png, { colorType: 2 }), 'image/png');
    expect(inspection.pages).toEqual([{ page: 1, widthPx: 40, heightPx: 30, resolution: { kind: 'not-recorded' }, hasText: false, hasAlpha: false }]);
    expect(refusal(() => checkScanResolution(inspection)).key).toBe('scanResolutionNotRecorded');
  });

  it('calls a cut-off image damaged, and a GIF unsupported', async () => {
    const png = PNG.sync.write(new PNG({ width: 40, height: 30 }));
    const cut = await rejection(inspectScan(png.subarray(0, png.length - 20), 'image/png'));
    expect([cut.code, cut.key, cut.params]).toEqual(['VALIDATION_FAILED', 'scanDamaged', { format: 'PNG' }]);
    const gif = await rejection(inspectScan(Buffer.from('GIF89a'), 'image/gif'));
    expect([gif.code, gif.status, gif.key]).toEqual(['UNSUPPORTED_MEDIA_TYPE', 415, 'scanMediaTypeUnsupported']);
    expect(worded(gif, 'en')).toContain('"image/gif"');
  });
});

const rasterGate = toolGate(hasCommand('pdftoppm'), 'poppler-utils');

describe.skipIf(rasterGate.skip)(`scans rasterised by pdftoppm${rasterGate.note}`, () => {
  let dir: string;
  let page: Buffer;
  beforeAll(async () => {
    rasterGate.require();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-scan-inspect-'));
    page = await renderTextPdf();
    fs.writeFileSync(path.join(dir, 'page.pdf'), page);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['image/png', ['-png']],
    ['image/jpeg', ['-jpeg']],
    ['image/tiff', ['-tiff', '-tiffcompression', 'lzw']],
  ])('reads the resolution of a 300 dpi %s scan', async (mediaType, format) => {
    const base = path.join(dir, mediaType.replace('/', '-'));
    execFileSync('pdftoppm', ['-r', '300', '-singlefile', ...format, path.join(dir, 'page.pdf'), base]);
    const file = fs.readdirSync(dir).map((f) => path.join(dir, f)).find((f) => f.startsWith(`${base}.`))!;
    const inspection = await inspectScan(file, mediaType);
    expect(inspection.pages).toEqual([
      { page: 1, widthPx: 2481, heightPx: 3508, resolution: { kind: 'measured', dpiX: 300, dpiY: 300 }, hasText: false, hasAlpha: false },
    ]);
    expect(() => checkScanResolution(inspection)).not.toThrow();
  });

  it('says a JPEG whose JFIF header gives only an aspect ratio records no resolution', async () => {
    const base = path.join(dir, 'aspect');
    execFileSync('pdftoppm', ['-r', '300', '-singlefile', '-jpeg', path.join(dir, 'page.pdf'), base]);
    const jpeg = fs.readFileSync(`${base}.jpg`);
    expect(jpeg.subarray(6, 11).toString('latin1')).toBe('JFIF\0');
    jpeg[13] = 0; // density units: none
    expect((await inspectScan(jpeg, 'image/jpeg')).pages[0]!.resolution).toEqual({ kind: 'not-recorded' });
  });

  it('measures each page of a scanned PDF and refuses the 150 dpi page by number and dpi', async () => {
    const [at300] = rasterise(page, 300, dir, 'p300');
    const [at150] = rasterise(page, 150, dir, 'p150');
    const inspection = await inspectScan(
      await scannedPdf([
        { png: at300!, dpi: 300 },
        { png: at150!, dpi: 150 },
      ]),
      'application/pdf',
    );
    expect(inspection.pageCount).toBe(2);
    expect(inspection.pages).toEqual([
      { page: 1, widthPx: 2481, heightPx: 3508, resolution: { kind: 'measured', dpiX: 300, dpiY: 300 }, hasText: false, hasAlpha: false },
      { page: 2, widthPx: 1241, heightPx: 1754, resolution: { kind: 'measured', dpiX: 150, dpiY: 150 }, hasText: false, hasAlpha: false },
    ]);
    const error = refusal(() => checkScanResolution(inspection));
    expect([error.code, error.status, error.key, error.params]).toEqual(['VALIDATION_FAILED', 400, 'scanResolutionTooLow', { page: 2, dpi: 150, min: 200 }]);
    expect(worded(error, 'vi')).toBe('Trang 2 được quét ở 150 dpi, thấp hơn mức tối thiểu 200 dpi của bản số hóa. Hãy quét lại trang này ở 200 dpi trở lên.');
    expect(worded(error, 'en')).toMatch(/^Page 2 was scanned at 150 dpi, below the 200 dpi minimum/);
  });

  it('refuses a 150 dpi PNG naming page 1', async () => {
    const [at150] = rasterise(page, 150, dir, 'png150');
    const inspection = await inspectScan(at150!, 'image/png');
    const error = refusal(() => checkScanResolution(inspection));
    expect(error.params).toEqual({ page: 1, dpi: 150, min: 200 });
  });

  it('does not treat a born-digital PDF as a scan', async () => {
    const inspection = await inspectScan(await renderTextPdf({ pages: 2 }), 'application/pdf');
    expect(inspection.pages.map((p) => [p.resolution.kind, p.hasText])).toEqual([
      ['no-page-image', true],
      ['no-page-image', true],
    ]);
    expect(() => checkScanResolution(inspection)).not.toThrow();
  });
});
