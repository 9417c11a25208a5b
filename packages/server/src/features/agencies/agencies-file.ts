/** Reading and writing the registry spreadsheet (.xlsx, .csv) in the columns AGENCY_FILE_COLUMNS. */
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { stringify as stringifyCsv } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { AGENCY_FILE_COLUMNS, DISPLAY_TIME_ZONE, type AgencyFileColumn } from '@nghiemthu/shared';
import type { AgencyRow } from './agencies.service.js';

export const COLUMN_WIDTHS: Record<AgencyFileColumn, number> = {
  code: 18, name: 55, shortName: 12, type: 20, parentCode: 18, validFrom: 12, validTo: 12, successorCode: 18, closingReason: 60,
};

/** One agency as the file shows it: text cells, null where the cell is empty. */
export type FileRecord = Record<AgencyFileColumn, string | null>;

export type Cell = string | Date | null;

export type SheetRow = { row: number; cells: Cell[] };


export function toFileRecord(agency: AgencyRow, byId: Map<string, AgencyRow>): FileRecord {
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
export function writeCsv(records: FileRecord[]): Readable {
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
export async function writeXlsx(records: FileRecord[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh mục cơ quan', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = AGENCY_FILE_COLUMNS.map((key) => ({ header: key, key, width: COLUMN_WIDTHS[key], style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(records);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** yyyy-MM-dd of an instant in Vietnam, for file names. */
export function localDate(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: DISPLAY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// ---- file reading

/** Trimmed NFC text (a Mac or a web form may send decomposed Vietnamese), null when blank. */
export function textCell(raw: string): string | null {
  const text = raw.normalize('NFC').trim();
  return text === '' ? null : text;
}

export function excelCell(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return textCell(String(value));
  if ('richText' in value) return textCell(value.richText.map((part) => part.text).join(''));
  if ('hyperlink' in value) return textCell(String(value.text));
  if ('result' in value) return excelCell(value.result as ExcelJS.CellValue);
  return null; // an error value such as #N/A reads as an empty cell
}

export async function* xlsxRows(stream: Readable): AsyncGenerator<SheetRow> {
  try {
    // styles: 'cache' lets the reader tell a date cell from a number.
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
      sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
    });
    // exceljs reads a worksheet at once when the shared strings and relations came first, and then looks up its
    // name in the workbook model, which is unset while xl/workbook.xml is still ahead in the zip (exceljs's own
    // writer sometimes orders entries so): "Cannot read properties of undefined (reading 'sheets')". An empty
    // model until workbook.xml replaces it lets that sheet be read; only the first sheet is read, by position.
    (workbook as unknown as { model?: object }).model ??= { sheets: [] };
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

export async function* csvRows(stream: Readable, delimiter: string): AsyncGenerator<SheetRow> {
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

export async function firstChunk(stream: Readable): Promise<string> {
  for await (const chunk of stream) return String(chunk); // leaving the loop closes the stream
  return '';
}

/** Excel on Vietnamese Windows (list separator ";") saves CSV with semicolons; the export uses commas. */
export function csvDelimiter(start: string): string {
  const header = start.split(/\r?\n/, 1)[0] ?? '';
  const count = (character: string) => header.split(character).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** Which column each header cell names; matched ignoring case, unknown headers ignored. */
export function headerColumns(cells: Cell[]): (AgencyFileColumn | undefined)[] {
  return cells.map((cell) =>
    typeof cell === 'string' ? AGENCY_FILE_COLUMNS.find((column) => column.toLowerCase() === cell.toLowerCase()) : undefined);
}

