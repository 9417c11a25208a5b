import { z } from 'zod';
import { IsoDate } from './dates.js';
import { AgencyBrief, UserBrief } from './orders.schemas.js';
import { pageOf, pageQuery } from './pagination.js';
import { plainText } from './text.js';

/** Electronic records (hồ sơ) and their documents (văn bản). Domain: domain.md §5 (Decree 30/2020, Circular 05/2025). */
export const ACCESS_LEVELS = ['public', 'internal', 'restricted'] as const;
export const AccessLevel = z.enum(ACCESS_LEVELS);
export const RECORD_STATUSES = ['open', 'closed', 'destroyed'] as const;
export const RecordStatus = z.enum(RECORD_STATUSES);
export type RecordStatus = z.infer<typeof RecordStatus>;
/** A document's signatures taken together: none, not checked yet, or the worst status among them. */
export const DOCUMENT_SIGNATURE_STATUSES = ['none', 'not_checked', 'valid', 'invalid', 'unknown_signer', 'modified_after_signing'] as const;
export const DocumentSignatureStatus = z.enum(DOCUMENT_SIGNATURE_STATUSES);

/**
 * Administrative document types (Decree 30/2020, appendix III) with their
 * abbreviations; CV (công văn) has none in the symbol. TL is ours: a
 * supporting document or data file that is not an administrative document.
 */
export const DOCUMENT_TYPES = ['QĐ', 'BC', 'BB', 'TTr', 'HĐ', 'KH', 'TB', 'GM', 'CV', 'TL'] as const;
export const DocumentType = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof DocumentType>;

export const RecordClass = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  /** null: kept permanently. */
  retentionYears: z.number().int().nullable(),
  basis: z.string(),
  isActive: z.boolean(),
});
export type RecordClass = z.infer<typeof RecordClass>;

export const UpdateRecordClassBody = z.strictObject({
  name: plainText(300),
  retentionYears: z.number().int().min(1).max(100).nullable(),
  basis: plainText(500),
  isActive: z.boolean(),
});
export type UpdateRecordClassBody = z.infer<typeof UpdateRecordClassBody>;

export const Record = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  agency: AgencyBrief,
  recordClass: RecordClass.pick({ id: true, code: true, name: true }),
  retentionYears: z.number().int().nullable(),
  /** The last year the record is kept (end year + retention); null while open or when permanent. */
  keptUntilYear: z.number().int().nullable(),
  accessLevel: AccessLevel,
  status: RecordStatus,
  startDate: IsoDate,
  endDate: IsoDate.nullable(),
  documentCount: z.number().int(),
  pageCount: z.number().int(),
  dossierId: z.uuid().nullable(),
  dossierCode: z.string().nullable(),
  orderId: z.uuid().nullable(),
  closedAt: z.iso.datetime().nullable(),
  legalHold: z.string().nullable(),
});
export type Record = z.infer<typeof Record>;

export const RecordDocument = z.object({
  id: z.uuid(),
  ordinal: z.number().int(),
  fileName: z.string(),
  fileId: z.uuid(),
  sha256: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  source: z.string(),
  identifier: z.string(),
  issuerCode: z.string(),
  issuerName: z.string(),
  number: z.number().int().nullable(),
  symbol: z.string().nullable(),
  /** "01/BB-SKHCN" when numbered. */
  numberAndSymbol: z.string().nullable(),
  typeCode: DocumentType,
  issueDate: IsoDate,
  summary: z.string(),
  language: z.string(),
  pageCount: z.number().int(),
  keywords: z.array(z.string()),
  signerName: z.string().nullable(),
  signerPosition: z.string().nullable(),
  authorityPrefix: z.string().nullable(),
  accessLevel: AccessLevel,
  reliability: z.enum(['original', 'digitised', 'copy']),
  version: z.number().int(),
  supersedesId: z.uuid().nullable(),
  signatureStatus: DocumentSignatureStatus,
  capturedAt: z.iso.datetime(),
  capturedBy: UserBrief,
});
export type RecordDocument = z.infer<typeof RecordDocument>;

export const RecordDetail = Record.extend({
  language: z.string(),
  keywords: z.array(z.string()),
  responsible: UserBrief.nullable(),
  sealHash: z.string().nullable(),
  documents: z.array(RecordDocument),
});
export type RecordDetail = z.infer<typeof RecordDetail>;

export const RECORD_SORTS = ['closedAt', 'code', 'title', 'endDate'] as const;
export const RecordListQuery = pageQuery(RECORD_SORTS).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
  q: plainText(200).optional(),
  status: RecordStatus.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  recordClassId: z.uuid().optional(),
});
export type RecordListQuery = z.infer<typeof RecordListQuery>;
export const RecordPage = pageOf(Record);
export type RecordPage = z.infer<typeof RecordPage>;

export const DocumentContentQuery = z.strictObject({
  /** inline: viewed in the browser; attachment: downloaded. Both are recorded, and both serve the master's bytes unchanged. */
  disposition: z.enum(['inline', 'attachment']).default('inline'),
});
export type DocumentContentQuery = z.infer<typeof DocumentContentQuery>;

/** A scanned paper document added to a record: the uploaded file (PDF, TIFF, JPEG or PNG, at least 200 dpi) and its metadata. */
export const AddScanBody = z.strictObject({
  fileId: z.uuid(),
  summary: plainText(1000),
  issuerName: plainText(300),
  issueDate: IsoDate,
  typeCode: DocumentType,
  notes: plainText(1000).optional(),
});
export type AddScanBody = z.infer<typeof AddScanBody>;
