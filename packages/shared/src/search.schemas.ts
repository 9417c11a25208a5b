import { z } from 'zod';
import { IsoDate } from './dates.js';
import { pageOf, pageQuery } from './pagination.js';
import { DocumentSignatureStatus, DocumentType } from './records.schemas.js';
import { plainText } from './text.js';

/** Full-text search over records' documents: metadata, extracted text and OCR text. */
export const SEARCH_SORTS = ['relevance', 'issueDate', 'recordCode'] as const;
export const SearchQuery = pageQuery(SEARCH_SORTS).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
  q: plainText(300).optional(),
  /** The agency and, through mergers, its predecessors. */
  agencyId: z.uuid().optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  typeCode: DocumentType.optional(),
  recordClassId: z.uuid().optional(),
  orderId: z.uuid().optional(),
  providerAgencyId: z.uuid().optional(),
  signatureStatus: DocumentSignatureStatus.optional(),
});
export type SearchQuery = z.infer<typeof SearchQuery>;
export const SearchExportQuery = SearchQuery.omit({ page: true, pageSize: true });
export type SearchExportQuery = z.infer<typeof SearchExportQuery>;

/** A piece of text around a match, the matched words marked; never the whole text. */
export const Snippet = z.array(z.object({ text: z.string(), isMatch: z.boolean() }));
export type Snippet = z.infer<typeof Snippet>;

export const SearchHit = z.object({
  documentId: z.uuid(),
  recordId: z.uuid(),
  recordCode: z.string(),
  recordTitle: z.string(),
  fileName: z.string(),
  summary: z.string(),
  typeCode: DocumentType,
  issueDate: IsoDate,
  issuerName: z.string(),
  signatureStatus: DocumentSignatureStatus,
  /** Where the words were found: metadata only, text extracted from the file, or recognised from a scan. */
  textSource: z.enum(['metadata', 'extracted', 'ocr']),
  snippet: Snippet,
});
export type SearchHit = z.infer<typeof SearchHit>;
export const SearchPage = pageOf(SearchHit);
export type SearchPage = z.infer<typeof SearchPage>;

export const SavedSearch = z.object({ id: z.uuid(), name: z.string(), query: SearchExportQuery, createdAt: z.iso.datetime() });
export type SavedSearch = z.infer<typeof SavedSearch>;
export const SaveSearchBody = z.strictObject({ name: plainText(120), query: SearchExportQuery });
export type SaveSearchBody = z.infer<typeof SaveSearchBody>;
