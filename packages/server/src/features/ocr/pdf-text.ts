import * as mupdf from 'mupdf';
import { ScanError, damaged } from './scan-error.js';

/**
 * Opens a PDF with mupdf for reading, refusing what would otherwise be read
 * silently wrong: mupdf repairs a cut-off file and then shows fewer pages or
 * none, so a file must start with the PDF header and end with an end-of-file
 * marker. A repaired but complete file (bad cross-reference offsets, common
 * from scanner software) is accepted.
 */
export function openPdf(bytes: Uint8Array): mupdf.Document {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  if (!head.includes('%PDF-') || !tail.includes('%%EOF')) throw damaged('PDF');
  let document: mupdf.Document;
  try {
    document = mupdf.Document.openDocument(bytes, 'application/pdf');
  } catch (error) {
    throw damaged('PDF', { cause: error });
  }
  if (document.needsPassword()) {
    document.destroy();
    throw new ScanError('VALIDATION_FAILED', 'scanEncrypted');
  }
  if (document.countPages() === 0) {
    document.destroy();
    throw damaged('PDF');
  }
  return document;
}

/** Opens, runs `read`, and frees the wasm memory even when `read` throws. */
export function withPdf<T>(bytes: Uint8Array, read: (document: mupdf.Document) => T): T {
  const document = openPdf(bytes);
  try {
    return read(document);
  } catch (error) {
    throw error instanceof ScanError ? error : damaged('PDF', { cause: error });
  } finally {
    document.destroy();
  }
}

/**
 * A page's text, NFC-normalised: PDFs may map glyphs to decomposed Vietnamese
 * (a base letter plus combining marks), which would never match a search
 * typed on a keyboard. Trailing spaces on lines are dropped.
 */
export function pageText(page: mupdf.Page): string {
  const text = page.toStructuredText('preserve-whitespace');
  try {
    return text
      .asText()
      .normalize('NFC')
      .replace(/[ \t]+$/gm, '')
      .trim();
  } finally {
    text.destroy();
  }
}

/** The text of each page of a born-digital (or already recognised) PDF, in page order. */
export function extractPdfText(bytes: Uint8Array): string[] {
  return withPdf(bytes, (document) =>
    Array.from({ length: document.countPages() }, (_, index) => {
      const page = document.loadPage(index);
      try {
        return pageText(page);
      } finally {
        page.destroy();
      }
    }),
  );
}
