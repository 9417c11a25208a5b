import path from 'node:path';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { stringify as stringifyCsv } from 'csv-stringify';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import {
  AGENCY_FILE_COLUMNS,
  AGENCY_TYPES,
  AgencyType,
  CloseAgencyBody,
  CreateAgencyBody,
  DISPLAY_TIME_ZONE,
  checkAgencyCode,
  isMessageKey,
  translate,
  type AgencyFileColumn,
  type AgencyFileFormat,
  type AgencyImportResult,
  type ErrorDetail,
  type Language,
  type MessageKey,
  type MessageParams,
  type Role,
  type Task,
  type UpdateAgencyBody,
} from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { agencies, agencyCodes, files as filesTable, users } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, forbidden, invalid, localizeParams, notFound } from '../../lib/errors.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import type { BlobStore } from '../files/blob-store.js';
import type { createFilesService } from '../files/files.service.js';
import type { TasksService } from '../tasks/tasks.service.js';
import type { TaskContext } from '../tasks/tasks.worker.js';
import { canImportAgencies } from './agencies.policy.js';
import type { AgenciesService, AgencyRow } from './agencies.service.js';

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
const COLUMN_WIDTHS: Record<AgencyFileColumn, number> = {
  code: 18, name: 55, shortName: 12, type: 20, parentCode: 18, validFrom: 12, validTo: 12, successorCode: 18, closingReason: 60,
};
/** A file full of mistakes would otherwise make a task error of megabytes that nobody reads to the end. */
const MAX_LISTED_ERRORS = 500;
const PROGRESS_EVERY_ROWS = 100;
/**
 * Every row is held in memory to be checked against the others, and the
 * worker shares the server's process: a province has a few thousand
 * agencies, so a file far larger is a mistake, refused before it costs much.
 */
const MAX_IMPORT_ROWS = 50_000;

const ImportParams = z.object({ fileId: z.uuid() });

type StoredFileRow = typeof filesTable.$inferSelect;

/** One agency as the file shows it: text cells, null where the cell is empty. */
type FileRecord = Record<AgencyFileColumn, string | null>;

type Cell = string | Date | null;
type SheetRow = { row: number; cells: Cell[] };
/** A data row by column, numbered as the spreadsheet shows it (the header is row 1). */
type ParsedRow = { row: number; cells: Partial<Record<AgencyFileColumn, Cell>> };

type ImportRow = {
  row: number;
  code: string;
  name: string;
  shortName: string;
  type: AgencyType;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  successorCode: string | null;
  closingReason: string | null;
};
/** A row as far as it could be read: undefined where a cell is missing or wrong (and already reported). */
type Draft = { row: number } & { [K in Exclude<keyof ImportRow, 'row'>]: ImportRow[K] | undefined };

type RowError = { row: number; column: AgencyFileColumn; key: MessageKey; params?: MessageParams };
type Report = (error: RowError) => void;

type Registry = {
  byId: Map<string, AgencyRow>;
  byCode: Map<string, AgencyRow>;
  /** Every code ever carried, current or old, and the agency that carried it. */
  holderOfCode: Map<string, AgencyRow>;
};

type Step = {
  row: ImportRow;
  existing: AgencyRow | undefined;
  changes: Partial<Pick<ImportRow, 'name' | 'shortName' | 'type' | 'parentCode'>> | null;
  closes: boolean;
};

/** Where the agencies service names a field, in the file's columns. */
const COLUMN_OF_SERVICE_FIELD: Record<string, AgencyFileColumn> = {
  code: 'code', name: 'name', shortName: 'shortName', type: 'type', parentId: 'parentCode',
  validFrom: 'validFrom', validTo: 'validTo', successorId: 'successorCode', reason: 'closingReason',
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

// ---- file writing

function toFileRecord(agency: AgencyRow, byId: Map<string, AgencyRow>): FileRecord {
  return {
    code: agency.code,
    name: agency.name,
    shortName: agency.shortName,
    type: agency.type,
    parentCode: agency.parentId ? (byId.get(agency.parentId)?.code ?? null) : null,
    validFrom: agency.validFrom,
    validTo: agency.validTo,
    successorCode: agency.successorId ? (byId.get(agency.successorId)?.code ?? null) : null,
    closingReason: agency.closingReason,
  };
}

/** UTF-8 with a byte-order mark: without it Excel reads the Vietnamese as a legacy code page. */
function writeCsv(records: FileRecord[]): Readable {
  return Readable.from(records).pipe(stringifyCsv({ bom: true, header: true, columns: [...AGENCY_FILE_COLUMNS] }));
}

/**
 * Every cell is text (format "@"), so Excel keeps codes such as 000.00.07.H54
 * and dates such as 2025-07-01 as written instead of turning them into
 * numbers or dates, also when someone types a new row. Built in memory (a few
 * thousand rows): exceljs's streaming writer puts [Content_Types].xml at the
 * end of the zip, where type sniffing (ours at upload included) does not look,
 * so its files would read as plain zip archives.
 */
async function writeXlsx(records: FileRecord[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh mục cơ quan', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = AGENCY_FILE_COLUMNS.map((key) => ({ header: key, key, width: COLUMN_WIDTHS[key], style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(records);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** yyyy-MM-dd of an instant in Vietnam, for file names. */
function localDate(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: DISPLAY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// ---- file reading

/** Trimmed NFC text (a Mac or a web form may send decomposed Vietnamese), null when blank. */
function textCell(raw: string): string | null {
  const text = raw.normalize('NFC').trim();
  return text === '' ? null : text;
}

function excelCell(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return textCell(String(value));
  if ('richText' in value) return textCell(value.richText.map((part) => part.text).join(''));
  if ('hyperlink' in value) return textCell(String(value.text));
  if ('result' in value) return excelCell(value.result as ExcelJS.CellValue);
  return null; // an error value such as #N/A reads as an empty cell
}

async function* xlsxRows(stream: Readable): AsyncGenerator<SheetRow> {
  try {
    // styles: 'cache' lets the reader tell a date cell from a number.
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
      sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
    });
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        yield { row: row.number, cells: Array.from((row.values as ExcelJS.CellValue[]).slice(1), excelCell) };
      }
      return; // the registry is the first worksheet; any other (notes, lists) is not read
    }
  } finally {
    stream.destroy();
  }
}

async function* csvRows(stream: Readable, delimiter: string): AsyncGenerator<SheetRow> {
  // Empty lines are kept so record numbers stay the row numbers Excel shows.
  const parser = parseCsv({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: false });
  stream.once('error', (error) => parser.destroy(error));
  try {
    let row = 0;
    for await (const record of stream.pipe(parser) as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells: record.map(textCell) };
    }
  } finally {
    stream.destroy();
  }
}

async function firstChunk(stream: Readable): Promise<string> {
  for await (const chunk of stream) return String(chunk); // leaving the loop closes the stream
  return '';
}

/** Excel on Vietnamese Windows (list separator ";") saves CSV with semicolons; the export uses commas. */
function csvDelimiter(start: string): string {
  const header = start.split(/\r?\n/, 1)[0] ?? '';
  const count = (character: string) => header.split(character).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** Which column each header cell names; matched ignoring case, unknown headers ignored. */
function headerColumns(cells: Cell[]): (AgencyFileColumn | undefined)[] {
  return cells.map((cell) =>
    typeof cell === 'string' ? AGENCY_FILE_COLUMNS.find((column) => column.toLowerCase() === cell.toLowerCase()) : undefined);
}

// ---- checking

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const VIETNAMESE_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** yyyy-MM-dd or dd/MM/yyyy (the way Vietnamese documents write dates) to yyyy-MM-dd; undefined if not a real day. */
function parseDate(text: string): string | undefined {
  const iso = ISO_DATE.exec(text);
  const vietnamese = VIETNAMESE_DATE.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : vietnamese ? [vietnamese[3], vietnamese[2], vietnamese[1]] : [];
  if (!year || !month || !day) return undefined;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return undefined;
  return isoDate(date);
}

/** Excel date cells arrive as midnight UTC. */
function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Reads one row's cells, reporting each cell that is missing or malformed. */
function readDraft(parsed: ParsedRow, report: Report): Draft {
  const { row } = parsed;
  const fail = (column: AgencyFileColumn, key: MessageKey, params?: MessageParams) => {
    report({ row, column, key, params });
    return undefined;
  };
  const text = (column: AgencyFileColumn) => {
    const cell = parsed.cells[column] ?? null;
    return cell instanceof Date ? isoDate(cell) : cell;
  };
  const required = (column: AgencyFileColumn) => text(column) ?? fail(column, 'importRequired');
  // Each keeps an empty optional cell (null) apart from a failed one (undefined).
  type Read<V> = string | Exclude<V, string> | undefined;
  const code = <V extends string | null | undefined>(column: AgencyFileColumn, value: V): Read<V> => {
    if (value == null) return value as Exclude<V, string>;
    const check = checkAgencyCode(value);
    return check.isValid ? check.code : fail(column, check.problem);
  };
  const date = <V extends string | null | undefined>(column: AgencyFileColumn, value: V): Read<V> =>
    value == null ? (value as Exclude<V, string>) : (parseDate(value) ?? fail(column, 'importBadDate', { value }));
  // The same rules as the registry's own forms, from the shared schemas.
  const checked = <V extends string | null | undefined>(column: AgencyFileColumn, value: V, schema: z.ZodType<string>): Read<V> => {
    if (value == null) return value as Exclude<V, string>;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    if (issue?.code === 'too_big') return fail(column, 'importTooLong', { max: Number(issue.maximum) });
    return fail(column, issue && isMessageKey(issue.message) ? issue.message : 'validationFailed');
  };
  const type = required('type');
  return {
    row,
    code: code('code', required('code')),
    name: checked('name', required('name'), CreateAgencyBody.shape.name),
    shortName: checked('shortName', required('shortName'), CreateAgencyBody.shape.shortName),
    type: type === undefined || AgencyType.safeParse(type).success
      ? (type as AgencyType | undefined)
      : fail('type', 'importBadType', { value: type, allowed: AGENCY_TYPES.join(', ') }),
    parentCode: code('parentCode', text('parentCode')),
    validFrom: date('validFrom', required('validFrom')),
    validTo: date('validTo', text('validTo')),
    successorCode: code('successorCode', text('successorCode')),
    closingReason: checked('closingReason', text('closingReason'), CloseAgencyBody.shape.reason),
  };
}

function isComplete(draft: Draft): draft is ImportRow {
  return Object.values(draft).every((value) => value !== undefined);
}

/** The checks that need the other rows or the registry. */
function checkAcrossRows(drafts: Draft[], registry: Registry, report: Report) {
  const rowsByCode = new Map<string, number[]>();
  const inFile = new Map<string, Draft>();
  for (const draft of drafts) {
    if (draft.code === undefined) continue;
    rowsByCode.set(draft.code, [...(rowsByCode.get(draft.code) ?? []), draft.row]);
    if (!inFile.has(draft.code)) inFile.set(draft.code, draft);
  }
  for (const draft of drafts) {
    const rows = draft.code === undefined ? [] : rowsByCode.get(draft.code)!;
    if (rows.length > 1 && rows[0] !== draft.row) {
      report({ row: draft.row, column: 'code', key: 'importDuplicateCode', params: { code: draft.code!, rows: rows.join(', ') } });
    }
    checkCodeFree(draft, registry, report);
    checkReference(draft, 'parentCode', inFile, registry, report);
    checkReference(draft, 'successorCode', inFile, registry, report);
    checkClosingCells(draft, report);
    checkAgainstRegistry(draft, inFile, registry, report);
  }
  checkParentCycles(inFile, registry, report);
}

/** A code is never given to a second agency, old codes included. */
function checkCodeFree(draft: Draft, registry: Registry, report: Report) {
  const holder = draft.code === undefined ? undefined : registry.holderOfCode.get(draft.code);
  if (holder && holder.code !== draft.code) {
    report({ row: draft.row, column: 'code', key: 'codeTaken', params: { code: draft.code!, holder: holder.name } });
  }
}

function checkReference(draft: Draft, column: 'parentCode' | 'successorCode', inFile: Map<string, Draft>, registry: Registry, report: Report) {
  const code = draft[column];
  if (!code || inFile.has(code) || registry.byCode.has(code)) return;
  const holder = registry.holderOfCode.get(code);
  report(holder
    ? { row: draft.row, column, key: 'importOldCode', params: { code, holder: holder.name, current: holder.code } }
    : { row: draft.row, column, key: 'importUnknownCode', params: { code } });
}

/** validTo, successorCode and closingReason go together: they describe a closing. */
function checkClosingCells(draft: Draft, report: Report) {
  const { row, validTo, validFrom } = draft;
  if (validTo === null) {
    for (const column of ['successorCode', 'closingReason'] as const) {
      if (draft[column]) report({ row, column, key: 'importNeedsValidTo', params: { column } });
    }
    return;
  }
  if (validTo === undefined) return;
  if (draft.closingReason === null) report({ row, column: 'closingReason', key: 'importNeedsClosingReason' });
  if (validFrom && validTo < validFrom) report({ row, column: 'validTo', key: 'closeBeforeOpen', params: { validTo, validFrom } });
  if (draft.successorCode && draft.successorCode === draft.code) report({ row, column: 'successorCode', key: 'successorSelf' });
}

/**
 * What the registry already says: a closed agency cannot change, an active
 * one keeps its valid-from date, and whatever stays active needs an active
 * parent (a closing parent hands its units to its successor: name that one).
 */
function checkAgainstRegistry(draft: Draft, inFile: Map<string, Draft>, registry: Registry, report: Report) {
  const existing = draft.code === undefined ? undefined : registry.byCode.get(draft.code);
  if (existing?.status === 'closed') {
    const current = toFileRecord(existing, registry.byId);
    const column = AGENCY_FILE_COLUMNS.find((c) => draft[c] !== undefined && draft[c] !== current[c]);
    if (column) report({ row: draft.row, column, key: 'agencyClosed', params: { name: existing.name, date: existing.validTo ?? '' } });
    return;
  }
  if (existing && draft.validFrom && draft.validFrom !== existing.validFrom) {
    report({ row: draft.row, column: 'validFrom', key: 'importValidFromChanged', params: { date: existing.validFrom } });
  }
  if (draft.validTo === null && draft.parentCode) {
    const parentRow = inFile.get(draft.parentCode);
    const parent = registry.byCode.get(draft.parentCode);
    const isParentClosed = parentRow ? Boolean(parentRow.validTo) : parent?.status === 'closed';
    if (isParentClosed) {
      report({ row: draft.row, column: 'parentCode', key: 'parentClosed', params: { name: parentRow?.name ?? parent?.name ?? draft.parentCode } });
    }
  }
  const successor = draft.validTo && draft.successorCode ? registry.byCode.get(draft.successorCode) : undefined;
  if (successor?.status === 'closed') {
    report({ row: draft.row, column: 'successorCode', key: 'successorClosed', params: { name: successor.name } });
  }
}

/** Follows each row's parents (the file's where it has the agency, else the registry's) back to itself. */
function checkParentCycles(inFile: Map<string, Draft>, registry: Registry, report: Report) {
  const parentOf = (code: string): string | null | undefined => {
    if (inFile.has(code)) return inFile.get(code)!.parentCode;
    const agency = registry.byCode.get(code);
    return agency?.parentId ? registry.byId.get(agency.parentId)?.code : null;
  };
  for (const [code, draft] of inFile) {
    const seen = new Set<string>();
    for (let parent = draft.parentCode; parent && !seen.has(parent); parent = parentOf(parent)) {
      if (parent === code) {
        report({ row: draft.row, column: 'parentCode', key: 'parentCycle' });
        break;
      }
      seen.add(parent);
    }
  }
}

/** Sorted by row, then by column in file order, as a person fixes them. */
function rowErrors(errors: RowError[], language: Language): AppError {
  const columnIndex = (column: AgencyFileColumn) => AGENCY_FILE_COLUMNS.indexOf(column);
  const sorted = [...errors].sort((a, b) => a.row - b.row || columnIndex(a.column) - columnIndex(b.column));
  const details: ErrorDetail[] = sorted.slice(0, MAX_LISTED_ERRORS).map((error) => ({
    path: translate(language, 'importCell', { row: error.row, column: error.column }),
    message: translate(language, error.key, error.params),
  }));
  return errors.length > details.length
    ? invalid('importRowErrorsCapped', { count: errors.length, shown: details.length }, details)
    : invalid('importRowErrors', { count: errors.length }, details);
}

/**
 * A rule the checks above could not foresee (say, a merger leaving units with
 * nowhere to go) still fails the whole import, but names the row it came from.
 */
async function rowOfServiceError<T>(row: ImportRow, language: Language, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError) || error.code === 'FORBIDDEN' || error.code === 'INTERNAL') throw error;
    const errors: RowError[] = (error.details ?? []).flatMap((detail) =>
      'key' in detail
        ? [{ row: row.row, column: COLUMN_OF_SERVICE_FIELD[detail.path] ?? 'code', key: detail.key, params: localizeParams(language, detail.params) }]
        : []);
    if (errors.length === 0) errors.push({ row: row.row, column: 'code', key: error.key, params: localizeParams(language, error.params) });
    throw rowErrors(errors, language);
  }
}

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
