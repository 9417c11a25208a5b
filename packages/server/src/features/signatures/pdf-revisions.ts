import * as mupdf from 'mupdf';
import type { LaterUpdate } from '@nghiemthu/shared';
import { entry, resolved } from './pdf-objects.js';
import { SignatureError } from './signature-error.js';

/**
 * Revisions of a PDF and what each incremental update changed.
 *
 * Each revision ends with "startxref N %%EOF"; the file up to that point is a
 * complete PDF, which mupdf opens on its own. Comparing two such prefixes
 * object by object (mupdf resolves xref tables, xref streams and object
 * streams alike) shows exactly what an update changed, and each change is
 * judged by what a signature may add: new objects, a signature widget added
 * to a page's /Annots, the AcroForm's /Fields, validation data (DSS), the
 * document information's ModDate/Producer and XMP metadata. Anything else,
 * page content above all, is a content change.
 */

export type Revision = {
  /** Offset of "%%EOF". */
  eofAt: number;
  /** Offset just after "%%EOF" and its end-of-line: where the next update starts. */
  end: number;
};

export function findRevisions(pdf: Buffer): Revision[] {
  const revisions: Revision[] = [];
  for (let at = pdf.indexOf('%%EOF'); at !== -1; at = pdf.indexOf('%%EOF', at + 5)) {
    // A revision's %%EOF follows its startxref; any other "%%EOF" is a comment or data.
    if (pdf.subarray(Math.max(0, at - 40), at).indexOf('startxref') === -1) continue;
    let end = at + 5;
    if (pdf[end] === 0x0d) end++;
    if (pdf[end] === 0x0a) end++;
    revisions.push({ eofAt: at, end });
  }
  return revisions;
}

/** The revision whose end the signed range reaches (with or without the end-of-line), if any. */
export function revisionEndingAt(revisions: Revision[], offset: number): Revision | undefined {
  return revisions.find((r) => offset >= r.eofAt + 5 && offset <= r.end);
}

export function isBlank(bytes: Buffer): boolean {
  return bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x00 || b === 0x0c);
}

/** mupdf documents for prefixes of one file, opened once each and closed together. */
export class RevisionDocuments {
  private readonly open = new Map<number, mupdf.PDFDocument>();
  constructor(private readonly pdf: Buffer) {}

  at(end: number): mupdf.PDFDocument {
    let doc = this.open.get(end);
    if (!doc) {
      doc = openPdf(this.pdf.subarray(0, end));
      this.open.set(end, doc);
    }
    return doc;
  }

  close() {
    for (const doc of this.open.values()) doc.destroy();
    this.open.clear();
  }
}

export function openPdf(bytes: Buffer): mupdf.PDFDocument {
  let doc: mupdf.PDFDocument;
  try {
    doc = new mupdf.PDFDocument(bytes);
  } catch (cause) {
    throw new SignatureError('unreadable_pdf', 'Tệp PDF bị hỏng, không đọc được.', 'The PDF is damaged and cannot be read.', { cause });
  }
  if (doc.needsPassword()) {
    doc.destroy();
    throw new SignatureError('encrypted_pdf', 'Tệp PDF được đặt mật khẩu nên không kiểm tra được chữ ký.', 'The PDF is password-protected, so its signatures cannot be checked.');
  }
  return doc;
}

type Change = LaterUpdate['changes'][number];

const CATALOG_SIGNATURE_KEYS = new Set(['AcroForm', 'DSS', 'Extensions']);
const ACROFORM_SIGNATURE_KEYS = new Set(['Fields', 'SigFlags', 'DR', 'DA']);
const INFO_SIGNATURE_KEYS = new Set(['ModDate', 'Producer']);
const FIELD_SIGNING_KEYS = new Set(['V', 'AP']);
const MAX_CHANGES = 50;

/** What one incremental update (from `before` to `after`) changed, and whether it only added signatures. */
export function compareRevisions(before: mupdf.PDFDocument, after: mupdf.PDFDocument): Pick<LaterUpdate, 'kind' | 'changes'> {
  const changes: Change[] = [];
  const add = (objectNumber: number, description: string, isSignatureRelated: boolean) => changes.push({ objectNumber, description, isSignatureRelated });

  const trailerBefore = before.getTrailer();
  const trailerAfter = after.getTrailer();
  const rootNumber = indirectNumber(trailerAfter.get('Root'));
  if (indirectNumber(trailerBefore.get('Root')) !== rootNumber) add(0, 'trailer: /Root points to another catalog', false);
  if (trailerBefore.get('Encrypt').toString(true) !== trailerAfter.get('Encrypt').toString(true)) add(0, 'trailer: encryption changed', false);

  const pagesBefore = pageNumbers(before);
  const pagesAfter = pageNumbers(after);
  if (pagesBefore.join() !== pagesAfter.join()) add(0, `pages changed: ${pagesBefore.length} before, ${pagesAfter.length} after`, false);
  const pageIndex = new Map(pagesAfter.map((num, index) => [num, index + 1]));
  const contentStreams = contentStreamPages(after, pagesAfter);
  const infoNumber = indirectNumber(trailerAfter.get('Info'));
  const acroFormNumber = indirectNumber(entry(trailerAfter.get('Root'), 'AcroForm'));
  const validationData = reachable(entry(trailerAfter.get('Root'), 'DSS'));

  const count = Math.max(before.countObjects(), after.countObjects());
  for (let num = 1; num < count; num++) {
    const a = num < before.countObjects() ? before.newIndirect(num) : null;
    const b = num < after.countObjects() ? after.newIndirect(num) : null;
    const was = a?.resolve();
    const now = b?.resolve();
    const wasThere = was !== undefined && !was.isNull();
    const isThere = now !== undefined && !now.isNull();
    if (!wasThere && !isThere) continue;
    if (wasThere && isThere && sameObject(a!, b!)) continue;
    if (isStructural(now) || isStructural(was)) continue;

    if (!isThere) {
      add(num, 'object deleted', false);
    } else if (!wasThere) {
      // A new object changes nothing until an existing object refers to it, and those are judged below.
      add(num, `new ${describe(now)}`, true);
    } else if (num === rootNumber) {
      const keys = changedKeys(was, now);
      add(num, `catalog: ${keys.map((k) => `/${k}`).join(', ')} changed`, keys.every((k) => CATALOG_SIGNATURE_KEYS.has(k)) && acroFormOnlyAddsSignatures(was.get('AcroForm'), now.get('AcroForm')));
    } else if (num === acroFormNumber || typeName(now) === 'AcroForm') {
      const keys = changedKeys(was, now);
      add(num, `AcroForm: ${keys.map((k) => `/${k}`).join(', ')} changed`, keys.every((k) => ACROFORM_SIGNATURE_KEYS.has(k)) && onlyAddsSignatureFields(was.get('Fields'), now.get('Fields')));
    } else if (typeName(now) === 'Page') {
      const keys = changedKeys(was, now);
      const isSignatureWidgetOnly = keys.every((k) => k === 'Annots') && onlyAddsSignatureFields(was.get('Annots'), now.get('Annots'));
      add(num, `page ${pageIndex.get(num) ?? '?'}: ${keys.map((k) => `/${k}`).join(', ')} changed${isSignatureWidgetOnly ? ' (signature widget added)' : ''}`, isSignatureWidgetOnly);
    } else if (isSignatureField(was)) {
      // An empty signature field being signed gets /V and an appearance; an existing signature must not change.
      const keys = changedKeys(was, now);
      add(num, `signature field ${fieldName(now)}: ${keys.map((k) => `/${k}`).join(', ')} changed`, was.get('V').isNull() && keys.every((k) => FIELD_SIGNING_KEYS.has(k)));
    } else if (was.isArray() && now.isArray()) {
      // An indirect /Annots or /Fields array that gained signature widgets.
      add(num, 'array changed', onlyAddsSignatureFields(was, now));
    } else if (validationData.has(num) || typeName(now) === 'DSS') {
      add(num, 'validation data (DSS) updated', true);
    } else if (num === infoNumber) {
      const keys = changedKeys(was, now);
      add(num, `document information: ${keys.map((k) => `/${k}`).join(', ')} changed`, keys.every((k) => INFO_SIGNATURE_KEYS.has(k)));
    } else if (typeName(now) === 'Metadata') {
      add(num, 'XMP metadata updated', true);
    } else if (contentStreams.has(num)) {
      add(num, `page ${contentStreams.get(num)}: content stream changed`, false);
    } else {
      add(num, `${describe(now)} changed`, false);
    }
  }
  const kind = changes.every((c) => c.isSignatureRelated) ? 'signatures_only' : 'content_changed';
  // Content changes first, so a cut list still shows them.
  changes.sort((x, y) => Number(x.isSignatureRelated) - Number(y.isSignatureRelated));
  return { kind, changes: changes.slice(0, MAX_CHANGES) };
}

function indirectNumber(obj: mupdf.PDFObject): number | null {
  return obj.isIndirect() ? obj.asIndirect() : null;
}

function pageNumbers(doc: mupdf.PDFDocument): number[] {
  const pages: number[] = [];
  for (let i = 0; i < doc.countPages(); i++) pages.push(indirectNumber(doc.findPage(i)) ?? -1);
  return pages;
}

/** Object numbers of the pages' content streams, to name them in the report. */
function contentStreamPages(doc: mupdf.PDFDocument, pages: number[]): Map<number, number> {
  const streams = new Map<number, number>();
  pages.forEach((num, index) => {
    if (num < 0) return;
    const contents = doc.newIndirect(num).get('Contents');
    const refs = contents.isArray() ? Array.from({ length: contents.length }, (_, i) => contents.get(i)) : [contents];
    for (const ref of refs) if (ref.isIndirect()) streams.set(ref.asIndirect(), index + 1);
  });
  return streams;
}

function sameObject(a: mupdf.PDFObject, b: mupdf.PDFObject): boolean {
  if (a.resolve().toString(true) !== b.resolve().toString(true)) return false;
  if (a.isStream() !== b.isStream()) return false;
  if (!a.isStream()) return true;
  const was = a.readRawStream();
  const now = b.readRawStream();
  try {
    return Buffer.compare(was.asUint8Array(), now.asUint8Array()) === 0;
  } finally {
    // Streams can be large images: free the wasm copies now rather than at garbage collection.
    was.destroy();
    now.destroy();
  }
}

function typeName(obj: mupdf.PDFObject): string | null {
  const type = obj.isDictionary() ? obj.get('Type') : null;
  return type?.isName() ? type.asName() : null;
}

/** Cross-reference streams and object streams are containers; the objects inside them are compared one by one. */
function isStructural(obj: mupdf.PDFObject | undefined): boolean {
  const type = obj ? typeName(obj) : null;
  return type === 'XRef' || type === 'ObjStm';
}

function describe(obj: mupdf.PDFObject): string {
  if (isSignatureField(obj)) return `signature field ${fieldName(obj)}`;
  const type = typeName(obj);
  if (type === 'Sig' || type === 'DocTimeStamp') return 'signature value';
  if (type) return `/${type}${obj.get('Subtype').isName() ? ` /${obj.get('Subtype').asName()}` : ''} object`;
  if (obj.isArray()) return 'array';
  return obj.isDictionary() ? 'dictionary' : 'object';
}

function isSignatureField(obj: mupdf.PDFObject): boolean {
  if (!obj.isDictionary()) return false;
  const type = obj.getInheritable('FT');
  return type.isName() && type.asName() === 'Sig';
}

function fieldName(obj: mupdf.PDFObject): string {
  const name = obj.get('T');
  return name.isString() ? `"${name.asString()}"` : '(unnamed)';
}

function changedKeys(a: mupdf.PDFObject, b: mupdf.PDFObject): string[] {
  const keys = new Set<string>();
  a.forEach((_, key) => keys.add(String(key)));
  b.forEach((_, key) => keys.add(String(key)));
  return [...keys].filter((key) => a.get(key).toString(true) !== b.get(key).toString(true));
}

/** The array (direct or indirect) kept every element and gained only signature fields/widgets. */
function onlyAddsSignatureFields(before: mupdf.PDFObject, after: mupdf.PDFObject): boolean {
  const was = elements(before);
  const now = elements(after);
  const kept = new Set(now.map((e) => e.toString(true)));
  if (!was.every((e) => kept.has(e.toString(true)))) return false;
  const old = new Set(was.map((e) => e.toString(true)));
  return now.filter((e) => !old.has(e.toString(true))).every((e) => isSignatureField(resolved(e)));
}

function elements(array: mupdf.PDFObject): mupdf.PDFObject[] {
  const list = resolved(array);
  if (!list.isArray()) return [];
  return Array.from({ length: list.length }, (_, i) => list.get(i));
}

/**
 * The catalog's /AcroForm entry changed: an indirect AcroForm that stayed the
 * same object is compared as its own object; a new or direct one is judged
 * here against the old one.
 */
function acroFormOnlyAddsSignatures(before: mupdf.PDFObject, after: mupdf.PDFObject): boolean {
  if (after.isNull()) return before.isNull();
  if (before.isIndirect() && after.isIndirect() && before.asIndirect() === after.asIndirect()) return true;
  const was = resolved(before);
  const now = resolved(after);
  if (!now.isDictionary()) return false;
  if (!was.isDictionary()) return onlyAddsSignatureFields(was, now.get('Fields'));
  return changedKeys(was, now).every((k) => ACROFORM_SIGNATURE_KEYS.has(k)) && onlyAddsSignatureFields(was.get('Fields'), now.get('Fields'));
}

/** Object numbers reachable from the DSS (certificates, OCSP responses, CRLs, VRI), a few levels deep. */
function reachable(start: mupdf.PDFObject): Set<number> {
  const seen = new Set<number>();
  const visit = (obj: mupdf.PDFObject, depth: number) => {
    if (depth > 4 || seen.size > 10_000) return;
    if (obj.isIndirect()) {
      if (seen.has(obj.asIndirect())) return;
      seen.add(obj.asIndirect());
    }
    const value = resolved(obj);
    if (value.isArray() || value.isDictionary()) value.forEach((child) => visit(child, depth + 1));
  };
  if (!start.isNull()) visit(start, 0);
  return seen;
}
