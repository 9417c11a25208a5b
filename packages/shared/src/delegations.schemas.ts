import { z } from 'zod';
import { pageOf, pageQuery } from './pagination.js';
import { plainText } from './text.js';

const Person = z.object({ id: z.uuid(), username: z.string(), fullName: z.string() });

export const Delegation = z.object({
  id: z.uuid(),
  delegator: Person,
  deputy: Person,
  validFrom: z.iso.datetime(),
  validTo: z.iso.datetime(),
  reason: z.string(),
  status: z.enum(['scheduled', 'active', 'ended', 'revoked']),
  revokedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  allowedActions: z.array(z.enum(['revoke'])),
});
export type Delegation = z.infer<typeof Delegation>;

/** A leader delegates their approvals to a deputy of the same agency, for a period (times with an offset). */
export const CreateDelegationBody = z.strictObject({
  deputyId: z.uuid(),
  validFrom: z.iso.datetime({ offset: true }),
  validTo: z.iso.datetime({ offset: true }),
  reason: plainText(1000),
});
export type CreateDelegationBody = z.infer<typeof CreateDelegationBody>;

export const DelegationListQuery = pageQuery(['validFrom', 'createdAt']).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
  /** given: by me; received: to me; all: everything within an administrator's reach. */
  scope: z.enum(['given', 'received', 'all']).default('given'),
  status: z.enum(['scheduled', 'active', 'ended', 'revoked']).optional(),
});
export type DelegationListQuery = z.infer<typeof DelegationListQuery>;

/** Colleagues a leader may choose as deputy: the active users of the leader's agency. */
export const DelegationCandidates = z.array(Person);
export type DelegationCandidates = z.infer<typeof DelegationCandidates>;

export const DelegationPage = pageOf(Delegation);
export type DelegationPage = z.infer<typeof DelegationPage>;
