import { z } from 'zod';
import { IsoDate } from './dates.js';
import { DecimalString, DeductionRule, KpiDirection } from './deduction-rules.js';
import { DOSSIER_ACTIONS, DOSSIER_STATES } from './dossier-workflow.js';
import { AgencyBrief, CouncilRole, Payment, QuantityOrZero, RecordPaymentBody, UserBrief } from './orders.schemas.js';
import { pageOf, pageQuery } from './pagination.js';
import { plainText } from './text.js';

/** Acceptance dossiers (hồ sơ nghiệm thu), their council and their timeline. Domain: domain.md §3. */
export const DossierStateSchema = z.enum(DOSSIER_STATES);
export const DossierActionName = z.enum(DOSSIER_ACTIONS);

/** Document types a dossier carries; which ones are required depends on the ordering method (a setting). */
export const DOSSIER_DOCUMENT_TYPES = [
  'completion_report', //   báo cáo kết quả thực hiện
  'self_assessment', //     báo cáo tự đánh giá
  'kpi_evidence', //        số liệu giám sát, nhật ký, ảnh chụp màn hình
  'quantity_evidence', //   bảng kê khối lượng
  'supplement', //          tài liệu bổ sung theo yêu cầu
  'appraisal_report', //    báo cáo thẩm định
  'council_decision', //    quyết định thành lập hội đồng
  'other',
] as const;
export const DossierDocumentType = z.enum(DOSSIER_DOCUMENT_TYPES);
export type DossierDocumentType = z.infer<typeof DossierDocumentType>;
export const DEFAULT_REQUIRED_DOCUMENTS: readonly DossierDocumentType[] = ['completion_report', 'self_assessment', 'kpi_evidence'];

export const CONCLUSIONS = ['accepted', 'accepted_with_conditions', 'not_accepted'] as const;
export const Conclusion = z.enum(CONCLUSIONS);
export type Conclusion = z.infer<typeof Conclusion>;

export const CreateDossierBody = z.strictObject({ orderId: z.uuid(), periodNo: z.number().int().min(1) });
export type CreateDossierBody = z.infer<typeof CreateDossierBody>;

export const UpdateDossierBody = z.strictObject({
  completionReport: plainText(20_000).or(z.literal('')).optional(),
  selfAssessment: plainText(20_000).or(z.literal('')).optional(),
  /** null clears a value saved earlier. */
  lines: z.array(z.strictObject({ lineNo: z.number().int().min(1), deliveredQuantity: QuantityOrZero.nullable(), remarks: plainText(2000).nullable().optional() })).max(200).optional(),
  kpis: z.array(z.strictObject({ lineNo: z.number().int().min(1), code: z.string().trim().min(1).max(50), actual: DecimalString.nullable() })).max(500).optional(),
});
export type UpdateDossierBody = z.infer<typeof UpdateDossierBody>;

export const AttachDossierFileBody = z.strictObject({
  fileId: z.uuid(),
  documentType: DossierDocumentType,
  lineNo: z.number().int().min(1).nullable().default(null),
  kpiCode: z.string().trim().min(1).max(50).nullable().default(null),
});
export type AttachDossierFileBody = z.infer<typeof AttachDossierFileBody>;

export const AppraisalBody = z.strictObject({
  lines: z.array(z.strictObject({ lineNo: z.number().int().min(1), acceptedQuantity: QuantityOrZero, remarks: plainText(2000).nullable().optional() })).min(1).max(200),
  remarks: plainText(20_000),
});
export type AppraisalBody = z.infer<typeof AppraisalBody>;

export const CouncilBody = z.strictObject({
  decisionNumber: plainText(100),
  decisionDate: IsoDate,
  quorum: z.number().int().min(1).max(50),
  members: z.array(z.strictObject({ userId: z.uuid(), role: CouncilRole })).min(1).max(50),
});
export type CouncilBody = z.infer<typeof CouncilBody>;

export const ConflictBody = z.strictObject({ hasConflict: z.boolean(), note: plainText(2000).nullable().default(null) });
export type ConflictBody = z.infer<typeof ConflictBody>;

export const VoteBody = z.strictObject({
  votes: z.array(z.strictObject({
    lineNo: z.number().int().min(1),
    vote: z.enum(['agree', 'disagree', 'abstain']),
    score: z.number().int().min(0).max(100).nullable().default(null),
    comment: plainText(2000).nullable().default(null),
  })).min(1).max(200),
});
export type VoteBody = z.infer<typeof VoteBody>;

/** The body of a workflow step; which fields a step needs is checked by the server (reason for supplement, rejection, sending back…). */
export const DossierTransitionBody = z.strictObject({
  reason: plainText(5000).optional(),
  appraiserId: z.uuid().optional(),
  summary: plainText(20_000).optional(),
  conclusion: Conclusion.optional(),
  conclusionText: plainText(20_000).optional(),
  /** Minutes: where they are signed and the meeting time, printed in the PDF. */
  place: plainText(200).optional(),
  payment: RecordPaymentBody.optional(),
});
export type DossierTransitionBody = z.infer<typeof DossierTransitionBody>;

export const InterimPaymentBody = RecordPaymentBody;
export const ExtendDeadlineBody = z.strictObject({ workingDays: z.number().int().min(1).max(60), reason: plainText(2000) });
export type ExtendDeadlineBody = z.infer<typeof ExtendDeadlineBody>;
export const CommentBody = z.strictObject({ body: plainText(5000) });
export type CommentBody = z.infer<typeof CommentBody>;

export const DOSSIER_EXTRA_ACTIONS = ['edit', 'attach', 'appraise', 'setupCouncil', 'declareConflict', 'vote', 'extendDeadline', 'comment', 'recordPayment', 'uploadSignedMinutes'] as const;
export const DossierAllowedAction = z.enum([...DOSSIER_ACTIONS, ...DOSSIER_EXTRA_ACTIONS]);
export type DossierAllowedAction = z.infer<typeof DossierAllowedAction>;

export const DEADLINE_STATUSES = ['none', 'on_time', 'due_soon', 'overdue'] as const;
export const DeadlineStatus = z.enum(DEADLINE_STATUSES);
export type DeadlineStatus = z.infer<typeof DeadlineStatus>;

export const Dossier = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  order: z.object({ id: z.uuid(), code: z.string(), title: z.string(), method: z.string() }),
  periodNo: z.number().int(),
  periodLabel: z.string(),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  orderingAgency: AgencyBrief,
  providerAgency: AgencyBrief,
  state: DossierStateSchema,
  appraiser: UserBrief.nullable(),
  supplementRounds: z.number().int(),
  stepStartedAt: z.iso.datetime(),
  stepDueDate: IsoDate.nullable(),
  stepExtended: z.boolean(),
  deadline: DeadlineStatus,
  plannedValue: z.number().int(),
  deductionTotal: z.number().int().nullable(),
  acceptedValue: z.number().int().nullable(),
  paidTotal: z.number().int(),
  submittedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
  allowedActions: z.array(DossierAllowedAction),
});
export type Dossier = z.infer<typeof Dossier>;

export const DossierLine = z.object({
  lineNo: z.number().int(),
  serviceCode: z.string(),
  serviceName: z.string(),
  unit: z.string(),
  unitPrice: z.number().int(),
  plannedQuantity: z.string(),
  plannedValue: z.number().int(),
  deliveredQuantity: z.string().nullable(),
  acceptedQuantity: z.string().nullable(),
  deduction: z.number().int(),
  acceptedValue: z.number().int().nullable(),
  remarks: z.string().nullable(),
});
export type DossierLine = z.infer<typeof DossierLine>;

export const DossierKpi = z.object({
  lineNo: z.number().int(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  target: z.string(),
  direction: KpiDirection,
  deductionRule: DeductionRule,
  actual: z.string().nullable(),
  verdict: z.enum(['met', 'missed']).nullable(),
  deduction: z.number().int().nullable(),
  /** Why the deduction is what it is, in the reader's language. */
  explanation: z.string().nullable(),
});
export type DossierKpi = z.infer<typeof DossierKpi>;

export const DossierFile = z.object({
  id: z.uuid(),
  fileId: z.uuid(),
  fileName: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  sha256: z.string(),
  documentType: DossierDocumentType,
  lineNo: z.number().int().nullable(),
  kpiCode: z.string().nullable(),
  round: z.number().int(),
  addedBy: UserBrief,
  addedAt: z.iso.datetime(),
});
export type DossierFile = z.infer<typeof DossierFile>;

export const TimelineEntry = z.object({
  seq: z.number().int(),
  action: z.string(),
  fromState: z.string(),
  toState: z.string(),
  actor: UserBrief,
  actingFor: UserBrief.nullable(),
  at: z.iso.datetime(),
  reason: z.string().nullable(),
  stepStartedAt: z.iso.datetime(),
  stepDueDate: IsoDate.nullable(),
  /** Working days the step took (from its start to this event, Vietnam dates). */
  workingDays: z.number().int(),
  onTime: z.boolean().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const CouncilMember = z.object({
  user: UserBrief,
  role: CouncilRole,
  hasConflict: z.boolean().nullable(),
  conflictNote: z.string().nullable(),
  votedAt: z.iso.datetime().nullable(),
  votes: z.array(z.object({ lineNo: z.number().int(), vote: z.enum(['agree', 'disagree', 'abstain']), score: z.number().int().nullable(), comment: z.string().nullable() })),
});
export const Council = z.object({
  id: z.uuid(),
  decisionNumber: z.string(),
  decisionDate: IsoDate,
  quorum: z.number().int(),
  members: z.array(CouncilMember),
  /** Members without a conflict who voted, against the quorum. */
  votesCounted: z.number().int(),
  /** Set up from the order's council decision rather than for this dossier alone. */
  fromOrderCouncil: z.boolean(),
});
export type Council = z.infer<typeof Council>;

export const DossierComment = z.object({ id: z.uuid(), author: UserBrief, body: z.string(), createdAt: z.iso.datetime() });

export const DossierDetail = Dossier.extend({
  completionReport: z.string(),
  selfAssessment: z.string(),
  appraisalRemarks: z.string().nullable(),
  councilSummary: z.string().nullable(),
  conclusion: Conclusion.nullable(),
  conclusionText: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  decidedBy: UserBrief.nullable(),
  decidedActingFor: UserBrief.nullable(),
  minutes: z.object({
    number: z.string(),
    issuedOn: IsoDate,
    fileId: z.uuid(),
    signedFileId: z.uuid().nullable(),
    /** The official version: the signed copy once uploaded, the generated PDF before. */
    officialFileId: z.uuid(),
    verifyUrl: z.string(),
  }).nullable(),
  lines: z.array(DossierLine),
  kpis: z.array(DossierKpi),
  files: z.array(DossierFile),
  requiredDocuments: z.array(DossierDocumentType),
  missingDocuments: z.array(DossierDocumentType),
  timeline: z.array(TimelineEntry),
  comments: z.array(DossierComment),
  council: Council.nullable(),
  payments: z.array(Payment),
});
export type DossierDetail = z.infer<typeof DossierDetail>;

export const DossierListQuery = pageQuery(['stepDueDate', 'updatedAt', 'code', 'submittedAt', 'plannedValue', 'state']).extend({
  q: z.string().trim().max(200).optional(),
  state: DossierStateSchema.optional(),
  /** Several states at once, comma-separated (the overview's groups): `states=submitted,received`. */
  states: z.string().trim().max(300).transform((text, ctx) => {
    const states = text.split(',').map((s) => s.trim()).filter(Boolean);
    const parsed = z.array(DossierStateSchema).min(1).safeParse(states);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'dossierStatesForm' });
      return z.NEVER;
    }
    return parsed.data;
  }).optional(),
  /** Only dossiers still in progress (not paid, rejected or withdrawn). */
  open: z.enum(['true']).optional(),
  orderId: z.uuid().optional(),
  providerAgencyId: z.uuid().optional(),
  orderingAgencyId: z.uuid().optional(),
  deadline: z.enum(['due_soon', 'overdue']).optional(),
});
export type DossierListQuery = z.infer<typeof DossierListQuery>;
/** The list's filters and sort without paging: what GET /api/dossiers/export.xlsx writes. */
export const DossierExportQuery = DossierListQuery.omit({ page: true, pageSize: true });
export type DossierExportQuery = z.infer<typeof DossierExportQuery>;
export const DossierPage = pageOf(Dossier);
export type DossierPage = z.infer<typeof DossierPage>;

/** One thing awaiting the user, with what to do and by when. */
export const WorkItem = z.object({
  dossier: Dossier,
  /** The step the user is expected to take (a workflow action, or vote / declareConflict / appraise). */
  task: z.string(),
  actingFor: UserBrief.nullable(),
});
export const MyWork = z.object({ items: z.array(WorkItem), total: z.number().int() });
export type MyWork = z.infer<typeof MyWork>;

export const Overview = z.object({
  byState: z.array(z.object({ state: DossierStateSchema, count: z.number().int() })),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
});
export type Overview = z.infer<typeof Overview>;

/** The overview's tables: dossiers grouped by provider or by order, a page at a time. */
export const OVERVIEW_GROUPINGS = ['provider', 'order'] as const;
export const OVERVIEW_GROUP_SORTS = ['open', 'overdue', 'value', 'accepted', 'code'] as const;
export const OverviewGroupQuery = pageQuery(OVERVIEW_GROUP_SORTS).extend({ order: z.enum(['asc', 'desc']).default('desc') });
export type OverviewGroupQuery = z.infer<typeof OverviewGroupQuery>;
export const OverviewGroup = z.object({
  /** The provider agency or the order. */
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  open: z.number().int(),
  overdue: z.number().int(),
  /** By provider: the planned value of its dossiers; by order: the order's total. */
  value: z.number().int(),
  acceptedValue: z.number().int(),
});
export type OverviewGroup = z.infer<typeof OverviewGroup>;
export const OverviewGroupPage = pageOf(OverviewGroup);
export type OverviewGroupPage = z.infer<typeof OverviewGroupPage>;

/** People the ordering side may name on a dossier: appraising officers of the ordering agency, or council members from any agency. */
export const CandidatesQuery = z.strictObject({ for: z.enum(['appraiser', 'council']) });
export type CandidatesQuery = z.infer<typeof CandidatesQuery>;
export const DossierCandidate = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  roles: z.array(z.string()),
  agency: AgencyBrief,
  /** Works for the provider: a council seat for them is a conflict to weigh. */
  isProviderSide: z.boolean(),
});
export const DossierCandidates = z.array(DossierCandidate);
export type DossierCandidate = z.infer<typeof DossierCandidate>;
