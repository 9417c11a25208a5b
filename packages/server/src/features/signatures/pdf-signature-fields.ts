import type * as mupdf from 'mupdf';
import { resolved } from './pdf-objects.js';

/** A signed signature field as the PDF declares it; nothing here is verified yet. */
export type SignatureField = {
  name: string;
  /** /Type of the signature dictionary: "Sig", or "DocTimeStamp" for a document timestamp. */
  type: string | null;
  subFilter: string | null;
  byteRange: number[];
  signingTime: Date | null;
  claimedName: string | null;
  reason: string | null;
  location: string | null;
};

/**
 * The signed signature fields of the document, from the AcroForm's field
 * tree (as Acrobat and poppler find them). A field without a value (/V) is
 * an empty slot waiting for a signature and is left out.
 */
export function findSignatureFields(doc: mupdf.PDFDocument): SignatureField[] {
  const found: SignatureField[] = [];
  const seen = new Set<number>();
  const visit = (node: mupdf.PDFObject, parentName: string | null, inheritedType: string | null, depth: number) => {
    if (depth > 20) return;
    if (node.isIndirect()) {
      if (seen.has(node.asIndirect())) return;
      seen.add(node.asIndirect());
    }
    const field = resolved(node);
    if (!field.isDictionary()) return;
    const partial = text(field.get('T'));
    const name = partial === null ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const type = nameOf(field.get('FT')) ?? inheritedType;
    const value = resolved(field.get('V'));
    if (type === 'Sig' && value.isDictionary() && value.get('ByteRange').isArray()) {
      const range = value.get('ByteRange');
      found.push({
        name: name ?? `(unnamed ${found.length + 1})`,
        type: nameOf(value.get('Type')),
        subFilter: nameOf(value.get('SubFilter')),
        byteRange: Array.from({ length: range.length }, (_, i) => range.get(i)).map((n) => (n.isNumber() ? n.asNumber() : Number.NaN)),
        signingTime: parsePdfDate(text(value.get('M'))),
        claimedName: text(value.get('Name')),
        reason: text(value.get('Reason')),
        location: text(value.get('Location')),
      });
    }
    const kids = field.get('Kids');
    if (kids.isArray()) for (let i = 0; i < kids.length; i++) visit(kids.get(i), name, type, depth + 1);
  };
  const fields = doc.getTrailer().get('Root', 'AcroForm', 'Fields');
  if (fields.isArray()) for (let i = 0; i < fields.length; i++) visit(fields.get(i), null, null, 0);
  return found;
}

function nameOf(obj: mupdf.PDFObject): string | null {
  return obj.isName() ? obj.asName() : null;
}

function text(obj: mupdf.PDFObject): string | null {
  return obj.isString() ? obj.asString() : null;
}

/** "D:20261122143000+07'00'" (PDF 32000-1 §7.9.4) → Date; null when absent or unreadable. */
export function parsePdfDate(value: string | null): Date | null {
  const match = value ? /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?/.exec(value) : null;
  if (!match) return null;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', , sign, offsetHours = '00', offsetMinutes = '00'] = match;
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) : 0;
  const date = new Date(utc - offset * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}
