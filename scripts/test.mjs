#!/usr/bin/env node
/**
 * The one test command (`npm test`): type-check, generated files up to date,
 * unit + integration tests on PGlite, the integration suite again on a
 * PostgreSQL server when one is reachable, and the browser journeys when a
 * Chromium is found. The S3 blob store tests need an S3 server: TEST_S3_ENDPOINT,
 * or a Ceph RGW on 127.0.0.1:7480, which this starts (and stops) when radosgw
 * is installed. It ends by saying what ran and what it skipped; with
 * NGHIEMTHU_STRICT=1 (set by .ci/run) any skip is a failure.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
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

// The workplace's helper scripts live beside the repository (../shared/tools); a clone elsewhere finds them through
// NGHIEMTHU_SHARED_DIR or at the workplace's usual place.
const CEPH_SCRIPT = [
  process.env.NGHIEMTHU_SHARED_DIR && path.join(process.env.NGHIEMTHU_SHARED_DIR, 'tools/ceph-rgw-up.sh'),
  path.resolve(import.meta.dirname, '../../shared/tools/ceph-rgw-up.sh'),
  '/work/shared/tools/ceph-rgw-up.sh',
].find((candidate) => candidate && fs.existsSync(candidate)) ?? path.resolve(import.meta.dirname, '../../shared/tools/ceph-rgw-up.sh');
const CEPH_PORT = 7480;

function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 1000 });
    const answer = (isListening) => {
      socket.destroy();
      resolve(isListening);
    };
    socket.on('connect', () => answer(true));
    socket.on('timeout', () => answer(false));
    socket.on('error', () => answer(false));
  });
}

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, command)));
}

/**
 * Finds the S3 server for the S3 blob store tests, or starts a Ceph RGW. Gives
 * the environment for the test runs, or why there is none. A Ceph RGW takes
 * ~15 s to start: `starting` settles when it is up, so the type-check runs
 * meanwhile. stopCeph() stops it.
 */
let startedCeph = null;
async function s3ForTests() {
  if (process.env.TEST_S3_ENDPOINT) return { env: {}, note: `S3 tests use TEST_S3_ENDPOINT=${process.env.TEST_S3_ENDPOINT}` };
  if (await listening(CEPH_PORT)) return { env: {}, note: `S3 tests use the server already listening on 127.0.0.1:${CEPH_PORT} (keys TESTKEY/TESTSECRET unless TEST_S3_ACCESS_KEY_ID/TEST_S3_SECRET_ACCESS_KEY say otherwise)` };
  if (!onPath('radosgw')) return { reason: 'radosgw is not installed (apt-get install -y ceph-mon ceph-osd radosgw) and TEST_S3_ENDPOINT is not set' };
  if (!fs.existsSync(CEPH_SCRIPT)) return { reason: `${CEPH_SCRIPT} not found, and TEST_S3_ENDPOINT is not set` };
  return { starting: startCeph() };
}

async function startCeph() {
  const t0 = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-ceph-'));
  // The daemons run in the background and ignore Ctrl-C; if this process dies
  // before stopCeph() (Ctrl-C, a crash), this watcher stops them instead.
  const watcher = spawn('sh', ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -KILL $(cat "$0"/run/*.pid 2>/dev/null) 2>/dev/null; rm -rf "$0"`, dir], {
    detached: true,
    stdio: 'ignore',
  });
  watcher.unref();
  startedCeph = { dir, watcher };
  console.log(`── starting a Ceph RGW for the S3 tests in the background: ${CEPH_SCRIPT} ${dir}`);
  const output = await new Promise((resolve) => {
    const child = spawn('bash', [CEPH_SCRIPT, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.stderr.on('data', (chunk) => (text += chunk));
    child.on('close', (code) => resolve({ code, text }));
    child.on('error', (error) => resolve({ code: -1, text: error.message }));
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const printed = /S3_ENDPOINT=(\S+) S3_ACCESS_KEY=(\S+) S3_SECRET_KEY=(\S+)/.exec(output.text);
  if (output.code !== 0 || !printed) {
    stopCeph();
    const tail = output.text.trim().split('\n').slice(-3).join(' | ');
    return { reason: `${path.basename(CEPH_SCRIPT)} failed after ${seconds} s (exit ${output.code}): ${tail}` };
  }
  const [, endpoint, accessKeyId, secretAccessKey] = printed;
  return {
    env: { TEST_S3_ENDPOINT: endpoint, TEST_S3_ACCESS_KEY_ID: accessKeyId, TEST_S3_SECRET_ACCESS_KEY: secretAccessKey },
    note: `started a Ceph RGW at ${endpoint} in ${seconds} s (stopped at the end)`,
  };
}

/** Stops only what s3ForTests started: the daemons whose pid files the script wrote in our folder. */
function stopCeph() {
  if (!startedCeph) return;
  const { dir, watcher } = startedCeph;
  startedCeph = null;
  watcher.kill();
  const pids = ['rgw', 'osd', 'mon']
    .map((name) => path.join(dir, 'run', `${name}.pid`))
    .filter((file) => fs.existsSync(file))
    .map((file) => Number(fs.readFileSync(file, 'utf8').trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
  // SIGKILL: the cluster keeps nothing (memstore), and a daemon can hang for many seconds on SIGTERM once its monitor is gone.
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`── stopped the Ceph RGW (pids ${pids.join(' ')})`);
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

// Asked first: a Ceph RGW comes up in the background while the type-check runs.
const s3Plan = await s3ForTests();
run('type-check', 'npm', ['run', '--silent', 'typecheck']);
generatedFilesUpToDate();
const s3 = s3Plan.starting ? await s3Plan.starting : s3Plan;
if (s3.reason) {
  // The S3 test file skips itself then (and fails under NGHIEMTHU_STRICT=1, saying how to start a server).
  console.log(`── no S3 server for the S3 blob store tests: ${s3.reason}`);
  skip('S3 blob store tests', s3.reason);
} else {
  console.log(`── ${s3.note}`);
}
const s3Env = s3.env ?? {};
run('unit + integration on PGlite', 'npx', ['vitest', 'run'], { TEST_DB: 'pglite', ...s3Env });

const reachable = await postgresReachable();
if (reachable === true) {
  run(`integration on PostgreSQL (${databaseUrl})`, 'npx', ['vitest', 'run', '--project', 'server'], { TEST_DB: 'postgres', TEST_DATABASE_URL: databaseUrl, ...s3Env });
} else {
  skip('integration on PostgreSQL', `no server at ${databaseUrl} (${reachable}); set TEST_DATABASE_URL`);
}

if (fs.existsSync(chromium)) {
  run('browser journeys (Playwright + Debian chromium)', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], { CHROMIUM_PATH: chromium });
} else {
  skip('browser journeys', `no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

stopCeph();

const total = ((Date.now() - started) / 1000).toFixed(0);
console.log(`\n══ npm test summary (${total} s${strict ? ', strict' : ''})`);
if (s3.note) console.log(`  S3: ${s3.note}`);
for (const r of results) console.log(`  ${r.status.padEnd(7)} ${r.label}${r.seconds === '-' ? '' : ` (${r.seconds} s)`}${r.reason ? `: ${r.reason}` : ''}`);
const failed = results.filter((r) => r.status === 'FAILED');
const skipped = results.filter((r) => r.status === 'skipped');
if (skipped.length) console.log(`  ${skipped.length} part(s) SKIPPED${strict ? ': not allowed under NGHIEMTHU_STRICT=1' : ''}.`);
process.exit(failed.length || (strict && skipped.length) ? 1 : 0);
