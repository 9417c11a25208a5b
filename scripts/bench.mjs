#!/usr/bin/env node
/** `npm run bench`: runs every bench/*.bench.ts in turn; each prints its figures and ratios to its baseline. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const only = process.argv[2];
const benches = fs.readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
let failed = 0;
for (const bench of benches) {
  console.log(`\n── bench/${bench}`);
  const outcome = spawnSync('npx', ['tsx', `bench/${bench}`], { stdio: 'inherit' });
  if (outcome.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
