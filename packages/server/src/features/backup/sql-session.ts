import { Readable, Writable } from 'node:stream';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Database } from '../../db/client.js';

/**
 * One transaction on one connection, with COPY in both directions: what a
 * dump and a load need and the Db query builder does not offer. PGlite does
 * COPY through its `/dev/blob` device (a table at a time in memory, as PGlite
 * holds its data anyway); PostgreSQL streams it through pg-copy-streams.
 */
export type SqlSession = {
  /** Simple protocol: the text may hold several statements (a migration). */
  run(text: string): Promise<void>;
  rows<T>(text: string, values?: unknown[]): Promise<T[]>;
  /** `COPY (<select>) TO STDOUT` in text format; consume must read the stream to its end (a pipeline). */
  copyOut(select: string, consume: (source: Readable) => Promise<void>): Promise<void>;
  /**
   * `COPY <table> (<columns>) FROM STDIN` in text format; produce must write
   * the rows into sink and end it (a pipeline). Resolves to the rows loaded.
   */
  copyIn(table: string, columns: string[], produce: (sink: Writable) => Promise<void>): Promise<number>;
};

/**
 * Session settings that make every value's text the same on PGlite and
 * PostgreSQL and from one run to the next (what pg_dump sets too): times in
 * UTC and ISO form, floats at full precision.
 */
const STABLE_TEXT = [
  `set local timezone = 'UTC'`,
  `set local datestyle = 'ISO, YMD'`,
  `set local intervalstyle = 'postgres'`,
  `set local extra_float_digits = 3`,
  `set local bytea_output = 'hex'`,
];

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Runs fn in one transaction: `read` is a repeatable-read snapshot (every
 * table as of one moment, while the server may keep writing on PostgreSQL),
 * `write` commits only if fn resolves.
 */
export async function inSession<T>(database: Database, mode: 'read' | 'write', fn: (session: SqlSession) => Promise<T>): Promise<T> {
  if (database.kind === 'pglite') {
    // The drizzle instance carries its PGlite client; the embedded database has no other way in.
    const client = (database.db as unknown as { $client: PGlite }).$client;
    return client.transaction(async (tx) => {
      for (const statement of STABLE_TEXT) await tx.query(statement);
      return fn(pgliteSession(tx));
    });
  }
  const client = new pg.Client({ connectionString: database.url! });
  await client.connect();
  try {
    await client.query(mode === 'read' ? 'begin isolation level repeatable read read only' : 'begin');
    for (const statement of STABLE_TEXT) await client.query(statement);
    const result = await fn(postgresSession(client));
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

function pgliteSession(tx: Transaction): SqlSession {
  return {
    async run(text) {
      await tx.exec(text);
    },
    async rows<T>(text: string, values?: unknown[]) {
      return (await tx.query<T>(text, values)).rows;
    },
    async copyOut(select, consume) {
      const result = await tx.query(`copy (${select}) to '/dev/blob'`);
      const bytes = Buffer.from(await (result.blob ?? new Blob([])).arrayBuffer());
      await consume(Readable.from([bytes]));
    },
    async copyIn(table, columns, produce) {
      const chunks: Buffer[] = [];
      await produce(new Writable({
        write(chunk: Buffer, _encoding, callback) {
          chunks.push(chunk);
          callback();
        },
      }));
      const result = await tx.query(`copy ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) from '/dev/blob'`, [], {
        blob: new Blob([Buffer.concat(chunks)]),
      });
      return result.affectedRows ?? 0;
    },
  };
}

function postgresSession(client: pg.Client): SqlSession {
  return {
    async run(text) {
      await client.query(text);
    },
    async rows<T>(text: string, values?: unknown[]) {
      return (await client.query(text, values)).rows as T[];
    },
    async copyOut(select, consume) {
      await consume(client.query(copyTo(`copy (${select}) to stdout`)));
    },
    async copyIn(table, columns, produce) {
      const sink = client.query(copyFrom(`copy ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) from stdin`));
      await produce(sink);
      return sink.rowCount;
    },
  };
}
