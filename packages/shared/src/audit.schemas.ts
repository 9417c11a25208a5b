import { z } from 'zod';
import { pageOf, pageQuery } from './pagination.js';

export const AuditEvent = z.object({
  seq: z.number().int(),
  id: z.uuid(),
  occurredAt: z.iso.datetime(),
  actor: z.object({ id: z.uuid(), username: z.string() }).nullable(),
  onBehalfOf: z.object({ id: z.uuid(), username: z.string() }).nullable(),
  agencyId: z.uuid().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditListQuery = pageQuery(['seq']).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(100).optional(),
  agencyId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const AuditPage = pageOf(AuditEvent);
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerifyResult = z.object({
  isIntact: z.boolean(),
  checked: z.number().int(),
  headSeq: z.number().int(),
  headHash: z.string(),
  firstBroken: z
    .object({
      seq: z.number().int(),
      id: z.string().nullable(),
      problem: z.enum(['hashMismatch', 'prevHashMismatch', 'seqGap', 'timeNotIncreasing', 'headMismatch']),
    })
    .nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
