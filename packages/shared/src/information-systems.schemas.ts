import { z } from 'zod';
import { AgencyRef } from './agencies.schemas.js';
import { IsoDate } from './dates.js';
import { pageOf, pageQuery } from './pagination.js';
import { plainName, plainText } from './text.js';

/**
 * Information systems the province operates (hệ thống thông tin): LGSP, the
 * portal, document management… Each has an owner agency (chủ quản), usually
 * an operator (đơn vị vận hành) and a security level 1–5 approved by decision
 * (cấp độ an toàn hệ thống thông tin, Decree 85/2016).
 */
export const SECURITY_LEVELS = [1, 2, 3, 4, 5] as const;
export const SecurityLevel = z.number().int().min(1).max(5);

export const INFORMATION_SYSTEM_STATUSES = ['active', 'retired'] as const;
export const InformationSystemStatus = z.enum(INFORMATION_SYSTEM_STATUSES);
export type InformationSystemStatus = z.infer<typeof InformationSystemStatus>;

/** Letters, digits and . _ - (LGSP, HT-QLVB, CSDL.DC); stored as typed, compared as stored. */
export const SystemCode = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'systemCodeForm' });

export const SystemComponent = z.strictObject({
  name: plainName(200),
  description: plainText(2000).nullable().default(null),
});
export type SystemComponent = z.infer<typeof SystemComponent>;

export const InformationSystemRef = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  status: InformationSystemStatus,
});
export type InformationSystemRef = z.infer<typeof InformationSystemRef>;

export const INFORMATION_SYSTEM_ACTIONS = ['update', 'retire'] as const;

export const InformationSystem = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  owner: AgencyRef,
  operator: AgencyRef.nullable(),
  securityLevel: z.number().int(),
  securityDecisionNumber: z.string().nullable(),
  securityDecisionDate: IsoDate.nullable(),
  components: z.array(z.object({ name: z.string(), description: z.string().nullable() })),
  status: InformationSystemStatus,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  allowedActions: z.array(z.enum(INFORMATION_SYSTEM_ACTIONS)),
});
export type InformationSystem = z.infer<typeof InformationSystem>;

/** A system with the catalogue services that operate or use it. */
export const InformationSystemDetail = InformationSystem.extend({
  services: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string(), status: z.enum(['active', 'retired']) })),
});
export type InformationSystemDetail = z.infer<typeof InformationSystemDetail>;

const description = plainText(4000).nullable();
const decisionNumber = plainText(100).nullable();

export const CreateInformationSystemBody = z.strictObject({
  code: SystemCode,
  name: plainName(300),
  description: description.default(null),
  ownerAgencyId: z.uuid(),
  operatorAgencyId: z.uuid().nullable().default(null),
  securityLevel: SecurityLevel,
  securityDecisionNumber: decisionNumber.default(null),
  securityDecisionDate: IsoDate.nullable().default(null),
  components: z.array(SystemComponent).max(100).default([]),
});
export type CreateInformationSystemBody = z.infer<typeof CreateInformationSystemBody>;

/** Every field but the code, which identifies the system in the catalogue file. */
export const UpdateInformationSystemBody = z.strictObject({
  name: plainName(300).optional(),
  description: description.optional(),
  ownerAgencyId: z.uuid().optional(),
  operatorAgencyId: z.uuid().nullable().optional(),
  securityLevel: SecurityLevel.optional(),
  securityDecisionNumber: decisionNumber.optional(),
  securityDecisionDate: IsoDate.nullable().optional(),
  components: z.array(SystemComponent).max(100).optional(),
});
export type UpdateInformationSystemBody = z.infer<typeof UpdateInformationSystemBody>;

export const RetireInformationSystemBody = z.strictObject({ reason: plainText(1000) });
export type RetireInformationSystemBody = z.infer<typeof RetireInformationSystemBody>;

export const InformationSystemListQuery = pageQuery(['code', 'name', 'securityLevel', 'updatedAt']).extend({
  q: z.string().trim().max(200).optional(),
  ownerAgencyId: z.uuid().optional(),
  status: InformationSystemStatus.optional(),
  securityLevel: z.coerce.number().int().min(1).max(5).optional(),
});
export type InformationSystemListQuery = z.infer<typeof InformationSystemListQuery>;

export const InformationSystemPage = pageOf(InformationSystem).extend({
  /** Whether the reader may register systems (for some owner agency). */
  canCreate: z.boolean(),
});
export type InformationSystemPage = z.infer<typeof InformationSystemPage>;
