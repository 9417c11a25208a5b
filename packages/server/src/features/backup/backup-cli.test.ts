import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres } from '../../db/client.js';
import { fingerprint } from '../../testing/fingerprint.js';
import { TEST_DB } from '../../testing/test-app.js';
import { blobRelativePath, createFsBlobStore } from '../files/blob-store.js';

/**
 * `backup` and `restore` as an administrator runs them: separate CLI processes
 * on a data directory (PGlite) or a database URL (PostgreSQL). The demo
 * province without its history keeps this quick; one stored file is added the
 * way an upload stores it, so the file copy has something to do. Closed,
 * sealed records are covered in-process by backup.test.ts.
 */
const serverDir = path.resolve(import.meta.dirname, '../../..');
const exec = promisify(execFile);
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-backup-cli-'));
const backupDir = path.join(scratch, 'backup');
const databases: string[] = [];
const note = Buffer.from(`Ghi chú nghiệm thu ${randomBytes(8).toString('hex')}\n`);
const noteHash = createHash('sha256').update(note).digest('hex');

/** An installation: its data directory and, on PostgreSQL, its own database. */
type Installation = { dataDir: string; databaseUrl: string | null };

async function adminQuery(text: string) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

async function newInstallation(): Promise<Installation> {
  const dataDir = path.join(scratch, `data-${randomBytes(4).toString('hex')}`);
  if (TEST_DB === 'pglite') return { dataDir, databaseUrl: null };
  const name = `nt_backup_cli_${randomBytes(5).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  databases.push(name);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { dataDir, databaseUrl: url.toString() };
}

async function cli(at: Installation, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATA_DIR: at.dataDir, LOG_LEVEL: 'warn', ...(at.databaseUrl ? { DATABASE_URL: at.databaseUrl } : {}) };
  try {
    const { stdout, stderr } = await exec('npx', ['tsx', 'src/cli.ts', ...args], { cwd: serverDir, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function openAt(at: Installation) {
  return at.databaseUrl ? openPostgres(at.databaseUrl) : openPglite(path.join(at.dataDir, 'pglite'));
}

/** The stored tables' fingerprint, times read as UTC so two databases compare. */
async function fingerprintOf(at: Installation) {
  const database = await openAt(at);
  try {
    return await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local timezone = 'UTC'`);
      return fingerprint(tx as unknown as typeof database.db);
    });
  } finally {
    await database.close();
  }
}

let source: Installation;
let sourceFingerprint: Record<string, string>;

beforeAll(async () => {
  source = await newInstallation();
  expect((await cli(source, 'seed-demo', '--no-history')).code).toBe(0);
  // One stored file, as an upload leaves it: the bytes in the store and a row naming them.
  await createFsBlobStore(path.join(source.dataDir, 'files')).put(Readable.from([note]), { maxBytes: 1024 });
  const database = await openAt(source);
  await database.db.execute(sql`insert into files (id, sha256, size, media_type, file_name, agency_id, uploaded_by, created_at)
    select gen_random_uuid(), ${noteHash}, ${note.length}, 'text/plain', 'ghi-chu.txt', agency_id, id, now() from users order by username limit 1`);
  await database.close();
  sourceFingerprint = await fingerprintOf(source);
  const first = await cli(source, 'backup', backupDir);
  expect(first.code, first.stderr).toBe(0); // every test below starts from this backup
}, 240_000);

afterAll(async () => {
  for (const name of databases) await adminQuery(`drop database if exists ${name} with (force)`).catch(() => undefined);
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('backup and restore from the command line', () => {
  it('backs up again copying no file, restores into an empty installation, and verify passes', async () => {
    const second = await cli(source, 'backup', backupDir);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/Database tables \/ Bảng CSDL: (\d+)\/\1 \(100%\)/);
    expect(second.stderr).toContain('Files / Tệp: 1/1 (100%)');
    expect(second.stdout).toMatch(/Backup complete: .*\n {2}Database: \d+ tables, [\d,]+ rows, dump [\d.]+ KiB\n {2}Files: 1 \(\d+ B\): 0 copied \(0 B\), 1 already in the backup folder/);
    expect(second.stdout).toContain('Tệp: 1 (');
    expect(second.stdout).toContain('sao chép 0 (0 B), 1 đã có trong thư mục sao lưu');
    const runs = fs.readdirSync(backupDir).filter((name) => /^\d{8}T\d{6}Z/.test(name)).sort();
    expect(runs).toHaveLength(2);

    const target = await newInstallation();
    const restored = await cli(target, 'restore', backupDir);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`Restore complete: run ${runs[1]}`);
    expect(restored.stdout).toContain(`Phục hồi xong: bản ${runs[1]}`);
    expect(fs.readFileSync(path.join(target.dataDir, 'files', ...blobRelativePath(noteHash).split('/')))).toEqual(note);
    expect(await fingerprintOf(target)).toEqual(sourceFingerprint);

    const verified = await cli(target, 'verify');
    expect(verified.stdout).toMatch(/Audit chain intact: \d+ events/);
    expect(verified.stdout).toContain('Stored files: 1 checked, 0 faulty');
    expect(verified.code).toBe(0);
  }, 240_000);

  it('refuses to restore over an installation in use, in Vietnamese and English', async () => {
    const refused = await cli(source, 'restore', backupDir);
    expect(refused.code).toBe(1);
    if (TEST_DB === 'pglite') {
      expect(refused.stderr).toContain(`Thư mục dữ liệu ${source.dataDir} không trống`);
      expect(refused.stderr).toContain(`The data directory ${source.dataDir} is not empty`);
    } else {
      // On PostgreSQL the installation's files are DATA_DIR/files: checked first, and not empty here.
      expect(refused.stderr).toContain(`Kho tệp ${path.join(source.dataDir, 'files')} không trống`);
      expect(refused.stderr).toContain(`The file store ${path.join(source.dataDir, 'files')} is not empty`);
    }
    expect(await fingerprintOf(source)).toEqual(sourceFingerprint);
  }, 120_000);

  it('stops at a flipped byte in a backed-up file and leaves the target empty', async () => {
    const copy = path.join(scratch, 'flipped');
    fs.cpSync(backupDir, copy, { recursive: true });
    const file = path.join(copy, 'files', ...blobRelativePath(noteHash).split('/'));
    const bytes = fs.readFileSync(file);
    bytes[3]! ^= 0x01;
    fs.writeFileSync(file, bytes);
    const target = await newInstallation();
    const failed = await cli(target, 'restore', copy);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`Tệp ${noteHash} trong bản sao lưu đã bị hỏng`);
    expect(failed.stderr).toContain(`The file ${noteHash} in the backup is damaged`);
    // What the restore created is gone, so the same directory takes the next attempt.
    const left = fs.existsSync(target.dataDir) ? fs.readdirSync(target.dataDir) : [];
    expect(left.filter((entry) => entry !== 'README.txt')).toEqual([]);
  }, 120_000);
});
