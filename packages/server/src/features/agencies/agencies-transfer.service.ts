import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  AGENCY_FILE_COLUMNS,
  type AgencyFileColumn,
  type AgencyFileFormat,
  type AgencyImportResult,
  type Language,
  type Role,
  type Task,
  type UpdateAgencyBody,
} from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { agencies, agencyCodes, files as filesTable, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, forbidden, invalid, notFound } from '../../lib/errors.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import type { BlobStore } from '../files/blob-store.js';
import type { createFilesService } from '../files/files.service.js';
import type { TasksService } from '../tasks/tasks.service.js';
import type { TaskContext } from '../tasks/tasks.worker.js';
import { canImportAgencies } from './agencies.policy.js';
import type { AgenciesService, AgencyRow } from './agencies.service.js';
import { csvDelimiter, csvRows, firstChunk, headerColumns, localDate, toFileRecord, writeCsv, writeXlsx, xlsxRows, type SheetRow } from './agencies-file.js';
import {
  checkAcrossRows,
  isComplete,
  readDraft,
  rowErrors,
  rowOfServiceError,
  type Draft,
  type ImportRow,
  type ParsedRow,
  type Registry,
  type Report,
  type RowError,
} from './agencies-import-check.js';

/**
 * Export and import of the agency registry as a spreadsheet (.xlsx or .csv),
 * columns AGENCY_FILE_COLUMNS. An import is checked in full before anything is
 * written, then applied in one transaction through the agencies service, so
 * the rules (codes never reused, mergers moving units) and the audit events
 * are the same as when a person edits the registry by hand.
 */

export const IMPORT_TASK_KIND = 'agencies.import';

const MEDIA_TYPES: Record<AgencyFileFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};
const IMPORT_EXTENSIONS = ['.xlsx', '.csv'];
const REQUIRED_COLUMNS: readonly AgencyFileColumn[] = ['code', 'name', 'shortName', 'type', 'validFrom'];
const PROGRESS_EVERY_ROWS = 100;
/**
 * Every row is held in memory to be checked against the others, and the
 * worker shares the server's process: a province has a few thousand
 * agencies, so a file far larger is a mistake, refused before it costs much.
 */
const MAX_IMPORT_ROWS = 50_000;

const ImportParams = z.object({ fileId: z.uuid() });

type StoredFileRow = typeof filesTable.$inferSelect;






type Step = {
  row: ImportRow;
  existing: AgencyRow | undefined;
  changes: Partial<Pick<ImportRow, 'name' | 'shortName' | 'type' | 'parentCode'>> | null;
  closes: boolean;
};


export type AgenciesTransferDeps = {
  db: Db;
  clock: Clock;
  audit: AuditService;
  tasks: TasksService;
  files: Pick<ReturnType<typeof createFilesService>, 'upload' | 'findRow'>;
  storage: BlobStore;
  agencies: Pick<AgenciesService, 'create' | 'update' | 'close'>;
};

export function createAgenciesTransferService(deps: AgenciesTransferDeps) {
  const { db, clock, audit, tasks, files, storage, agencies: registryService } = deps;

  // ---- export

  /** The whole registry (active and closed), sorted by code, as a download. */
  async function exportRegistry(format: AgencyFileFormat, source: AuditSource) {
    const registry = await loadRegistry();
    // Sorted here rather than in SQL: the server's collation may order dots and letters differently from PGlite.
    const records = [...registry.byId.values()]
      .sort((a, b) => (a.code < b.code ? -1 : 1))
      .map((agency) => toFileRecord(agency, registry.byId));
    await audit.record(db, source, { action: 'agency.exported', entityType: 'agency', after: { format, rows: records.length } });
    return {
      fileName: `danh-muc-co-quan-${localDate(clock.now())}.${format}`,
      mediaType: format === 'csv' ? 'text/csv; charset=utf-8' : MEDIA_TYPES.xlsx,
      body: format === 'csv' ? writeCsv(records) : await writeXlsx(records),
    };
  }

  async function loadRegistry(): Promise<Registry> {
    const [rows, codes] = await Promise.all([
      db.select().from(agencies),
      db.select({ code: agencyCodes.code, agencyId: agencyCodes.agencyId }).from(agencyCodes),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return {
      byId,
      byCode: new Map(rows.map((row) => [row.code, row])),
      holderOfCode: new Map(codes.map((entry) => [entry.code, byId.get(entry.agencyId)!])),
    };
  }

  // ---- import: start

  /** Keeps the uploaded file as evidence and queues the import; the worker runs `runImport`. */
  async function startImport(
    actor: Actor,
    upload: { stream: Readable; fileName: string },
    source: AuditSource,
    language: Language,
  ): Promise<Task> {
    if (!canImportAgencies(actor)) throw forbidden();
    const extension = path.extname(upload.fileName).toLowerCase();
    if (!IMPORT_EXTENSIONS.includes(extension)) {
      upload.stream.resume(); // drain the part so the request can finish; nothing is stored
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'fileTypeRefused', { type: extension || upload.fileName, allowed: IMPORT_EXTENSIONS.join(', ') });
    }
    const file = await files.upload(actor, upload, source);
    const taskId = await withTransaction(db, async (tx) => {
      const id = await tasks.create(tx, { kind: IMPORT_TASK_KIND, params: { fileId: file.id }, actor, language });
      await audit.record(tx, source, {
        action: 'agency.import_started', entityType: 'task', entityId: id,
        after: { fileId: file.id, fileName: file.fileName, sha256: file.sha256 },
      });
      return id;
    });
    await tasks.send(taskId);
    return tasks.getForActor(actor, taskId);
  }

  // ---- import: run (in the worker)

  /**
   * Reads and checks every row, then applies all of them in one transaction.
   * Progress is reported while reading and checking and after the commit,
   * never during the writes: inside the transaction it would stay invisible
   * until the commit, and on PGlite (a single connection) a query made around
   * an open transaction waits for that transaction to end.
   */
  async function runImport(context: TaskContext): Promise<AgencyImportResult> {
    const { fileId } = ImportParams.parse(context.params);
    const actor = await importingActor(context.createdBy);
    const file = await files.findRow(fileId);
    if (!file) throw notFound('thingFile');
    const parsed = await readImportFile(file, context.progress);
    const registry = await loadRegistry();
    const rows = await checkRows(parsed, registry, context);
    const result = await apply(planImport(rows, registry), registry, { actor, fileId, context });
    await context.progress(parsed.length, parsed.length);
    return result;
  }

  /** The person who queued the import, still allowed to import now that it runs. */
  async function importingActor(userId: string | null): Promise<Actor> {
    const [user] = userId ? await db.select().from(users).where(eq(users.id, userId)) : [];
    if (!user || !user.isActive) throw forbidden();
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      fullName: user.fullName,
      agencyId: user.agencyId,
      roles: user.roles as Role[],
      onBehalfOf: null,
      sessionTokenHash: '',
      csrfToken: '',
    };
    if (!canImportAgencies(actor)) throw forbidden();
    return actor;
  }

  async function readImportFile(file: StoredFileRow, progress: TaskContext['progress']): Promise<ParsedRow[]> {
    const rows: ParsedRow[] = [];
    let columns: (AgencyFileColumn | undefined)[] | undefined;
    try {
      for await (const sheetRow of sheetRows(file)) {
        if (!columns) {
          columns = headerColumns(sheetRow.cells);
          const missing = REQUIRED_COLUMNS.filter((column) => !columns!.includes(column));
          if (missing.length > 0) throw invalid('importMissingColumns', { columns: missing.join(', ') });
          continue;
        }
        if (sheetRow.cells.every((cell) => cell === null)) continue;
        const cells: ParsedRow['cells'] = {};
        columns.forEach((column, index) => {
          if (column && !(column in cells)) cells[column] = sheetRow.cells[index] ?? null;
        });
        rows.push({ row: sheetRow.row, cells });
        if (rows.length > MAX_IMPORT_ROWS) throw invalid('importTooManyRows', { max: MAX_IMPORT_ROWS });
        if (rows.length % PROGRESS_EVERY_ROWS === 0) await progress(rows.length, null);
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw invalid('importBadFile', { detail: error instanceof Error ? error.message : String(error) });
    }
    if (rows.length === 0) throw invalid('importEmpty');
    return rows;
  }

  /** The rows of the first worksheet (.xlsx) or of the CSV, chosen by the type sniffed at upload. */
  async function* sheetRows(file: StoredFileRow): AsyncGenerator<SheetRow> {
    if (file.mediaType === MEDIA_TYPES.xlsx) {
      yield* xlsxRows(await storage.open(file.sha256));
    } else if (file.mediaType === MEDIA_TYPES.csv) {
      const delimiter = csvDelimiter(await firstChunk(await storage.open(file.sha256)));
      yield* csvRows(await storage.open(file.sha256), delimiter);
    } else {
      throw invalid('importBadFile', { detail: file.mediaType });
    }
  }

  async function checkRows(parsed: ParsedRow[], registry: Registry, context: TaskContext): Promise<ImportRow[]> {
    const errors: RowError[] = [];
    const report: Report = (error) => errors.push(error);
    const drafts: Draft[] = [];
    for (const [index, row] of parsed.entries()) {
      drafts.push(readDraft(row, report));
      if ((index + 1) % PROGRESS_EVERY_ROWS === 0) await context.progress(index + 1, parsed.length);
    }
    checkAcrossRows(drafts, registry, report);
    if (errors.length > 0) throw rowErrors(errors, context.language);
    return drafts.filter(isComplete);
  }

  async function apply(
    steps: Step[],
    registry: Registry,
    run: { actor: Actor; fileId: string; context: TaskContext },
  ): Promise<AgencyImportResult> {
    const { actor, fileId, context } = run;
    const source: AuditSource = { actor, ip: null, userAgent: null };
    const result: AgencyImportResult = {
      created: steps.filter((step) => !step.existing).length,
      updated: steps.filter((step) => step.existing && (step.changes || step.closes)).length,
      unchanged: steps.filter((step) => step.existing && !step.changes && !step.closes).length,
    };
    // The agencies service's own transactions join this one (it is the ambient transaction),
    // so a failure on any row rolls back every row before it.
    return withTransaction(db, async (tx) => {
      const ids = new Map([...registry.byCode].map(([code, agency]) => [code, agency.id]));
      // Every code was checked to be in the file or the registry, and parents are created first.
      const idOf = (code: string | null) => (code === null ? null : ids.get(code)!);
      const atRow = <T>(row: ImportRow, work: () => Promise<T>) => rowOfServiceError(row, context.language, work);

      for (const step of dependenciesFirst(steps, (s) => s.row.code, (s) => s.row.parentCode)) {
        const { row, existing, changes } = step;
        if (!existing) {
          const created = await atRow(row, () =>
            registryService.create(actor, {
              code: row.code, name: row.name, shortName: row.shortName, type: row.type, parentId: idOf(row.parentCode), validFrom: row.validFrom,
            }, source));
          ids.set(row.code, created.id);
        } else if (changes) {
          const { parentCode, ...fields } = changes;
          const body: UpdateAgencyBody = parentCode === undefined ? fields : { ...fields, parentId: idOf(parentCode) };
          await atRow(row, () => registryService.update(actor, existing.id, body, source));
        }
      }
      // An agency merging into one that closes in the same file must close first, while its successor is still active.
      const closing = dependenciesFirst(steps.filter((step) => step.closes), (s) => s.row.code, (s) => s.row.successorCode).reverse();
      for (const { row } of closing) {
        await atRow(row, () =>
          registryService.close(actor, ids.get(row.code)!, { validTo: row.validTo!, successorId: idOf(row.successorCode), reason: row.closingReason! }, source));
      }
      await audit.record(tx, source, {
        action: 'agency.imported', entityType: 'task', entityId: context.taskId, after: { fileId, ...result },
      });
      return result;
    });
  }

  return { exportRegistry, startImport, runImport };
}

export type AgenciesTransferService = ReturnType<typeof createAgenciesTransferService>;

// ---- applying

function planImport(rows: ImportRow[], registry: Registry): Step[] {
  return rows.map((row) => {
    const existing = registry.byCode.get(row.code);
    if (!existing) return { row, existing, changes: null, closes: row.validTo !== null };
    if (existing.status === 'closed') return { row, existing, changes: null, closes: false };
    const current = toFileRecord(existing, registry.byId);
    const changes: Step['changes'] = {};
    if (row.name !== current.name) changes.name = row.name;
    if (row.shortName !== current.shortName) changes.shortName = row.shortName;
    if (row.type !== current.type) changes.type = row.type;
    if (row.parentCode !== current.parentCode) changes.parentCode = row.parentCode;
    return { row, existing, changes: Object.keys(changes).length > 0 ? changes : null, closes: row.validTo !== null };
  });
}

/** Items ordered so that each comes after the item it depends on (when that one is in the list too). */
function dependenciesFirst<T>(items: T[], keyOf: (item: T) => string, dependencyOf: (item: T) => string | null): T[] {
  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  const placed = new Set<string>();
  const ordered: T[] = [];
  const place = (item: T) => {
    if (placed.has(keyOf(item))) return;
    placed.add(keyOf(item)); // before the dependency: a cycle (refused earlier) cannot loop here
    const dependency = dependencyOf(item);
    const before = dependency === null ? undefined : byKey.get(dependency);
    if (before) place(before);
    ordered.push(item);
  };
  items.forEach(place);
  return ordered;
}

