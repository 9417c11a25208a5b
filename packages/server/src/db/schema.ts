/**
 * The whole data model of the platform foundation. Times are timestamptz in
 * UTC; calendar dates are `date`; money (later features) is bigint VND.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull();

export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey(),
    /** Current electronic identification code; earlier codes are in agency_codes. */
    code: varchar('code', { length: 35 }).notNull(),
    codeScheme: text('code_scheme', { enum: ['qcvn102', 'qd20'] }).notNull(),
    name: text('name').notNull(),
    shortName: varchar('short_name', { length: 20 }).notNull(),
    type: text('type', {
      enum: ['peoples_committee', 'department', 'public_service_unit', 'enterprise', 'commune'],
    }).notNull(),
    status: text('status', { enum: ['active', 'closed'] }).notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => agencies.id),
    /** Set when the agency is closed by a merger: who answers for its records now. */
    successorId: uuid('successor_id').references((): AnyPgColumn => agencies.id),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    closingReason: text('closing_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('agencies_code_key').on(t.code),
    index('agencies_parent_idx').on(t.parentId),
    index('agencies_successor_idx').on(t.successorId),
    check('agencies_code_form', sql`${t.code} ~ '^[0-9A-Z.]{1,35}$'`),
    check('agencies_closed_has_end', sql`(${t.status} = 'active') = (${t.validTo} is null)`),
  ],
);

/** Every code an agency has carried, current one included; a code is never given to a second agency. */
export const agencyCodes = pgTable(
  'agency_codes',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    code: varchar('code', { length: 35 }).notNull(),
    scheme: text('scheme', { enum: ['qcvn102', 'qd20'] }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    reason: text('reason'),
  },
  (t) => [uniqueIndex('agency_codes_code_key').on(t.code), index('agency_codes_agency_idx').on(t.agencyId)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: varchar('username', { length: 50 }).notNull(),
    fullName: text('full_name').notNull(),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    isActive: boolean('is_active').notNull(),
    mustChangePassword: boolean('must_change_password').notNull(),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_username_key').on(t.username), index('users_agency_idx').on(t.agencyId)],
);

/** Server-side sessions, so any app process can serve any request. The cookie holds a token; only its hash is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: char('token_hash', { length: 64 }).primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    idleExpiresAt: timestamp('idle_expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Tamper-evident audit log. Each event's hash covers a canonical (RFC 8785)
 * serialisation of its fields including the previous event's hash and its
 * sequence number, so editing, deleting or reordering any event breaks the
 * chain. A trigger refuses UPDATE and DELETE (see the migration).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorUsername: text('actor_username'),
    onBehalfOfId: uuid('on_behalf_of_id'),
    onBehalfOfUsername: text('on_behalf_of_username'),
    agencyId: uuid('agency_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: char('prev_hash', { length: 64 }).notNull(),
    hash: char('hash', { length: 64 }).notNull(),
  },
  (t) => [
    uniqueIndex('audit_events_id_key').on(t.id),
    uniqueIndex('audit_events_occurred_at_key').on(t.occurredAt),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_actor_idx').on(t.actorUsername),
    index('audit_events_agency_idx').on(t.agencyId),
  ],
);

/**
 * The head of the audit chain: one row, locked FOR UPDATE by every writer so
 * events are appended one at a time with consecutive sequence numbers and
 * strictly increasing times. It also lets verification notice a cut-off tail.
 */
export const auditHead = pgTable(
  'audit_head',
  {
    id: integer('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: char('hash', { length: 64 }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date', precision: 3 }),
  },
  (t) => [check('audit_head_single_row', sql`${t.id} = 1`)],
);

/** Stored files: the bytes live once per SHA-256 in the blob store; each upload is a row. */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey(),
    sha256: char('sha256', { length: 64 }).notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mediaType: text('media_type').notNull(),
    fileName: text('file_name').notNull(),
    agencyId: uuid('agency_id').notNull().references(() => agencies.id),
    uploadedBy: uuid('uploaded_by').notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('files_sha256_idx').on(t.sha256), index('files_agency_idx').on(t.agencyId)],
);

/** User-visible long operations (imports, checks) with progress; pg-boss runs them. */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] }).notNull(),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total'),
    params: jsonb('params').notNull(),
    result: jsonb('result'),
    error: jsonb('error'),
    createdBy: uuid('created_by').references(() => users.id),
    agencyId: uuid('agency_id').references(() => agencies.id),
    language: text('language', { enum: ['vi', 'en'] }).notNull(),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('tasks_created_by_idx').on(t.createdBy)],
);

/** Installation-wide settings an administrator edits (and flags such as whether demo data is loaded). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

// ---- Reference data for ordering and acceptance (issue 3) ----

/**
 * Information systems the province operates (portal, LGSP, e-mail, …): who
 * owns and who operates them, their security level (1-5, Decree 85/2016) and
 * the decision that approved it.
 */
export const informationSystems = pgTable(
  'information_systems',
  {
    id: uuid('id').primaryKey(),
    code: varchar('code', { length: 50 }).notNull(),
    name: text('name').notNull(),
    description: text('description'),
    ownerAgencyId: uuid('owner_agency_id').notNull().references(() => agencies.id),
    operatorAgencyId: uuid('operator_agency_id').references(() => agencies.id),
    securityLevel: integer('security_level').notNull(),
    securityDecisionNumber: text('security_decision_number'),
    securityDecisionDate: date('security_decision_date', { mode: 'string' }),
    /** Parts of the system (servers, modules, integrations): [{ name, description }]. */
    components: jsonb('components').notNull(),
    status: text('status', { enum: ['active', 'retired'] }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('information_systems_code_key').on(t.code),
    index('information_systems_owner_idx').on(t.ownerAgencyId),
    check('information_systems_security_level', sql`${t.securityLevel} between 1 and 5`),
  ],
);

/** The service catalogue (danh mục dịch vụ sự nghiệp công): what can be ordered, in which unit, by which methods. */
export const catalogueServices = pgTable(
  'catalogue_services',
  {
    id: uuid('id').primaryKey(),
    code: varchar('code', { length: 50 }).notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    /** assignment (giao nhiệm vụ), ordering (đặt hàng), tendering (đấu thầu). */
    orderingMethods: text('ordering_methods').array().notNull(),
    /** The economic-technical norm (định mức kinh tế - kỹ thuật) the service is costed by. */
    normReference: text('norm_reference'),
    status: text('status', { enum: ['active', 'retired'] }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('catalogue_services_code_key').on(t.code)],
);

/** Unit prices in integer VND, each valid for a period and set by a decision; periods of one service never overlap. */
export const servicePrices = pgTable(
  'service_prices',
  {
    id: uuid('id').primaryKey(),
    serviceId: uuid('service_id').notNull().references(() => catalogueServices.id),
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    decisionNumber: text('decision_number').notNull(),
    decisionDate: date('decision_date', { mode: 'string' }).notNull(),
    decisionIssuer: text('decision_issuer').notNull(),
  },
  (t) => [
    index('service_prices_service_idx').on(t.serviceId, t.validFrom),
    check('service_prices_positive', sql`${t.unitPrice} >= 0`),
    check('service_prices_period', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/**
 * Quality criteria / KPIs of a service: target, direction, how it is measured
 * and the deduction rule applied at appraisal when the target is missed.
 */
export const serviceKpis = pgTable(
  'service_kpis',
  {
    id: uuid('id').primaryKey(),
    serviceId: uuid('service_id').notNull().references(() => catalogueServices.id),
    code: varchar('code', { length: 50 }).notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    /** Decimal as text (e.g. "99.5"): exact, no float rounding. */
    target: numeric('target', { precision: 14, scale: 4 }).notNull(),
    direction: text('direction', { enum: ['at_least', 'at_most'] }).notNull(),
    measurement: text('measurement').notNull(),
    /** The deduction rule, a closed set of kinds defined in packages/shared (deduction-rules.ts). */
    deductionRule: jsonb('deduction_rule').notNull(),
  },
  (t) => [uniqueIndex('service_kpis_service_code_key').on(t.serviceId, t.code)],
);

export const serviceInformationSystems = pgTable(
  'service_information_systems',
  {
    serviceId: uuid('service_id').notNull().references(() => catalogueServices.id),
    informationSystemId: uuid('information_system_id').notNull().references(() => informationSystems.id),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.informationSystemId] }), index('service_information_systems_system_idx').on(t.informationSystemId)],
);

/**
 * Exceptions to the weekly pattern for deadlines in working days: public
 * holidays and compensatory days off (holiday), and weekend days declared
 * working days to make up for a bridge (working_day, "làm bù").
 */
export const calendarDays = pgTable('calendar_days', {
  date: date('date', { mode: 'string' }).primaryKey(),
  kind: text('kind', { enum: ['holiday', 'working_day'] }).notNull(),
  name: text('name').notNull(),
  updatedAt: updatedAt(),
});

/**
 * Counters behind official numbers: dossier codes per agency and day, document
 * numbers per issuer, year and series. Taken inside the transaction that uses
 * the number, so a rolled-back change gives its number back (no gaps) and
 * concurrent requests queue on the row (no duplicates).
 */
export const numberSequences = pgTable(
  'number_sequences',
  {
    scope: text('scope').notNull(),
    period: text('period').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.period] })],
);

/**
 * A leader's approvals delegated to a deputy for a period (ủy quyền). While it
 * runs, the deputy may take the leader's steps; each is recorded as done by
 * the deputy acting for the leader.
 */
export const delegations = pgTable(
  'delegations',
  {
    id: uuid('id').primaryKey(),
    delegatorId: uuid('delegator_id').notNull().references(() => users.id),
    deputyId: uuid('deputy_id').notNull().references(() => users.id),
    validFrom: timestamp('valid_from', { withTimezone: true, mode: 'date' }).notNull(),
    validTo: timestamp('valid_to', { withTimezone: true, mode: 'date' }).notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [
    index('delegations_deputy_idx').on(t.deputyId, t.validFrom),
    index('delegations_delegator_idx').on(t.delegatorId, t.validFrom),
    check('delegations_period', sql`${t.validTo} > ${t.validFrom}`),
    check('delegations_not_self', sql`${t.delegatorId} <> ${t.deputyId}`),
  ],
);

// ---- Orders and acceptance (issue 3) ----

/**
 * An order (đặt hàng), assignment (giao nhiệm vụ) or tendered contract: the
 * row holds what lists filter and sort on; the full content of every version
 * is in order_versions, so an amendment never overwrites what was signed.
 */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey(),
    /** `<issuer short name>-DH-<year>-<seq>`, handed out by the numbering service. */
    code: varchar('code', { length: 60 }).notNull(),
    title: text('title').notNull(),
    method: text('method', { enum: ['assignment', 'ordering', 'tendering'] }).notNull(),
    legalRegime: text('legal_regime', { enum: ['decree_32_2019', 'decree_73_2019'] }).notNull(),
    orderingAgencyId: uuid('ordering_agency_id').notNull().references(() => agencies.id),
    providerAgencyId: uuid('provider_agency_id').notNull().references(() => agencies.id),
    budgetYear: integer('budget_year').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    status: text('status', {
      enum: ['draft', 'signed', 'in_progress', 'accepted', 'liquidated', 'settled', 'archived', 'cancelled'],
    }).notNull(),
    /** The version in force; its content and total are in order_versions. */
    version: integer('version').notNull(),
    totalValue: bigint('total_value', { mode: 'number' }).notNull(),
    /** Liquidation minutes (thanh lý) and settlement (quyết toán), set by those steps. */
    liquidation: jsonb('liquidation'),
    settlement: jsonb('settlement'),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_code_key').on(t.code),
    index('orders_ordering_agency_idx').on(t.orderingAgencyId, t.budgetYear),
    index('orders_provider_agency_idx').on(t.providerAgencyId, t.budgetYear),
    index('orders_status_idx').on(t.status),
    check('orders_total_positive', sql`${t.totalValue} >= 0`),
    check('orders_period', sql`${t.endDate} >= ${t.startDate}`),
  ],
);

/** Every version of an order as it was approved: version 1 is the original, later ones are amendments with a reason and an approver. */
export const orderVersions = pgTable(
  'order_versions',
  {
    orderId: uuid('order_id').notNull().references(() => orders.id),
    version: integer('version').notNull(),
    /** The whole order content (OrderContent in packages/shared), immutable once the order is signed. */
    content: jsonb('content').notNull(),
    totalValue: bigint('total_value', { mode: 'number' }).notNull(),
    reason: text('reason'),
    approvalDocument: text('approval_document'),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedActingFor: uuid('approved_acting_for').references(() => users.id),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.version] })],
);

/** An acceptance dossier (hồ sơ nghiệm thu): one per order and acceptance period (a rejected or withdrawn one may be followed by a new one). */
export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id').primaryKey(),
    /** `<agency code>-YYMMDD-XXXX`, given at the first submission; null while a draft. */
    code: varchar('code', { length: 60 }),
    orderId: uuid('order_id').notNull().references(() => orders.id),
    /** The order version the dossier was prepared against (prices and planned quantities come from it). */
    orderVersion: integer('order_version').notNull(),
    periodNo: integer('period_no').notNull(),
    periodLabel: text('period_label').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    orderingAgencyId: uuid('ordering_agency_id').notNull().references(() => agencies.id),
    providerAgencyId: uuid('provider_agency_id').notNull().references(() => agencies.id),
    state: text('state', {
      enum: ['draft', 'submitted', 'supplement_requested', 'received', 'in_appraisal', 'in_council', 'awaiting_decision', 'approved', 'minutes_issued', 'paid', 'rejected', 'withdrawn'],
    }).notNull(),
    completionReport: text('completion_report').notNull(),
    selfAssessment: text('self_assessment').notNull(),
    appraiserId: uuid('appraiser_id').references(() => users.id),
    appraisalRemarks: text('appraisal_remarks'),
    councilSummary: text('council_summary'),
    supplementRounds: integer('supplement_rounds').notNull().default(0),
    /** The current step: when it began, when it is due (local date), whether its one extension was used. */
    stepStartedAt: timestamp('step_started_at', { withTimezone: true, mode: 'date' }).notNull(),
    stepDueDate: date('step_due_date', { mode: 'string' }),
    stepExtended: boolean('step_extended').notNull().default(false),
    /** Working days the agency had left on its step when a supplement request paused its clock. */
    pausedRemainingDays: integer('paused_remaining_days'),
    dueSoonNotifiedAt: timestamp('due_soon_notified_at', { withTimezone: true, mode: 'date' }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true, mode: 'date' }),
    plannedValue: bigint('planned_value', { mode: 'number' }).notNull(),
    deductionTotal: bigint('deduction_total', { mode: 'number' }),
    acceptedValue: bigint('accepted_value', { mode: 'number' }),
    paidTotal: bigint('paid_total', { mode: 'number' }).notNull().default(0),
    conclusion: text('conclusion', { enum: ['accepted', 'accepted_with_conditions', 'not_accepted'] }),
    conclusionText: text('conclusion_text'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedActingFor: uuid('decided_acting_for').references(() => users.id),
    minutesNumber: text('minutes_number'),
    minutesIssuedOn: date('minutes_issued_on', { mode: 'string' }),
    minutesFileId: uuid('minutes_file_id').references(() => files.id),
    /** The copy signed by hand or token, uploaded back: the official version once present. */
    minutesSignedFileId: uuid('minutes_signed_file_id').references(() => files.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('dossiers_code_key').on(t.code),
    uniqueIndex('dossiers_order_period_live_key').on(t.orderId, t.periodNo).where(sql`${t.state} not in ('rejected', 'withdrawn')`),
    index('dossiers_state_due_idx').on(t.state, t.stepDueDate),
    index('dossiers_ordering_agency_idx').on(t.orderingAgencyId, t.state),
    index('dossiers_provider_agency_idx').on(t.providerAgencyId, t.state),
    index('dossiers_order_idx').on(t.orderId),
    index('dossiers_appraiser_idx').on(t.appraiserId),
    // The list's two usual orders, with the id tie-break, so a page is read from the index (bench/dossier-list).
    index('dossiers_step_due_id_idx').on(t.stepDueDate, t.id),
    index('dossiers_updated_id_idx').on(t.updatedAt.desc().nullsLast(), t.id),
    // The search matches a code by its beginning (LIKE 'ABC%'), which needs pattern ops outside the C collation.
    index('dossiers_code_pattern_idx').on(t.code.op('varchar_pattern_ops')),
    check('dossiers_money', sql`${t.plannedValue} >= 0 and ${t.paidTotal} >= 0 and (${t.acceptedValue} is null or (${t.acceptedValue} >= 0 and ${t.acceptedValue} <= ${t.plannedValue}))`),
  ],
);

/** Per order line: planned (from the order), delivered (provider), proposed (appraiser) and accepted quantity, with deductions. Quantities are exact decimals. */
export const dossierLines = pgTable(
  'dossier_lines',
  {
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    lineNo: integer('line_no').notNull(),
    serviceId: uuid('service_id').notNull().references(() => catalogueServices.id),
    serviceCode: varchar('service_code', { length: 50 }).notNull(),
    serviceName: text('service_name').notNull(),
    unit: text('unit').notNull(),
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    plannedQuantity: numeric('planned_quantity', { precision: 18, scale: 4 }).notNull(),
    plannedValue: bigint('planned_value', { mode: 'number' }).notNull(),
    deliveredQuantity: numeric('delivered_quantity', { precision: 18, scale: 4 }),
    acceptedQuantity: numeric('accepted_quantity', { precision: 18, scale: 4 }),
    deduction: bigint('deduction', { mode: 'number' }).notNull().default(0),
    acceptedValue: bigint('accepted_value', { mode: 'number' }),
    remarks: text('remarks'),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.lineNo] })],
);

/** KPI targets copied from the order line, the provider's actual value and the appraiser's verdict with the computed deduction. */
export const dossierKpis = pgTable(
  'dossier_kpis',
  {
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    lineNo: integer('line_no').notNull(),
    code: varchar('code', { length: 50 }).notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    target: numeric('target', { precision: 14, scale: 4 }).notNull(),
    direction: text('direction', { enum: ['at_least', 'at_most'] }).notNull(),
    deductionRule: jsonb('deduction_rule').notNull(),
    actual: numeric('actual', { precision: 14, scale: 4 }),
    verdict: text('verdict', { enum: ['met', 'missed'] }),
    deduction: bigint('deduction', { mode: 'number' }),
    /** Why the deduction is what it is: a message key and parameters (DeductionExplanation). */
    explanation: jsonb('explanation'),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.lineNo, t.code] })],
);

/** Evidence and reports attached to a dossier, per line or per KPI where they prove one. */
export const dossierFiles = pgTable(
  'dossier_files',
  {
    id: uuid('id').primaryKey(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    fileId: uuid('file_id').notNull().references(() => files.id),
    documentType: text('document_type').notNull(),
    lineNo: integer('line_no'),
    kpiCode: varchar('kpi_code', { length: 50 }),
    /** The supplement round it answers (0: the first submission). */
    round: integer('round').notNull(),
    addedBy: uuid('added_by').notNull().references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('dossier_files_dossier_idx').on(t.dossierId), index('dossier_files_file_idx').on(t.fileId)],
);

/** The dossier's timeline: every transition and deadline extension, who took it, for whom, and the step's due date. */
export const dossierEvents = pgTable(
  'dossier_events',
  {
    id: uuid('id').primaryKey(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    actorId: uuid('actor_id').notNull().references(() => users.id),
    actingForId: uuid('acting_for_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    reason: text('reason'),
    /** The step that ended here: when it began and when it was due. */
    stepStartedAt: timestamp('step_started_at', { withTimezone: true, mode: 'date' }).notNull(),
    stepDueDate: date('step_due_date', { mode: 'string' }),
  },
  (t) => [uniqueIndex('dossier_events_seq_key').on(t.dossierId, t.seq), index('dossier_events_actor_idx').on(t.actorId)],
);

export const dossierComments = pgTable(
  'dossier_comments',
  {
    id: uuid('id').primaryKey(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id),
    authorId: uuid('author_id').notNull().references(() => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('dossier_comments_dossier_idx').on(t.dossierId, t.createdAt)],
);

/** An acceptance council (hội đồng nghiệm thu) set up by decision for one dossier. */
export const councils = pgTable(
  'councils',
  {
    id: uuid('id').primaryKey(),
    /** A council sits for one dossier, or is established for a whole order (then copied to each dossier that reaches appraisal). */
    dossierId: uuid('dossier_id').references(() => dossiers.id),
    orderId: uuid('order_id').references(() => orders.id),
    /** A dossier's sitting copied from its order's council: the decision it rests on. */
    fromCouncilId: uuid('from_council_id').references((): AnyPgColumn => councils.id),
    decisionNumber: text('decision_number').notNull(),
    decisionDate: date('decision_date', { mode: 'string' }).notNull(),
    /** How many members without a conflict must have voted before the chair may close the review. */
    quorum: integer('quorum').notNull(),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('councils_dossier_key').on(t.dossierId),
    uniqueIndex('councils_order_key').on(t.orderId),
    check('councils_quorum', sql`${t.quorum} >= 1`),
    check('councils_one_scope', sql`(${t.dossierId} is null) <> (${t.orderId} is null)`),
  ],
);

export const councilMembers = pgTable(
  'council_members',
  {
    councilId: uuid('council_id').notNull().references(() => councils.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    role: text('role', { enum: ['chair', 'secretary', 'member'] }).notNull(),
    /** Conflict-of-interest declaration: null until declared. */
    hasConflict: boolean('has_conflict'),
    conflictNote: text('conflict_note'),
    declaredAt: timestamp('declared_at', { withTimezone: true, mode: 'date' }),
    votedAt: timestamp('voted_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.councilId, t.userId] }), index('council_members_user_idx').on(t.userId)],
);

/** One member's vote on one line, with an optional score and comment; a "disagree" is the recorded dissent. */
export const councilVotes = pgTable(
  'council_votes',
  {
    councilId: uuid('council_id').notNull().references(() => councils.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    lineNo: integer('line_no').notNull(),
    vote: text('vote', { enum: ['agree', 'disagree', 'abstain'] }).notNull(),
    score: integer('score'),
    comment: text('comment'),
  },
  (t) => [primaryKey({ columns: [t.councilId, t.userId, t.lineNo] }), check('council_votes_score', sql`${t.score} is null or (${t.score} between 0 and 100)`)],
);

/** Payments through the State Treasury: advances on the order, interim and final payments on an accepted dossier. */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id').notNull().references(() => orders.id),
    dossierId: uuid('dossier_id').references(() => dossiers.id),
    kind: text('kind', { enum: ['advance', 'interim', 'final'] }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    treasuryReference: text('treasury_reference').notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by').notNull().references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('payments_order_idx').on(t.orderId),
    index('payments_dossier_idx').on(t.dossierId),
    check('payments_amount_positive', sql`${t.amount} > 0`),
    check('payments_dossier_for_kind', sql`(${t.kind} = 'advance') = (${t.dossierId} is null)`),
  ],
);

/** In-app notifications; e-mail copies are sent by a background job and marked here. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    kind: text('kind').notNull(),
    dossierId: uuid('dossier_id').references(() => dossiers.id),
    orderId: uuid('order_id').references(() => orders.id),
    params: jsonb('params').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
    emailStatus: text('email_status', { enum: ['not_sent', 'queued', 'sent', 'failed', 'no_address'] }).notNull(),
    emailedAt: timestamp('emailed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

// Electronic records: record classes, record lists, records, documents, access history, integrity checks.
export * from './records-schema.js';
