/**
 * How fast uploads are stored, against baselines measured in the same run on
 * the same bytes: `openssl dgst -sha256` (hashing alone), and plain streamed
 * writes with fsync, from the generator and as a file copy (writing alone).
 * Prints figures, asserts nothing.
 *
 *   npx tsx bench/file-upload.bench.ts
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createFsBlobStore } from '../packages/server/src/features/files/blob-store.js';

const MiB = 1024 * 1024;
const TOTAL_BYTES = 256 * MiB;
/** What busboy hands the blob store during a multipart upload. */
const CHUNK_BYTES = 64 * 1024;
const ROUNDS = 5;

// A pool of random chunks: generating fresh random bytes would cost more than storing them.
const pool = Array.from({ length: 64 }, () => randomBytes(CHUNK_BYTES));

function generatedStream(): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= TOTAL_BYTES) return this.push(null);
      this.push(pool[(sent / CHUNK_BYTES) % pool.length]);
      sent += CHUNK_BYTES;
    },
  });
}

type Case = { label: string; run: (round: number) => Promise<unknown> | void; times: number[]; peakRss: number };

/**
 * Runs every case once per round, interleaved, so a slow patch of the disk
 * (common on virtual machines) hits all of them rather than one.
 */
async function runRounds(cases: Case[]) {
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const c of cases) {
      // Flush earlier dirty pages so their write-back is not charged to this case.
      execFileSync('sync');
      const sampler = setInterval(() => {
        c.peakRss = Math.max(c.peakRss, process.memoryUsage.rss());
      }, 5);
      const start = process.hrtime.bigint();
      await c.run(round);
      c.times.push(Number(process.hrtime.bigint() - start) / 1e9);
      clearInterval(sampler);
      c.peakRss = Math.max(c.peakRss, process.memoryUsage.rss());
    }
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rate = (c: Case) => TOTAL_BYTES / MiB / median(c.times);

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-bench-'));
  try {
    const source = path.join(work, 'source.bin');
    await pipeline(generatedStream(), fs.createWriteStream(source));
    const readSource = () => fs.createReadStream(source, { highWaterMark: CHUNK_BYTES });
    // Each round stores into a fresh store, so nothing is deduplicated away.
    const freshStore = (label: string, round: number) => createFsBlobStore(path.join(work, `${label}-${round}`));
    const verifyStore = freshStore('verify', 0);
    const { sha256 } = await verifyStore.put(readSource(), { maxBytes: TOTAL_BYTES });
    const rssAtStart = process.memoryUsage.rss();

    const make = (label: string, run: Case['run']): Case => ({ label, run, times: [], peakRss: 0 });
    const openssl = make('baseline: openssl dgst -sha256 (file)', () => {
      execFileSync('openssl', ['dgst', '-sha256', source], { stdio: 'ignore' });
    });
    const write = make('baseline: generated stream to file + fsync', (round) =>
      pipeline(generatedStream(), fs.createWriteStream(path.join(work, `write-${round}.bin`), { flush: true })),
    );
    const copy = make('baseline: fs stream copy + fsync', (round) =>
      pipeline(readSource(), fs.createWriteStream(path.join(work, `copy-${round}.bin`), { flush: true })),
    );
    const putGenerated = make('blob store put (generated stream)', (round) =>
      freshStore('generated', round).put(generatedStream(), { maxBytes: TOTAL_BYTES }),
    );
    const putFile = make('blob store put (from file)', (round) => freshStore('file', round).put(readSource(), { maxBytes: TOTAL_BYTES }));
    const verify = make('blob store verify (rehash)', async () => {
      if (!(await verifyStore.verify(sha256))) throw new Error('stored blob does not verify');
    });
    await runRounds([openssl, write, copy, putGenerated, putFile, verify]);

    const line = (c: Case, ...against: [Case, string][]) =>
      console.log(
        `${c.label.padEnd(44)} ${rate(c).toFixed(0).padStart(5)} MiB/s  ${median(c.times).toFixed(3)} s  peak RSS ${(c.peakRss / MiB).toFixed(0)} MiB` +
          against.map(([base, name]) => `  ${(rate(c) / rate(base)).toFixed(2)}× ${name}`).join(''),
      );
    console.log(`file upload: ${TOTAL_BYTES / MiB} MiB in ${CHUNK_BYTES / 1024} KiB chunks, median of ${ROUNDS} interleaved rounds, node ${process.version}, ${os.cpus().length} CPUs`);
    console.log(`RSS before the rounds: ${(rssAtStart / MiB).toFixed(0)} MiB (peaks are for the whole process)`);
    line(openssl);
    line(write);
    line(copy);
    line(putGenerated, [write, 'plain write'], [openssl, 'openssl']);
    line(putFile, [copy, 'plain copy'], [openssl, 'openssl']);
    line(verify, [openssl, 'openssl']);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
