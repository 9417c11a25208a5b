import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB } from './testing/test-app.js';

/** The CLI and server as an administrator runs them: separate processes on a data dir or a database URL. */
const serverDir = path.resolve(import.meta.dirname, '..');
const exec = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-cli-'));
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let databaseUrl: string | undefined;
let databaseName: string | undefined;

const env = (dir = dataDir) => ({ ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliIn(dataDir, ...args);
}

async function cliIn(dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('npx', ['tsx', 'src/cli.ts', ...args], { cwd: serverDir, env: env(dir) });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Plays the attacker with owner rights on whichever database the CLI uses. */
async function tamper(statement: string) {
  const statements = [
    'alter table audit_events disable trigger audit_events_append_only',
    statement,
    'alter table audit_events enable trigger audit_events_append_only',
  ];
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    for (const s of statements) await client.query(s);
    await client.end();
  } else {
    const db = await PGlite.create(path.join(dataDir, 'pglite'));
    for (const s of statements) await db.exec(s);
    await db.close();
  }
}

beforeAll(async () => {
  if (TEST_DB === 'postgres') {
    databaseName = `nt_cli_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  }
});

afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (databaseName) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  }
});

// Each test spawns the CLI (tsx compiles it at start) and seeds or checks a whole data directory: minutes on a busy 2-core machine.
describe('command-line tool', { timeout: 240_000 }, () => {
  it.each(['migrate', 'create-admin', 'seed-demo', 'verify', 'backup', 'restore'])('explains %s with --help', async (command) => {
    const { code, stdout } = await cli(command, '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`Usage: nghiemthu ${command}`));
  });

  it('seeds the demo data once, verifies the chain, and names the first tampered event', async () => {
    // The province only: the acceptance history is covered by demo-acceptance.test.ts and would only slow this down.
    const seeded = await cli('seed-demo', '--no-history');
    expect(seeded.stdout).toContain('Demo data loaded');
    expect((await cli('seed-demo', '--no-history')).stdout).toContain('already loaded');

    const intact = await cli('verify');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/Audit chain intact: \d+ events, head #\d+ [0-9a-f]{64}/);
    expect(intact.stderr).toMatch(/Audit chain \/ Chuỗi nhật ký: \d+\/\d+ \(100%\)/);
    expect(intact.stdout).toMatch(/Stored files: \d+ checked, 0 faulty/);

    await tamper(`update audit_events set action = 'agency.updated' where seq = 7`);
    const broken = await cli('verify', '--json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ isIntact: false, audit: { isIntact: false, checked: 6, firstBroken: { seq: 7, problem: 'hashMismatch' } }, records: { broken: [] }, files: { faulty: [] } });
  });

  it('creates a system administrator who must change the password', async () => {
    const bad = await cli('create-admin', '--username', 'qt', '--full-name', 'Quản Trị', '--password', 'long-enough-pw', '--agency-code', '000.05.00.H99');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('QCVN 102');
    const ok = await cli('create-admin', '--username', 'quantri', '--full-name', 'Nguyễn Quản Trị', '--password', 'long-enough-pw', '--agency-code', '000.00.77.H99', '--agency-name', 'Ủy ban nhân dân tỉnh Thử', '--agency-short-name', 'UBNDT');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Created system administrator quantri');
  });
});

describe.runIf(TEST_DB === 'pglite')('data directory lock', { timeout: 240_000 }, () => {
  it('refuses a second process on a data directory in use, with a clear message', async () => {
    const lockedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-lock-'));
    const port = 3300 + Math.floor(Math.random() * 500);
    // node itself (not npx), so the SIGTERM below reaches the server and it releases the lock on the way out.
    const first = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: serverDir, env: { ...env(lockedDir), PORT: String(port), DEMO: 'false' } });
    try {
      // Wait until the first process listens (it holds the lock from before it opens the database).
      const deadline = Date.now() + 60_000;
      for (;;) {
        const up = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
        if (up) break;
        if (Date.now() > deadline) throw new Error('first server did not start');
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      const second = await cliIn(lockedDir, 'verify');
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('đang được một tiến trình NghiemThu khác sử dụng');
      expect(second.stderr).toContain('is in use by another NghiemThu process');
    } finally {
      first.kill('SIGTERM');
      await new Promise((resolve) => first.once('exit', resolve));
    }
    // Once the first has stopped, the directory is free again.
    expect((await cliIn(lockedDir, 'migrate')).code).toBe(0);
    fs.rmSync(lockedDir, { recursive: true, force: true });
  });
});
