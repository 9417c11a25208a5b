import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Builds the web app and starts the real server (PGlite in a fresh temporary
 * DATA_DIR, so it loads the demo province on first start). Tests find it through
 * E2E_BASE_URL. The returned function stops the server and deletes the directory.
 *
 * E2E_PORT picks the port (default 3210, or any free port when 3210 is taken);
 * E2E_SKIP_BUILD=1 reuses packages/web/dist while iterating on the journeys.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const ARTIFACTS = path.join(import.meta.dirname, 'artifacts');
const DEFAULT_PORT = 3210;
// Building nothing, but migrating and loading the demo history (every dossier played through, records closed and sealed) on a busy machine.
const START_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 15_000;

export default async function globalSetup(): Promise<() => Promise<void>> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'nghiemthu-e2e-'));
  // The journeys build the web app into their own folder, so another build of packages/web/dist cannot change it mid-run.
  const webDistDir = process.env.E2E_SKIP_BUILD === '1' ? path.join(ROOT, 'packages/web/dist') : path.join(dataDir, 'web');
  if (process.env.E2E_SKIP_BUILD !== '1') buildWebApp(webDistDir);

  const port = await choosePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = startServer(port, dataDir, webDistDir);
  try {
    await waitForHealth(baseUrl, server);
  } catch (error) {
    await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  process.env.E2E_BASE_URL = baseUrl;
  console.log(`e2e: server ready at ${baseUrl} (data in ${dataDir}, log in e2e/artifacts/server.log)`);

  return async () => {
    await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
  };
}

function buildWebApp(outDir: string): void {
  console.log('e2e: building the web app…');
  const build = spawnSync('npm', ['run', 'build', '--workspace', '@nghiemthu/web', '--', '--outDir', outDir, '--emptyOutDir'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    throw new Error(`The web app did not build (exit ${build.status}):\n${build.stdout}\n${build.stderr}`);
  }
}

async function choosePort(): Promise<number> {
  if (process.env.E2E_PORT) {
    const port = Number(process.env.E2E_PORT);
    if (!(await isPortFree(port))) throw new Error(`E2E_PORT ${port} is already in use.`);
    return port;
  }
  return (await isPortFree(DEFAULT_PORT)) ? DEFAULT_PORT : anyFreePort();
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function startServer(port: number, dataDir: string, webDistDir: string): ChildProcess {
  const log = createWriteStream(path.join(ARTIFACTS, 'server.log'));
  // Only what the journeys need: a developer's DATABASE_URL must not point the run at a real database.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const server = spawn('npx', ['tsx', 'packages/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...inherited,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: path.join(dataDir, 'data'),
      WEB_DIST_DIR: webDistDir,
      DEMO: 'true',
      LOG_LEVEL: 'warn',
      // Every journey signs in from 127.0.0.1; the per-address limit is not what these journeys test.
      LOGIN_RATE_PER_MINUTE: '600',
    },
    // Its own process group, so stopping it also stops npx's and tsx's children.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  return server;
}

async function waitForHealth(baseUrl: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`The server exited with code ${server.exitCode} before it was ready; see e2e/artifacts/server.log.`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer ${baseUrl}/api/health within ${START_TIMEOUT_MS / 1000} s; see e2e/artifacts/server.log.`);
}

/** Stops the whole process group (npx, tsx, the server) and waits until none of it is left. */
async function stopServer(server: ChildProcess): Promise<void> {
  const pid = server.pid;
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isGroupAlive(pid)) {
    if (Date.now() > deadline) {
      signalGroup(pid, 'SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
