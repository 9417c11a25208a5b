import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { localize } from '../../lib/errors.js';
import { extractPdfText } from './pdf-text.js';
import { ScanError } from './scan-error.js';
import { SAMPLE_LINES, renderTextPdf } from './test-scans.js';

function refusalOf(bytes: Uint8Array): ScanError {
  try {
    extractPdfText(bytes);
  } catch (error) {
    if (error instanceof ScanError) return error;
    throw error;
  }
  throw new Error('expected a ScanError');
}

describe('extractPdfText', () => {
  it('returns the text of each page of a pdfkit PDF, NFC even when the source was decomposed', async () => {
    const decomposed = SAMPLE_LINES.map((line) => line.normalize('NFD'));
    expect(decomposed[2]).not.toBe(SAMPLE_LINES[2]);
    const pages = extractPdfText(await renderTextPdf({ pages: 2, lines: decomposed }));
    expect(pages).toHaveLength(2);
    for (const text of pages) {
      expect(text).toBe(text.normalize('NFC'));
      expect(text).toContain('BIÊN BẢN NGHIỆM THU');
      expect(text.replace(/\s+/g, ' ')).toContain('Sở Khoa học và Công nghệ tổ chức nghiệm thu');
    }
  });

  it('refuses a truncated PDF clearly, wherever it was cut', async () => {
    const pdf = await renderTextPdf();
    for (const length of [100, Math.floor(pdf.length / 2), pdf.length - 40]) {
      const error = refusalOf(pdf.subarray(0, length));
      expect([error.code, error.status, error.key, error.params], `cut at ${length}`).toEqual(['VALIDATION_FAILED', 400, 'scanDamaged', { format: 'PDF' }]);
      expect(localize(error, 'vi').message).toBe('Tệp PDF bị hỏng hoặc không đầy đủ (có thể tải lên chưa hết). Hãy tải lên lại tệp gốc.');
    }
  });

  it('refuses a PDF that needs a password to open', async () => {
    const doc = new PDFDocument({ userPassword: 'mat-khau', ownerPassword: 'chu-so-huu' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    doc.text('Biên bản').end();
    expect(refusalOf(await done)).toMatchObject({ code: 'VALIDATION_FAILED', key: 'scanEncrypted' });
  });

  it('refuses bytes that are not a PDF, and a PDF with garbage for a body', () => {
    expect(refusalOf(Buffer.from('xin chào')).key).toBe('scanDamaged');
    expect(refusalOf(Buffer.from('%PDF-1.7\nthis is not a PDF body\n%%EOF\n')).key).toBe('scanDamaged');
  });
});
