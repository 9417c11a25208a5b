/**
 * Writes docs/openapi.json from the route schemas. The file is committed; the
 * test run regenerates it and fails if that leaves a difference, so the
 * published API description never drifts from the code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openPglite } from '../db/client.js';
import { createFsBlobStore } from '../features/files/blob-store.js';
import { systemClock } from '../lib/clock.js';

const target = path.resolve(import.meta.dirname, '../../../../docs/openapi.json');
const outFile = process.argv[2] ? path.resolve(process.argv[2]) : target;

const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), webDistDir: '/nonexistent' };
const database = await openPglite(null);
const app = await buildApp({ config, database, clock: systemClock, storage: createFsBlobStore(path.join(config.dataDir, 'files')) });
await app.ready();
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
await database.close();
console.log(`wrote ${path.relative(process.cwd(), outFile)}`);
