/**
 * Electronic records (domain.md §5): record classes with their retention, each
 * agency's yearly record list (danh mục hồ sơ), records (hồ sơ) and the
 * documents (văn bản) inside them, with Decree 30/2020 and Circular 05/2025
 * metadata. A closed record is sealed: its seal hash, over its metadata and
 * every document's bytes, is written in the audit chain, so an edited row is
 * found by `verify` even if the database was changed behind the application.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, char, check, customType, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { agencies, dossiers, files, orders, users } from './schema.js';

/** PostgreSQL's full-text vector; only ever written by the database (generated columns). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull();

export const ACCESS_LEVELS = ['public', 'internal', 'restricted'] as const;

/** A class of records and how long it is kept: N years from the year the work ended, or permanently (null). */
export const recordClasses = pgTable('record_classes', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  retentionYears: integer('retention_years'),
  /** The legal basis of the period (Circular 10/2022, the agency's own list). */
  basis: text('basis').notNull(),
  isActive: boolean('is_active').notNull(),
  updatedAt: updatedAt(),
}, (t) => [check('record_classes_retention', sql`${t.retentionYears} is null or ${t.retentionYears} between 1 and 100`)]);

/** One heading of an agency's record list for a year: what records it will keep, under which code. */
export const recordListItems = pgTable('record_list_items', {
  id: uuid('id').primaryKey(),
  agencyId: uuid('agency_id').notNull().references(() => agencies.id),
  year: integer('year').notNull(),
  code: text('code').notNull(),
  title: text('title').notNull(),
  recordClassId: uuid('record_class_id').notNull().references(() => recordClasses.id),
  responsibleUserId: uuid('responsible_user_id').references(() => users.id),
  note: text('note'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('record_list_items_key').on(t.agencyId, t.year, t.code)]);

/** A record (hồ sơ): a file of documents on one matter, open while the work goes on, then closed and sealed. */
export const records = pgTable('records', {
  id: uuid('id').primaryKey(),
  agencyId: uuid('agency_id').notNull().references(() => agencies.id),
  listItemId: uuid('list_item_id').notNull().references(() => recordListItems.id),
  /** `<year>.<list code>.<number in the list item>`, unique in the agency. */
  code: text('code').notNull(),
  title: text('title').notNull(),
  recordClassId: uuid('record_class_id').notNull().references(() => recordClasses.id),
  /** Copied from the class when the record closes: a later change of the class does not shorten kept records. */
  retentionYears: integer('retention_years'),
  accessLevel: text('access_level', { enum: ACCESS_LEVELS }).notNull(),
  language: text('language').notNull(),
  keywords: text('keywords').array().notNull(),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  endDate: date('end_date', { mode: 'string' }),
  responsibleUserId: uuid('responsible_user_id').references(() => users.id),
  status: text('status', { enum: ['open', 'closed', 'destroyed'] }).notNull(),
  dossierId: uuid('dossier_id').references(() => dossiers.id),
  orderId: uuid('order_id').references(() => orders.id),
  documentCount: integer('document_count').notNull(),
  pageCount: integer('page_count').notNull(),
  /** SHA-256 over the record's metadata and its documents' metadata and bytes, fixed when it closes. */
  sealHash: char('seal_hash', { length: 64 }),
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  closedBy: uuid('closed_by').references(() => users.id),
  /** A legal hold blocks disposition until released. */
  legalHold: text('legal_hold'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  uniqueIndex('records_code_key').on(t.agencyId, t.code),
  uniqueIndex('records_dossier_key').on(t.dossierId),
  index('records_status_idx').on(t.status, t.endDate),
  check('records_closed', sql`(${t.status} = 'open') = (${t.sealHash} is null)`),
]);

/**
 * A document in a record, named `<record code>.<ordinal>`. The metadata fixed at
 * capture and the file never change once the record is closed; a correction is
 * a new version that supersedes the earlier one.
 */
export const documents = pgTable('documents', {
  id: uuid('id').primaryKey(),
  recordId: uuid('record_id').notNull().references(() => records.id),
  ordinal: integer('ordinal').notNull(),
  fileName: text('file_name').notNull(),
  fileId: uuid('file_id').notNull().references(() => files.id),
  /** Where it came from in the workflow: order attachment, dossier file, minutes, generated data, scan… */
  source: text('source').notNull(),
  /** Decree 30 metadata. The identifier is `<issuer code>.<issue year>.<number or ordinal>`. */
  identifier: text('identifier').notNull(),
  issuerCode: text('issuer_code').notNull(),
  issuerName: text('issuer_name').notNull(),
  number: integer('number'),
  symbol: text('symbol'),
  isConfidentialSeries: boolean('is_confidential_series').notNull(),
  typeCode: text('type_code').notNull(),
  issueDate: date('issue_date', { mode: 'string' }).notNull(),
  issueYear: integer('issue_year').notNull(),
  summary: text('summary').notNull(),
  language: text('language').notNull(),
  pageCount: integer('page_count').notNull(),
  keywords: text('keywords').array().notNull(),
  signerName: text('signer_name'),
  signerPosition: text('signer_position'),
  authorityPrefix: text('authority_prefix'),
  recipients: text('recipients'),
  accessLevel: text('access_level', { enum: ACCESS_LEVELS }).notNull(),
  /** Original electronic, digitised from paper, or a copy. */
  reliability: text('reliability', { enum: ['original', 'digitised', 'copy'] }).notNull(),
  notes: text('notes'),
  version: integer('version').notNull(),
  supersedesId: uuid('supersedes_id').references((): AnyPgColumn => documents.id),
  /** A searchable PDF made from a scan (OCR): the scan itself stays as uploaded. */
  derivativeFileId: uuid('derivative_file_id').references(() => files.id),
  signatureStatus: text('signature_status', { enum: ['none', 'valid', 'invalid', 'unknown_signer', 'modified_after_signing', 'not_checked'] }).notNull(),
  signatureReport: jsonb('signature_report'),
  /** Text for search: extracted from born-digital files, or OCR; never returned in lists. */
  textStatus: text('text_status', { enum: ['none', 'pending', 'done', 'failed'] }).notNull(),
  capturedAt: timestamp('captured_at', { withTimezone: true, mode: 'date' }).notNull(),
  capturedBy: uuid('captured_by').notNull().references(() => users.id),
}, (t) => [
  uniqueIndex('documents_ordinal_key').on(t.recordId, t.ordinal),
  uniqueIndex('documents_number_key').on(t.issuerCode, t.issueYear, t.isConfidentialSeries, t.number, t.symbol).where(sql`${t.number} is not null and ${t.supersedesId} is null`),
  index('documents_file_idx').on(t.fileId),
  check('documents_number_positive', sql`${t.number} is null or ${t.number} > 0`),
]);

/** Every view, download and print of a document, for the access history the law asks for. */
export const documentAccess = pgTable('document_access', {
  id: uuid('id').primaryKey(),
  documentId: uuid('document_id').notNull().references(() => documents.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  kind: text('kind', { enum: ['view', 'download', 'print'] }).notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  ip: text('ip'),
}, (t) => [index('document_access_document_idx').on(t.documentId, t.at)]);

/** A fixity sweep's result: every stored file re-hashed, the faulty ones named. */
export const integrityChecks = pgTable('integrity_checks', {
  id: uuid('id').primaryKey(),
  scope: text('scope', { enum: ['all', 'record'] }).notNull(),
  recordId: uuid('record_id').references(() => records.id),
  startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  filesChecked: integer('files_checked').notNull(),
  bytesChecked: bigint('bytes_checked', { mode: 'number' }).notNull(),
  faulty: jsonb('faulty').notNull(),
  startedBy: uuid('started_by').references(() => users.id),
});

/** Root and intermediate certificates the administrator trusts for signature validation (PEM). */
export const trustAnchors = pgTable('trust_anchors', {
  id: uuid('id').primaryKey(),
  subject: text('subject').notNull(),
  fingerprintSha256: char('fingerprint_sha256', { length: 64 }).notNull().unique(),
  pem: text('pem').notNull(),
  notAfter: timestamp('not_after', { withTimezone: true, mode: 'date' }).notNull(),
  isActive: boolean('is_active').notNull(),
  addedBy: uuid('added_by').notNull().references(() => users.id),
  addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * What search reads for a document: its metadata and full text (extracted from
 * a born-digital file or recognised from a scan), NFC, and the same folded to
 * lower case without diacritics (`plain`, character for character, so a match
 * found in `plain` is at the same place in `content`). Kept apart from
 * `documents` so that lists never load full text.
 */
export const documentTexts = pgTable('document_texts', {
  documentId: uuid('document_id').primaryKey().references(() => documents.id),
  content: text('content').notNull(),
  plain: text('plain').notNull(),
  source: text('source', { enum: ['metadata', 'extracted', 'ocr'] }).notNull(),
  /** Words without diacritics: what most people type. */
  plainVector: tsvector('plain_vector').notNull().generatedAlwaysAs(sql`to_tsvector('simple', plain)`),
  /** Words as written, lower case: ranks exact-diacritic matches first. */
  exactVector: tsvector('exact_vector').notNull().generatedAlwaysAs(sql`to_tsvector('simple', lower(content))`),
  updatedAt: updatedAt(),
}, (t) => [
  index('document_texts_plain_idx').using('gin', t.plainVector),
]);

/** A person's saved search: its name and the query as the search page sends it. */
export const savedSearches = pgTable('saved_searches', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id),
  name: text('name').notNull(),
  query: jsonb('query').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('saved_searches_name_key').on(t.userId, t.name)]);

/**
 * Disposition of expired records (Law on Archives 2024): an appraisal decision
 * lists them, two different people approve, then the files are destroyed and
 * this batch, with each record's metadata and file hashes, is what remains.
 */
export const dispositionBatches = pgTable('disposition_batches', {
  id: uuid('id').primaryKey(),
  agencyId: uuid('agency_id').notNull().references(() => agencies.id),
  status: text('status', { enum: ['proposed', 'approved', 'executed', 'cancelled'] }).notNull(),
  decisionNumber: text('decision_number').notNull(),
  decisionDate: date('decision_date', { mode: 'string' }).notNull(),
  /** The archive authority's opinion, as the law requires before destruction. */
  archiveOpinion: text('archive_opinion').notNull(),
  proposedBy: uuid('proposed_by').notNull().references(() => users.id),
  proposedAt: timestamp('proposed_at', { withTimezone: true, mode: 'date' }).notNull(),
  firstApprovedBy: uuid('first_approved_by').references(() => users.id),
  firstApprovedAt: timestamp('first_approved_at', { withTimezone: true, mode: 'date' }),
  secondApprovedBy: uuid('second_approved_by').references(() => users.id),
  secondApprovedAt: timestamp('second_approved_at', { withTimezone: true, mode: 'date' }),
  executedBy: uuid('executed_by').references(() => users.id),
  executedAt: timestamp('executed_at', { withTimezone: true, mode: 'date' }),
  /** The destruction minutes (biên bản hủy), kept as a file. */
  minutesFileId: uuid('minutes_file_id').references(() => files.id),
  cancelReason: text('cancel_reason'),
}, (t) => [check('disposition_two_people', sql`${t.secondApprovedBy} is null or ${t.secondApprovedBy} <> ${t.firstApprovedBy}`)]);

/** A record in a disposition batch, with what it held when destroyed: metadata and every file's SHA-256. */
export const dispositionItems = pgTable('disposition_items', {
  batchId: uuid('batch_id').notNull().references(() => dispositionBatches.id),
  recordId: uuid('record_id').notNull().references(() => records.id),
  snapshot: jsonb('snapshot'),
}, (t) => [uniqueIndex('disposition_items_key').on(t.batchId, t.recordId), index('disposition_items_record_idx').on(t.recordId)]);

/** Archival packages (BagIt) handed over or taken in, with the package's own hash. */
export const archivalTransfers = pgTable('archival_transfers', {
  id: uuid('id').primaryKey(),
  direction: text('direction', { enum: ['export', 'import'] }).notNull(),
  status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
  recordIds: uuid('record_ids').array().notNull(),
  fileId: uuid('file_id').references(() => files.id),
  packageSha256: char('package_sha256', { length: 64 }),
  packageBytes: bigint('package_bytes', { mode: 'number' }),
  report: jsonb('report'),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: createdAt(),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
});
