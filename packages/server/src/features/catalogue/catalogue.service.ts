import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, exists, gte, ilike, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import {
  DISPLAY_TIME_ZONE,
  normalizeDecimal,
  tiersOnFailingSide,
  type AddServicePriceBody,
  type CatalogueService,
  type CatalogueServiceDetail,
  type CatalogueServiceListQuery,
  type CatalogueServicePage,
  type CloseServicePriceBody,
  type CreateCatalogueServiceBody,
  type DeductionRule,
  type OrderingMethod,
  type RetireCatalogueServiceBody,
  type ServiceKpi,
  type ServiceKpiBody,
  type ServicePrice,
  type UpdateCatalogueServiceBody,
  type UpdateServiceKpiBody,
} from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { catalogueServices, informationSystems, serviceInformationSystems, serviceKpis, servicePrices } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, forbidden, invalid } from '../../lib/errors.js';
import { dayBefore } from '../agencies/dates.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { likePattern, systemNotFound } from '../information-systems/information-systems.service.js';
import { allowedCatalogueServiceActions, canManageCatalogue } from './catalogue.policy.js';

export type CatalogueServiceRow = typeof catalogueServices.$inferSelect;
export type ServicePriceRow = typeof servicePrices.$inferSelect;
export type ServiceKpiRow = typeof serviceKpis.$inferSelect;

const SORT = { code: catalogueServices.code, name: catalogueServices.name, updatedAt: catalogueServices.updatedAt } as const;

const serviceNotFound = () => new AppError('NOT_FOUND', 'notFound', { thing: 'thingCatalogueService' });
const priceNotFound = () => new AppError('NOT_FOUND', 'notFound', { thing: 'thingServicePrice' });
const kpiNotFound = () => new AppError('NOT_FOUND', 'notFound', { thing: 'thingServiceKpi' });

/** Catalogue events concern the whole province, not one agency. */
const PROVINCE_WIDE = null;

export function presentPrice(row: ServicePriceRow): ServicePrice {
  return {
    id: row.id,
    unitPrice: row.unitPrice,
    validFrom: row.validFrom,
    validTo: row.validTo,
    decisionNumber: row.decisionNumber,
    decisionDate: row.decisionDate,
    decisionIssuer: row.decisionIssuer,
  };
}

export function presentKpi(row: ServiceKpiRow): ServiceKpi {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    unit: row.unit,
    target: normalizeDecimal(row.target),
    direction: row.direction,
    measurement: row.measurement,
    deductionRule: row.deductionRule as DeductionRule,
  };
}

/** Whether two date periods share a day; a null end is open (for ever). */
export function periodsOverlap(a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }): boolean {
  return (a.validTo === null || a.validTo >= b.validFrom) && (b.validTo === null || b.validTo >= a.validFrom);
}

/** The period a new price takes, given the service's prices: the open one that starts earlier ends the day before. */
export function planNewPrice(existing: Pick<ServicePriceRow, 'id' | 'validFrom' | 'validTo' | 'decisionNumber'>[], period: { validFrom: string; validTo: string | null }) {
  const closes = existing.find((price) => price.validTo === null && price.validFrom < period.validFrom) ?? null;
  const after = existing.map((price) => (price === closes ? { ...price, validTo: dayBefore(period.validFrom) } : price));
  const overlapping = after.find((price) => periodsOverlap(price, period)) ?? null;
  return { closes, overlapping };
}

export type CatalogueDeps = { db: Db; clock: Clock; audit: AuditService };

export function createCatalogueService(deps: CatalogueDeps) {
  const { db, clock, audit } = deps;

  /** Today's date in Vietnam: the price shown as current. */
  function today(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE }).format(clock.now());
  }

  async function pricesOn(serviceIds: string[], date: string, tx: Db = db): Promise<Map<string, ServicePriceRow>> {
    if (serviceIds.length === 0) return new Map();
    const found = await tx
      .select()
      .from(servicePrices)
      .where(and(
        inArray(servicePrices.serviceId, serviceIds),
        lte(servicePrices.validFrom, date),
        or(isNull(servicePrices.validTo), gte(servicePrices.validTo, date)),
      ));
    return new Map(found.map((row) => [row.serviceId, row]));
  }

  function present(actor: Actor, row: CatalogueServiceRow, currentPrice: ServicePriceRow | undefined): CatalogueService {
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      unit: row.unit,
      orderingMethods: row.orderingMethods as OrderingMethod[],
      normReference: row.normReference,
      status: row.status,
      currentPrice: currentPrice ? presentPrice(currentPrice) : null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      allowedActions: allowedCatalogueServiceActions(actor, row),
    };
  }

  async function list(actor: Actor, query: CatalogueServiceListQuery): Promise<CatalogueServicePage> {
    const pattern = likePattern(query.q);
    const where = and(
      query.status ? eq(catalogueServices.status, query.status) : undefined,
      query.orderingMethod ? sql`${query.orderingMethod} = any(${catalogueServices.orderingMethods})` : undefined,
      query.informationSystemId
        ? exists(db.select({ one: sql`1` }).from(serviceInformationSystems).where(and(
          eq(serviceInformationSystems.serviceId, catalogueServices.id),
          eq(serviceInformationSystems.informationSystemId, query.informationSystemId),
        )))
        : undefined,
      pattern ? or(ilike(catalogueServices.code, pattern), ilike(catalogueServices.name, pattern)) : undefined,
    );
    const column = SORT[query.sort];
    const [found, [total]] = await Promise.all([
      db.select().from(catalogueServices).where(where)
        .orderBy(query.order === 'desc' ? desc(column) : asc(column), asc(catalogueServices.code), asc(catalogueServices.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      db.select({ n: count() }).from(catalogueServices).where(where),
    ]);
    const prices = await pricesOn(found.map((row) => row.id), today());
    return {
      items: found.map((row) => present(actor, row, prices.get(row.id))),
      total: total?.n ?? 0,
      page: query.page,
      pageSize: query.pageSize,
      canCreate: canManageCatalogue(actor),
      canImport: canManageCatalogue(actor),
    };
  }

  async function findRow(id: string, tx: Db = db): Promise<CatalogueServiceRow | undefined> {
    const [row] = await tx.select().from(catalogueServices).where(eq(catalogueServices.id, id));
    return row;
  }

  async function get(actor: Actor, id: string, tx: Db = db): Promise<CatalogueServiceDetail> {
    const row = await findRow(id, tx);
    if (!row) throw serviceNotFound();
    const [prices, kpis, systems, current] = await Promise.all([
      tx.select().from(servicePrices).where(eq(servicePrices.serviceId, id)).orderBy(asc(servicePrices.validFrom)),
      tx.select().from(serviceKpis).where(eq(serviceKpis.serviceId, id)).orderBy(asc(serviceKpis.code)),
      tx.select({ id: informationSystems.id, code: informationSystems.code, name: informationSystems.name, status: informationSystems.status })
        .from(serviceInformationSystems)
        .innerJoin(informationSystems, eq(informationSystems.id, serviceInformationSystems.informationSystemId))
        .where(eq(serviceInformationSystems.serviceId, id))
        .orderBy(asc(informationSystems.code)),
      pricesOn([id], today(), tx),
    ]);
    return {
      ...present(actor, row, current.get(id)),
      prices: prices.map(presentPrice),
      kpis: kpis.map(presentKpi),
      informationSystems: systems,
    };
  }

  /** The unit price valid on a date (for orders), or null when none is. */
  async function priceOn(serviceId: string, date: string, tx: Db = db): Promise<ServicePrice | null> {
    const row = (await pricesOn([serviceId], date, tx)).get(serviceId);
    return row ? presentPrice(row) : null;
  }

  /** Locks the service for a change: only catalogue managers, never a retired service. */
  async function loadForChange(tx: Db, actor: Actor, id: string): Promise<CatalogueServiceRow> {
    if (!canManageCatalogue(actor)) throw forbidden();
    const [row] = await tx.select().from(catalogueServices).where(eq(catalogueServices.id, id)).for('update');
    if (!row) throw serviceNotFound();
    if (row.status === 'retired') throw new AppError('INVALID_TRANSITION', 'catalogueServiceRetired', { name: row.name });
    return row;
  }

  const record = (tx: Db, source: AuditSource, action: string, entityId: string, before: unknown, after: unknown) =>
    audit.record(tx, source, { action, entityType: 'catalogue_service', entityId, agencyId: PROVINCE_WIDE, before, after });

  // ---- services

  async function create(actor: Actor, body: CreateCatalogueServiceBody, source: AuditSource): Promise<CatalogueServiceDetail> {
    if (!canManageCatalogue(actor)) throw forbidden();
    return withTransaction(db, async (tx) => {
      const [taken] = await tx.select().from(catalogueServices).where(eq(catalogueServices.code, body.code));
      if (taken) {
        throw new AppError('CONFLICT', 'serviceCodeTaken', { code: body.code, name: taken.name }, [
          { path: 'code', key: 'serviceCodeTaken', params: { code: body.code, name: taken.name } },
        ]);
      }
      const now = clock.now();
      const row: CatalogueServiceRow = {
        id: randomUUID(), code: body.code, name: body.name, unit: body.unit, orderingMethods: body.orderingMethods,
        normReference: body.normReference, status: 'active', createdAt: now, updatedAt: now,
      };
      await tx.insert(catalogueServices).values(row);
      await record(tx, source, 'catalogue_service.created', row.id, null, row);
      return get(actor, row.id, tx);
    });
  }

  async function update(actor: Actor, id: string, body: UpdateCatalogueServiceBody, source: AuditSource): Promise<CatalogueServiceDetail> {
    return withTransaction(db, async (tx) => {
      const before = await loadForChange(tx, actor, id);
      const after: CatalogueServiceRow = {
        ...before,
        name: body.name ?? before.name,
        unit: body.unit ?? before.unit,
        orderingMethods: body.orderingMethods ?? before.orderingMethods,
        normReference: body.normReference === undefined ? before.normReference : body.normReference,
        updatedAt: clock.now(),
      };
      await tx.update(catalogueServices).set(after).where(eq(catalogueServices.id, id));
      await record(tx, source, 'catalogue_service.updated', id, before, after);
      return get(actor, id, tx);
    });
  }

  /** A retired service stays on record with its prices (past orders refer to it) but can no longer be ordered or changed. */
  async function retire(actor: Actor, id: string, body: RetireCatalogueServiceBody, source: AuditSource): Promise<CatalogueServiceDetail> {
    return withTransaction(db, async (tx) => {
      const before = await loadForChange(tx, actor, id);
      await tx.update(catalogueServices).set({ status: 'retired', updatedAt: clock.now() }).where(eq(catalogueServices.id, id));
      await record(tx, source, 'catalogue_service.retired', id, { status: before.status }, { status: 'retired', reason: body.reason });
      return get(actor, id, tx);
    });
  }

  // ---- prices

  /**
   * Adds a price period. The open period that started earlier ends the day
   * before the new one starts; any other overlap is refused, naming the
   * decision of the price in the way.
   */
  async function addPrice(actor: Actor, serviceId: string, body: AddServicePriceBody, source: AuditSource): Promise<CatalogueServiceDetail> {
    return withTransaction(db, async (tx) => {
      await loadForChange(tx, actor, serviceId);
      if (body.validTo !== null && body.validTo < body.validFrom) {
        throw invalid('validationFailed', {}, [{ path: 'validTo', key: 'pricePeriodOrder', params: { validFrom: body.validFrom, validTo: body.validTo } }]);
      }
      const existing = await tx.select().from(servicePrices).where(eq(servicePrices.serviceId, serviceId));
      const { closes, overlapping } = planNewPrice(existing, body);
      if (overlapping) {
        const params = { decision: overlapping.decisionNumber, from: overlapping.validFrom, to: overlapping.validTo ?? '…' };
        throw new AppError('CONFLICT', 'pricePeriodOverlap', params, [{ path: 'validFrom', key: 'pricePeriodOverlap', params }]);
      }
      if (closes) {
        await tx.update(servicePrices).set({ validTo: dayBefore(body.validFrom) }).where(eq(servicePrices.id, closes.id));
      }
      const row: ServicePriceRow = { id: randomUUID(), serviceId, ...body };
      await tx.insert(servicePrices).values(row);
      await tx.update(catalogueServices).set({ updatedAt: clock.now() }).where(eq(catalogueServices.id, serviceId));
      await record(tx, source, 'catalogue_price.added', serviceId,
        closes ? { closedPrice: { id: closes.id, validTo: null } } : null,
        { price: row, ...(closes ? { closedPrice: { id: closes.id, validTo: dayBefore(body.validFrom) } } : {}) });
      return get(actor, serviceId, tx);
    });
  }

  /** Ends the open price period on a date (e.g. the decision setting it was repealed). */
  async function closePrice(actor: Actor, serviceId: string, priceId: string, body: CloseServicePriceBody, source: AuditSource): Promise<CatalogueServiceDetail> {
    return withTransaction(db, async (tx) => {
      await loadForChange(tx, actor, serviceId);
      const [price] = await tx.select().from(servicePrices).where(and(eq(servicePrices.id, priceId), eq(servicePrices.serviceId, serviceId)));
      if (!price) throw priceNotFound();
      if (price.validTo !== null) throw new AppError('INVALID_TRANSITION', 'priceAlreadyClosed', { validTo: price.validTo });
      if (body.validTo < price.validFrom) {
        throw invalid('validationFailed', {}, [{ path: 'validTo', key: 'pricePeriodOrder', params: { validFrom: price.validFrom, validTo: body.validTo } }]);
      }
      await tx.update(servicePrices).set({ validTo: body.validTo }).where(eq(servicePrices.id, priceId));
      await tx.update(catalogueServices).set({ updatedAt: clock.now() }).where(eq(catalogueServices.id, serviceId));
      await record(tx, source, 'catalogue_price.closed', serviceId, { price }, { price: { ...price, validTo: body.validTo } });
      return get(actor, serviceId, tx);
    });
  }

  // ---- KPIs

  function checkRule(body: Pick<ServiceKpiBody, 'deductionRule' | 'target' | 'direction'>) {
    if (!tiersOnFailingSide(body.deductionRule, body.target, body.direction)) {
      throw invalid('validationFailed', {}, [{ path: 'deductionRule.tiers', key: 'kpiTierThresholdSide', params: { target: normalizeDecimal(body.target) } }]);
    }
  }

  async function checkKpiCodeFree(tx: Db, serviceId: string, code: string, exceptId: string | null) {
    const [taken] = await tx.select().from(serviceKpis).where(and(eq(serviceKpis.serviceId, serviceId), eq(serviceKpis.code, code)));
    if (taken && taken.id !== exceptId) {
      throw new AppError('CONFLICT', 'kpiCodeTaken', { code }, [{ path: 'code', key: 'kpiCodeTaken', params: { code } }]);
    }
  }

  async function addKpi(actor: Actor, serviceId: string, body: ServiceKpiBody, source: AuditSource): Promise<CatalogueServiceDetail> {
    return withTransaction(db, async (tx) => {
      await loadForChange(tx, actor, serviceId);
      checkRule(body);
      await checkKpiCodeFree(tx, serviceId, body.code, null);
      const row: ServiceKpiRow = { id: randomUUID(), serviceId, ...body, target: normalizeDecimal(body.target) };
      await tx.insert(serviceKpis).values(row);
      await tx.update(catalogueServices).set({ updatedAt: clock.now() }).where(eq(catalogueServices.id, serviceId));
      await record(tx, source, 'catalogue_kpi.added', serviceId, null, { kpi: row });
      return get(actor, serviceId, tx);
    });
  }

  async function loadKpi(tx: Db, serviceId: string, kpiId: string): Promise<ServiceKpiRow> {
    const [kpi] = await tx.select().from(serviceKpis).where(and(eq(serviceKpis.id, kpiId), eq(serviceKpis.serviceId, serviceId)));
    if (!kpi) throw kpiNotFound();
    return kpi;
  }

  async function updateKpi(actor: Actor, serviceId: string, kpiId: string, body: UpdateServiceKpiBody, source: AuditSource): Promise<CatalogueServiceDetail> {
    return withTransaction(db, async (tx) => {
      await loadForChange(tx, actor, serviceId);
      const before = await loadKpi(tx, serviceId, kpiId);
      const after: ServiceKpiRow = {
        ...before,
        ...Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)),
      };
      after.target = normalizeDecimal(after.target);
      checkRule({ deductionRule: after.deductionRule as DeductionRule, target: after.target, direction: after.direction });
      if (after.code !== before.code) await checkKpiCodeFree(tx, serviceId, after.code, kpiId);
      await tx.update(serviceKpis).set(after).where(eq(serviceKpis.id, kpiId));
      await tx.update(catalogueServices).set({ updatedAt: clock.now() }).where(eq(catalogueServices.id, serviceId));
      await record(tx, source, 'catalogue_kpi.updated', serviceId, { kpi: { ...before, target: normalizeDecimal(before.target) } }, { kpi: after });
      return get(actor, serviceId, tx);
    });
  }

  async function removeKpi(actor: Actor, serviceId: string, kpiId: string, source: AuditSource): Promise<CatalogueServiceDetail> {
    return withTransaction(db, async (tx) => {
      await loadForChange(tx, actor, serviceId);
      const before = await loadKpi(tx, serviceId, kpiId);
      await tx.delete(serviceKpis).where(eq(serviceKpis.id, kpiId));
      await tx.update(catalogueServices).set({ updatedAt: clock.now() }).where(eq(catalogueServices.id, serviceId));
      await record(tx, source, 'catalogue_kpi.removed', serviceId, { kpi: { ...before, target: normalizeDecimal(before.target) } }, null);
      return get(actor, serviceId, tx);
    });
  }

  // ---- information systems

  async function linkSystem(actor: Actor, serviceId: string, systemId: string, source: AuditSource): Promise<CatalogueServiceDetail> {
    return withTransaction(db, async (tx) => {
      await loadForChange(tx, actor, serviceId);
      const [system] = await tx.select().from(informationSystems).where(eq(informationSystems.id, systemId));
      if (!system) throw invalid('validationFailed', {}, [{ path: 'informationSystemId', key: 'notFound', params: { thing: 'thingInformationSystem' } }]);
      if (system.status === 'retired') {
        throw invalid('validationFailed', {}, [{ path: 'informationSystemId', key: 'informationSystemRetired', params: { name: system.name } }]);
      }
      const inserted = await tx.insert(serviceInformationSystems).values({ serviceId, informationSystemId: systemId }).onConflictDoNothing().returning();
      if (inserted.length > 0) {
        await record(tx, source, 'catalogue_link.added', serviceId, null, { informationSystem: { id: system.id, code: system.code } });
      }
      return get(actor, serviceId, tx);
    });
  }

  async function unlinkSystem(actor: Actor, serviceId: string, systemId: string, source: AuditSource): Promise<CatalogueServiceDetail> {
    return withTransaction(db, async (tx) => {
      await loadForChange(tx, actor, serviceId);
      const removed = await tx
        .delete(serviceInformationSystems)
        .where(and(eq(serviceInformationSystems.serviceId, serviceId), eq(serviceInformationSystems.informationSystemId, systemId)))
        .returning();
      if (removed.length === 0) {
        if (!(await tx.select().from(informationSystems).where(eq(informationSystems.id, systemId))).length) throw systemNotFound();
        throw new AppError('NOT_FOUND', 'systemNotLinked');
      }
      await record(tx, source, 'catalogue_link.removed', serviceId, { informationSystemId: systemId }, null);
      return get(actor, serviceId, tx);
    });
  }

  return {
    list, get, findRow, priceOn, create, update, retire, addPrice, closePrice, addKpi, updateKpi, removeKpi, linkSystem, unlinkSystem, today,
  };
}

export type CatalogueServiceApi = ReturnType<typeof createCatalogueService>;
