import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, ilike, inArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  AgencyRef,
  CreateInformationSystemBody,
  InformationSystem,
  InformationSystemDetail,
  InformationSystemListQuery,
  InformationSystemPage,
  RetireInformationSystemBody,
  SystemComponent,
  UpdateInformationSystemBody,
} from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { agencies, catalogueServices, informationSystems, serviceInformationSystems } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, forbidden, invalid } from '../../lib/errors.js';
import type { AgencyScope, ScopeService } from '../agencies/agency-scope.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { hasRole, type Actor } from '../auth/actor.js';
import { allowedInformationSystemActions, canCreateInformationSystems, canManageSystemsOf } from './information-systems.policy.js';

export type InformationSystemRow = typeof informationSystems.$inferSelect;
type AgencyRow = typeof agencies.$inferSelect;

const SORT = {
  code: informationSystems.code,
  name: informationSystems.name,
  securityLevel: informationSystems.securityLevel,
  updatedAt: informationSystems.updatedAt,
} as const;

const ownerTable = alias(agencies, 'owner');
const operatorTable = alias(agencies, 'operator');

const ref = (row: AgencyRow): AgencyRef => ({ id: row.id, code: row.code, name: row.name, shortName: row.shortName });

export const systemNotFound = () => new AppError('NOT_FOUND', 'notFound', { thing: 'thingInformationSystem' });

/** `LIKE` pattern for a search box: the user's % and _ match themselves. */
export function likePattern(q: string | undefined): string | null {
  const text = q?.normalize('NFC');
  return text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
}

export type InformationSystemsDeps = { db: Db; clock: Clock; audit: AuditService; scope: ScopeService };

export function createInformationSystemsService(deps: InformationSystemsDeps) {
  const { db, clock, audit, scope } = deps;

  /** Where the actor may change systems: everywhere, or the owners in their agency's reach. */
  async function changeReach(actor: Actor): Promise<AgencyScope> {
    return hasRole(actor, 'system_admin') ? { kind: 'all' } : { kind: 'agencies', agencyIds: await scope.reachOf(actor.agencyId) };
  }

  function present(actor: Actor, reach: AgencyScope, row: InformationSystemRow, owner: AgencyRow, operator: AgencyRow | null): InformationSystem {
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      description: row.description,
      owner: ref(owner),
      operator: operator ? ref(operator) : null,
      securityLevel: row.securityLevel,
      securityDecisionNumber: row.securityDecisionNumber,
      securityDecisionDate: row.securityDecisionDate,
      components: row.components as SystemComponent[],
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      allowedActions: allowedInformationSystemActions(actor, row, reach),
    };
  }

  function selectWithAgencies(tx: Db = db) {
    return tx
      .select({ system: informationSystems, owner: ownerTable, operator: operatorTable })
      .from(informationSystems)
      .innerJoin(ownerTable, eq(ownerTable.id, informationSystems.ownerAgencyId))
      .leftJoin(operatorTable, eq(operatorTable.id, informationSystems.operatorAgencyId));
  }

  async function list(actor: Actor, query: InformationSystemListQuery): Promise<InformationSystemPage> {
    const pattern = likePattern(query.q);
    const where = and(
      query.ownerAgencyId ? eq(informationSystems.ownerAgencyId, query.ownerAgencyId) : undefined,
      query.status ? eq(informationSystems.status, query.status) : undefined,
      query.securityLevel ? eq(informationSystems.securityLevel, query.securityLevel) : undefined,
      pattern ? or(ilike(informationSystems.code, pattern), ilike(informationSystems.name, pattern)) : undefined,
    );
    const column = SORT[query.sort];
    const [found, [total], reach] = await Promise.all([
      selectWithAgencies()
        .where(where)
        .orderBy(query.order === 'desc' ? desc(column) : asc(column), asc(informationSystems.code), asc(informationSystems.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      db.select({ n: count() }).from(informationSystems).where(where),
      changeReach(actor),
    ]);
    return {
      items: found.map((row) => present(actor, reach, row.system, row.owner, row.operator)),
      total: total?.n ?? 0,
      page: query.page,
      pageSize: query.pageSize,
      canCreate: canCreateInformationSystems(actor),
    };
  }

  async function presentOne(actor: Actor, id: string, tx: Db = db): Promise<InformationSystem> {
    const [row] = await selectWithAgencies(tx).where(eq(informationSystems.id, id));
    if (!row) throw systemNotFound();
    return present(actor, await changeReach(actor), row.system, row.owner, row.operator);
  }

  async function get(actor: Actor, id: string): Promise<InformationSystemDetail> {
    const system = await presentOne(actor, id);
    const services = await db
      .select({ id: catalogueServices.id, code: catalogueServices.code, name: catalogueServices.name, status: catalogueServices.status })
      .from(serviceInformationSystems)
      .innerJoin(catalogueServices, eq(catalogueServices.id, serviceInformationSystems.serviceId))
      .where(eq(serviceInformationSystems.informationSystemId, id))
      .orderBy(asc(catalogueServices.code));
    return { ...system, services };
  }

  async function findRow(id: string, tx: Db = db): Promise<InformationSystemRow | undefined> {
    const [row] = await tx.select().from(informationSystems).where(eq(informationSystems.id, id));
    return row;
  }

  async function rowsByCodes(codes: string[], tx: Db = db): Promise<InformationSystemRow[]> {
    if (codes.length === 0) return [];
    return tx.select().from(informationSystems).where(inArray(informationSystems.code, codes));
  }

  /** Owner and operator must be agencies that exist and are still active. */
  async function checkAgency(tx: Db, path: 'ownerAgencyId' | 'operatorAgencyId', id: string | null) {
    if (id === null) return;
    const [agency] = await tx.select().from(agencies).where(eq(agencies.id, id));
    if (!agency) throw invalid('validationFailed', {}, [{ path, key: 'agencyNotFound' }]);
    if (agency.status === 'closed') throw invalid('validationFailed', {}, [{ path, key: 'systemAgencyClosed', params: { name: agency.name } }]);
  }

  async function create(actor: Actor, body: CreateInformationSystemBody, source: AuditSource): Promise<InformationSystem> {
    if (!canManageSystemsOf(actor, body.ownerAgencyId, await changeReach(actor))) throw forbidden();
    return withTransaction(db, async (tx) => {
      const [taken] = await tx.select().from(informationSystems).where(eq(informationSystems.code, body.code));
      if (taken) {
        throw new AppError('CONFLICT', 'systemCodeTaken', { code: body.code, name: taken.name }, [
          { path: 'code', key: 'systemCodeTaken', params: { code: body.code, name: taken.name } },
        ]);
      }
      await checkAgency(tx, 'ownerAgencyId', body.ownerAgencyId);
      await checkAgency(tx, 'operatorAgencyId', body.operatorAgencyId);
      const now = clock.now();
      const row: InformationSystemRow = {
        id: randomUUID(),
        code: body.code,
        name: body.name,
        description: body.description,
        ownerAgencyId: body.ownerAgencyId,
        operatorAgencyId: body.operatorAgencyId,
        securityLevel: body.securityLevel,
        securityDecisionNumber: body.securityDecisionNumber,
        securityDecisionDate: body.securityDecisionDate,
        components: body.components,
        status: 'active',
        createdAt: now,
        updatedAt: now,
      };
      await tx.insert(informationSystems).values(row);
      await audit.record(tx, source, {
        action: 'information_system.created', entityType: 'information_system', entityId: row.id, agencyId: row.ownerAgencyId, after: row,
      });
      return presentOne(actor, row.id, tx);
    });
  }

  async function loadForChange(tx: Db, actor: Actor, id: string, action: InformationSystem['allowedActions'][number]) {
    const [row] = await tx.select().from(informationSystems).where(eq(informationSystems.id, id)).for('update');
    if (!row) throw systemNotFound();
    if (row.status === 'retired') throw new AppError('INVALID_TRANSITION', 'informationSystemRetired', { name: row.name });
    if (!allowedInformationSystemActions(actor, row, await changeReach(actor)).includes(action)) throw forbidden();
    return row;
  }

  async function update(actor: Actor, id: string, body: UpdateInformationSystemBody, source: AuditSource): Promise<InformationSystem> {
    return withTransaction(db, async (tx) => {
      const before = await loadForChange(tx, actor, id, 'update');
      if (body.ownerAgencyId !== undefined && body.ownerAgencyId !== before.ownerAgencyId) {
        // Handing a system to another owner needs rights over the new owner too.
        if (!canManageSystemsOf(actor, body.ownerAgencyId, await changeReach(actor))) throw forbidden();
        await checkAgency(tx, 'ownerAgencyId', body.ownerAgencyId);
      }
      if (body.operatorAgencyId !== undefined && body.operatorAgencyId !== before.operatorAgencyId) {
        await checkAgency(tx, 'operatorAgencyId', body.operatorAgencyId);
      }
      const after: InformationSystemRow = {
        ...before,
        ...Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)),
        updatedAt: clock.now(),
      };
      await tx.update(informationSystems).set(after).where(eq(informationSystems.id, id));
      await audit.record(tx, source, {
        action: 'information_system.updated', entityType: 'information_system', entityId: id, agencyId: after.ownerAgencyId, before, after,
      });
      return presentOne(actor, id, tx);
    });
  }

  /** Retired systems stay on record (past orders name them) but cannot change or gain services. */
  async function retire(actor: Actor, id: string, body: RetireInformationSystemBody, source: AuditSource): Promise<InformationSystem> {
    return withTransaction(db, async (tx) => {
      const before = await loadForChange(tx, actor, id, 'retire');
      const after: InformationSystemRow = { ...before, status: 'retired', updatedAt: clock.now() };
      await tx.update(informationSystems).set(after).where(eq(informationSystems.id, id));
      await audit.record(tx, source, {
        action: 'information_system.retired', entityType: 'information_system', entityId: id, agencyId: before.ownerAgencyId,
        before: { status: before.status }, after: { status: after.status, reason: body.reason },
      });
      return presentOne(actor, id, tx);
    });
  }

  return { list, get, create, update, retire, findRow, rowsByCodes };
}

export type InformationSystemsService = ReturnType<typeof createInformationSystemsService>;
