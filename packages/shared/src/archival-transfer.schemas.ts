import { z } from 'zod';
import { IsoDate } from './dates.js';
import { UserBrief } from './orders.schemas.js';
import { pageOf, pageQuery } from './pagination.js';
import type { Role } from './roles.js';

/**
 * Archival transfer (chuyển giao hồ sơ lưu trữ): closed records handed to the
 * historical archive as a BagIt 1.0 package, and packages taken back in and
 * verified. The package layout is in docs/archival-package.md; the JSON each
 * record carries in it (metadata/records/<record code>.json) is defined here,
 * so the writer, the verifier and the manual agree on one shape.
 */

/**
 * Who hands records to the archive and checks packages that come back:
 * records-office work (the server also requires that they may read the
 * records). One rule for the server's policy and the web app's buttons.
 */
export const ARCHIVAL_TRANSFER_ROLES: readonly Role[] = ['system_admin', 'agency_admin', 'officer'];

export function canTransferRecordsWith(roles: readonly Role[]): boolean {
  return roles.some((role) => ARCHIVAL_TRANSFER_ROLES.includes(role));
}

/** Written into every record file; a reader refuses a format it does not know. */
export const ARCHIVAL_RECORD_FORMAT = 'nghiemthu.archival-record/1';

/** Identifiers from the exporting installation: UUID-shaped, but not necessarily RFC 4122 versions. */
const Id = z.guid();
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * The record's fields the seal covers, exactly as the exporting installation
 * sealed them (features/records/record-seal.ts). Nothing else may be added
 * here: the seal is SHA-256 over the RFC 8785 canonical JSON of
 * `{ record: <these fields>, documents: [<ArchivalSealedDocument fields>] }`.
 */
export const ArchivalSealedRecord = z.object({
  id: Id,
  agencyId: Id,
  listItemId: Id,
  code: z.string(),
  title: z.string(),
  /** The record class's code (e.g. "NT"). */
  recordClass: z.string(),
  /** null: kept permanently. */
  retentionYears: z.number().int().nullable(),
  accessLevel: z.string(),
  language: z.string(),
  keywords: z.array(z.string()),
  startDate: IsoDate,
  endDate: IsoDate.nullable(),
  responsibleUserId: Id.nullable(),
  dossierId: Id.nullable(),
  orderId: Id.nullable(),
  documentCount: z.number().int(),
  pageCount: z.number().int(),
});
export type ArchivalSealedRecord = z.infer<typeof ArchivalSealedRecord>;

/** A document's Decree 30 metadata fixed at capture, with its file's SHA-256 and size: what the seal covers per document. */
export const ArchivalSealedDocument = z.object({
  id: Id,
  ordinal: z.number().int(),
  fileName: z.string(),
  fileId: Id,
  sha256: Sha256,
  size: z.number().int().nonnegative(),
  source: z.string(),
  identifier: z.string(),
  issuerCode: z.string(),
  issuerName: z.string(),
  number: z.number().int().nullable(),
  symbol: z.string().nullable(),
  isConfidentialSeries: z.boolean(),
  typeCode: z.string(),
  issueDate: IsoDate,
  summary: z.string(),
  language: z.string(),
  pageCount: z.number().int(),
  keywords: z.array(z.string()),
  signerName: z.string().nullable(),
  signerPosition: z.string().nullable(),
  authorityPrefix: z.string().nullable(),
  recipients: z.string().nullable(),
  accessLevel: z.string(),
  reliability: z.string(),
  notes: z.string().nullable(),
  version: z.number().int(),
  supersedesId: Id.nullable(),
  capturedAt: z.iso.datetime(),
  capturedBy: Id,
});
export type ArchivalSealedDocument = z.infer<typeof ArchivalSealedDocument>;

/** A document in the record file: the sealed fields plus what was derived later (not sealed). */
export const ArchivalDocument = ArchivalSealedDocument.extend({
  /** The file in the package, relative to the bag folder: "data/<record code>/<fileName>". */
  path: z.string(),
  mediaType: z.string(),
  /** The signature check at capture (features/signatures); derived, so outside the seal. */
  signatureStatus: z.string(),
  signatureReport: z.unknown().nullable(),
});
export type ArchivalDocument = z.infer<typeof ArchivalDocument>;

const PersonRef = z.object({ id: Id, username: z.string(), fullName: z.string() }).nullable();

/** Names behind the sealed identifiers, for a reader without the exporting database. Not sealed. */
export const ArchivalRecordDescription = z.object({
  agency: z.object({ code: z.string(), name: z.string() }),
  recordClassName: z.string(),
  listItem: z.object({ year: z.number().int(), code: z.string(), title: z.string() }),
  status: z.string(),
  closedAt: z.iso.datetime(),
  closedBy: PersonRef,
  responsible: PersonRef,
  dossierCode: z.string().nullable(),
  orderCode: z.string().nullable(),
  legalHold: z.string().nullable(),
});
export type ArchivalRecordDescription = z.infer<typeof ArchivalRecordDescription>;

export const ArchivalSeal = z.object({
  algorithm: z.literal('SHA-256/RFC8785'),
  hash: Sha256,
  /** When the record closed; the seal was written into the audit chain then (the `record.closed` event). */
  sealedAt: z.iso.datetime(),
});
export type ArchivalSeal = z.infer<typeof ArchivalSeal>;

/**
 * One event of the exporting installation's audit chain, with every field its
 * hash covers: hash = SHA-256 of the RFC 8785 canonical JSON of the event
 * without `hash` (ARCHITECTURE.md, "Audit chain").
 */
export const ArchivalAuditEvent = z.object({
  seq: z.number().int().positive(),
  id: Id,
  occurredAt: z.iso.datetime(),
  actorId: Id.nullable(),
  actorUsername: z.string().nullable(),
  onBehalfOfId: Id.nullable(),
  onBehalfOfUsername: z.string().nullable(),
  agencyId: Id.nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  prevHash: Sha256,
  hash: Sha256,
});
export type ArchivalAuditEvent = z.infer<typeof ArchivalAuditEvent>;

/** metadata/records/<record code>.json */
export const ArchivalRecordFile = z.object({
  format: z.literal(ARCHIVAL_RECORD_FORMAT),
  record: ArchivalSealedRecord,
  description: ArchivalRecordDescription,
  documents: z.array(ArchivalDocument),
  seal: ArchivalSeal,
  /** The audit events of the record and of its dossier, in chain order (seq). */
  auditEvents: z.array(ArchivalAuditEvent),
});
export type ArchivalRecordFile = z.infer<typeof ArchivalRecordFile>;

// ---- API

export const CreateArchivalTransferBody = z.strictObject({
  recordIds: z.array(z.uuid()).min(1).max(500),
  /**
   * Bagging-Date of the package. By default the day the last of the records
   * closed, so exporting the same records again gives the same bytes.
   */
  baggingDate: IsoDate.optional(),
});
export type CreateArchivalTransferBody = z.infer<typeof CreateArchivalTransferBody>;

export const ARCHIVAL_TRANSFER_DIRECTIONS = ['export', 'import'] as const;
export const ArchivalTransferDirection = z.enum(ARCHIVAL_TRANSFER_DIRECTIONS);
export const ARCHIVAL_TRANSFER_STATUSES = ['running', 'succeeded', 'failed'] as const;
export const ArchivalTransferStatus = z.enum(ARCHIVAL_TRANSFER_STATUSES);
export type ArchivalTransferStatus = z.infer<typeof ArchivalTransferStatus>;

export const ArchivalTransferListQuery = pageQuery(['createdAt'] as const).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
  direction: ArchivalTransferDirection.optional(),
});
export type ArchivalTransferListQuery = z.infer<typeof ArchivalTransferListQuery>;

/** One problem found in a package: of the bag itself (RFC 8493) or of one record in it. */
export const ArchivalProblem = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  /** Relative to the bag folder ("data/…", "metadata/records/….json"), when it concerns one file. */
  path: z.string().optional(),
  message_vi: z.string(),
  message_en: z.string(),
});
export type ArchivalProblem = z.infer<typeof ArchivalProblem>;

/** Whether this installation already holds the record: the same sealed record, another one with its id or code, or none. */
export const ARCHIVAL_HELD_HERE = ['same', 'different', 'absent'] as const;

export const ArchivalRecordCheck = z.object({
  /** Relative to the bag folder. */
  metadataPath: z.string(),
  recordId: z.string().nullable(),
  code: z.string().nullable(),
  title: z.string().nullable(),
  agencyCode: z.string().nullable(),
  /** No error among `problems`: files present and unchanged, seal recomputed equal, audit events intact. */
  isVerified: z.boolean(),
  documentCount: z.number().int(),
  sealRecorded: z.string().nullable(),
  sealComputed: z.string().nullable(),
  heldHere: z.enum(ARCHIVAL_HELD_HERE),
  problems: z.array(ArchivalProblem),
});
export type ArchivalRecordCheck = z.infer<typeof ArchivalRecordCheck>;

export const ArchivalImportReport = z.object({
  /** The bag is valid (RFC 8493) and every record in it verified. */
  isValid: z.boolean(),
  isBagValid: z.boolean(),
  bagName: z.string().nullable(),
  bagInfo: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  payloadFiles: z.number().int(),
  payloadBytes: z.number().int(),
  bagProblems: z.array(ArchivalProblem),
  records: z.array(ArchivalRecordCheck),
});
export type ArchivalImportReport = z.infer<typeof ArchivalImportReport>;

export const ArchivalExportSummary = z.object({
  baggingDate: IsoDate,
  payloadFiles: z.number().int(),
  payloadBytes: z.number().int(),
  payloadOxum: z.string(),
  /** SHA-256 of tagmanifest-sha256.txt: covers every tag file, so it fingerprints the whole bag. */
  tagManifestSha256: Sha256,
  records: z.array(z.object({ id: z.uuid(), code: z.string(), documentCount: z.number().int() })),
});
export type ArchivalExportSummary = z.infer<typeof ArchivalExportSummary>;

/** Files and bytes moved so far, while the task runs. */
export const ArchivalTransferProgress = z.object({
  files: z.number().int(),
  totalFiles: z.number().int().nullable(),
  bytes: z.number().int(),
  totalBytes: z.number().int().nullable(),
});
export type ArchivalTransferProgress = z.infer<typeof ArchivalTransferProgress>;

export const ArchivalTransfer = z.object({
  id: z.uuid(),
  direction: ArchivalTransferDirection,
  status: ArchivalTransferStatus,
  /** The bag's folder name and External-Identifier, e.g. "NT-20260302-3F9A0C1B"; null until known. */
  packageCode: z.string().nullable(),
  recordCount: z.number().int(),
  /** The task that runs it: poll /api/tasks/{taskId}. */
  taskId: z.uuid().nullable(),
  progress: ArchivalTransferProgress.nullable(),
  fileName: z.string().nullable(),
  packageSha256: z.string().nullable(),
  packageBytes: z.number().int().nullable(),
  /** Why it failed, in both languages. */
  error: z.object({ vi: z.string(), en: z.string() }).nullable(),
  /** An import's verdict (ArchivalImportReport.isValid); null for exports and while running. */
  isValid: z.boolean().nullable(),
  createdBy: UserBrief,
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type ArchivalTransfer = z.infer<typeof ArchivalTransfer>;

/** One transfer with what it produced: the export's summary or the import's full verification report. */
export const ArchivalTransferDetail = ArchivalTransfer.extend({
  exported: ArchivalExportSummary.nullable(),
  imported: ArchivalImportReport.nullable(),
});
export type ArchivalTransferDetail = z.infer<typeof ArchivalTransferDetail>;

export const ArchivalTransferPage = pageOf(ArchivalTransfer);
export type ArchivalTransferPage = z.infer<typeof ArchivalTransferPage>;
