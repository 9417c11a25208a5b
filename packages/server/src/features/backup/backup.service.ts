import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Database } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { BlobNotFoundError, BlobTooLargeError, blobRelativePath, createFsBlobStore, type BlobStore } from '../files/blob-store.js';
import { BackupError } from './backup-error.js';
import {
  BACKUP_FORMAT, DUMP_FOLDER, FILES_FOLDER, PARTIAL_PREFIX, exists, readManifest, runNameFor, syncDir, writeManifest,
  type BlobEntry, type Manifest,
} from './backup-layout.js';
import { checkDumpFiles, dumpDatabase, loadDatabase, migrationsFor } from './database-dump.js';
import { inSession } from './sql-session.js';

type Progress = (done: number, total: number) => void;
export type BackupProgress = { database?: Progress; files?: Progress };

export type BackupSummary = {
  run: string;
  runDir: string;
  tables: number;
  rows: number;
  dumpBytes: number;
  files: { count: number; bytes: number; copied: number; copiedBytes: number; alreadyPresent: number; absent: number };
};

export type RestoreSummary = {
  run: string;
  createdAt: string;
  tables: number;
  rows: number;
  files: { count: number; bytes: number; alreadyPresent: number; absent: number };
};

const APP_VERSION = JSON.parse(await fs.readFile(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')).version as string;

/** Progress every 50 files, like the integrity sweep: often enough to watch, rarely enough not to slow the copy. */
const reportEvery = (onProgress: Progress | undefined, done: number, total: number) => {
  if (done % 50 === 0 || done === total) onProgress?.(done, total);
};

/**
 * One backup run into dir: the database as of one snapshot, then every file
 * the snapshot's files table refers to that the shared file area does not
 * hold yet. Files are read through the blob store (local disk or S3); each new
 * copy is hashed on the way and must match its name and size, so a damaged
 * stored file stops the backup (verify names it) rather than being kept as if
 * it were good. A file already in the area is trusted by its size: it was
 * hashed when it was copied, and restore hashes it again.
 */
export async function backUp(deps: { database: Database; storage: BlobStore; clock: Clock }, dir: string, progress: BackupProgress = {}): Promise<BackupSummary> {
  await fs.mkdir(dir, { recursive: true });
  const createdAt = deps.clock.now();
  const run = await freeRunName(dir, runNameFor(createdAt));
  const partial = path.join(dir, `${PARTIAL_PREFIX}${run}-${randomBytes(4).toString('hex')}`);
  await fs.mkdir(path.join(partial, DUMP_FOLDER), { recursive: true });
  try {
    const { dump, referenced } = await inSession(deps.database, 'read', async (session) => {
      const dump = await dumpDatabase(session, path.join(partial, DUMP_FOLDER), progress.database);
      // In the same snapshot as the rows: exactly the files the dumped database refers to.
      const referenced = await session.rows<{ sha256: string; size: string }>(
        'select sha256::text as sha256, max(size)::text as size from files group by sha256 order by sha256',
      );
      return { dump, referenced: referenced.map((blob) => ({ sha256: blob.sha256, size: Number(blob.size) })) };
    });
    const files = await copyBlobsOut(deps.storage, path.join(dir, FILES_FOLDER), referenced, progress.files);
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: 1,
      name: run,
      createdAt: createdAt.toISOString(),
      appVersion: APP_VERSION,
      database: { kind: deps.database.kind, ...dump },
      files: { blobs: files.blobs, absent: files.absent },
    };
    await writeManifest(partial, manifest);
    await syncDir(path.join(partial, DUMP_FOLDER));
    await syncDir(partial);
    await fs.rename(partial, path.join(dir, run));
    await syncDir(dir);
    return {
      run,
      runDir: path.join(dir, run),
      tables: dump.tables.length,
      rows: dump.tables.reduce((sum, table) => sum + table.rows, 0),
      dumpBytes: dump.tables.reduce((sum, table) => sum + table.bytes, 0),
      files: {
        count: files.blobs.length,
        bytes: files.blobs.reduce((sum, blob) => sum + blob.size, 0),
        copied: files.copied,
        copiedBytes: files.copiedBytes,
        alreadyPresent: files.blobs.length - files.copied,
        absent: files.absent.length,
      },
    };
  } catch (error) {
    await fs.rm(partial, { recursive: true, force: true });
    throw error;
  }
}

/** Two runs within one second (a script, a test) get `-2`, `-3`: a run is never overwritten. */
async function freeRunName(dir: string, base: string): Promise<string> {
  let name = base;
  for (let n = 2; await exists(path.join(dir, name)); n += 1) name = `${base}-${n}`;
  return name;
}

async function copyBlobsOut(storage: BlobStore, filesDir: string, referenced: BlobEntry[], onProgress?: Progress) {
  const area = createFsBlobStore(filesDir);
  const blobs: BlobEntry[] = [];
  const absent: BlobEntry[] = [];
  let copied = 0;
  let copiedBytes = 0;
  for (const [index, blob] of referenced.entries()) {
    const outcome = await copyBlobOut(storage, area, filesDir, blob);
    if (outcome === 'absent') absent.push(blob);
    else blobs.push(blob);
    if (outcome === 'copied') {
      copied += 1;
      copiedBytes += blob.size;
    }
    reportEvery(onProgress, index + 1, referenced.length);
  }
  return { blobs, absent, copied, copiedBytes };
}

async function copyBlobOut(storage: BlobStore, area: BlobStore, filesDir: string, blob: BlobEntry): Promise<'present' | 'copied' | 'absent'> {
  // Asked of the store every time, even for a file the area holds: one destroyed since the last run
  // (a disposition) must be recorded absent, or restoring this run would bring its bytes back.
  if (!(await storage.has(blob.sha256))) return 'absent';
  const there = await area.stat(blob.sha256);
  if (there?.size === blob.size) return 'present';
  // A copy of another size is damaged (a disk fault, a hand edit): replace it.
  if (there) await fs.rm(path.join(filesDir, ...blobRelativePath(blob.sha256).split('/')));
  let source: Readable;
  try {
    source = await storage.open(blob.sha256);
  } catch (error) {
    if (error instanceof BlobNotFoundError) return 'absent'; // destroyed since has(): an online backup met a disposition
    throw error;
  }
  await putChecked(area, source, blob, () => damagedStored(blob.sha256));
  return 'copied';
}

/** Stores the stream only if its bytes hash to the expected name and size; otherwise nothing is stored. */
async function putChecked(store: BlobStore, source: Readable, blob: BlobEntry, damaged: () => BackupError): Promise<void> {
  try {
    await store.put(source, { maxBytes: blob.size }, (stored) => {
      if (stored.sha256 !== blob.sha256 || stored.size !== blob.size) throw damaged();
    });
  } catch (error) {
    if (error instanceof BlobTooLargeError) throw damaged();
    throw error;
  }
}

function damagedStored(sha256: string) {
  return new BackupError(
    `Tệp lưu trữ ${sha256} đã bị hỏng (nội dung không khớp mã băm); chưa sao lưu. Chạy \`npm run cli -- verify\` để biết tệp thuộc hồ sơ nào, khôi phục tệp từ bản sao lưu cũ rồi sao lưu lại.`,
    `The stored file ${sha256} is damaged (its bytes do not match its hash); nothing was backed up. Run \`npm run cli -- verify\` to see which records hold it, restore it from an older backup, then back up again.`,
  );
}

function damagedInBackup(sha256: string) {
  return new BackupError(
    `Tệp ${sha256} trong bản sao lưu đã bị hỏng (nội dung không khớp mã băm); đã dừng phục hồi, không ghi gì vào thư mục đích. Dùng một bản sao lưu khác (--run) hoặc một bản sao khác của thư mục sao lưu.`,
    `The file ${sha256} in the backup is damaged (its bytes do not match its hash); the restore stopped and the target was left empty. Use another run (--run) or another copy of the backup folder.`,
  );
}

/**
 * Restores one run into an empty database and file store: checks the manifest
 * and every dump file first, then copies the files through `storage.put`
 * (each hashed on the way: a flipped byte stops the restore), then builds the
 * schema and loads the rows in one transaction. Migrations newer than the
 * backup are left to the caller (`database.migrate()`, as every start does),
 * after the point where a failure would mean cleaning up. Callers make sure
 * the target is empty (restore-target.ts).
 */
export async function restoreRun(deps: { database: Database; storage: BlobStore }, runDir: string, progress: BackupProgress = {}): Promise<RestoreSummary> {
  const manifest = await readManifest(runDir);
  migrationsFor(manifest.database); // a backup this version cannot load is refused before anything is written
  const dumpDir = path.join(runDir, DUMP_FOLDER);
  await checkDumpFiles(dumpDir, manifest.database.tables);

  const area = createFsBlobStore(path.join(runDir, '..', FILES_FOLDER));
  const { blobs } = manifest.files;
  let alreadyPresent = 0;
  for (const [index, blob] of blobs.entries()) {
    if (await deps.storage.has(blob.sha256)) {
      // Only a shared store (an S3 bucket) can already hold it; keep it only if its bytes are right.
      if (!(await deps.storage.verify(blob.sha256))) {
        throw new BackupError(
          `Kho tệp đích đã có tệp ${blob.sha256} nhưng nội dung bị hỏng; xóa đối tượng đó rồi phục hồi lại.`,
          `The target store already holds ${blob.sha256} but its bytes are damaged; delete that object and restore again.`,
        );
      }
      alreadyPresent += 1;
    } else {
      let source: Readable;
      try {
        source = await area.open(blob.sha256);
      } catch (error) {
        if (!(error instanceof BlobNotFoundError)) throw error;
        throw new BackupError(
          `Bản sao lưu thiếu tệp ${blob.sha256} (thư mục files/ không có).`,
          `The backup lacks the file ${blob.sha256} (not in its files/ folder).`,
        );
      }
      await putChecked(deps.storage, source, blob, () => damagedInBackup(blob.sha256));
    }
    reportEvery(progress.files, index + 1, blobs.length);
  }

  const loaded = await inSession(deps.database, 'write', (session) => loadDatabase(session, dumpDir, manifest.database, progress.database));
  return {
    run: manifest.name,
    createdAt: manifest.createdAt,
    tables: manifest.database.tables.length,
    rows: loaded.rows,
    files: { count: blobs.length, bytes: blobs.reduce((sum, blob) => sum + blob.size, 0), alreadyPresent, absent: manifest.files.absent.length },
  };
}
