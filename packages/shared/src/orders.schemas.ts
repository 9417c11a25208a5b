import { z } from 'zod';
import { OrderingMethod, VndAmount } from './catalogue.schemas.js';
import { IsoDate } from './dates.js';
import { DecimalString, DeductionRule, KpiDirection } from './deduction-rules.js';
import { DOSSIER_STATES } from './dossier-workflow.js';
import { ORDER_ACTIONS, ORDER_STATUSES } from './order-workflow.js';
import { pageOf, pageQuery } from './pagination.js';
import { plainName, plainText } from './text.js';

/**
 * Orders (Decree 32/2019: assignment, ordering, tendering; or hiring under
 * Decree 73/2019): what the ordering agency buys from which provider, in
 * which periods it is accepted, and how it is paid. Domain: domain.md §2.
 */
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;
export const LEGAL_REGIMES = ['decree_32_2019', 'decree_73_2019'] as const;
export const LegalRegime = z.enum(LEGAL_REGIMES);
export type LegalRegime = z.infer<typeof LegalRegime>;
export const PERIOD_KINDS = ['monthly', 'quarterly', 'yearly', 'milestones'] as const;
export const PeriodKind = z.enum(PERIOD_KINDS);
export type PeriodKind = z.infer<typeof PeriodKind>;
export const FUNDING_SOURCES = ['state_budget', 'retained_fees', 'service_revenue'] as const;
export const FundingSourceKind = z.enum(FUNDING_SOURCES);
export type FundingSourceKind = z.infer<typeof FundingSourceKind>;

/** A quantity: an exact decimal > 0 (months, mailboxes, system-months). */
export const Quantity = DecimalString.refine((value) => !value.startsWith('-') && !/^0+(\.0+)?$/.test(value), { message: 'quantityPositive' });
/** A quantity that may be zero (delivered, accepted). */
export const QuantityOrZero = DecimalString.refine((value) => !value.startsWith('-'), { message: 'quantityPositive' });

export const BasisDocument = z.strictObject({
  number: plainText(100),
  date: IsoDate,
  signer: plainName(200),
  summary: plainText(500),
});
export type BasisDocument = z.infer<typeof BasisDocument>;

export const OrderKpiTarget = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  target: z.string(),
  direction: KpiDirection,
  measurement: z.string(),
  deductionRule: DeductionRule,
});
export type OrderKpiTarget = z.infer<typeof OrderKpiTarget>;

export const OrderLine = z.object({
  lineNo: z.number().int().min(1),
  serviceId: z.uuid(),
  serviceCode: z.string(),
  serviceName: z.string(),
  unit: z.string(),
  quantity: z.string(),
  unitPrice: z.number().int(),
  amount: z.number().int(),
  /** The price decision the unit price comes from; null when agreed in the contract (tendering, assignment without a norm). */
  priceDecision: z.string().nullable(),
  kpis: z.array(OrderKpiTarget),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const AcceptancePeriod = z.object({
  periodNo: z.number().int().min(1),
  label: z.string(),
  startDate: IsoDate,
  endDate: IsoDate,
  quantities: z.array(z.object({ lineNo: z.number().int(), quantity: z.string() })),
  plannedValue: z.number().int(),
});
export type AcceptancePeriod = z.infer<typeof AcceptancePeriod>;

export const FundingSource = z.strictObject({ source: FundingSourceKind, amount: VndAmount });
export type FundingSource = z.infer<typeof FundingSource>;

/** Everything an order version says; stored whole in order_versions.content. */
export const OrderContent = z.object({
  title: z.string(),
  method: OrderingMethod,
  legalRegime: LegalRegime,
  budgetYear: z.number().int(),
  startDate: IsoDate,
  endDate: IsoDate,
  periodKind: PeriodKind,
  basisDocuments: z.array(BasisDocument),
  lines: z.array(OrderLine),
  fundingSources: z.array(FundingSource),
  periods: z.array(AcceptancePeriod),
  /** Share of the order value that may be advanced, percent as a decimal string. */
  advancePercent: z.string(),
  advanceTerms: z.string(),
  paymentTerms: z.string(),
  acceptanceMethod: z.string(),
  attachmentFileIds: z.array(z.uuid()),
});
export type OrderContent = z.infer<typeof OrderContent>;

export const OrderLineInput = z.strictObject({
  serviceId: z.uuid(),
  quantity: Quantity,
  /** Omit to take the catalogue's price valid on the order's start date; a contract price only for tendering or assignment. */
  unitPrice: VndAmount.optional(),
  /** KPI targets differing from the catalogue's, by KPI code. */
  kpiTargets: z.array(z.strictObject({ code: z.string().trim().min(1).max(50), target: DecimalString })).max(50).default([]),
});
export type OrderLineInput = z.infer<typeof OrderLineInput>;

export const AcceptancePeriodInput = z.strictObject({
  label: plainText(100),
  startDate: IsoDate,
  endDate: IsoDate,
  quantities: z.array(z.strictObject({ lineNo: z.number().int().min(1), quantity: QuantityOrZero })).max(200),
});
export type AcceptancePeriodInput = z.infer<typeof AcceptancePeriodInput>;

const Percent = DecimalString.refine((value) => !value.startsWith('-') && Number(value) <= 100, { message: 'percentRange' });

/** What an officer writes for a new order or a draft; amendments send the same content with a reason. */
export const OrderInput = z.strictObject({
  title: plainText(500),
  method: OrderingMethod,
  legalRegime: LegalRegime,
  providerAgencyId: z.uuid(),
  budgetYear: z.number().int().min(2000).max(2100),
  startDate: IsoDate,
  endDate: IsoDate,
  periodKind: PeriodKind,
  basisDocuments: z.array(BasisDocument).min(1).max(20),
  lines: z.array(OrderLineInput).min(1).max(200),
  fundingSources: z.array(FundingSource).min(1).max(3),
  /** Omit for monthly, quarterly and yearly orders to split each line evenly over the periods; required for milestones. */
  periods: z.array(AcceptancePeriodInput).min(1).max(60).optional(),
  advancePercent: Percent.default('0'),
  advanceTerms: plainText(2000).default('Không tạm ứng.'),
  paymentTerms: plainText(2000),
  acceptanceMethod: plainText(2000),
  attachmentFileIds: z.array(z.uuid()).max(50).default([]),
});
export type OrderInput = z.infer<typeof OrderInput>;

export const AmendOrderBody = OrderInput.omit({ method: true, legalRegime: true, providerAgencyId: true }).extend({
  reason: plainText(2000),
  /** The document approving the amendment, e.g. "Quyết định số 45/QĐ-SKHCN ngày 01/07/2026". */
  approvalDocument: plainText(300),
});
export type AmendOrderBody = z.infer<typeof AmendOrderBody>;

export const OrderTransitionBody = z.strictObject({ reason: plainText(2000).optional() });
export type OrderTransitionBody = z.infer<typeof OrderTransitionBody>;

export const LiquidateOrderBody = z.strictObject({
  minutesNumber: plainText(100),
  minutesDate: IsoDate,
  note: plainText(2000).optional(),
});
export type LiquidateOrderBody = z.infer<typeof LiquidateOrderBody>;

export const SettleOrderBody = z.strictObject({
  decisionNumber: plainText(100),
  decisionDate: IsoDate,
  note: plainText(2000).optional(),
});
export type SettleOrderBody = z.infer<typeof SettleOrderBody>;

export const Liquidation = z.object({ minutesNumber: z.string(), minutesDate: IsoDate, note: z.string().nullable(), acceptedValue: z.number().int() });
export const Settlement = z.object({
  decisionNumber: z.string(),
  decisionDate: IsoDate,
  note: z.string().nullable(),
  orderedValue: z.number().int(),
  acceptedValue: z.number().int(),
  paidValue: z.number().int(),
  /** Ordered − accepted: what the budget keeps back. */
  returnedToBudget: z.number().int(),
  /** Paid − accepted when advances exceeded what was accepted: what the provider must pay back. */
  refundDue: z.number().int(),
});
export type Settlement = z.infer<typeof Settlement>;

export const AgencyBrief = z.object({ id: z.uuid(), code: z.string(), name: z.string(), shortName: z.string() });
export type AgencyBrief = z.infer<typeof AgencyBrief>;
export const UserBrief = z.object({ id: z.uuid(), username: z.string(), fullName: z.string() });
export type UserBrief = z.infer<typeof UserBrief>;

export const ORDER_ALLOWED_ACTIONS = [...ORDER_ACTIONS, 'edit', 'amend', 'createDossier', 'recordAdvance', 'setupCouncil'] as const;
export const OrderAllowedAction = z.enum(ORDER_ALLOWED_ACTIONS);
export type OrderAllowedAction = z.infer<typeof OrderAllowedAction>;

export const Order = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  method: OrderingMethod,
  legalRegime: LegalRegime,
  orderingAgency: AgencyBrief,
  providerAgency: AgencyBrief,
  budgetYear: z.number().int(),
  startDate: IsoDate,
  endDate: IsoDate,
  status: OrderStatus,
  version: z.number().int(),
  totalValue: z.number().int(),
  acceptedValue: z.number().int(),
  paidValue: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  allowedActions: z.array(OrderAllowedAction),
});
export type Order = z.infer<typeof Order>;

export const OrderVersionSummary = z.object({
  version: z.number().int(),
  totalValue: z.number().int(),
  reason: z.string().nullable(),
  approvalDocument: z.string().nullable(),
  approvedBy: UserBrief.nullable(),
  approvedActingFor: UserBrief.nullable(),
  createdBy: UserBrief,
  createdAt: z.iso.datetime(),
});
export type OrderVersionSummary = z.infer<typeof OrderVersionSummary>;

export const PAYMENT_KINDS = ['advance', 'interim', 'final'] as const;
export const PaymentKind = z.enum(PAYMENT_KINDS);
export type PaymentKind = z.infer<typeof PaymentKind>;

export const Payment = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  dossierId: z.uuid().nullable(),
  dossierCode: z.string().nullable(),
  kind: PaymentKind,
  amount: z.number().int(),
  paidOn: IsoDate,
  treasuryReference: z.string(),
  note: z.string().nullable(),
  recordedBy: UserBrief,
  recordedAt: z.iso.datetime(),
});
export type Payment = z.infer<typeof Payment>;

export const RecordPaymentBody = z.strictObject({
  amount: VndAmount.refine((value) => value > 0, { message: 'amountPositive' }),
  paidOn: IsoDate,
  treasuryReference: plainText(100),
  note: plainText(1000).optional(),
});
export type RecordPaymentBody = z.infer<typeof RecordPaymentBody>;

export const DossierPeriodSummary = z.object({
  periodNo: z.number().int(),
  label: z.string(),
  plannedValue: z.number().int(),
  dossiers: z.array(z.object({
    id: z.uuid(),
    code: z.string().nullable(),
    state: z.enum(DOSSIER_STATES),
    /** The appraised value; it counts as accepted only once the leader approved (isAccepted). */
    acceptedValue: z.number().int().nullable(),
    isAccepted: z.boolean(),
  })),
});

export const COUNCIL_ROLES = ['chair', 'secretary', 'member'] as const;
export const CouncilRole = z.enum(COUNCIL_ROLES);

/**
 * A council established by decision for a whole order: each of the order's
 * dossiers that reaches appraisal gets its own sitting of this council, where
 * the members declare conflicts and vote on that dossier's lines.
 */
export const OrderCouncil = z.object({
  id: z.uuid(),
  decisionNumber: z.string(),
  decisionDate: IsoDate,
  quorum: z.number().int(),
  members: z.array(z.object({ user: UserBrief, role: CouncilRole })),
  establishedBy: UserBrief,
  establishedAt: z.iso.datetime(),
});
export type OrderCouncil = z.infer<typeof OrderCouncil>;

export const OrderDetail = Order.extend({
  content: OrderContent,
  versions: z.array(OrderVersionSummary),
  liquidation: Liquidation.nullable(),
  settlement: Settlement.nullable(),
  advanceLimit: z.number().int(),
  payments: z.array(Payment),
  periods: z.array(DossierPeriodSummary),
  council: OrderCouncil.nullable(),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

export const OrderVersionDetail = OrderVersionSummary.extend({ content: OrderContent });
export type OrderVersionDetail = z.infer<typeof OrderVersionDetail>;

export const OrderListQuery = pageQuery(['updatedAt', 'code', 'title', 'budgetYear', 'totalValue', 'status']).extend({
  q: z.string().trim().max(200).optional(),
  status: OrderStatus.optional(),
  method: OrderingMethod.optional(),
  budgetYear: z.coerce.number().int().min(2000).max(2100).optional(),
  providerAgencyId: z.uuid().optional(),
  orderingAgencyId: z.uuid().optional(),
});
export type OrderListQuery = z.infer<typeof OrderListQuery>;
/** The list's filters and sort without paging: what GET /api/orders/export.xlsx writes. */
export const OrderExportQuery = OrderListQuery.omit({ page: true, pageSize: true });
export type OrderExportQuery = z.infer<typeof OrderExportQuery>;

export const OrderPage = pageOf(Order).extend({ canCreate: z.boolean() });
export type OrderPage = z.infer<typeof OrderPage>;
