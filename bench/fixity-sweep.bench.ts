/**
 * Fixity sweep throughput: re-hashing every stored blob the way the integrity
 * sweep does (BlobStore.verify, one blob after another), against
 * `openssl dgst -sha256` over the very same files in the same run. Prints
 * figures and the ratio, asserts nothing.
 *
 *   npx tsx bench/fixity-sweep.bench.ts
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createFsBlobStore } from '../packages/server/src/features/files/blob-store.js';

const MiB = 1024 * 1024;
/** A mix like a records store: many small scans and reports, a few large files. */
const SIZES = [...Array(48).fill(512 * 1024), ...Array(24).fill(4 * MiB), ...Array(4).fill(32 * MiB)] as number[];
const ROUNDS = 3;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-fixity-bench-'));
const store = createFsBlobStore(root);
const hashes: string[] = [];
let totalBytes = 0;
for (const size of SIZES) {
  const blob = await store.put(Readable.from([randomBytes(size)]), { maxBytes: size });
  hashes.push(blob.sha256);
  totalBytes += size;
}
const blobPaths = hashes.map((h) => path.join(root, 'sha256', h.slice(0, 2), h.slice(2, 4), h));

const ours: number[] = [];
const openssl: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  // Interleaved, and both read from the page cache after the first touch: the comparison is hashing and reading, not the disk.
  let start = process.hrtime.bigint();
  for (const hash of hashes) if (!(await store.verify(hash))) throw new Error(`blob ${hash} failed its check`);
  ours.push(Number(process.hrtime.bigint() - start) / 1e9);
  start = process.hrtime.bigint();
  execFileSync('openssl', ['dgst', '-sha256', ...blobPaths], { maxBuffer: 64 * MiB });
  openssl.push(Number(process.hrtime.bigint() - start) / 1e9);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rate = (seconds: number) => (totalBytes / MiB / seconds).toFixed(0);
console.log(`${SIZES.length} blobs, ${(totalBytes / MiB).toFixed(0)} MiB, median of ${ROUNDS} rounds`);
console.log(`  integrity sweep (BlobStore.verify) : ${median(ours).toFixed(2)} s  ${rate(median(ours))} MiB/s`);
console.log(`  openssl dgst -sha256 (baseline)    : ${median(openssl).toFixed(2)} s  ${rate(median(openssl))} MiB/s`);
console.log(`  ratio sweep / openssl              : ${(median(ours) / median(openssl)).toFixed(2)}×`);
fs.rmSync(root, { recursive: true, force: true });
