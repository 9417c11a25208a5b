import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
/**
 * One type for both drivers and for transactions: services take a Db and never
 * care which. The PGlite driver has the same query-builder API; only its raw
 * result type differs, which `rows()` below papers over.
 */
export type Db = NodePgDatabase<Schema>;

/** Rows of a raw SQL query, on either driver. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The shape pg-boss needs to run on whichever database we opened. */
export type SqlExecutor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  executor: SqlExecutor;
  /** For pg-boss on PostgreSQL: its own pool from the same URL. */
  url: string | null;
  migrate(): Promise<void>;
  close(): Promise<void>;
};

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../drizzle');

/** The transaction open in the current async context, if any. */
const ambient = new AsyncLocalStorage<Db>();

/**
 * A Db that runs each query in the transaction open in the current async
 * context, or on the pool when there is none. Services hold this, so a helper
 * called inside a transaction can never query around it. That matters beyond
 * consistency: PGlite is a single connection, and a query made outside an open
 * transaction waits for that transaction to end, which is waiting for the query.
 */
function ambientDb(root: Db): Db {
  return new Proxy(root, {
    get(target, property) {
      const active = ambient.getStore() ?? target;
      const value = Reflect.get(active, property);
      return typeof value === 'function' ? value.bind(active) : value;
    },
  });
}

export async function openPglite(dir: string | null): Promise<Database> {
  if (dir) fs.mkdirSync(dir, { recursive: true }); // PGlite does not create missing parents
  const client = await PGlite.create(dir ?? undefined);
  const db = ambientDb(drizzlePglite(client, { schema }) as unknown as Db);
  return {
    kind: 'pglite',
    db,
    url: null,
    executor: {
      async executeSql(text, values) {
        // Parameterless text may hold several statements (pg-boss's schema setup): run it as a script.
        if (!values || values.length === 0) {
          const results = await client.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        }
        const result = await client.query(text, values);
        return { rows: result.rows };
      },
    },
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR }),
    close: () => client.close(),
  };
}

export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Fail now with the server's own message rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const db = ambientDb(drizzlePg(pool, { schema }) as unknown as Db);
  return {
    kind: 'postgres',
    db,
    url,
    executor: {
      async executeSql(text, values) {
        const result: pg.QueryResult | pg.QueryResult[] = await pool.query(text, values as unknown[] | undefined);
        return { rows: Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows };
      },
    },
    async migrate() {
      // Several app processes may start at once: one migrates, the others wait.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(727274)');
        await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Runs fn in a transaction, or inside the caller's transaction if there is one,
 * so a service that writes its audit event can be composed into a bigger change
 * and everything commits or rolls back together.
 */
export async function withTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  const open = ambient.getStore();
  if (open) return fn(open);
  if (db instanceof PgTransaction) return fn(db as unknown as Db);
  return db.transaction((tx) => ambient.run(tx as unknown as Db, () => fn(tx as unknown as Db)));
}

