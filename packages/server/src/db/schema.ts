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
