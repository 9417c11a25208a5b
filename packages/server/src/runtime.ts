import type { Config } from './config.js';
import { openPglite, openPostgres, type Database } from './db/client.js';
import { buildApp, type App } from './app.js';
import { seedDemo, type SeedOutcome } from './features/demo/demo.service.js';
import { createFsBlobStore } from './features/files/blob-store.js';
import { createS3BlobStore } from './features/files/s3-blob-store.js';
import { createWorker, type Worker } from './features/tasks/tasks.worker.js';
import { systemClock, type Clock } from './lib/clock.js';
import { lockDataDir } from './lib/data-dir-lock.js';

/**
 * Opens what every entry point needs, in order: lock the data directory (for
 * PGlite), open the database, run migrations. The server, the CLI and the
 * tests all start from here.
 */
export async function openRuntime(config: Config, options: { clock?: Clock; onLockLost?: (error: Error) => void } = {}) {
  const release =
    config.database.kind === 'pglite'
      ? await lockDataDir(config.dataDir, options.onLockLost ?? ((error) => { throw error; }))
      : null;
  let database: Database;
  try {
    database = config.database.kind === 'pglite' ? await openPglite(config.database.dir) : await openPostgres(config.database.url);
    await database.migrate();
  } catch (error) {
    await release?.();
    throw error;
  }
  const storage = config.storage.kind === 's3' ? createS3BlobStore(config.storage) : createFsBlobStore(config.storage.dir);
  const deps = { config, database, clock: options.clock ?? systemClock, storage };
  return {
    deps,
    async close() {
      await database.close();
      await release?.();
    },
  };
}

export type Runtime = Awaited<ReturnType<typeof openRuntime>>;

/** Demo data (the province and its acceptance history) loads by default on the embedded database only, and only into an empty installation. */
export async function maybeSeedDemo(runtime: Runtime, options: { force: boolean }): Promise<SeedOutcome | 'skipped'> {
  const { config } = runtime.deps;
  const wanted = options.force || config.demo === 'true' || (config.demo === 'auto' && config.database.kind === 'pglite');
  if (!wanted || config.demo === 'false') return 'skipped';
  return seedDemo(runtime.deps, { userAgent: 'nghiemthu start (demo data)', acceptance: true });
}

export async function startServer(runtime: Runtime): Promise<{ app: App; worker: Worker; stop(): Promise<void> }> {
  const app = await buildApp(runtime.deps);
  const worker = createWorker({ database: runtime.deps.database, services: app.services, log: app.log });
  await worker.start();
  await app.listen({ port: runtime.deps.config.port, host: runtime.deps.config.host });
  return {
    app,
    worker,
    async stop() {
      await app.close();
      await worker.stop();
    },
  };
}
