import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { MIGRATIONS_DIR } from '../../db/client.js';
import { BackupError } from './backup-error.js';
import type { Manifest, TableDump } from './backup-layout.js';
import { quoteIdent, type SqlSession } from './sql-session.js';

/**
 * The database as rows, table by table, in PostgreSQL's own COPY text format:
 * every value leaves and comes back through the type's own output and input
 * functions, so timestamps keep their microseconds and jsonb, arrays and
 * numerics come back identical — which the audit chain and record seals,
 * hashing row contents, depend on. The schema is not dumped: a restore builds
 * it with our migrations (the same ones, up to the count in the manifest), so
 * the restored database is by construction what the code expects, on PGlite
 * or PostgreSQL alike, and a PGlite backup restores into PostgreSQL and back.
 *
 * Why not pg_dump: @electric-sql/pglite-tools' pgDump worked on our data in a
 * trial (identical digests after restore) but pins its peer to PGlite 0.5.8
 * (installing it beside 0.5.16 needs --legacy-peer-deps), writes statements
 * PostgreSQL 15 refuses (PostgreSQL 18's `SET transaction_timeout`), and
 * returns the whole dump as one string; Debian's pg_dump only reaches a server
 * and must be at least the server's major version. Two tools, two formats, no
 * restore across them — against about a hundred lines on COPY here.
 *
 * Only the `public` schema is dumped. pg-boss keeps its queue in its own schema
 * and recreates it at start; tasks still unfinished are sent again then.
 */

export type DumpResult = Pick<Manifest['database'], 'serverVersion' | 'migrationCount' | 'lastMigrationHash' | 'tables'>;

type Progress = (done: number, total: number) => void;

/** Tables of `public` ordered so that each comes after the tables it refers to, with their stored (not generated) columns. */
async function tablesInLoadOrder(session: SqlSession): Promise<{ name: string; columns: string[] }[]> {
  const tables = await session.rows<{ name: string; columns: string[] }>(`
    select c.relname as name, array_agg(a.attname::text order by a.attnum) as columns
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    group by c.relname`);
  const references = await session.rows<{ child: string; parent: string }>(`
    select child.relname as child, parent.relname as parent
    from pg_constraint k
    join pg_class child on child.oid = k.conrelid
    join pg_class parent on parent.oid = k.confrelid
    join pg_namespace n on n.oid = child.relnamespace
    where k.contype = 'f' and n.nspname = 'public' and k.conrelid <> k.confrelid`);
  // Kahn's algorithm, alphabetical among equals so every run dumps in the same order. A table that
  // refers to itself (agencies.parent_id) needs nothing more: one COPY is one statement, and foreign
  // keys are checked at its end, when the parent rows are in.
  const pending = new Map(tables.map((table) => [table.name, new Set<string>()]));
  for (const { child, parent } of references) pending.get(child)?.add(parent);
  const ordered: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([, parents]) => [...parents].every((parent) => !pending.has(parent))).map(([name]) => name).sort();
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${[...pending.keys()].join(', ')}; the dump needs a load order`);
    for (const name of ready) {
      ordered.push(name);
      pending.delete(name);
    }
  }
  const byName = new Map(tables.map((table) => [table.name, table]));
  return ordered.map((name) => ({ name, columns: byName.get(name)!.columns }));
}

/** Row count and an order-free digest of the rows' text; equal on both ends means the load was exact. */
async function tableChecksum(session: SqlSession, table: string, columns: string[]): Promise<{ rows: number; checksum: string }> {
  const [row] = await session.rows<{ rows: number; checksum: string }>(`
    select count(*)::int as rows, coalesce(md5(string_agg(h, '' order by h collate "C")), '') as checksum
    from (select md5(row(${columns.map(quoteIdent).join(', ')})::text) as h from ${quoteIdent(table)}) r`);
  return row!;
}

/** Hashes and counts the bytes passing through. */
function meter() {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest('hex'), bytes }) };
}

/** Writes every table of the session's snapshot into dumpDir, each file fsynced. */
export async function dumpDatabase(session: SqlSession, dumpDir: string, onProgress?: Progress): Promise<DumpResult> {
  const [server] = await session.rows<{ version: string }>(`select current_setting('server_version') as version`);
  const [migrations] = await session.rows<{ count: number; last: string | null }>(
    'select count(*)::int as count, (select hash from drizzle.__drizzle_migrations order by created_at desc limit 1) as last from drizzle.__drizzle_migrations',
  );
  const tables = await tablesInLoadOrder(session);
  const dumps: TableDump[] = [];
  for (const [index, table] of tables.entries()) {
    const file = `${table.name}.copy.gz`;
    const measured = meter();
    const select = `select ${table.columns.map(quoteIdent).join(', ')} from ${quoteIdent(table.name)}`;
    await session.copyOut(select, (source) =>
      pipeline(source, createGzip(), measured.stream, createWriteStream(path.join(dumpDir, file), { flags: 'wx', flush: true })),
    );
    dumps.push({ ...table, ...(await tableChecksum(session, table.name, table.columns)), file, ...measured.result() });
    onProgress?.(index + 1, tables.length);
  }
  return { serverVersion: server!.version, migrationCount: migrations!.count, lastMigrationHash: migrations!.last ?? '', tables: dumps };
}

/** Our migrations, oldest first, as drizzle reads them. */
export function codeMigrations(): MigrationMeta[] {
  return readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
}

/**
 * The migrations a backup's schema needs: the first `migrationCount` of ours,
 * which must be the ones the backed-up database ran. A backup from a newer
 * version (more migrations than this code knows) cannot be loaded by it.
 */
export function migrationsFor(database: Manifest['database']): MigrationMeta[] {
  const ours = codeMigrations();
  const needed = ours.slice(0, database.migrationCount);
  if (database.migrationCount > ours.length || needed.at(-1)?.hash !== database.lastMigrationHash) {
    throw new BackupError(
      `Bản sao lưu có ${database.migrationCount} lần cập nhật CSDL, phiên bản này có ${ours.length} và không khớp: cài phiên bản NghiemThu đã tạo bản sao lưu (hoặc mới hơn) rồi phục hồi lại.`,
      `The backup has ${database.migrationCount} database migrations, this version has ${ours.length} and they do not match: install the NghiemThu version that made the backup (or a newer one) and restore again.`,
    );
  }
  return needed;
}

/** Runs the given migrations on an empty database and records them, as drizzle's migrator would. */
export async function buildSchema(session: SqlSession, migrations: MigrationMeta[]): Promise<void> {
  await session.run('create schema if not exists drizzle');
  await session.run('create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)');
  const [applied] = await session.rows<{ count: number }>('select count(*)::int as count from drizzle.__drizzle_migrations');
  if (applied!.count > 0) throw new Error('the target database already has migrations; restore needs an empty one');
  for (const migration of migrations) {
    for (const statement of migration.sql) if (statement.trim()) await session.run(statement);
    await session.rows('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', [migration.hash, migration.folderMillis]);
  }
}

/**
 * Builds the schema and loads every table, inside the caller's transaction,
 * on an empty database. The migrations run as drizzle's migrator runs them
 * (drizzle-orm pg-core dialect `migrate`: same schema, table and rows), but in
 * this one transaction, so a failed load leaves the database as empty as it
 * was; later migrations run afterwards through the normal path.
 *
 * The triggers that keep audit_events append-only and closed records immutable
 * refuse UPDATE, DELETE and TRUNCATE; loading only inserts, so they let it
 * through and stay in force. The seed rows our migrations insert (the audit
 * chain's genesis head, default record classes) are emptied first: the dump
 * has their real, later state.
 */
export async function loadDatabase(session: SqlSession, dumpDir: string, database: Manifest['database'], onProgress?: Progress): Promise<{ rows: number }> {
  await buildSchema(session, migrationsFor(database));
  const seeded = database.tables.map((table) => table.name).filter((name) => name !== 'audit_events');
  // audit_events refuses TRUNCATE (and has no seed rows); everything else goes in one statement, as foreign keys require.
  await session.run(`truncate ${seeded.map(quoteIdent).join(', ')}`);
  let rows = 0;
  for (const [index, table] of database.tables.entries()) {
    const loaded = await session.copyIn(table.name, table.columns, (sink) =>
      pipeline(createReadStream(path.join(dumpDir, table.file)), createGunzip(), sink),
    );
    const check = await tableChecksum(session, table.name, table.columns);
    if (loaded !== table.rows || check.rows !== table.rows || check.checksum !== table.checksum) {
      throw new BackupError(
        `Bảng ${table.name} nạp lại không khớp bản sao lưu (${check.rows}/${table.rows} dòng); không có gì được ghi.`,
        `Table ${table.name} did not load back identical to the backup (${check.rows}/${table.rows} rows); nothing was written.`,
      );
    }
    rows += loaded;
    onProgress?.(index + 1, database.tables.length);
  }
  return { rows };
}

/** Checks each dump file against the manifest before anything is written, so a damaged backup is refused up front. */
export async function checkDumpFiles(dumpDir: string, tables: TableDump[]): Promise<void> {
  for (const table of tables) {
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(path.join(dumpDir, table.file))) hash.update(chunk as Buffer);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new BackupError(`Bản sao lưu thiếu tệp ${table.file}.`, `The backup lacks the file ${table.file}.`);
    }
    if (hash.digest('hex') !== table.sha256) {
      throw new BackupError(
        `Tệp ${table.file} của bản sao lưu bị hỏng (mã băm SHA-256 không khớp manifest).`,
        `The backup's file ${table.file} is damaged (its SHA-256 does not match the manifest).`,
      );
    }
  }
}
