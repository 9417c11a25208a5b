/** Checking every row of a registry import before anything is written; errors name the row and column. */
import type { z } from 'zod';
import {
  AGENCY_FILE_COLUMNS,
  AGENCY_TYPES,
  AgencyType,
  CloseAgencyBody,
  CreateAgencyBody,
  checkAgencyCode,
  isMessageKey,
  translate,
  type AgencyFileColumn,
  type ErrorDetail,
  type Language,
  type MessageKey,
  type MessageParams,
} from '@nghiemthu/shared';
import { AppError, invalid, localizeParams } from '../../lib/errors.js';
import { toFileRecord, type Cell } from './agencies-file.js';
import type { AgencyRow } from './agencies.service.js';

/** A file full of mistakes would otherwise make a task error of megabytes that nobody reads to the end. */
export const MAX_LISTED_ERRORS = 500;

/** A data row by column, numbered as the spreadsheet shows it (the header is row 1). */
export type ParsedRow = { row: number; cells: Partial<Record<AgencyFileColumn, Cell>> };

export type ImportRow = {
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
export type Draft = { row: number } & { [K in Exclude<keyof ImportRow, 'row'>]: ImportRow[K] | undefined };

export type RowError = { row: number; column: AgencyFileColumn; key: MessageKey; params?: MessageParams };

export type Report = (error: RowError) => void;

export type Registry = {
  byId: Map<string, AgencyRow>;
  byCode: Map<string, AgencyRow>;
  /** Every code ever carried, current or old, and the agency that carried it. */
  holderOfCode: Map<string, AgencyRow>;
};

/** Where the agencies service names a field, in the file's columns. */
export const COLUMN_OF_SERVICE_FIELD: Record<string, AgencyFileColumn> = {
  code: 'code', name: 'name', shortName: 'shortName', type: 'type', parentId: 'parentCode',
  validFrom: 'validFrom', validTo: 'validTo', successorId: 'successorCode', reason: 'closingReason',
};


export const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
export const VIETNAMESE_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** yyyy-MM-dd or dd/MM/yyyy (the way Vietnamese documents write dates) to yyyy-MM-dd; undefined if not a real day. */
export function parseDate(text: string): string | undefined {
  const iso = ISO_DATE.exec(text);
  const vietnamese = VIETNAMESE_DATE.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : vietnamese ? [vietnamese[3], vietnamese[2], vietnamese[1]] : [];
  if (!year || !month || !day) return undefined;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return undefined;
  return isoDate(date);
}

/** Excel date cells arrive as midnight UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Reads one row's cells, reporting each cell that is missing or malformed. */
export function readDraft(parsed: ParsedRow, report: Report): Draft {
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

export function isComplete(draft: Draft): draft is ImportRow {
  return Object.values(draft).every((value) => value !== undefined);
}

/** The checks that need the other rows or the registry. */
export function checkAcrossRows(drafts: Draft[], registry: Registry, report: Report) {
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
export function checkCodeFree(draft: Draft, registry: Registry, report: Report) {
  const holder = draft.code === undefined ? undefined : registry.holderOfCode.get(draft.code);
  if (holder && holder.code !== draft.code) {
    report({ row: draft.row, column: 'code', key: 'codeTaken', params: { code: draft.code!, holder: holder.name } });
  }
}

export function checkReference(draft: Draft, column: 'parentCode' | 'successorCode', inFile: Map<string, Draft>, registry: Registry, report: Report) {
  const code = draft[column];
  if (!code || inFile.has(code) || registry.byCode.has(code)) return;
  const holder = registry.holderOfCode.get(code);
  report(holder
    ? { row: draft.row, column, key: 'importOldCode', params: { code, holder: holder.name, current: holder.code } }
    : { row: draft.row, column, key: 'importUnknownCode', params: { code } });
}

/** validTo, successorCode and closingReason go together: they describe a closing. */
export function checkClosingCells(draft: Draft, report: Report) {
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
export function checkAgainstRegistry(draft: Draft, inFile: Map<string, Draft>, registry: Registry, report: Report) {
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
export function checkParentCycles(inFile: Map<string, Draft>, registry: Registry, report: Report) {
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
export function rowErrors(errors: RowError[], language: Language): AppError {
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
export async function rowOfServiceError<T>(row: ImportRow, language: Language, work: () => Promise<T>): Promise<T> {
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

