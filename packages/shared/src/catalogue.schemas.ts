import { z } from 'zod';
import { DecimalString, DeductionRule, KpiDirection } from './deduction-rules.js';
import { IsoDate } from './dates.js';
import { InformationSystemRef } from './information-systems.schemas.js';
import { pageOf, pageQuery } from './pagination.js';
import { plainName, plainText } from './text.js';

/**
 * The service catalogue (danh mục dịch vụ sự nghiệp công sử dụng ngân sách):
 * what can be ordered, in which unit, by which methods (Decree 32/2019), at
 * which unit price in which period, and with which quality criteria (KPIs)
 * and deduction rules. Province-wide: system administrators keep it.
 */
export const ORDERING_METHODS = ['assignment', 'ordering', 'tendering'] as const;
export const OrderingMethod = z.enum(ORDERING_METHODS);
export type OrderingMethod = z.infer<typeof OrderingMethod>;

export const CATALOGUE_SERVICE_STATUSES = ['active', 'retired'] as const;
export const CatalogueServiceStatus = z.enum(CATALOGUE_SERVICE_STATUSES);
export type CatalogueServiceStatus = z.infer<typeof CatalogueServiceStatus>;

/** Letters, digits and . _ - (DV-VH-LGSP). */
export const ServiceCode = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'systemCodeForm' });

/** Integer VND, 0 or more, within what JavaScript and bigint columns hold exactly. */
export const VndAmount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const ServicePrice = z.object({
  id: z.uuid(),
  unitPrice: z.number().int(),
  validFrom: IsoDate,
  validTo: IsoDate.nullable(),
  decisionNumber: z.string(),
  decisionDate: IsoDate,
  decisionIssuer: z.string(),
});
export type ServicePrice = z.infer<typeof ServicePrice>;

export const ServiceKpi = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  /** Decimal as a string ("99.5"): exact. */
  target: z.string(),
  direction: KpiDirection,
  measurement: z.string(),
  deductionRule: DeductionRule,
});
export type ServiceKpi = z.infer<typeof ServiceKpi>;

export const CATALOGUE_SERVICE_ACTIONS = ['update', 'retire', 'managePrices', 'manageKpis', 'manageSystems'] as const;

export const CatalogueService = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  orderingMethods: z.array(OrderingMethod),
  normReference: z.string().nullable(),
  status: CatalogueServiceStatus,
  /** The price valid today (Asia/Ho_Chi_Minh), if any. */
  currentPrice: ServicePrice.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  allowedActions: z.array(z.enum(CATALOGUE_SERVICE_ACTIONS)),
});
export type CatalogueService = z.infer<typeof CatalogueService>;

export const CatalogueServiceDetail = CatalogueService.extend({
  /** Oldest first. */
  prices: z.array(ServicePrice),
  kpis: z.array(ServiceKpi),
  informationSystems: z.array(InformationSystemRef),
});
export type CatalogueServiceDetail = z.infer<typeof CatalogueServiceDetail>;

const orderingMethods = z
  .array(OrderingMethod)
  .min(1)
  .max(3)
  .refine((methods) => new Set(methods).size === methods.length, { message: 'orderingMethodsUnique' });
const unit = plainName(100);
const normReference = plainText(500).nullable();

export const CreateCatalogueServiceBody = z.strictObject({
  code: ServiceCode,
  name: plainName(500),
  unit,
  orderingMethods,
  normReference: normReference.default(null),
});
export type CreateCatalogueServiceBody = z.infer<typeof CreateCatalogueServiceBody>;

export const UpdateCatalogueServiceBody = z.strictObject({
  name: plainName(500).optional(),
  unit: unit.optional(),
  orderingMethods: orderingMethods.optional(),
  normReference: normReference.optional(),
});
export type UpdateCatalogueServiceBody = z.infer<typeof UpdateCatalogueServiceBody>;

export const RetireCatalogueServiceBody = z.strictObject({ reason: plainText(1000) });
export type RetireCatalogueServiceBody = z.infer<typeof RetireCatalogueServiceBody>;

/**
 * A unit price set by a decision. A new period closes the open one before it
 * the day before it starts; periods of one service never overlap.
 */
export const AddServicePriceBody = z.strictObject({
  unitPrice: VndAmount,
  validFrom: IsoDate,
  validTo: IsoDate.nullable().default(null),
  decisionNumber: plainText(100),
  decisionDate: IsoDate,
  decisionIssuer: plainName(300),
});
export type AddServicePriceBody = z.infer<typeof AddServicePriceBody>;

export const CloseServicePriceBody = z.strictObject({ validTo: IsoDate });
export type CloseServicePriceBody = z.infer<typeof CloseServicePriceBody>;

export const ServiceKpiBody = z.strictObject({
  code: ServiceCode,
  name: plainName(300),
  // Free text: units such as %, giờ, lượt/tháng.
  unit: plainText(50),
  target: DecimalString,
  direction: KpiDirection,
  measurement: plainText(2000),
  deductionRule: DeductionRule,
});
export type ServiceKpiBody = z.infer<typeof ServiceKpiBody>;

export const UpdateServiceKpiBody = ServiceKpiBody.partial();
export type UpdateServiceKpiBody = z.infer<typeof UpdateServiceKpiBody>;

export const LinkInformationSystemBody = z.strictObject({ informationSystemId: z.uuid() });
export type LinkInformationSystemBody = z.infer<typeof LinkInformationSystemBody>;

export const CatalogueServiceListQuery = pageQuery(['code', 'name', 'updatedAt']).extend({
  q: z.string().trim().max(200).optional(),
  status: CatalogueServiceStatus.optional(),
  orderingMethod: OrderingMethod.optional(),
  informationSystemId: z.uuid().optional(),
});
export type CatalogueServiceListQuery = z.infer<typeof CatalogueServiceListQuery>;

export const CatalogueServicePage = pageOf(CatalogueService).extend({
  canCreate: z.boolean(),
  canImport: z.boolean(),
});
export type CatalogueServicePage = z.infer<typeof CatalogueServicePage>;

export const PriceOnQuery = z.strictObject({ date: IsoDate });
export type PriceOnQuery = z.infer<typeof PriceOnQuery>;

/**
 * The catalogue workbook (docs/catalogue-import.md): one sheet per part,
 * header row = these keys, in this order.
 */
export const CATALOGUE_SHEETS = {
  services: ['code', 'name', 'unit', 'orderingMethods', 'normReference', 'status'],
  prices: ['serviceCode', 'unitPrice', 'validFrom', 'validTo', 'decisionNumber', 'decisionDate', 'decisionIssuer'],
  kpis: ['serviceCode', 'code', 'name', 'unit', 'target', 'direction', 'measurement', 'deductionRule'],
  'systems-links': ['serviceCode', 'systemCode'],
} as const;
export type CatalogueSheet = keyof typeof CATALOGUE_SHEETS;
export type CatalogueSheetColumn<S extends CatalogueSheet> = (typeof CATALOGUE_SHEETS)[S][number];

const Counts = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((key) => [key, z.number().int()])) as Record<K, z.ZodNumber>);

export const CatalogueImportResult = z.object({
  services: Counts(['created', 'updated', 'retired', 'unchanged'] as const),
  prices: Counts(['added', 'closed', 'unchanged'] as const),
  kpis: Counts(['created', 'updated', 'unchanged'] as const),
  links: Counts(['added', 'unchanged'] as const),
});
export type CatalogueImportResult = z.infer<typeof CatalogueImportResult>;
