import { foldVietnamese } from '@nghiemthu/shared';
import type { Db } from '../../db/client.js';
import { documentTexts } from '../../db/schema.js';
import { extractPdfText } from '../ocr/pdf-text.js';

/** Full text kept for search, at most this many characters: enough for any report, bounded for a generated log. */
const MAX_TEXT = 2_000_000;

export type DocumentForText = {
  id: string; summary: string; identifier: string; fileName: string; issuerName: string; typeCode: string;
  number: number | null; symbol: string | null; keywords: string[]; signerName: string | null;
};

/** The metadata a person might search by, as one text: summary, number and symbol, issuer, file name, keywords, record. */
export function metadataText(doc: DocumentForText, record: { code: string; title: string }): string {
  const numbered = doc.number !== null && doc.symbol ? `${String(doc.number).padStart(2, '0')}/${doc.symbol}` : '';
  return [doc.summary, numbered, doc.identifier, doc.issuerName, doc.signerName ?? '', doc.fileName, doc.keywords.join(' '), record.code, record.title]
    .filter((part) => part.length > 0).join('\n');
}

/**
 * What a file says, for search: the text layer of a PDF (born digital, or a
 * searchable copy made by OCR), a data file as it is; nothing for images
 * until they are recognised. Never throws: an unreadable file is searched by
 * its metadata only.
 */
export function fileText(bytes: Buffer | null, mediaType: string): string {
  if (!bytes) return '';
  try {
    if (mediaType === 'application/pdf') return extractPdfText(bytes).join('\n');
    if (mediaType === 'application/json' || mediaType.startsWith('text/')) return bytes.toString('utf8');
  } catch {
    // Damaged or encrypted: the metadata still finds it.
  }
  return '';
}

/** Writes (or replaces) a document's search text: NFC as written, and folded. */
export async function saveDocumentText(tx: Db, documentId: string, metadata: string, body: string, source: 'metadata' | 'extracted' | 'ocr', now: Date): Promise<void> {
  const content = `${metadata}\n${body}`.normalize('NFC').slice(0, MAX_TEXT);
  const row = { documentId, content, plain: foldVietnamese(content), source: body.trim() ? source : 'metadata' as const, updatedAt: now };
  await tx.insert(documentTexts).values(row).onConflictDoUpdate({ target: documentTexts.documentId, set: { content: row.content, plain: row.plain, source: row.source, updatedAt: now } });
}
