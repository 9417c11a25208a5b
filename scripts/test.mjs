#!/usr/bin/env node
/**
 * The one test command (`npm test`): type-check, generated files up to date,
 * unit + integration tests on PGlite, the integration suite again on a
 * PostgreSQL server when one is reachable, and the browser journeys when a
 * Chromium is found. It ends by saying what ran and what it skipped; with
 * NGHIEMTHU_STRICT=1 (set by .ci/run) any skip is a failure.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const strict = process.env.NGHIEMTHU_STRICT === '1';
const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const results = [];
const started = Date.now();

function run(label, command, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n── ${label}: ${command} ${args.join(' ')}`);
  const outcome = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  results.push({ label, status: outcome.status === 0 ? 'passed' : 'FAILED', seconds });
  return outcome.status === 0;
}

function skip(label, reason) {
  results.push({ label, status: 'skipped', seconds: '-', reason });
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    return error.message;
  } finally {
    await client.end().catch(() => {});
  }
}

function generatedFilesUpToDate() {
  const t0 = Date.now();
  const fresh = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nt-openapi-')), 'openapi.json');
  const wrote = spawnSync('npx', ['tsx', 'packages/server/src/scripts/write-openapi.ts', fresh], { stdio: 'inherit' });
  const problems = [];
  if (wrote.status !== 0) problems.push('could not generate the OpenAPI document');
  else if (!fs.existsSync('docs/openapi.json') || fs.readFileSync(fresh, 'utf8') !== fs.readFileSync('docs/openapi.json', 'utf8')) {
    problems.push('docs/openapi.json is out of date: run `npm run openapi` and commit it');
  }
  const drizzle = spawnSync('npx', ['drizzle-kit', 'generate', '--name', 'check'], { cwd: 'packages/server', encoding: 'utf8' });
  if (!/No schema changes/.test(drizzle.stdout)) {
    problems.push('db/schema.ts has changes without a migration: run `npm run db:generate` and commit the migration');
    spawnSync('git', ['checkout', '--', 'packages/server/drizzle'], { stdio: 'ignore' });
    spawnSync('git', ['clean', '-fdq', 'packages/server/drizzle'], { stdio: 'ignore' });
  }
  for (const problem of problems) console.error(`✗ ${problem}`);
  results.push({ label: 'generated files (openapi.json, migrations)', status: problems.length ? 'FAILED' : 'passed', seconds: ((Date.now() - t0) / 1000).toFixed(1) });
}

run('type-check', 'npm', ['run', '--silent', 'typecheck']);
generatedFilesUpToDate();
run('unit + integration on PGlite', 'npx', ['vitest', 'run'], { TEST_DB: 'pglite' });

const reachable = await postgresReachable();
if (reachable === true) {
  run(`integration on PostgreSQL (${databaseUrl})`, 'npx', ['vitest', 'run', '--project', 'server'], { TEST_DB: 'postgres', TEST_DATABASE_URL: databaseUrl });
} else {
  skip('integration on PostgreSQL', `no server at ${databaseUrl} (${reachable}); set TEST_DATABASE_URL`);
}

if (fs.existsSync(chromium)) {
  run('browser journeys (Playwright + Debian chromium)', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], { CHROMIUM_PATH: chromium });
} else {
  skip('browser journeys', `no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

const total = ((Date.now() - started) / 1000).toFixed(0);
console.log(`\n══ npm test summary (${total} s${strict ? ', strict' : ''})`);
for (const r of results) console.log(`  ${r.status.padEnd(7)} ${r.label}${r.seconds === '-' ? '' : ` (${r.seconds} s)`}${r.reason ? `: ${r.reason}` : ''}`);
const failed = results.filter((r) => r.status === 'FAILED');
const skipped = results.filter((r) => r.status === 'skipped');
if (skipped.length) console.log(`  ${skipped.length} part(s) SKIPPED${strict ? ': not allowed under NGHIEMTHU_STRICT=1' : ''}.`);
process.exit(failed.length || (strict && skipped.length) ? 1 : 0);
