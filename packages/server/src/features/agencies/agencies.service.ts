import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, exists, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import {
  checkAgencyCode,
  type Agency,
  type AgencyCodeLookup,
  type AgencyDetail,
  type AgencyListQuery,
  type AgencyPage,
  type AgencyRef,
  type ChangeAgencyCodeBody,
  type CloseAgencyBody,
  type CreateAgencyBody,
  type UpdateAgencyBody,
} from '@nghiemthu/shared';
import { alias } from 'drizzle-orm/pg-core';
import { rows, withTransaction, type Db } from '../../db/client.js';
import { agencies, agencyCodes } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, forbidden, invalid, notFound } from '../../lib/errors.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import type { TasksService } from '../tasks/tasks.service.js';
import { allowedAgencyActions, canCreateAgencyUnder } from './agencies.policy.js';
import type { AgencyScope, ScopeService } from './agency-scope.js';
import { dayBefore } from './dates.js';

export type AgencyRow = typeof agencies.$inferSelect;

const SORT = {
  code: agencies.code,
  name: agencies.name,
  type: agencies.type,
  validFrom: agencies.validFrom,
  updatedAt: agencies.updatedAt,
} as const;

const parentTable = alias(agencies, 'parent');
const successorTable = alias(agencies, 'successor');

function ref(row: Pick<AgencyRow, 'id' | 'code' | 'name' | 'shortName'>): AgencyRef {
  return { id: row.id, code: row.code, name: row.name, shortName: row.shortName };
}

export type AgenciesDeps = { db: Db; clock: Clock; audit: AuditService; scope: ScopeService; tasks: TasksService };

export function createAgenciesService(deps: AgenciesDeps) {
  const { db, clock, audit, scope } = deps;

  /** The reach used for deciding what an actor may change (not what they may read: everyone reads the registry). */
  async function changeReach(actor: Actor): Promise<AgencyScope> {
    return actor.roles.includes('system_admin') ? { kind: 'all' } : { kind: 'agencies', agencyIds: await scope.reachOf(actor.agencyId) };
  }

  function present(actor: Actor, reach: AgencyScope, row: AgencyRow, parent: AgencyRow | null, successor: AgencyRow | null): Agency {
    return {
      id: row.id,
      code: row.code,
      codeScheme: row.codeScheme,
      name: row.name,
      shortName: row.shortName,
      type: row.type,
      status: row.status,
      parent: parent ? ref(parent) : null,
      successor: successor ? ref(successor) : null,
      validFrom: row.validFrom,
      validTo: row.validTo,
      closingReason: row.closingReason,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      allowedActions: allowedAgencyActions(actor, row, reach),
    };
  }

  function selectWithRelations(tx: Db = db) {
    return tx
      .select({ agency: agencies, parent: parentTable, successor: successorTable })
      .from(agencies)
      .leftJoin(parentTable, eq(parentTable.id, agencies.parentId))
      .leftJoin(successorTable, eq(successorTable.id, agencies.successorId));
  }

  async function list(actor: Actor, query: AgencyListQuery): Promise<AgencyPage> {
    const q = query.q?.normalize('NFC');
    const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = and(
      query.type ? eq(agencies.type, query.type) : undefined,
      query.status ? eq(agencies.status, query.status) : undefined,
      query.parentId ? eq(agencies.parentId, query.parentId) : undefined,
      pattern
        ? or(
            ilike(agencies.name, pattern),
            ilike(agencies.shortName, pattern),
            ilike(agencies.code, pattern),
            // Old codes find the agency too.
            exists(db.select({ one: sql`1` }).from(agencyCodes).where(and(eq(agencyCodes.agencyId, agencies.id), ilike(agencyCodes.code, pattern)))),
          )
        : undefined,
    );
    const column = SORT[query.sort];
    const [rows, [total], reach] = await Promise.all([
      selectWithRelations()
        .where(where)
        .orderBy(query.order === 'desc' ? desc(column) : asc(column), asc(agencies.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      db.select({ n: count() }).from(agencies).where(where),
      changeReach(actor),
    ]);
    return {
      items: rows.map((row) => present(actor, reach, row.agency, row.parent, row.successor)),
      total: total?.n ?? 0,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async function findRow(id: string, tx: Db = db): Promise<AgencyRow | undefined> {
    const [row] = await tx.select().from(agencies).where(eq(agencies.id, id));
    return row;
  }

  async function getRow(id: string, tx: Db = db): Promise<AgencyRow> {
    const row = await findRow(id, tx);
    if (!row) throw notFound('thingAgency');
    return row;
  }

  async function presentOne(actor: Actor, id: string, tx: Db = db): Promise<Agency> {
    const [row] = await selectWithRelations(tx).where(eq(agencies.id, id));
    if (!row) throw notFound('thingAgency');
    return present(actor, await changeReach(actor), row.agency, row.parent, row.successor);
  }

  async function get(actor: Actor, id: string): Promise<AgencyDetail> {
    const agency = await presentOne(actor, id);
    const [history, children, predecessors] = await Promise.all([
      db.select().from(agencyCodes).where(eq(agencyCodes.agencyId, id)).orderBy(asc(agencyCodes.validFrom)),
      db
        .select()
        .from(agencies)
        .where(and(eq(agencies.parentId, id), eq(agencies.status, 'active')))
        .orderBy(asc(agencies.code)),
      rows<{ id: string; code: string; name: string; short_name: string; valid_to: string | null }>(db, sql`
        with recursive merged(id) as (
          select id from agencies where successor_id = ${id}
          union
          select a.id from agencies a join merged m on a.successor_id = m.id
        )
        select a.id, a.code, a.name, a.short_name, a.valid_to::text as valid_to
        from agencies a join merged m on m.id = a.id
        order by a.valid_to desc nulls first, a.code`),
    ]);
    return {
      ...agency,
      codeHistory: history.map((h) => ({ code: h.code, scheme: h.scheme, validFrom: h.validFrom, validTo: h.validTo, reason: h.reason })),
      children: children.map(ref),
      predecessors: predecessors.map((p) => ({ id: p.id, code: p.code, name: p.name, shortName: p.short_name, validTo: p.valid_to })),
    };
  }

  /** Finds who carried a code, current or old, and who answers for it today (following mergers). */
  async function lookupCode(rawCode: string): Promise<AgencyCodeLookup> {
    const check = checkAgencyCode(rawCode);
    if (!check.isValid) throw invalid(check.problem, {}, [{ path: 'code', key: check.problem }]);
    const [held] = await db.select({ agencyId: agencyCodes.agencyId }).from(agencyCodes).where(eq(agencyCodes.code, check.code));
    if (!held) throw notFound('thingAgency');
    const path: AgencyRow[] = [await getRow(held.agencyId)];
    for (let current = path[0]!; current.successorId && path.length < 50; ) {
      current = await getRow(current.successorId);
      path.push(current);
    }
    return { code: check.code, heldBy: ref(path[0]!), current: ref(path.at(-1)!), path: path.map(ref) };
  }

  /** Validates a code's form and that no agency carries or carried it. */
  async function claimableCode(tx: Db, rawCode: string) {
    const check = checkAgencyCode(rawCode);
    if (!check.isValid) throw invalid('validationFailed', {}, [{ path: 'code', key: check.problem }]);
    const [holder] = await tx
      .select({ name: agencies.name })
      .from(agencyCodes)
      .innerJoin(agencies, eq(agencies.id, agencyCodes.agencyId))
      .where(eq(agencyCodes.code, check.code));
    if (holder) {
      throw new AppError('CONFLICT', 'codeTaken', { code: check.code, holder: holder.name }, [
        { path: 'code', key: 'codeTaken', params: { code: check.code, holder: holder.name } },
      ]);
    }
    return check;
  }

  /** A parent must exist, be active, and not sit under the agency itself. */
  async function checkParent(tx: Db, parentId: string | null, selfId: string | null) {
    if (parentId === null) return null;
    const parent = await findRow(parentId, tx);
    if (!parent) throw invalid('validationFailed', {}, [{ path: 'parentId', key: 'parentNotFound' }]);
    if (parent.status === 'closed') throw invalid('validationFailed', {}, [{ path: 'parentId', key: 'parentClosed', params: { name: parent.name } }]);
    if (selfId) {
      const below = await rows<{ id: string }>(tx, sql`
        with recursive below(id) as (
          select id from agencies where id = ${selfId}
          union
          select a.id from agencies a join below b on a.parent_id = b.id
        ) select id from below where id = ${parentId}`);
      if (below.length > 0) throw invalid('validationFailed', {}, [{ path: 'parentId', key: 'parentCycle' }]);
    }
    return parent;
  }

  async function create(actor: Actor, body: CreateAgencyBody, source: AuditSource): Promise<Agency> {
    if (!canCreateAgencyUnder(actor, body.parentId, await changeReach(actor))) throw forbidden();
    return withTransaction(db, async (tx) => {
      const check = await claimableCode(tx, body.code);
      await checkParent(tx, body.parentId, null);
      const now = clock.now();
      const row: AgencyRow = {
        id: randomUUID(),
        code: check.code,
        codeScheme: check.scheme,
        name: body.name.normalize('NFC'),
        shortName: body.shortName,
        type: body.type,
        status: 'active',
        parentId: body.parentId,
        successorId: null,
        validFrom: body.validFrom,
        validTo: null,
        closingReason: null,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insert(agencies).values(row);
      await tx.insert(agencyCodes).values({
        id: randomUUID(), agencyId: row.id, code: row.code, scheme: row.codeScheme, validFrom: row.validFrom, validTo: null, reason: null,
      });
      await audit.record(tx, source, { action: 'agency.created', entityType: 'agency', entityId: row.id, agencyId: row.id, after: row });
      return presentOne(actor, row.id, tx);
    });
  }

  /** Loads an agency for a change and checks the action is allowed on it. */
  async function loadForChange(tx: Db, actor: Actor, id: string, action: Agency['allowedActions'][number]) {
    const row = await tx.select().from(agencies).where(eq(agencies.id, id)).for('update');
    const agency = row[0];
    if (!agency) throw notFound('thingAgency');
    if (agency.status === 'closed') {
      throw new AppError('INVALID_TRANSITION', 'agencyClosed', { name: agency.name, date: agency.validTo ?? '' });
    }
    if (!allowedAgencyActions(actor, agency, await changeReach(actor)).includes(action)) throw forbidden();
    return agency;
  }

  async function update(actor: Actor, id: string, body: UpdateAgencyBody, source: AuditSource): Promise<Agency> {
    return withTransaction(db, async (tx) => {
      const before = await loadForChange(tx, actor, id, 'update');
      if (body.parentId !== undefined && body.parentId !== before.parentId) {
        await checkParent(tx, body.parentId, id);
        // Moving a unit is a change of the parent's reach too: an agency admin may only move within theirs.
        if (!canCreateAgencyUnder(actor, body.parentId, await changeReach(actor))) throw forbidden();
      }
      const after: AgencyRow = {
        ...before,
        name: body.name?.normalize('NFC') ?? before.name,
        shortName: body.shortName ?? before.shortName,
        type: body.type ?? before.type,
        parentId: body.parentId === undefined ? before.parentId : body.parentId,
        updatedAt: clock.now(),
      };
      await tx.update(agencies).set(after).where(eq(agencies.id, id));
      await audit.record(tx, source, { action: 'agency.updated', entityType: 'agency', entityId: id, agencyId: id, before, after });
      return presentOne(actor, id, tx);
    });
  }

  /**
   * Closes an agency. With a successor this is a merger: active units move
   * under the successor, and everything filed under the closed agency is
   * reached through the successor from now on (see agency-scope.ts).
   */
  async function close(actor: Actor, id: string, body: CloseAgencyBody, source: AuditSource): Promise<Agency> {
    return withTransaction(db, async (tx) => {
      const before = await loadForChange(tx, actor, id, 'close');
      if (body.validTo < before.validFrom) {
        throw invalid('validationFailed', {}, [{ path: 'validTo', key: 'closeBeforeOpen', params: { validTo: body.validTo, validFrom: before.validFrom } }]);
      }
      let successor: AgencyRow | null = null;
      if (body.successorId) {
        if (body.successorId === id) throw invalid('validationFailed', {}, [{ path: 'successorId', key: 'successorSelf' }]);
        successor = (await findRow(body.successorId, tx)) ?? null;
        if (!successor) throw invalid('validationFailed', {}, [{ path: 'successorId', key: 'agencyNotFound' }]);
        if (successor.status === 'closed') {
          throw invalid('validationFailed', {}, [{ path: 'successorId', key: 'successorClosed', params: { name: successor.name } }]);
        }
      }
      const children = await tx
        .select()
        .from(agencies)
        .where(and(eq(agencies.parentId, id), eq(agencies.status, 'active')));
      if (children.length > 0 && !successor) {
        throw invalid('validationFailed', {}, [{ path: 'successorId', key: 'closeWithChildren', params: { count: children.length } }]);
      }
      const now = clock.now();
      const after: AgencyRow = {
        ...before, status: 'closed', validTo: body.validTo, successorId: successor?.id ?? null, closingReason: body.reason, updatedAt: now,
      };
      await tx.update(agencies).set(after).where(eq(agencies.id, id));
      await tx
        .update(agencyCodes)
        .set({ validTo: body.validTo })
        .where(and(eq(agencyCodes.agencyId, id), isNull(agencyCodes.validTo)));
      await audit.record(tx, source, {
        action: successor ? 'agency.merged' : 'agency.closed', entityType: 'agency', entityId: id, agencyId: id, before, after,
      });
      for (const child of children) {
        await tx.update(agencies).set({ parentId: successor!.id, updatedAt: now }).where(eq(agencies.id, child.id));
        await audit.record(tx, source, {
          action: 'agency.updated', entityType: 'agency', entityId: child.id, agencyId: child.id,
          before: { parentId: child.parentId }, after: { parentId: successor!.id, reason: 'predecessorMerged' },
        });
      }
      return presentOne(actor, id, tx);
    });
  }

  /** Gives an agency a new code (e.g. after a province merger); the old code stays in its history and keeps finding it. */
  async function changeCode(actor: Actor, id: string, body: ChangeAgencyCodeBody, source: AuditSource): Promise<Agency> {
    return withTransaction(db, async (tx) => {
      const before = await loadForChange(tx, actor, id, 'changeCode');
      const [current] = await tx
        .select()
        .from(agencyCodes)
        .where(and(eq(agencyCodes.agencyId, id), isNull(agencyCodes.validTo)));
      if (checkAgencyCode(body.code).code === before.code) throw invalid('validationFailed', {}, [{ path: 'code', key: 'codeUnchanged' }]);
      if (current && body.validFrom <= current.validFrom) {
        throw invalid('validationFailed', {}, [{ path: 'validFrom', key: 'codeChangeBeforeCurrent', params: { date: current.validFrom } }]);
      }
      const check = await claimableCode(tx, body.code);
      if (current) await tx.update(agencyCodes).set({ validTo: dayBefore(body.validFrom) }).where(eq(agencyCodes.id, current.id));
      await tx.insert(agencyCodes).values({
        id: randomUUID(), agencyId: id, code: check.code, scheme: check.scheme, validFrom: body.validFrom, validTo: null, reason: body.reason,
      });
      const after: AgencyRow = { ...before, code: check.code, codeScheme: check.scheme, updatedAt: clock.now() };
      await tx.update(agencies).set(after).where(eq(agencies.id, id));
      await audit.record(tx, source, {
        action: 'agency.code_changed', entityType: 'agency', entityId: id, agencyId: id,
        before: { code: before.code }, after: { code: check.code, validFrom: body.validFrom, reason: body.reason },
      });
      return presentOne(actor, id, tx);
    });
  }

  async function findByCode(code: string, tx: Db = db): Promise<AgencyRow | undefined> {
    const [row] = await tx.select().from(agencies).where(eq(agencies.code, code));
    return row;
  }

  async function idsByCodes(codes: string[], tx: Db = db) {
    if (codes.length === 0) return new Map<string, string>();
    const rows = await tx.select({ id: agencies.id, code: agencies.code }).from(agencies).where(inArray(agencies.code, codes));
    return new Map(rows.map((row) => [row.code, row.id]));
  }

  return { list, get, lookupCode, create, update, close, changeCode, findRow, findByCode, idsByCodes, changeReach };
}

export type AgenciesService = ReturnType<typeof createAgenciesService>;
