import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import {
  AddServicePriceBody,
  CATALOGUE_SERVICE_STATUSES,
  CATALOGUE_SHEETS,
  CreateCatalogueServiceBody,
  DISPLAY_TIME_ZONE,
  DecimalString,
  DeductionRule,
  KPI_DIRECTIONS,
  ORDERING_METHODS,
  ServiceKpiBody,
  isMessageKey,
  normalizeDecimal,
  tiersOnFailingSide,
  translate,
  type CatalogueImportResult,
  type CatalogueSheet,
  type ErrorDetail,
  type KpiDirection,
  type Language,
  type MessageKey,
  type MessageParams,
  type OrderingMethod,
  type Role,
  type Task,
} from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { catalogueServices, files as filesTable, informationSystems, serviceInformationSystems, serviceKpis, servicePrices, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, forbidden, invalid, localizeParams, notFound } from '../../lib/errors.js';
import { dayBefore } from '../agencies/dates.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import type { BlobStore } from '../files/blob-store.js';
import type { createFilesService } from '../files/files.service.js';
import type { TasksService } from '../tasks/tasks.service.js';
import type { TaskContext } from '../tasks/tasks.worker.js';
import { canManageCatalogue } from './catalogue.policy.js';
import { planNewPrice, presentKpi, type CatalogueServiceApi, type CatalogueServiceRow, type ServiceKpiRow, type ServicePriceRow } from './catalogue.service.js';

/**
 * Export and import of the service catalogue as one .xlsx workbook
 * (docs/catalogue-import.md). Sheets and their header rows (CATALOGUE_SHEETS):
 *
 *   services       code | name | unit | orderingMethods | normReference | status
 *                  orderingMethods: comma-separated assignment, ordering, tendering; status active | retired
 *   prices         serviceCode | unitPrice | validFrom | validTo | decisionNumber | decisionDate | decisionIssuer
 *                  unitPrice in whole VND; dates yyyy-MM-dd or dd/MM/yyyy; a price is keyed by serviceCode + validFrom
 *   kpis           serviceCode | code | name | unit | target | direction | measurement | deductionRule
 *                  target a decimal with a dot ("99.5"); direction at_least | at_most; deductionRule JSON
 *                  ({"kind":"none"}, {"kind":"per_unit",…}, {"kind":"tiers",…})
 *   systems-links  serviceCode | systemCode
 *
 * An import adds and updates; it never deletes (a row missing from the file
 * leaves its price, KPI or link as it is). Issued prices are not edited: only
 * an end date may be added to the open one. Every row of every sheet is
 * checked before anything is written; then everything is applied in one
 * transaction through the catalogue service, with its rules and audit events.
 */

export const CATALOGUE_IMPORT_TASK_KIND = 'catalogue.import';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEET_NAMES = Object.keys(CATALOGUE_SHEETS) as CatalogueSheet[];
const REQUIRED: { [S in CatalogueSheet]: readonly (typeof CATALOGUE_SHEETS)[S][number][] } = {
  services: ['code', 'name', 'unit', 'orderingMethods'],
  prices: ['serviceCode', 'unitPrice', 'validFrom', 'decisionNumber', 'decisionDate', 'decisionIssuer'],
  kpis: ['serviceCode', 'code', 'name', 'unit', 'target', 'direction', 'measurement', 'deductionRule'],
  'systems-links': ['serviceCode', 'systemCode'],
};
const WIDTHS: Record<string, number> = {
  code: 18, name: 60, unit: 18, orderingMethods: 28, normReference: 50, status: 10, serviceCode: 18, unitPrice: 16, validFrom: 12,
  validTo: 12, decisionNumber: 30, decisionDate: 12, decisionIssuer: 40, target: 10, direction: 10, measurement: 50, deductionRule: 70, systemCode: 18,
};
const MAX_LISTED_ERRORS = 500;
/** A catalogue has tens or hundreds of services; far more rows is the wrong file. */
const MAX_ROWS_PER_SHEET = 20_000;

const ImportParams = z.object({ fileId: z.uuid() });

type Cell = string | number | Date | null;
type SheetRow = { row: number; cells: Record<string, Cell> };
type Workbook = Record<CatalogueSheet, SheetRow[]>;
type RowError = { sheet: CatalogueSheet; row: number; column: string; key: MessageKey; params?: MessageParams };

type ServiceDraft = { row: number; code: string; name: string; unit: string; orderingMethods: OrderingMethod[]; normReference: string | null; status: 'active' | 'retired' };
type PriceDraft = { row: number; serviceCode: string } & AddServicePriceBody;
type KpiDraft = { row: number; serviceCode: string } & ServiceKpiBody;
type LinkDraft = { row: number; serviceCode: string; systemCode: string };

type Catalogue = {
  services: Map<string, CatalogueServiceRow>;
  prices: Map<string, ServicePriceRow[]>;
  kpis: Map<string, ServiceKpiRow[]>;
  links: Set<string>;
  systems: Map<string, typeof informationSystems.$inferSelect>;
};

type Plan = {
  createServices: ServiceDraft[];
  updateServices: { draft: ServiceDraft; id: string }[];
  retireServices: ServiceDraft[];
  closePrices: { draft: PriceDraft; serviceId: string; priceId: string }[];
  addPrices: PriceDraft[];
  createKpis: KpiDraft[];
  updateKpis: { draft: KpiDraft; serviceId: string; kpiId: string }[];
  addLinks: LinkDraft[];
  result: CatalogueImportResult;
};

export type CatalogueTransferDeps = {
  db: Db;
  clock: Clock;
  audit: AuditService;
  tasks: TasksService;
  files: Pick<ReturnType<typeof createFilesService>, 'upload' | 'findRow'>;
  storage: BlobStore;
  catalogue: CatalogueServiceApi;
};

export function createCatalogueTransferService(deps: CatalogueTransferDeps) {
  const { db, clock, audit, tasks, files, storage, catalogue } = deps;

  async function loadCatalogue(): Promise<Catalogue> {
    const [services, prices, kpis, links, systems] = await Promise.all([
      db.select().from(catalogueServices),
      db.select().from(servicePrices),
      db.select().from(serviceKpis),
      db.select().from(serviceInformationSystems),
      db.select().from(informationSystems),
    ]);
    const group = <T extends { serviceId: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const row of rows) map.set(row.serviceId, [...(map.get(row.serviceId) ?? []), row]);
      return map;
    };
    return {
      services: new Map(services.map((row) => [row.code, row])),
      prices: group(prices),
      kpis: group(kpis),
      links: new Set(links.map((link) => `${link.serviceId}|${link.informationSystemId}`)),
      systems: new Map(systems.map((row) => [row.code, row])),
    };
  }

  // ---- export

  async function exportCatalogue(source: AuditSource) {
    const current = await loadCatalogue();
    const byCode = [...current.services.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
    const systemCodeOf = new Map([...current.systems.values()].map((system) => [system.id, system.code]));
    const sheets: Record<CatalogueSheet, Record<string, string | number | null>[]> = { services: [], prices: [], kpis: [], 'systems-links': [] };
    for (const service of byCode) {
      sheets.services.push({
        code: service.code, name: service.name, unit: service.unit, orderingMethods: service.orderingMethods.join(', '),
        normReference: service.normReference, status: service.status,
      });
      for (const price of [...(current.prices.get(service.id) ?? [])].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))) {
        sheets.prices.push({
          serviceCode: service.code, unitPrice: price.unitPrice, validFrom: price.validFrom, validTo: price.validTo,
          decisionNumber: price.decisionNumber, decisionDate: price.decisionDate, decisionIssuer: price.decisionIssuer,
        });
      }
      for (const kpi of [...(current.kpis.get(service.id) ?? [])].sort((a, b) => (a.code < b.code ? -1 : 1)).map(presentKpi)) {
        sheets.kpis.push({
          serviceCode: service.code, code: kpi.code, name: kpi.name, unit: kpi.unit, target: kpi.target, direction: kpi.direction,
          measurement: kpi.measurement, deductionRule: canonicalJson(kpi.deductionRule),
        });
      }
      const linked = [...current.links].filter((key) => key.startsWith(`${service.id}|`)).map((key) => systemCodeOf.get(key.split('|')[1]!)!).sort();
      for (const systemCode of linked) sheets['systems-links'].push({ serviceCode: service.code, systemCode });
    }
    await audit.record(db, source, {
      action: 'catalogue.exported', entityType: 'catalogue_service', agencyId: null,
      after: Object.fromEntries(SHEET_NAMES.map((name) => [name, sheets[name].length])),
    });
    return { fileName: `danh-muc-dich-vu-${localDate(clock.now())}.xlsx`, mediaType: XLSX, body: await writeWorkbook(sheets) };
  }

  // ---- import: start

  async function startImport(actor: Actor, upload: { stream: Readable; fileName: string }, source: AuditSource, language: Language): Promise<Task> {
    if (!canManageCatalogue(actor)) throw forbidden();
    const extension = path.extname(upload.fileName).toLowerCase();
    if (extension !== '.xlsx') {
      upload.stream.resume();
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'fileTypeRefused', { type: extension || upload.fileName, allowed: '.xlsx' });
    }
    const file = await files.upload(actor, upload, source);
    const taskId = await withTransaction(db, async (tx) => {
      const id = await tasks.create(tx, { kind: CATALOGUE_IMPORT_TASK_KIND, params: { fileId: file.id }, actor, language });
      await audit.record(tx, source, {
        action: 'catalogue.import_started', entityType: 'task', entityId: id, agencyId: null,
        after: { fileId: file.id, fileName: file.fileName, sha256: file.sha256 },
      });
      return id;
    });
    await tasks.send(taskId);
    return tasks.getForActor(actor, taskId);
  }

  // ---- import: run (in the worker)

  /** Reads and checks every row of every sheet, then applies all in one transaction; progress only outside it. */
  async function runImport(context: TaskContext): Promise<CatalogueImportResult> {
    const { fileId } = ImportParams.parse(context.params);
    const actor = await importingActor(context.createdBy);
    const file = await files.findRow(fileId);
    if (!file) throw notFound('thingFile');
    if (file.mediaType !== XLSX) throw invalid('importXlsxOnly');
    const workbook = await readWorkbook(await storage.open(file.sha256));
    const total = SHEET_NAMES.reduce((sum, name) => sum + workbook[name].length, 0);
    await context.progress(0, total);
    const current = await loadCatalogue();
    const plan = checkWorkbook(workbook, current, context.language);
    await context.progress(Math.floor(total / 2), total);
    const result = await apply(plan, current, { actor, fileId, context });
    await context.progress(total, total);
    return result;
  }

  async function importingActor(userId: string | null): Promise<Actor> {
    const [user] = userId ? await db.select().from(users).where(eq(users.id, userId)) : [];
    if (!user || !user.isActive) throw forbidden();
    const actor: Actor = {
      userId: user.id, username: user.username, fullName: user.fullName, agencyId: user.agencyId, roles: user.roles as Role[],
      onBehalfOf: null, sessionTokenHash: '', csrfToken: '',
    };
    if (!canManageCatalogue(actor)) throw forbidden();
    return actor;
  }

  async function apply(plan: Plan, current: Catalogue, run: { actor: Actor; fileId: string; context: TaskContext }): Promise<CatalogueImportResult> {
    const { actor, fileId, context } = run;
    const source: AuditSource = { actor, ip: null, userAgent: null };
    const at = <T>(sheet: CatalogueSheet, row: number, work: () => Promise<T>) => rowOfServiceError(sheet, row, context.language, work);
    return withTransaction(db, async (tx) => {
      const ids = new Map([...current.services].map(([code, row]) => [code, row.id]));
      for (const draft of plan.createServices) {
        const created = await at('services', draft.row, () => catalogue.create(actor, {
          code: draft.code, name: draft.name, unit: draft.unit, orderingMethods: draft.orderingMethods, normReference: draft.normReference,
        }, source));
        ids.set(draft.code, created.id);
      }
      for (const { draft, id } of plan.updateServices) {
        await at('services', draft.row, () => catalogue.update(actor, id, {
          name: draft.name, unit: draft.unit, orderingMethods: draft.orderingMethods, normReference: draft.normReference,
        }, source));
      }
      for (const { draft, serviceId, priceId } of plan.closePrices) {
        await at('prices', draft.row, () => catalogue.closePrice(actor, serviceId, priceId, { validTo: draft.validTo! }, source));
      }
      for (const draft of plan.addPrices) {
        const { row, serviceCode, ...body } = draft;
        await at('prices', row, () => catalogue.addPrice(actor, ids.get(serviceCode)!, body, source));
      }
      for (const draft of plan.createKpis) {
        const { row, serviceCode, ...body } = draft;
        await at('kpis', row, () => catalogue.addKpi(actor, ids.get(serviceCode)!, body, source));
      }
      for (const { draft, serviceId, kpiId } of plan.updateKpis) {
        const { row, serviceCode: _code, ...body } = draft;
        await at('kpis', row, () => catalogue.updateKpi(actor, serviceId, kpiId, body, source));
      }
      for (const draft of plan.addLinks) {
        const system = current.systems.get(draft.systemCode)!;
        await at('systems-links', draft.row, () => catalogue.linkSystem(actor, ids.get(draft.serviceCode)!, system.id, source));
      }
      for (const draft of plan.retireServices) {
        // The reason points at the import task, whose audit events name the file.
        await at('services', draft.row, () => catalogue.retire(actor, ids.get(draft.code)!, { reason: `${CATALOGUE_IMPORT_TASK_KIND} ${context.taskId}` }, source));
      }
      await audit.record(tx, source, {
        action: 'catalogue.imported', entityType: 'task', entityId: context.taskId, agencyId: null, after: { fileId, ...plan.result },
      });
      return plan.result;
    });
  }

  return { exportCatalogue, startImport, runImport };
}

export type CatalogueTransferService = ReturnType<typeof createCatalogueTransferService>;

// ---- file writing and reading

async function writeWorkbook(sheets: Record<CatalogueSheet, Record<string, string | number | null>[]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const name of SHEET_NAMES) {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = CATALOGUE_SHEETS[name].map((key) => ({
      header: key, key, width: WIDTHS[key] ?? 16, style: { numFmt: key === 'unitPrice' ? '#,##0' : '@' },
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRows(sheets[name]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function localDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE }).format(instant);
}

function readCell(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number') return value;
  if (typeof value !== 'object') {
    const text = String(value).normalize('NFC').trim();
    return text === '' ? null : text;
  }
  if ('richText' in value) return readCell(value.richText.map((part) => part.text).join(''));
  if ('hyperlink' in value) return readCell(String(value.text));
  if ('result' in value) return readCell(value.result as ExcelJS.CellValue);
  return null;
}

async function readWorkbook(stream: Readable): Promise<Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.read(stream);
  } catch (error) {
    throw invalid('importBadFile', { detail: error instanceof Error ? error.message : String(error) });
  }
  const result = {} as Workbook;
  for (const name of SHEET_NAMES) {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) throw invalid('importMissingSheet', { sheet: name });
    const known: readonly string[] = CATALOGUE_SHEETS[name];
    let columns: (string | undefined)[] = [];
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(readCell);
      if (number === 1) {
        columns = values.map((cell) => (typeof cell === 'string' ? known.find((key) => key.toLowerCase() === cell.toLowerCase()) : undefined));
        return;
      }
      if (values.every((cell) => cell === null)) return;
      const cells: Record<string, Cell> = {};
      columns.forEach((column, index) => {
        if (column && !(column in cells)) cells[column] = values[index] ?? null;
      });
      rows.push({ row: number, cells });
    });
    const missing = REQUIRED[name].filter((column) => !columns.includes(column));
    if (missing.length > 0) throw invalid('importMissingSheetColumns', { sheet: name, columns: missing.join(', ') });
    if (rows.length > MAX_ROWS_PER_SHEET) throw invalid('importTooManyRows', { max: MAX_ROWS_PER_SHEET });
    result[name] = rows;
  }
  return result;
}

// ---- checking

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const VIETNAMESE_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function parseDate(text: string): string | undefined {
  const iso = ISO_DATE.exec(text);
  const vietnamese = VIETNAMESE_DATE.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : vietnamese ? [vietnamese[3], vietnamese[2], vietnamese[1]] : [];
  if (!year || !month || !day) return undefined;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Whole VND: a number cell, or digits with optional thousands separators (1.500.000, 1,500,000, 1 500 000). */
function parseAmount(cell: Cell): number | undefined {
  if (typeof cell === 'number') return Number.isSafeInteger(cell) && cell >= 0 ? cell : undefined;
  if (typeof cell !== 'string') return undefined;
  const compact = /^\d{1,3}([., ]\d{3})+$/.test(cell) ? cell.replace(/[., ]/g, '') : cell;
  if (!/^\d+$/.test(compact)) return undefined;
  const value = Number(compact);
  return Number.isSafeInteger(value) ? value : undefined;
}

function checkWorkbook(workbook: Workbook, current: Catalogue, language: Language): Plan {
  const errors: RowError[] = [];
  const reader = (sheet: CatalogueSheet, source: SheetRow) => {
    const fail = (column: string, key: MessageKey, params?: MessageParams) => {
      errors.push({ sheet, row: source.row, column, key, params });
      return undefined;
    };
    const text = (column: string): string | null => {
      const cell = source.cells[column] ?? null;
      if (cell instanceof Date) return cell.toISOString().slice(0, 10);
      return cell === null ? null : String(cell);
    };
    const required = (column: string) => text(column) ?? fail(column, 'importRequired');
    const checked = <T>(column: string, value: string | null | undefined, schema: z.ZodType<T>): T | null | undefined => {
      if (value == null) return value;
      const result = schema.safeParse(value);
      if (result.success) return result.data;
      const issue = result.error.issues[0];
      if (issue?.code === 'too_big') return fail(column, 'importTooLong', { max: Number(issue.maximum) });
      return fail(column, issue && isMessageKey(issue.message) ? issue.message : 'validationFailed');
    };
    const date = (column: string, value: string | null | undefined) =>
      value == null ? value : (parseDate(value) ?? fail(column, 'importBadDate', { value }));
    const choice = <T extends string>(column: string, value: string | null | undefined, allowed: readonly T[]): T | null | undefined =>
      value == null ? value : ((allowed as readonly string[]).includes(value) ? (value as T) : fail(column, 'importBadChoice', { value, allowed: allowed.join(', ') }));
    return { fail, text, required, checked, date, choice };
  };
  const duplicates = <D extends { row: number }>(sheet: CatalogueSheet, drafts: D[], keyOf: (draft: D) => string | undefined, column: string) => {
    const rowsByKey = new Map<string, number[]>();
    for (const draft of drafts) {
      const key = keyOf(draft);
      if (key !== undefined) rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), draft.row]);
    }
    const isFirst = (draft: D) => {
      const key = keyOf(draft);
      const rows = key === undefined ? [] : rowsByKey.get(key)!;
      if (rows.length > 1 && rows[0] !== draft.row) {
        errors.push({ sheet, row: draft.row, column, key: 'importDuplicateKey', params: { key: key!, rows: rows.join(', ') } });
        return false;
      }
      return true;
    };
    return drafts.filter(isFirst);
  };
  const complete = <D extends object>(draft: D): draft is { [K in keyof D]: Exclude<D[K], undefined> } =>
    Object.values(draft).every((value) => value !== undefined);

  const result: CatalogueImportResult = {
    services: { created: 0, updated: 0, retired: 0, unchanged: 0 },
    prices: { added: 0, closed: 0, unchanged: 0 },
    kpis: { created: 0, updated: 0, unchanged: 0 },
    links: { added: 0, unchanged: 0 },
  };
  const plan: Plan = { createServices: [], updateServices: [], retireServices: [], closePrices: [], addPrices: [], createKpis: [], updateKpis: [], addLinks: [], result };

  // services
  const serviceDrafts = workbook.services.map((source) => {
    const r = reader('services', source);
    const methodsText = r.required('orderingMethods');
    let orderingMethods: OrderingMethod[] | undefined;
    if (methodsText) {
      const parts = methodsText.split(/[,;]/).map((part) => part.trim()).filter(Boolean);
      const bad = parts.find((part) => !(ORDERING_METHODS as readonly string[]).includes(part));
      orderingMethods = bad !== undefined
        ? r.fail('orderingMethods', 'importBadChoice', { value: bad, allowed: ORDERING_METHODS.join(', ') })
        : (r.checked('orderingMethods', parts as never, CreateCatalogueServiceBody.shape.orderingMethods) ?? undefined);
    }
    return {
      row: source.row,
      code: r.checked('code', r.required('code'), CreateCatalogueServiceBody.shape.code),
      name: r.checked('name', r.required('name'), CreateCatalogueServiceBody.shape.name),
      unit: r.checked('unit', r.required('unit'), CreateCatalogueServiceBody.shape.unit),
      orderingMethods,
      normReference: r.checked('normReference', r.text('normReference'), CreateCatalogueServiceBody.shape.normReference.unwrap()),
      status: r.choice('status', r.text('status'), CATALOGUE_SERVICE_STATUSES) ?? 'active',
    };
  });
  const services = new Map<string, ServiceDraft>();
  for (const draft of duplicates('services', serviceDrafts, (d) => d.code ?? undefined, 'code')) {
    if (!complete(draft)) continue;
    const service = draft as ServiceDraft;
    services.set(service.code, service);
    const existing = current.services.get(service.code);
    if (!existing) {
      plan.createServices.push(service);
      result.services.created += 1;
      if (service.status === 'retired') plan.retireServices.push(service);
      continue;
    }
    const isChanged = existing.name !== service.name || existing.unit !== service.unit || existing.normReference !== service.normReference
      || existing.orderingMethods.join(',') !== service.orderingMethods.join(',');
    if (existing.status === 'retired') {
      if (service.status === 'active') errors.push({ sheet: 'services', row: service.row, column: 'status', key: 'importUnretire' });
      else if (isChanged) errors.push({ sheet: 'services', row: service.row, column: 'name', key: 'catalogueServiceRetired', params: { name: existing.name } });
      else result.services.unchanged += 1;
      continue;
    }
    if (isChanged) plan.updateServices.push({ draft: service, id: existing.id });
    if (service.status === 'retired') plan.retireServices.push(service);
    if (service.status === 'retired') result.services.retired += 1;
    else if (isChanged) result.services.updated += 1;
    else result.services.unchanged += 1;
  }
  /** A service rows of other sheets may refer to, and whether it still takes changes. */
  const serviceState = (code: string): 'unknown' | 'retired' | 'active' => {
    const existing = current.services.get(code);
    if (existing?.status === 'retired') return 'retired';
    if (services.has(code) || existing) return 'active';
    // A code whose services row has errors is reported there, not once more on every row naming it.
    return serviceDrafts.some((draft) => draft.code === code) ? 'active' : 'unknown';
  };
  const checkServiceRef = (sheet: CatalogueSheet, row: number, code: string | undefined | null, isChange: boolean) => {
    if (!code) return;
    const state = serviceState(code);
    if (state === 'unknown') errors.push({ sheet, row, column: 'serviceCode', key: 'importUnknownService', params: { code } });
    if (state === 'retired' && isChange) errors.push({ sheet, row, column: 'serviceCode', key: 'catalogueServiceRetired', params: { name: current.services.get(code)!.name } });
  };

  // prices
  const priceDrafts = workbook.prices.map((source) => {
    const r = reader('prices', source);
    const amountCell = source.cells.unitPrice ?? null;
    return {
      row: source.row,
      serviceCode: r.required('serviceCode'),
      unitPrice: amountCell === null ? r.fail('unitPrice', 'importRequired') : (parseAmount(amountCell) ?? r.fail('unitPrice', 'importBadAmount', { value: String(amountCell) })),
      validFrom: r.date('validFrom', r.required('validFrom')),
      validTo: r.date('validTo', r.text('validTo')),
      decisionNumber: r.checked('decisionNumber', r.required('decisionNumber'), AddServicePriceBody.shape.decisionNumber),
      decisionDate: r.date('decisionDate', r.required('decisionDate')),
      decisionIssuer: r.checked('decisionIssuer', r.required('decisionIssuer'), AddServicePriceBody.shape.decisionIssuer),
    };
  });
  const newPricesByService = new Map<string, PriceDraft[]>();
  for (const draft of duplicates('prices', priceDrafts, (d) => (d.serviceCode && d.validFrom ? `${d.serviceCode} ${d.validFrom}` : undefined), 'validFrom')) {
    if (!complete(draft)) {
      if (draft.serviceCode) checkServiceRef('prices', draft.row, draft.serviceCode, false);
      continue;
    }
    const price = draft as PriceDraft;
    if (price.validTo !== null && price.validTo < price.validFrom) {
      errors.push({ sheet: 'prices', row: price.row, column: 'validTo', key: 'pricePeriodOrder', params: { validFrom: price.validFrom, validTo: price.validTo } });
      continue;
    }
    const service = current.services.get(price.serviceCode);
    const existing = service ? (current.prices.get(service.id) ?? []).find((p) => p.validFrom === price.validFrom) : undefined;
    if (!existing) {
      checkServiceRef('prices', price.row, price.serviceCode, true);
      newPricesByService.set(price.serviceCode, [...(newPricesByService.get(price.serviceCode) ?? []), price]);
      continue;
    }
    const differs = (['unitPrice', 'decisionNumber', 'decisionDate', 'decisionIssuer'] as const).find((column) => existing[column] !== price[column]);
    if (differs || (existing.validTo !== null && existing.validTo !== price.validTo)) {
      errors.push({ sheet: 'prices', row: price.row, column: differs ?? 'validTo', key: 'importPriceChanged', params: { validFrom: price.validFrom } });
    } else if (existing.validTo === null && price.validTo !== null) {
      checkServiceRef('prices', price.row, price.serviceCode, true);
      plan.closePrices.push({ draft: price, serviceId: service!.id, priceId: existing.id });
      result.prices.closed += 1;
    } else {
      result.prices.unchanged += 1;
    }
  }
  // Periods as they will be after the closings, then each new price in date order, as the service applies them.
  for (const [serviceCode, added] of newPricesByService) {
    const service = current.services.get(serviceCode);
    type Period = Pick<ServicePriceRow, 'id' | 'validFrom' | 'validTo' | 'decisionNumber'>;
    const periods: Period[] = (service ? (current.prices.get(service.id) ?? []) : []).map((price) => {
      const closing = plan.closePrices.find((close) => close.priceId === price.id);
      return { ...price, validTo: closing ? closing.draft.validTo : price.validTo };
    });
    for (const price of [...added].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))) {
      const { closes, overlapping } = planNewPrice(periods, price);
      if (overlapping) {
        errors.push({
          sheet: 'prices', row: price.row, column: 'validFrom', key: 'pricePeriodOverlap',
          params: { decision: overlapping.decisionNumber, from: overlapping.validFrom, to: overlapping.validTo ?? '…' },
        });
        continue;
      }
      if (closes) periods[periods.indexOf(closes)] = { ...closes, validTo: dayBefore(price.validFrom) };
      periods.push({ id: `row ${price.row}`, validFrom: price.validFrom, validTo: price.validTo, decisionNumber: price.decisionNumber });
      plan.addPrices.push(price);
      result.prices.added += 1;
    }
  }

  // KPIs
  const kpiDrafts = workbook.kpis.map((source) => {
    const r = reader('kpis', source);
    const ruleText = r.required('deductionRule');
    let deductionRule: DeductionRule | undefined;
    if (ruleText) {
      let json: unknown;
      try {
        json = JSON.parse(ruleText);
      } catch (error) {
        r.fail('deductionRule', 'importBadRule', { detail: error instanceof Error ? error.message : String(error) });
      }
      if (json !== undefined) {
        const parsed = DeductionRule.safeParse(json);
        const issue = parsed.error?.issues[0];
        deductionRule = parsed.success
          ? parsed.data
          : r.fail('deductionRule', 'importBadRule', {
            detail: `${issue?.path.join('.') ?? ''} ${issue && isMessageKey(issue.message) ? translate(language, issue.message) : (issue?.message ?? '')}`.trim(),
          });
      }
    }
    const targetText = r.required('target');
    return {
      row: source.row,
      serviceCode: r.required('serviceCode'),
      code: r.checked('code', r.required('code'), ServiceKpiBody.shape.code),
      name: r.checked('name', r.required('name'), ServiceKpiBody.shape.name),
      unit: r.checked('unit', r.required('unit'), ServiceKpiBody.shape.unit),
      target: targetText == null ? undefined : (DecimalString.safeParse(targetText).success ? normalizeDecimal(targetText) : r.fail('target', 'importBadDecimal', { value: targetText })),
      direction: r.choice('direction', r.required('direction'), KPI_DIRECTIONS) as KpiDirection | undefined,
      measurement: r.checked('measurement', r.required('measurement'), ServiceKpiBody.shape.measurement),
      deductionRule,
    };
  });
  for (const draft of duplicates('kpis', kpiDrafts, (d) => (d.serviceCode && d.code ? `${d.serviceCode} ${d.code}` : undefined), 'code')) {
    if (!complete(draft)) {
      if (draft.serviceCode) checkServiceRef('kpis', draft.row, draft.serviceCode, false);
      continue;
    }
    const kpi = draft as KpiDraft;
    if (!tiersOnFailingSide(kpi.deductionRule, kpi.target, kpi.direction)) {
      errors.push({ sheet: 'kpis', row: kpi.row, column: 'deductionRule', key: 'kpiTierThresholdSide', params: { target: kpi.target } });
      continue;
    }
    const service = current.services.get(kpi.serviceCode);
    const existing = service ? (current.kpis.get(service.id) ?? []).map(presentKpi).find((k) => k.code === kpi.code) : undefined;
    if (!existing) {
      checkServiceRef('kpis', kpi.row, kpi.serviceCode, true);
      plan.createKpis.push(kpi);
      result.kpis.created += 1;
      continue;
    }
    const isChanged = existing.name !== kpi.name || existing.unit !== kpi.unit || existing.target !== kpi.target || existing.direction !== kpi.direction
      || existing.measurement !== kpi.measurement || canonicalJson(existing.deductionRule) !== canonicalJson(kpi.deductionRule);
    if (!isChanged) {
      result.kpis.unchanged += 1;
      continue;
    }
    checkServiceRef('kpis', kpi.row, kpi.serviceCode, true);
    plan.updateKpis.push({ draft: kpi, serviceId: service!.id, kpiId: existing.id });
    result.kpis.updated += 1;
  }

  // links
  const linkDrafts = workbook['systems-links'].map((source) => {
    const r = reader('systems-links', source);
    return { row: source.row, serviceCode: r.required('serviceCode'), systemCode: r.required('systemCode') };
  });
  for (const draft of duplicates('systems-links', linkDrafts, (d) => (d.serviceCode && d.systemCode ? `${d.serviceCode} ${d.systemCode}` : undefined), 'systemCode')) {
    if (!complete(draft)) continue;
    const link = draft as LinkDraft;
    const system = current.systems.get(link.systemCode);
    if (!system) {
      errors.push({ sheet: 'systems-links', row: link.row, column: 'systemCode', key: 'importUnknownSystem', params: { code: link.systemCode } });
      continue;
    }
    const service = current.services.get(link.serviceCode);
    if (service && current.links.has(`${service.id}|${system.id}`)) {
      result.links.unchanged += 1;
      continue;
    }
    checkServiceRef('systems-links', link.row, link.serviceCode, true);
    if (system.status === 'retired') {
      errors.push({ sheet: 'systems-links', row: link.row, column: 'systemCode', key: 'informationSystemRetired', params: { name: system.name } });
      continue;
    }
    plan.addLinks.push(link);
    result.links.added += 1;
  }

  if (errors.length > 0) throw rowErrors(errors, language);
  return plan;
}

/** JSON with object keys sorted: jsonb stores keys in its own order, so compare rules this way. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Sorted by sheet (in workbook order), row, then column, as a person fixes them. */
function rowErrors(errors: RowError[], language: Language): AppError {
  const sheetIndex = (sheet: CatalogueSheet) => SHEET_NAMES.indexOf(sheet);
  const columnIndex = (error: RowError) => (CATALOGUE_SHEETS[error.sheet] as readonly string[]).indexOf(error.column);
  const sorted = [...errors].sort((a, b) => sheetIndex(a.sheet) - sheetIndex(b.sheet) || a.row - b.row || columnIndex(a) - columnIndex(b));
  const details: ErrorDetail[] = sorted.slice(0, MAX_LISTED_ERRORS).map((error) => ({
    path: translate(language, 'catalogueImportCell', { sheet: error.sheet, row: error.row, column: error.column }),
    message: translate(language, error.key, localizeParams(language, error.params)),
  }));
  return errors.length > details.length
    ? invalid('importRowErrorsCapped', { count: errors.length, shown: details.length }, details)
    : invalid('importRowErrors', { count: errors.length }, details);
}

/** A rule the checks could not foresee still fails the whole import, naming the row it came from. */
async function rowOfServiceError<T>(sheet: CatalogueSheet, row: number, language: Language, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError) || error.code === 'FORBIDDEN' || error.code === 'INTERNAL') throw error;
    const detail = error.details?.find((d) => 'key' in d);
    const column = detail && 'key' in detail ? detail.path.split('.')[0]! : CATALOGUE_SHEETS[sheet][0];
    const key = detail && 'key' in detail ? detail.key : error.key;
    const params = detail && 'key' in detail ? detail.params : error.params;
    throw rowErrors([{ sheet, row, column, key, params: localizeParams(language, params) }], language);
  }
}
