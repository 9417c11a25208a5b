import { z } from 'zod';
import { IsoDate } from './dates.js';
import { AgencyBrief, UserBrief } from './orders.schemas.js';
import { pageOf, pageQuery } from './pagination.js';
import { Record, RecordStatus } from './records.schemas.js';
import { plainText } from './text.js';

/**
 * Retention and disposition (Law on Archives 2024, domain.md §5): records past
 * their retention period are listed, destroyed in batches under an appraisal
 * decision approved by two different people, and what remains is the batch:
 * metadata, decision, destruction minutes and the SHA-256 of every file.
 */

export const EXPIRED_RECORD_SORTS = ['endDate', 'code', 'title'] as const;
export const ExpiredRecordQuery = pageQuery(EXPIRED_RECORD_SORTS).extend({
  recordClassId: z.uuid().optional(),
  /** The year the work ended. */
  year: z.coerce.number().int().min(1900).max(2100).optional(),
});
export type ExpiredRecordQuery = z.infer<typeof ExpiredRecordQuery>;

export const ExpiredRecordPage = pageOf(Record).extend({
  /** The year (Vietnam time) the list was computed for: a record kept until an earlier year is expired. */
  currentYear: z.number().int(),
  /** Whether the reader may propose a disposition batch (officers and agency administrators). */
  canPropose: z.boolean(),
});
export type ExpiredRecordPage = z.infer<typeof ExpiredRecordPage>;

export const LegalHoldBody = z.strictObject({ reason: plainText(1000) });
export type LegalHoldBody = z.infer<typeof LegalHoldBody>;

export const LEGAL_HOLD_ACTIONS = ['place', 'release'] as const;
export const LegalHoldAction = z.enum(LEGAL_HOLD_ACTIONS);
export type LegalHoldAction = z.infer<typeof LegalHoldAction>;

export const DISPOSITION_STATUSES = ['proposed', 'approved', 'executed', 'cancelled'] as const;
export const DispositionStatus = z.enum(DISPOSITION_STATUSES);
export type DispositionStatus = z.infer<typeof DispositionStatus>;

/** A record's legal hold as the record page shows it, with who may change it and the batch it went into, if any. */
export const LegalHold = z.object({
  recordId: z.uuid(),
  recordStatus: RecordStatus,
  /** The reason the record is held; null when it is not. */
  reason: z.string().nullable(),
  placedBy: UserBrief.nullable(),
  placedAt: z.iso.datetime().nullable(),
  allowedActions: z.array(LegalHoldAction),
  /** The latest disposition batch the record is in (open, executed or cancelled). */
  disposition: z.object({ batchId: z.uuid(), status: DispositionStatus, decisionNumber: z.string() }).nullable(),
});
export type LegalHold = z.infer<typeof LegalHold>;

export const CreateDispositionBatchBody = z.strictObject({
  recordIds: z.array(z.uuid()).min(1).max(200),
  /** The appraisal decision (quyết định hủy tài liệu hết giá trị), e.g. "25/QĐ-SKHCN". */
  decisionNumber: plainText(100),
  decisionDate: IsoDate,
  /** The archive authority's opinion, as the law requires before destruction. */
  archiveOpinion: plainText(2000),
});
export type CreateDispositionBatchBody = z.infer<typeof CreateDispositionBatchBody>;

export const CancelDispositionBody = z.strictObject({ reason: plainText(1000) });
export type CancelDispositionBody = z.infer<typeof CancelDispositionBody>;

export const DISPOSITION_ACTIONS = ['approve', 'execute', 'cancel'] as const;
export const DispositionAction = z.enum(DISPOSITION_ACTIONS);
export type DispositionAction = z.infer<typeof DispositionAction>;

export const DispositionBatch = z.object({
  id: z.uuid(),
  agency: AgencyBrief,
  status: DispositionStatus,
  decisionNumber: z.string(),
  decisionDate: IsoDate,
  archiveOpinion: z.string(),
  proposedBy: UserBrief,
  proposedAt: z.iso.datetime(),
  firstApprovedBy: UserBrief.nullable(),
  firstApprovedAt: z.iso.datetime().nullable(),
  secondApprovedBy: UserBrief.nullable(),
  secondApprovedAt: z.iso.datetime().nullable(),
  executedBy: UserBrief.nullable(),
  executedAt: z.iso.datetime().nullable(),
  /** The destruction minutes (biên bản hủy), downloadable at /api/files/{id}/content. */
  minutesFileId: z.uuid().nullable(),
  cancelReason: z.string().nullable(),
  recordCount: z.number().int(),
});
export type DispositionBatch = z.infer<typeof DispositionBatch>;

/** A file of a destroyed record: its hash stays; its bytes are gone unless something still kept holds the same bytes. */
export const DestroyedFile = z.object({
  ordinal: z.number().int(),
  fileName: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  /** true when the same bytes are still held by another record, dossier or order not destroyed. */
  isKeptElsewhere: z.boolean(),
});
export type DestroyedFile = z.infer<typeof DestroyedFile>;

export const DispositionItem = z.object({
  recordId: z.uuid(),
  code: z.string(),
  title: z.string(),
  recordClass: z.object({ code: z.string(), name: z.string() }),
  retentionYears: z.number().int().nullable(),
  endDate: IsoDate.nullable(),
  documentCount: z.number().int(),
  recordStatus: RecordStatus,
  legalHold: z.string().nullable(),
  /** Filled when the batch is executed, from the snapshot kept of the record. */
  files: z.array(DestroyedFile),
});
export type DispositionItem = z.infer<typeof DispositionItem>;

export const DispositionBatchDetail = DispositionBatch.extend({
  items: z.array(DispositionItem),
  allowedActions: z.array(DispositionAction),
});
export type DispositionBatchDetail = z.infer<typeof DispositionBatchDetail>;

export const DISPOSITION_BATCH_SORTS = ['proposedAt', 'decisionDate'] as const;
export const DispositionBatchListQuery = pageQuery(DISPOSITION_BATCH_SORTS).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
  status: DispositionStatus.optional(),
});
export type DispositionBatchListQuery = z.infer<typeof DispositionBatchListQuery>;
export const DispositionBatchPage = pageOf(DispositionBatch);
export type DispositionBatchPage = z.infer<typeof DispositionBatchPage>;
