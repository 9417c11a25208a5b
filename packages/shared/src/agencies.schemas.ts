import { z } from 'zod';
import { AGENCY_CODE_MAX_LENGTH } from './agency-code.js';
import { IsoDate } from './dates.js';
import { pageOf, pageQuery } from './pagination.js';
import { plainName, plainText } from './text.js';

export const AGENCY_TYPES = [
  'peoples_committee',
  'department',
  'public_service_unit',
  'enterprise',
  'commune',
] as const;
export const AgencyType = z.enum(AGENCY_TYPES);
export type AgencyType = z.infer<typeof AgencyType>;

export const AGENCY_STATUSES = ['active', 'closed'] as const;
export const AgencyStatus = z.enum(AGENCY_STATUSES);
export type AgencyStatus = z.infer<typeof AgencyStatus>;

const name = plainName(300);
/** Abbreviation used in document symbols (e.g. SKHCN in 15/BB-SKHCN): letters and digits only. */
const shortName = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[0-9A-ZĐ]+$/u, { message: 'shortNameForm' });
/** Codes are checked by checkAgencyCode in the service, which gives the precise reason. */
const code = z.string().max(AGENCY_CODE_MAX_LENGTH + 10);

export const AgencyCodeEntry = z.object({
  code: z.string(),
  scheme: z.enum(['qcvn102', 'qd20']),
  validFrom: IsoDate,
  validTo: IsoDate.nullable(),
  reason: z.string().nullable(),
});
export type AgencyCodeEntry = z.infer<typeof AgencyCodeEntry>;

export const AgencyRef = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
});
export type AgencyRef = z.infer<typeof AgencyRef>;

export const Agency = z.object({
  id: z.uuid(),
  code: z.string(),
  codeScheme: z.enum(['qcvn102', 'qd20']),
  name: z.string(),
  shortName: z.string(),
  type: AgencyType,
  status: AgencyStatus,
  parent: AgencyRef.nullable(),
  successor: AgencyRef.nullable(),
  validFrom: IsoDate,
  validTo: IsoDate.nullable(),
  closingReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  allowedActions: z.array(z.enum(['update', 'close', 'changeCode'])),
});
export type Agency = z.infer<typeof Agency>;

export const AgencyDetail = Agency.extend({
  codeHistory: z.array(AgencyCodeEntry),
  predecessors: z.array(AgencyRef.extend({ validTo: IsoDate.nullable() })),
  children: z.array(AgencyRef),
});
export type AgencyDetail = z.infer<typeof AgencyDetail>;

export const CreateAgencyBody = z.strictObject({
  code,
  name,
  shortName,
  type: AgencyType,
  parentId: z.uuid().nullable().default(null),
  validFrom: IsoDate,
});
export type CreateAgencyBody = z.infer<typeof CreateAgencyBody>;

export const UpdateAgencyBody = z.strictObject({
  name: name.optional(),
  shortName: shortName.optional(),
  type: AgencyType.optional(),
  parentId: z.uuid().nullable().optional(),
});
export type UpdateAgencyBody = z.infer<typeof UpdateAgencyBody>;

/** A new electronic code for the same agency (e.g. after a province merger); the old one joins the history. */
export const ChangeAgencyCodeBody = z.strictObject({
  code,
  validFrom: IsoDate,
  reason: plainText(1000),
});
export type ChangeAgencyCodeBody = z.infer<typeof ChangeAgencyCodeBody>;

/** Closing an agency: for a merger, name the successor that takes over what was filed under it. */
export const CloseAgencyBody = z.strictObject({
  validTo: IsoDate,
  successorId: z.uuid().nullable(),
  reason: plainText(1000),
});
export type CloseAgencyBody = z.infer<typeof CloseAgencyBody>;

export const AgencyListQuery = pageQuery(['code', 'name', 'type', 'validFrom', 'updatedAt']).extend({
  q: z.string().trim().max(200).optional(),
  type: AgencyType.optional(),
  status: AgencyStatus.optional(),
  parentId: z.uuid().optional(),
});
export type AgencyListQuery = z.infer<typeof AgencyListQuery>;

export const AgencyPage = pageOf(Agency);
export type AgencyPage = z.infer<typeof AgencyPage>;

/** Who holds (or held) a code now: the agency that carried it, and the agency that answers for it today. */
export const AgencyCodeLookup = z.object({
  code: z.string(),
  heldBy: AgencyRef,
  current: AgencyRef,
  path: z.array(AgencyRef),
});
export type AgencyCodeLookup = z.infer<typeof AgencyCodeLookup>;

/** Columns of the registry import/export file, in order; headers are these keys. */
export const AGENCY_FILE_COLUMNS = [
  'code',
  'name',
  'shortName',
  'type',
  'parentCode',
  'validFrom',
  'validTo',
  'successorCode',
  'closingReason',
] as const;
export type AgencyFileColumn = (typeof AGENCY_FILE_COLUMNS)[number];

export const AgencyImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type AgencyImportResult = z.infer<typeof AgencyImportResult>;

export const AGENCY_FILE_FORMATS = ['xlsx', 'csv'] as const;
export const AgencyFileFormat = z.enum(AGENCY_FILE_FORMATS);
export type AgencyFileFormat = z.infer<typeof AgencyFileFormat>;

export const AgencyExportQuery = z.strictObject({
  format: AgencyFileFormat.default('xlsx'),
});
export type AgencyExportQuery = z.infer<typeof AgencyExportQuery>;
