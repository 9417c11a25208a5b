import { ConfigError, loadConfig } from './config.js';
import { DataDirInUseError } from './lib/data-dir-lock.js';
import { maybeSeedDemo, openRuntime, startServer } from './runtime.js';

// load config -> lock + open db -> migrate -> demo data -> build app -> worker -> listen
async function main() {
  const config = loadConfig();
  const forceDemo = process.argv.includes('--demo');
  const runtime = await openRuntime(config, {
    onLockLost: (error) => {
      console.error(`Lost the lock on ${config.dataDir} (${error.message}); stopping to protect the data.`);
      process.exit(1);
    },
  });
  const seeded = await maybeSeedDemo(runtime, { force: forceDemo });
  const server = await startServer(runtime);
  const where = config.database.kind === 'pglite' ? `PGlite in ${config.database.dir}` : 'PostgreSQL';
  server.app.log.info(`NghiemThu on http://localhost:${config.port} (database: ${where}; demo data: ${seeded})`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info(`${signal}: stopping`);
    await server.stop();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    console.error(error.message);
  } else {
    console.error('NghiemThu could not start:', error);
  }
  process.exit(1);
});
