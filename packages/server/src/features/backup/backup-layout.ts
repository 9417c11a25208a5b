import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BackupError } from './backup-error.js';

/**
 * What a backup folder holds:
 *
 *   <dir>/files/sha256/ab/cd/<hash>   every file ever backed up, once, named by its SHA-256
 *   <dir>/20261122T204512Z/           one folder per run, named by its UTC start time
 *     manifest.json                   what the run holds (below), with the SHA-256 of each dump file
 *     backup.sha256                   `<sha256>  manifest.json`: `sha256sum -c backup.sha256` checks it by hand
 *     database/<table>.copy.gz        one table in PostgreSQL's COPY text format, gzip
 *
 * The file area is shared by all runs, so a run copies only files no earlier
 * run copied (files never change: a new content is a new name). A run is
 * written as `.partial-<name>-<random>` and renamed once complete: a crash
 * leaves a hidden folder, never one that looks like a finished backup. A
 * run's database files (not one big dump) follow pg_dump's directory format:
 * each is hashed on its own and streamed table by table.
 */
export const FILES_FOLDER = 'files';
export const MANIFEST_FILE = 'manifest.json';
export const CHECKSUM_FILE = 'backup.sha256';
export const DUMP_FOLDER = 'database';
export const PARTIAL_PREFIX = '.partial-';
export const BACKUP_FORMAT = 'nghiemthu-backup';

/** `20261122T204512Z`, optionally `-2`, `-3` when two runs start within one second: sorts by time as text. */
const RUN_NAME = /^\d{8}T\d{6}Z(-\d+)?$/;

export const TableDump = z.object({
  name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  /** Columns in the order of the dump file; generated columns are left out (the database computes them). */
  columns: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)).min(1),
  rows: z.number().int().nonnegative(),
  /** md5 over the sorted md5s of each row's text: order-free, so it compares across PGlite and PostgreSQL. */
  checksum: z.string(),
  file: z.string().regex(/^[a-z0-9_]+\.copy\.gz$/),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type TableDump = z.infer<typeof TableDump>;

export const BlobEntry = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() });
export type BlobEntry = z.infer<typeof BlobEntry>;

export const Manifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(1),
  name: z.string().regex(RUN_NAME),
  createdAt: z.string(),
  appVersion: z.string(),
  database: z.object({
    kind: z.enum(['pglite', 'postgres']),
    serverVersion: z.string(),
    /** Migrations applied to the backed-up database; a restore builds the same schema before loading the rows. */
    migrationCount: z.number().int().positive(),
    lastMigrationHash: z.string(),
    /** In load order: a table comes after every table it refers to. */
    tables: z.array(TableDump),
  }),
  files: z.object({
    /** Every blob the files table refers to that the store held, with its size. */
    blobs: z.array(BlobEntry),
    /**
     * Blobs the files table refers to that the store did not hold when the
     * backup ran: destroyed on purpose by a disposition, or lost (verify tells
     * which). A restore leaves them absent too, faithful to the source.
     */
    absent: z.array(BlobEntry),
  }),
});
export type Manifest = z.infer<typeof Manifest>;

export function runNameFor(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

export const sha256Hex = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** The finished runs in a backup folder, oldest first. */
export async function listRuns(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw noBackupFolder(dir);
    throw error;
  }
  const runs: string[] = [];
  for (const name of entries.filter((entry) => RUN_NAME.test(entry)).sort()) {
    if (await exists(path.join(dir, name, CHECKSUM_FILE))) runs.push(name);
  }
  return runs;
}

/** The run to restore: the one named, or the newest finished one. */
export async function pickRun(dir: string, name?: string): Promise<string> {
  const runs = await listRuns(dir);
  if (name !== undefined) {
    if (!runs.includes(name)) {
      throw new BackupError(
        `Không có bản sao lưu hoàn chỉnh tên ${name} trong ${dir}. Các bản có: ${runs.join(', ') || '(không có)'}.`,
        `No complete backup run named ${name} in ${dir}. Runs there: ${runs.join(', ') || '(none)'}.`,
      );
    }
    return name;
  }
  const newest = runs.at(-1);
  if (!newest) {
    throw new BackupError(`Thư mục ${dir} không có bản sao lưu hoàn chỉnh nào.`, `The folder ${dir} holds no complete backup run.`);
  }
  return newest;
}

/** Reads a run's manifest after checking it against backup.sha256, so a damaged or edited manifest is never trusted. */
export async function readManifest(runDir: string): Promise<Manifest> {
  const bytes = await fs.readFile(path.join(runDir, MANIFEST_FILE));
  const line = (await fs.readFile(path.join(runDir, CHECKSUM_FILE), 'utf8')).trim();
  const expected = /^([0-9a-f]{64}) {2}manifest\.json$/.exec(line)?.[1];
  if (!expected || expected !== sha256Hex(bytes)) {
    throw new BackupError(
      `Bản sao lưu ${runDir} bị hỏng: manifest.json không khớp backup.sha256.`,
      `The backup ${runDir} is damaged: manifest.json does not match backup.sha256.`,
    );
  }
  const parsed = Manifest.safeParse(JSON.parse(bytes.toString('utf8')));
  if (!parsed.success) {
    throw new BackupError(
      `Không đọc được manifest.json của ${runDir} (định dạng khác hoặc phiên bản mới hơn).`,
      `Cannot read the manifest.json of ${runDir} (another format or a newer version): ${parsed.error.issues[0]?.message}`,
    );
  }
  return parsed.data;
}

/** Writes the manifest and its checksum line, both fsynced (the folder itself is synced by the caller's rename). */
export async function writeManifest(runDir: string, manifest: Manifest): Promise<void> {
  // Parsed on the way out too: a run that its own restore could not read must never be completed.
  const bytes = Buffer.from(`${JSON.stringify(Manifest.parse(manifest), null, 2)}\n`);
  await writeDurable(path.join(runDir, MANIFEST_FILE), bytes);
  await writeDurable(path.join(runDir, CHECKSUM_FILE), Buffer.from(`${sha256Hex(bytes)}  ${MANIFEST_FILE}\n`));
}

export async function writeDurable(file: string, bytes: Buffer): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

function noBackupFolder(dir: string) {
  return new BackupError(`Không tìm thấy thư mục sao lưu ${dir}.`, `The backup folder ${dir} does not exist.`);
}
