/**
 * Runs a bench once per database, each in a process of its own: buildTestApp
 * (packages/server/src/testing/test-app.ts) picks PGlite or PostgreSQL from
 * TEST_DB when it is imported, and a fresh process per database also keeps one
 * database's memory (a PGlite holding 100,000 dossiers) out of the other's figures.
 *
 * BENCH_DB=pglite or BENCH_DB=postgres runs one of them. PostgreSQL gets a
 * throw-away database on the server at TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), as the tests do; when that
 * server does not answer, the PostgreSQL run is skipped with a note.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** In the parent: runs `file` again per database and exits with its status. In a child: runs `bench`. */
export async function runOnEachDatabase(file: string, bench: () => Promise<void>): Promise<void> {
  if (process.env.BENCH_CHILD === '1') {
    await bench();
    return;
  }
  const wanted = process.env.BENCH_DB ? [process.env.BENCH_DB] : ['pglite', 'postgres'];
  let failed = 0;
  for (const kind of wanted) {
    if (kind !== 'pglite' && kind !== 'postgres') throw new Error(`BENCH_DB must be pglite or postgres, not ${kind}`);
    if (kind === 'postgres' && !(await postgresAnswers())) {
      console.log(`PostgreSQL: skipped, no server answers at ${SERVER_URL} (set TEST_DATABASE_URL)`);
      continue;
    }
    // process.execArgv carries tsx's loader, so the child runs the same TypeScript file the same way.
    const outcome = spawnSync(process.execPath, [...process.execArgv, file], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_CHILD: '1', TEST_DB: kind },
    });
    if (outcome.status !== 0) failed += 1;
  }
  process.exitCode = failed ? 1 : 0;
}
