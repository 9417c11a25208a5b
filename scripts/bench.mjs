#!/usr/bin/env node
/** `npm run bench`: runs every bench/*.bench.ts in turn; each prints its figures and ratios to its baseline. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const only = process.argv[2];
// The dossier benches last: they build large databases on PGlite and PostgreSQL and take minutes, the others seconds.
const last = ['dossier-workflow.bench.ts', 'dossier-list.bench.ts'];
const benches = fs.readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort((a, b) => last.indexOf(a) - last.indexOf(b) || a.localeCompare(b));
let failed = 0;
for (const bench of benches) {
  console.log(`\n── bench/${bench}`);
  const started = Date.now();
  const outcome = spawnSync('npx', ['tsx', `bench/${bench}`], { stdio: 'inherit' });
  if (outcome.status !== 0) failed += 1;
  console.log(`── bench/${bench}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
process.exit(failed ? 1 : 0);
