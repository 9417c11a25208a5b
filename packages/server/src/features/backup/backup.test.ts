import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { openPglite, openPostgres, rows, type Database, type Db } from '../../db/client.js';
import { createServices } from '../../services.js';
import { acceptanceFactories } from '../../testing/acceptance-factories.js';
import { fingerprint } from '../../testing/fingerprint.js';
import { TEST_DB, buildTestApp, type TestApp } from '../../testing/test-app.js';
import { blobRelativePath, createFsBlobStore, type BlobStore } from '../files/blob-store.js';
import { BackupError } from './backup-error.js';
import { listRuns, readManifest } from './backup-layout.js';
import { backUp, restoreRun, type BackupSummary } from './backup.service.js';
import { buildSchema, codeMigrations, migrationsFor } from './database-dump.js';
import { restoreInto } from './restore-target.js';
import { inSession } from './sql-session.js';

/**
 * Backup and restore on a database with a closed, sealed record (a paid
 * dossier) and its files, restored into fresh databases of both kinds.
 */
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-backup-'));
const backupDir = path.join(scratch, 'backup');
const dropLater: string[] = [];
let t: TestApp;
let storage: BlobStore;
let first: BackupSummary;
let before: Record<string, string>;

async function adminQuery(text: string) {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** A new, empty PostgreSQL database (not migrated: restore builds the schema). */
async function emptyPostgresUrl(): Promise<string> {
  const name = `nt_restore_${randomBytes(5).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  dropLater.push(name);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** An empty target of the kind under test, or of the other kind (restoring across kinds). */
async function emptyTarget(kind: 'pglite' | 'postgres' = TEST_DB) {
  const database = kind === 'pglite' ? await openPglite(null) : await openPostgres(await emptyPostgresUrl());
  const filesDir = fs.mkdtempSync(path.join(scratch, 'files-'));
  return { database, storage: createFsBlobStore(filesDir), filesDir };
}

/** Every table of the schema, each digested over all its rows: wider than fingerprint(), which leaves out records. */
async function everyTable(db: Db): Promise<Record<string, string>> {
  const tables = await rows<{ name: string }>(db, sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await rows<{ digest: string; n: number }>(db, sql.raw(
      `select md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text) collate "C"), '')) as digest, count(*)::int as n from ${name} t`,
    ));
    result[name] = `${row!.n}:${row!.digest}`;
  }
  return result;
}

/** Both fingerprints, in one transaction read as of UTC, so the text of times compares across databases. */
async function snapshot(db: Db) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    return { ...(await fingerprint(tx as unknown as Db)), ...(await everyTable(tx as unknown as Db)) };
  });
}

async function verifyAll(database: Database, targetStorage: BlobStore) {
  const services = createServices({ config: t.config, database, clock: t.clock, storage: targetStorage });
  // Integrity first would add its own audit event and report row; read the restored state as it came back.
  const audit = await services.audit.verify();
  const seals = await services.records.verifySeals();
  const files = await services.integrity.sweep({}, null);
  return { audit: audit.isIntact, auditEvents: audit.checked, seals, faulty: files.faulty, filesChecked: files.filesChecked };
}

beforeAll(async () => {
  // No worker: nothing changes the source behind the test's back (e-mail jobs mark notifications).
  t = await buildTestApp();
  storage = createFsBlobStore(path.join(t.dataDir, 'files'));
  // A paid dossier: its record is closed and sealed, its minutes and evidence are stored files.
  await acceptanceFactories(t).dossierIn('paid');
  before = await snapshot(t.db);
  first = await backUp({ database: t.database, storage, clock: t.clock }, backupDir);
});

afterAll(async () => {
  await t.close();
  for (const name of dropLater) await adminQuery(`drop database if exists ${name} with (force)`).catch(() => undefined);
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('backup', () => {
  it('writes the database and every stored file, with a manifest that its checksum covers', async () => {
    const [closed] = await rows<{ n: number }>(t.db, sql`select count(*)::int as n from records where status = 'closed'`);
    expect(closed!.n).toBeGreaterThan(0);
    expect(first.files.count).toBeGreaterThan(0);
    expect(first.files).toMatchObject({ copied: first.files.count, alreadyPresent: 0, absent: 0 });
    const manifest = await readManifest(first.runDir);
    expect(manifest).toMatchObject({ name: first.run, database: { kind: TEST_DB }, files: { absent: [] } });
    expect(manifest.database.tables.map((table) => table.name)).toEqual(expect.arrayContaining(['audit_events', 'records', 'documents', 'files']));
    // Parents before children: a table's rows load after those they refer to.
    const order = manifest.database.tables.map((table) => table.name);
    expect(order.indexOf('agencies')).toBeLessThan(order.indexOf('users'));
    expect(order.indexOf('records')).toBeLessThan(order.indexOf('documents'));
    for (const blob of manifest.files.blobs) expect(fs.existsSync(path.join(backupDir, 'files', ...blobRelativePath(blob.sha256).split('/')))).toBe(true);
  });

  it('copies no file twice: a second run finds them all in the shared file area', async () => {
    const second = await backUp({ database: t.database, storage, clock: t.clock }, backupDir);
    expect(second.run).not.toBe(first.run); // the same second (a manual clock): the name gets a suffix
    expect(second.files).toMatchObject({ count: first.files.count, copied: 0, copiedBytes: 0, alreadyPresent: first.files.count });
    expect(await listRuns(backupDir)).toEqual([first.run, second.run]);
  });

  it('replaces a copy in the file area whose size is wrong, and records files the store no longer holds', async () => {
    const manifest = await readManifest(first.runDir);
    const [shrunk, gone] = manifest.files.blobs;
    const area = path.join(scratch, 'repair');
    fs.cpSync(backupDir, area, { recursive: true });
    fs.truncateSync(path.join(area, 'files', ...blobRelativePath(shrunk!.sha256).split('/')), 1);
    // As a disposition leaves it: the row stays, the bytes are gone from the store (but still in the area).
    const missing: BlobStore = { ...storage, has: async (sha256) => sha256 !== gone!.sha256 && storage.has(sha256) };
    const repaired = await backUp({ database: t.database, storage: missing, clock: t.clock }, area);
    expect(repaired.files).toMatchObject({ count: first.files.count - 1, copied: 1, absent: 1 });
    expect(await createFsBlobStore(path.join(area, 'files')).verify(shrunk!.sha256)).toBe(true);
    expect((await readManifest(repaired.runDir)).files.absent).toEqual([gone]);
  });

  it('leaves no run that looks complete when it fails midway', async () => {
    const failing: BlobStore = { ...storage, open: async () => { throw new Error('disk went away'); } };
    const dir = path.join(scratch, 'interrupted');
    await expect(backUp({ database: t.database, storage: failing, clock: t.clock }, dir)).rejects.toThrow('disk went away');
    expect(fs.readdirSync(dir).filter((entry) => entry !== 'files')).toEqual([]); // no run, no .partial- folder
    await expect(listRuns(dir)).resolves.toEqual([]);
  });

  it('refuses to back up a stored file whose bytes no longer match its hash', async () => {
    const manifest = await readManifest(first.runDir);
    const victim = manifest.files.blobs[0]!;
    const damaged: BlobStore = {
      ...storage,
      open: async (sha256) => (sha256 === victim.sha256 ? Readable.from([Buffer.alloc(victim.size, 1)]) : storage.open(sha256)),
    };
    const dir = path.join(scratch, 'damaged-source');
    const failed = backUp({ database: t.database, storage: damaged, clock: t.clock }, dir);
    await expect(failed).rejects.toBeInstanceOf(BackupError);
    await expect(failed).rejects.toThrow(`The stored file ${victim.sha256} is damaged`);
    await expect(listRuns(dir)).resolves.toEqual([]);
  });
});

describe('restore', () => {
  it(`brings back the same rows and files into an empty ${TEST_DB} database, and verify passes`, async () => {
    const target = await emptyTarget();
    try {
      const restored = await restoreRun(target, first.runDir);
      await target.database.migrate();
      expect(restored).toMatchObject({ run: first.run, tables: first.tables, rows: first.rows, files: { count: first.files.count, alreadyPresent: 0 } });
      expect(await snapshot(target.database.db)).toEqual(before);
      const checked = await verifyAll(target.database, target.storage);
      expect(checked).toMatchObject({ audit: true, seals: { broken: [] }, faulty: [], filesChecked: first.files.count });
      expect(checked.seals.checked).toBeGreaterThan(0);
    } finally {
      await target.database.close();
    }
  });

  it('stops at a flipped byte in a backed-up file, before anything reaches the database', async () => {
    const copy = path.join(scratch, 'flipped');
    fs.cpSync(backupDir, copy, { recursive: true });
    const manifest = await readManifest(first.runDir);
    const victim = manifest.files.blobs.at(-1)!;
    const file = path.join(copy, 'files', ...blobRelativePath(victim.sha256).split('/'));
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    fs.writeFileSync(file, bytes);
    const target = await emptyTarget();
    try {
      const failed = restoreRun(target, path.join(copy, first.run));
      await expect(failed).rejects.toBeInstanceOf(BackupError);
      await expect(failed).rejects.toThrow(`The file ${victim.sha256} in the backup is damaged`);
      expect(await target.storage.has(victim.sha256)).toBe(false);
      const [tables] = await rows<{ n: number }>(target.database.db, sql`select count(*)::int as n from pg_tables where schemaname = 'public'`);
      expect(tables!.n).toBe(0);
    } finally {
      await target.database.close();
    }
  });

  it('refuses a damaged dump file or manifest up front', async () => {
    const copy = path.join(scratch, 'damaged-dump');
    fs.cpSync(backupDir, copy, { recursive: true });
    const runDir = path.join(copy, first.run);
    const dump = path.join(runDir, 'database', 'audit_events.copy.gz');
    const bytes = fs.readFileSync(dump);
    bytes[bytes.length - 10]! ^= 0x40;
    fs.writeFileSync(dump, bytes);
    const target = await emptyTarget();
    try {
      await expect(restoreRun(target, runDir)).rejects.toThrow('audit_events.copy.gz is damaged');
      fs.appendFileSync(path.join(runDir, 'manifest.json'), ' ');
      await expect(restoreRun(target, runDir)).rejects.toThrow('manifest.json does not match backup.sha256');
      expect(fs.readdirSync(target.filesDir)).toEqual([]);
    } finally {
      await target.database.close();
    }
  });

  it('refuses a data directory or database that is not empty, and says why in both languages', async () => {
    const used = fs.mkdtempSync(path.join(scratch, 'used-'));
    fs.writeFileSync(path.join(used, 'notes.txt'), 'đang dùng');
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: used, ...(TEST_DB === 'postgres' ? { DATABASE_URL: t.database.url! } : {}) });
    const refused = restoreInto(config, backupDir, {});
    await expect(refused).rejects.toBeInstanceOf(BackupError);
    if (TEST_DB === 'pglite') {
      await expect(refused).rejects.toThrow(/không trống[\s\S]*The data directory .* is not empty \(it holds notes\.txt\)/);
    } else {
      // The files of a PostgreSQL installation live in DATA_DIR/files: empty here, so the database is what refuses.
      await expect(refused).rejects.toThrow(/Cơ sở dữ liệu trong DATABASE_URL không trống[\s\S]*The database in DATABASE_URL is not empty/);
    }
    expect(fs.readdirSync(used)).toEqual(['notes.txt']);
  });

  it('restores the newest run or the one named into an empty installation, as the CLI does', async () => {
    const dataDir = path.join(scratch, 'installation');
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ...(TEST_DB === 'postgres' ? { DATABASE_URL: await emptyPostgresUrl() } : {}) });
    await expect(restoreInto(config, backupDir, { run: '20200101T000000Z' })).rejects.toThrow(/No complete backup run named 20200101T000000Z/);
    const restored = await restoreInto(config, backupDir, { run: first.run });
    expect(restored).toMatchObject({ run: first.run, rows: first.rows });
    const database = config.database.kind === 'pglite' ? await openPglite(config.database.dir) : await openPostgres(config.database.url);
    try {
      expect(await snapshot(database.db)).toEqual(before);
    } finally {
      await database.close();
    }
    await expect(restoreInto(config, backupDir, {})).rejects.toBeInstanceOf(BackupError);
  });
});

describe('restore across versions', () => {
  it('loads a backup made before the latest migration, then migrates it; refuses one from a newer version', async () => {
    const migrations = codeMigrations();
    const older = await emptyTarget();
    const dir = path.join(scratch, 'older');
    try {
      // An installation of the previous version: every migration but the last, and what they seed.
      await inSession(older.database, 'write', (session) => buildSchema(session, migrations.slice(0, -1)));
      await backUp({ database: older.database, storage: older.storage, clock: t.clock }, dir);
    } finally {
      await older.database.close();
    }
    const [run] = await listRuns(dir);
    const manifest = await readManifest(path.join(dir, run!));
    expect(manifest.database.migrationCount).toBe(migrations.length - 1);

    const target = await emptyTarget();
    try {
      await restoreRun(target, path.join(dir, run!));
      await target.database.migrate();
      const [applied] = await rows<{ n: number }>(target.database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect(applied!.n).toBe(migrations.length);
      const [classes] = await rows<{ n: number }>(target.database.db, sql`select count(*)::int as n from record_classes`);
      expect(classes!.n).toBeGreaterThan(0); // seeded by an older migration, carried by the backup, not duplicated
    } finally {
      await target.database.close();
    }
    expect(() => migrationsFor({ ...manifest.database, migrationCount: migrations.length + 1 })).toThrow(/newer one/);
    expect(() => migrationsFor({ ...manifest.database, lastMigrationHash: 'other' })).toThrow(/do not match/);
  });
});

describe.runIf(TEST_DB === 'postgres')('restore across database kinds', () => {
  it('restores a PostgreSQL backup into PGlite, and that one back into PostgreSQL, identical each time', async () => {
    const embedded = await emptyTarget('pglite');
    const again = path.join(scratch, 'from-pglite');
    try {
      await restoreRun(embedded, first.runDir);
      expect(await snapshot(embedded.database.db)).toEqual(before);
      const pgliteRun = await backUp({ database: embedded.database, storage: embedded.storage, clock: t.clock }, again);
      expect((await readManifest(pgliteRun.runDir)).database.kind).toBe('pglite');
    } finally {
      await embedded.database.close();
    }
    const server = await emptyTarget('postgres');
    try {
      await restoreRun(server, path.join(again, (await listRuns(again))[0]!));
      expect(await snapshot(server.database.db)).toEqual(before);
      expect(await verifyAll(server.database, server.storage)).toMatchObject({ audit: true, seals: { broken: [] }, faulty: [] });
    } finally {
      await server.database.close();
    }
  });
});
