import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Me } from '@nghiemthu/shared';
import { buildApp, type App } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { openPglite, openPostgres, type Database } from '../db/client.js';
import { seedDemo } from '../features/demo/demo.service.js';
import { DEMO_PASSWORD } from '../features/demo/demo-data.js';
import { createFsBlobStore } from '../features/files/blob-store.js';
import { createWorker, type Worker } from '../features/tasks/tasks.worker.js';
import { manualClock } from '../lib/clock.js';

/** Which database the integration tests run on: `TEST_DB=postgres` switches from PGlite. */
export const TEST_DB = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database per test app: in-memory PGlite, or a throw-away database on the PostgreSQL server. */
async function freshDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  if (TEST_DB === 'pglite') {
    const database = await openPglite(null);
    return { database, drop: async () => undefined };
  }
  const name = `nt_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString());
  return {
    database,
    async drop() {
      const client = new pg.Client({ connectionString: SERVER_URL });
      await client.connect();
      // The pool has ended, but its connections may still be saying goodbye; forcing the drop
      // now would kill them mid-way and surface as an error in the test run. Wait for them first.
      for (let i = 0; i < 50; i += 1) {
        const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export type SignedIn = { me: Me; headers: { cookie: string; 'x-csrf-token': string } };

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>;

/**
 * Builds the whole app without listening, on a fresh database with migrations
 * applied and (by default) the demo province loaded. Inject requests with
 * `app.inject`; move time with `clock.advance`.
 */
export async function buildTestApp(options: { demo?: boolean; worker?: boolean; config?: Partial<Config> } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-test-'));
  const config: Config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir }), ...options.config };
  const { database, drop } = await freshDatabase();
  await database.migrate();
  const clock = manualClock();
  const storage = createFsBlobStore(path.join(dataDir, 'files'));
  const deps = { config, database, clock, storage };
  if (options.demo !== false) await seedDemo(deps, { userAgent: 'test' });
  const app: App = await buildApp(deps);
  let worker: Worker | null = null;
  if (options.worker) {
    worker = createWorker({ database, services: app.services, log: app.log });
    await worker.start();
  }

  async function signIn(username: string, password = DEMO_PASSWORD): Promise<SignedIn> {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (response.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'nt_session');
    if (!cookie) throw new Error('no session cookie');
    const me = response.json() as Me;
    return { me, headers: { cookie: `nt_session=${cookie.value}`, 'x-csrf-token': me.csrfToken } };
  }

  /** Waits for a background task to finish (needs `worker: true`). */
  async function waitForTask(taskId: string, signedIn: SignedIn, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await app.inject({ method: 'GET', url: `/api/tasks/${taskId}`, headers: signedIn.headers });
      const task = response.json();
      if (task.status === 'succeeded' || task.status === 'failed') return task;
      if (Date.now() > deadline) throw new Error(`task ${taskId} still ${task.status} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return {
    app,
    services: app.services,
    database,
    db: database.db,
    clock,
    config,
    dataDir,
    signIn,
    waitForTask,
    async close() {
      await worker?.stop();
      await app.close();
      await database.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
