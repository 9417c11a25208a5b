import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { openPglite, openPostgres, rows, type Database } from '../../db/client.js';
import { lockDataDir } from '../../lib/data-dir-lock.js';
import { createFsBlobStore } from '../files/blob-store.js';
import { createS3BlobStore } from '../files/s3-blob-store.js';
import { BackupError } from './backup-error.js';
import { pickRun, readManifest } from './backup-layout.js';
import { migrationsFor } from './database-dump.js';
import { restoreRun, type BackupProgress, type RestoreSummary } from './backup.service.js';

/**
 * What may sit in an "empty" data directory: the note and lock our data
 * directory lock writes (a live lock makes the lock itself refuse), and the
 * folder a freshly formatted disk mounted there already has.
 */
const HARMLESS_ENTRIES = new Set(['README.txt', 'nghiemthu.lock', 'lost+found']);

async function entriesOf(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).filter((entry) => !HARMLESS_ENTRIES.has(entry));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function notEmptyDir(dir: string, entries: string[], what: 'data directory' | 'file store') {
  const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? ', …' : '');
  return new BackupError(
    `${what === 'file store' ? 'Kho tệp' : 'Thư mục dữ liệu'} ${dir} không trống (có ${shown}). Chỉ phục hồi vào thư mục trống hoặc chưa có, để không ghi đè dữ liệu đang dùng: đặt DATA_DIR là một thư mục mới.`,
    `The ${what} ${dir} is not empty (it holds ${shown}). Restore only into an empty or new directory, so that no data in use is overwritten: set DATA_DIR to a new folder.`,
  );
}

/**
 * Refuses a target that holds anything: a restore never merges into or
 * overwrites an installation. On PGlite that is DATA_DIR itself; on
 * PostgreSQL the database (no table in any schema) and, for files on local
 * disk, DATA_DIR/files. An S3 bucket cannot be listed through the blob store:
 * objects already there are re-hashed and kept when right (restoreRun).
 */
export async function assertEmptyTarget(config: Config, database?: Database): Promise<void> {
  if (config.database.kind === 'pglite') {
    const entries = await entriesOf(config.dataDir);
    if (entries.length > 0) throw notEmptyDir(config.dataDir, entries, 'data directory');
    return;
  }
  if (config.storage.kind === 'fs') {
    const entries = await entriesOf(config.storage.dir);
    if (entries.length > 0) throw notEmptyDir(config.storage.dir, entries, 'file store');
  }
  if (database) {
    const [found] = await rows<{ n: number }>(database.db, sql`
      select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
      where s.nspname not in ('pg_catalog', 'information_schema') and s.nspname not like 'pg\\_%' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`);
    if (found!.n > 0) {
      throw new BackupError(
        `Cơ sở dữ liệu trong DATABASE_URL không trống (có ${found!.n} bảng hoặc đối tượng). Tạo một cơ sở dữ liệu mới (createdb) và phục hồi vào đó.`,
        `The database in DATABASE_URL is not empty (it has ${found!.n} tables or other relations). Create a new database (createdb) and restore into it.`,
      );
    }
  }
}

/**
 * `restore <dir>` as the CLI runs it, on the installation the configuration
 * names: picks the run, checks it can be loaded, refuses a non-empty target,
 * holds the data directory lock on PGlite, and on failure removes what it
 * created (the target was empty, so nothing else is touched). On PostgreSQL
 * the rows go in in one transaction and need no cleanup.
 */
export async function restoreInto(config: Config, dir: string, options: { run?: string }, progress: BackupProgress = {}): Promise<RestoreSummary> {
  const run = await pickRun(dir, options.run);
  const runDir = path.join(dir, run);
  migrationsFor((await readManifest(runDir)).database);
  await assertEmptyTarget(config);
  const release = config.database.kind === 'pglite' ? await lockDataDir(config.dataDir, (error) => { throw error; }) : null;
  // Folders the restore fills, and whether each was there before: on failure their new content goes.
  const filled = await Promise.all(
    [config.database.kind === 'pglite' ? config.database.dir : null, config.storage.kind === 'fs' ? config.storage.dir : null]
      .filter((dir): dir is string => dir !== null)
      .map(async (folder) => ({ folder, existed: await fs.stat(folder).then(() => true, () => false) })),
  );
  let database: Database | null = null;
  let restored: RestoreSummary;
  try {
    if (config.database.kind === 'pglite') {
      await assertEmptyTarget(config); // again, now that no other process can start here
      database = await openPglite(config.database.dir);
    } else {
      database = await openPostgres(config.database.url);
      await assertEmptyTarget(config, database);
    }
    const storage = config.storage.kind === 's3' ? createS3BlobStore(config.storage) : createFsBlobStore(config.storage.dir);
    restored = await restoreRun({ database, storage }, runDir, progress);
  } catch (error) {
    await database?.close().catch(() => undefined);
    for (const { folder, existed } of filled) {
      if (!existed) await fs.rm(folder, { recursive: true, force: true });
      else for (const entry of await entriesOf(folder)) await fs.rm(path.join(folder, entry), { recursive: true, force: true });
    }
    await release?.();
    throw error;
  }
  try {
    // The rows are committed: from here a failure must not remove anything. A later start would migrate too.
    await database.migrate();
    return restored;
  } finally {
    await database.close();
    await release?.();
  }
}
