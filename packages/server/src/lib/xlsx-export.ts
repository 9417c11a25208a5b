/** Streaming a list as an .xlsx download: one sheet of rows, one sheet saying what was exported. */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DISPLAY_TIME_ZONE } from '@nghiemthu/shared';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** More rows than anyone reads in a spreadsheet; the file says so when the list was cut there. */
export const EXPORT_MAX_ROWS = 100_000;

/** Rows read from the database at a time while the file is written. */
const BATCH_SIZE = 1000;

type CellValue = string | number | Date | null;

/** How a column is written: money as whole VND with thousands separators, dates as real dates that sort and filter. */
export type ExportColumn<T> = {
  header: string;
  width: number;
  kind: 'text' | 'integer' | 'money' | 'date' | 'dateTime';
  value: (row: T) => CellValue;
};

const NUMBER_FORMATS: Record<ExportColumn<unknown>['kind'], string | undefined> = {
  text: undefined,
  integer: '0',
  money: '#,##0',
  date: 'dd/mm/yyyy',
  dateTime: 'dd/mm/yyyy hh:mm',
};

/** A calendar date (YYYY-MM-DD) as the date cell Excel shows for it; Excel dates have no time zone. */
export function excelDate(isoDate: string | null): Date | null {
  if (!isoDate) return null;
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day!));
}

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: DISPLAY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** An instant as the date and time a clock in Vietnam showed then, which is what the cell should read. */
export function excelDateTime(instant: Date | null): Date | null {
  if (!instant) return null;
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(wallClock.formatToParts(instant).find((p) => p.type === type)?.value);
  return new Date(Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')));
}

/**
 * The ids of the rows to export, in the list's order, and whether the list was longer than the cap.
 * Taking the ids first fixes which rows the file holds and in what order, even if dossiers or
 * orders change while a long file is being written.
 */
export async function cappedIds(query: (limit: number) => Promise<{ id: string }[]>): Promise<{ ids: string[]; isTruncated: boolean }> {
  const found = await query(EXPORT_MAX_ROWS + 1);
  return { ids: found.slice(0, EXPORT_MAX_ROWS).map((row) => row.id), isTruncated: found.length > EXPORT_MAX_ROWS };
}

/** Rows for the ids in their given order, read a batch at a time; a row no longer readable is left out. */
export async function* rowsInOrder<T>(ids: string[], load: (batch: string[]) => Promise<T[]>, idOf: (row: T) => string): AsyncGenerator<T[]> {
  for (let start = 0; start < ids.length; start += BATCH_SIZE) {
    const batch = ids.slice(start, start + BATCH_SIZE);
    const byId = new Map((await load(batch)).map((row) => [idOf(row), row]));
    yield batch.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }
}

type WorkbookSpec<T> = {
  sheetName: string;
  columns: ExportColumn<T>[];
  batches: AsyncIterable<T[]>;
  /** Label and value pairs for the second sheet: what the list is, who exported it when, with which filters. */
  about: [string, CellValue][];
};

/**
 * Writes the workbook with exceljs's streaming writer, a batch of rows at a time, waiting while
 * the client is slower than the database, so a long list never sits whole in memory. A failure
 * half-way ends the download with an error rather than a short file that looks complete.
 */
export function streamWorkbook<T>(spec: WorkbookSpec<T>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  (async () => {
    const sheet = workbook.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.columns.map((column, index) => ({
      header: column.header,
      key: String(index),
      width: column.width,
      style: NUMBER_FORMATS[column.kind] ? { numFmt: NUMBER_FORMATS[column.kind] } : {},
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.commit();
    for await (const batch of spec.batches) {
      for (const row of batch) sheet.addRow(spec.columns.map((column) => column.value(row))).commit();
      if (!(await isStillWanted(out))) return; // the client went away: stop reading the database
    }
    sheet.commit();
    const about = workbook.addWorksheet('Thông tin');
    about.columns = [{ key: 'label', width: 24 }, { key: 'value', width: 90, style: { alignment: { wrapText: true, vertical: 'top' } } }];
    for (const [label, value] of spec.about) {
      const line = about.addRow([label, value]);
      line.getCell(1).font = { bold: true };
      if (value instanceof Date) line.getCell(2).numFmt = NUMBER_FORMATS.dateTime!;
      line.commit();
    }
    about.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

/** Waits while the client reads more slowly than rows are written; false once the download was abandoned. */
async function isStillWanted(out: PassThrough): Promise<boolean> {
  if (out.writableNeedDrain && !out.destroyed) {
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off('drain', done);
        out.off('close', done);
        resolve();
      };
      out.on('drain', done);
      out.on('close', done);
    });
  }
  return !out.destroyed;
}
