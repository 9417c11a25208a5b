import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify';
import { and, asc, count, desc, eq, gt, gte, ilike, inArray, lte, type SQL } from 'drizzle-orm';
import type { AuditEvent, AuditListQuery, AuditPage, AuditVerifyResult } from '@nghiemthu/shared';
import type { Clock } from '../../lib/clock.js';
import { withTransaction, type Db } from '../../db/client.js';
import { auditEvents, auditHead } from '../../db/schema.js';
import type { AgencyScope as AuditScope } from '../agencies/agency-scope.js';
import type { Actor } from '../auth/actor.js';
import type { TasksService } from '../tasks/tasks.service.js';
import type { Language } from '@nghiemthu/shared';
import { checkLink, chainStart, hashEvent, toJsonValue, type ChainCursor, type ChainedEvent } from './audit-chain.js';

export type AuditInput = {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Agency the event concerns, for scoping who may read it; defaults to the actor's agency. */
  agencyId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Who did it and from where: an actor (signed-in user) or a bare request context (failed sign-in). */
export type AuditSource = {
  actor: Pick<Actor, 'userId' | 'username' | 'agencyId' | 'onBehalfOf'> | null;
  ip: string | null;
  userAgent: string | null;
};


type AuditRow = typeof auditEvents.$inferSelect;

export function createAuditService(deps: { db: Db; clock: Clock; tasks: TasksService }) {
  /**
   * Appends one event to the chain inside the caller's transaction. Locking the
   * head row serialises writers, so sequence numbers are consecutive and times
   * strictly increase; if the caller's change rolls back, so does the event.
   */
  async function record(db: Db, source: AuditSource, input: AuditInput): Promise<void> {
    await withTransaction(db, async (tx) => {
      const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
      if (!head) throw new Error('audit_head row is missing: migrations did not run');
      const now = deps.clock.now();
      const occurredAt =
        head.occurredAt && now.getTime() <= head.occurredAt.getTime() ? new Date(head.occurredAt.getTime() + 1) : now;
      const event: ChainedEvent = {
        seq: head.seq + 1,
        id: randomUUID(),
        occurredAt,
        actorId: source.actor?.userId ?? null,
        actorUsername: source.actor?.username ?? null,
        onBehalfOfId: source.actor?.onBehalfOf?.userId ?? null,
        onBehalfOfUsername: source.actor?.onBehalfOf?.username ?? null,
        agencyId: input.agencyId === undefined ? (source.actor?.agencyId ?? null) : input.agencyId,
        action: input.action,
        entityType: input.entityType,
        entityId: input.entityId ?? null,
        ip: source.ip,
        userAgent: source.userAgent ? source.userAgent.slice(0, 500) : null,
        before: toJsonValue(input.before),
        after: toJsonValue(input.after),
        prevHash: head.hash,
      };
      const hash = hashEvent(event);
      await tx.insert(auditEvents).values({ ...event, hash });
      await tx.update(auditHead).set({ seq: event.seq, hash, occurredAt }).where(eq(auditHead.id, 1));
    });
  }

  function filters(query: Partial<AuditListQuery>, scope: AuditScope): SQL | undefined {
    const where: (SQL | undefined)[] = [
      query.action ? eq(auditEvents.action, query.action) : undefined,
      query.entityType ? eq(auditEvents.entityType, query.entityType) : undefined,
      query.entityId ? eq(auditEvents.entityId, query.entityId) : undefined,
      query.actor ? ilike(auditEvents.actorUsername, query.actor) : undefined,
      query.agencyId ? eq(auditEvents.agencyId, query.agencyId) : undefined,
      query.from ? gte(auditEvents.occurredAt, new Date(query.from)) : undefined,
      query.to ? lte(auditEvents.occurredAt, new Date(query.to)) : undefined,
      scope.kind === 'agencies' ? inArray(auditEvents.agencyId, scope.agencyIds) : undefined,
    ];
    return and(...where);
  }

  async function list(query: AuditListQuery, scope: AuditScope): Promise<AuditPage> {
    const where = filters(query, scope);
    const [rows, [total]] = await Promise.all([
      deps.db
        .select()
        .from(auditEvents)
        .where(where)
        .orderBy(query.order === 'asc' ? asc(auditEvents.seq) : desc(auditEvents.seq))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      deps.db.select({ n: count() }).from(auditEvents).where(where),
    ]);
    return { items: rows.map(present), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  /** Streams matching events as CSV in batches, never holding the whole log in memory. */
  async function exportCsv(query: Partial<AuditListQuery>, scope: AuditScope, source: AuditSource) {
    // Exporting the log is itself worth recording.
    await record(deps.db, source, { action: 'audit.exported', entityType: 'audit', after: { filters: query } });
    const csv = stringify({
      bom: true, // so Excel reads the UTF-8 Vietnamese correctly
      header: true,
      columns: ['seq', 'id', 'occurredAt', 'actor', 'onBehalfOf', 'agencyId', 'action', 'entityType', 'entityId', 'ip', 'before', 'after', 'prevHash', 'hash'],
    });
    const where = filters(query, scope);
    (async () => {
      let after = 0;
      for (;;) {
        const batch = await deps.db
          .select()
          .from(auditEvents)
          .where(and(where, gt(auditEvents.seq, after)))
          .orderBy(asc(auditEvents.seq))
          .limit(1000);
        for (const row of batch) {
          const ok = csv.write({
            ...row,
            occurredAt: row.occurredAt.toISOString(),
            actor: row.actorUsername,
            onBehalfOf: row.onBehalfOfUsername,
            before: row.before === null ? '' : JSON.stringify(row.before),
            after: row.after === null ? '' : JSON.stringify(row.after),
          });
          if (!ok) await new Promise((resolve) => csv.once('drain', resolve));
        }
        if (batch.length < 1000) break;
        after = batch.at(-1)!.seq;
      }
      csv.end();
    })().catch((error) => csv.destroy(error));
    return csv;
  }

  /**
   * Walks the whole chain in sequence order, recomputing every hash, and names
   * the first event that does not fit. Needs nothing but the database.
   */
  async function verify(onProgress?: (done: number, total: number) => Promise<void> | void): Promise<AuditVerifyResult> {
    const [head] = await deps.db.select().from(auditHead).where(eq(auditHead.id, 1));
    if (!head) throw new Error('audit_head row is missing: migrations did not run');
    const [totalRow] = await deps.db.select({ n: count() }).from(auditEvents);
    const total = totalRow?.n ?? 0;
    let cursor: ChainCursor = chainStart;
    let lastSeq = Number.MIN_SAFE_INTEGER; // read position, apart from the chain cursor so forged low seqs are read too
    let checked = 0;
    const result = (firstBroken: AuditVerifyResult['firstBroken']): AuditVerifyResult => ({
      isIntact: firstBroken === null,
      checked,
      headSeq: head.seq,
      headHash: head.hash,
      firstBroken,
    });
    for (;;) {
      const batch = await deps.db
        .select()
        .from(auditEvents)
        .where(gt(auditEvents.seq, lastSeq))
        .orderBy(asc(auditEvents.seq))
        .limit(2000);
      for (const row of batch) {
        const problem = checkLink(cursor, row);
        if (problem) {
          // A gap means events before this one were removed: name the first missing position.
          return result({ seq: problem === 'seqGap' ? cursor.seq + 1 : row.seq, id: problem === 'seqGap' ? null : row.id, problem });
        }
        cursor = { seq: row.seq, hash: row.hash, occurredAt: row.occurredAt };
        lastSeq = row.seq;
        checked += 1;
      }
      await onProgress?.(checked, total);
      if (batch.length < 2000) break;
    }
    // The head remembers the last event written: a cut-off tail shows up here.
    if (cursor.seq !== head.seq || cursor.hash !== head.hash) {
      return result({ seq: cursor.seq + 1, id: null, problem: 'headMismatch' });
    }
    return result(null);
  }

  /** Queues a full chain check as a background task (it can take a while on a long log). */
  async function startVerify(actor: Actor, source: AuditSource, language: Language): Promise<string> {
    const taskId = await withTransaction(deps.db, async (tx) => {
      const id = await deps.tasks.create(tx, { kind: 'audit.verify', params: {}, actor, language });
      await record(tx, source, { action: 'audit.verify_started', entityType: 'task', entityId: id });
      return id;
    });
    await deps.tasks.send(taskId);
    return taskId;
  }

  return { record, list, exportCsv, verify, startVerify };
}

export type AuditService = ReturnType<typeof createAuditService>;

export function present(row: AuditRow): AuditEvent {
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actor: row.actorId && row.actorUsername ? { id: row.actorId, username: row.actorUsername } : null,
    onBehalfOf:
      row.onBehalfOfId && row.onBehalfOfUsername ? { id: row.onBehalfOfId, username: row.onBehalfOfUsername } : null,
    agencyId: row.agencyId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    ip: row.ip,
    userAgent: row.userAgent,
    before: row.before ?? null,
    after: row.after ?? null,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
