/**
 * How long text recognition of scans takes per page with ocrScan (ocrmypdf:
 * rasterise, turn upright, deskew, tesseract, rebuild the PDF), against the
 * bare `tesseract <png> - -l vie` command on the same generated pages in the
 * same run, both with OMP_THREAD_LIMIT=1. Also prints the character error
 * rate of each, straight and askew pages apart, since what the extra time
 * buys is mostly the askew pages. Prints figures, asserts nothing.
 *
 *   npx tsx bench/ocr.bench.ts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ocrScan } from '../packages/server/src/features/ocr/ocr-scan.js';
import { SAMPLE_LINES, characterErrorRate, hasCommand, hasOcrTools, rasterise, renderTextPdf, scannedPdf } from '../packages/server/src/features/ocr/test-scans.js';

const DPI = 300;
/** Degrees each generated page is turned: two straight, two fed askew. */
const PAGE_SKEWS = [0, 0, 5, -3];
const ROUNDS = 2;
const JOBS = os.availableParallelism();
const REFERENCE = SAMPLE_LINES.join(' ');

type Case = { label: string; run: () => Promise<string[]>; times: number[]; texts: string[] };

/** Runs every case once per round, interleaved, so a busy spell of the shared machine hits all of them rather than one. */
async function runRounds(cases: Case[]) {
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const c of cases) {
      const start = process.hrtime.bigint();
      c.texts = await c.run();
      c.times.push(Number(process.hrtime.bigint() - start) / 1e9);
    }
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const perPage = (c: Case) => median(c.times) / PAGE_SKEWS.length;
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function errorRates(texts: string[]) {
  const rates = texts.map((text) => characterErrorRate(REFERENCE, text));
  const mean = (skewed: boolean) => {
    const chosen = rates.filter((_, i) => (PAGE_SKEWS[i] !== 0) === skewed);
    return chosen.reduce((sum, rate) => sum + rate, 0) / chosen.length;
  };
  return `CER straight ${percent(mean(false)).padStart(6)}  askew ${percent(mean(true)).padStart(6)}`;
}

async function main() {
  if (!hasOcrTools() || !hasCommand('pdftoppm')) {
    console.log('ocr bench skipped: needs the Debian packages tesseract-ocr tesseract-ocr-vie ocrmypdf poppler-utils');
    return;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-bench-ocr-'));
  try {
    const pngs: string[] = [];
    for (const [index, rotateDegrees] of PAGE_SKEWS.entries()) {
      pngs.push(...rasterise(await renderTextPdf({ rotateDegrees }), DPI, work, `page${index + 1}`));
    }
    const scan = path.join(work, 'scan.pdf');
    fs.writeFileSync(scan, await scannedPdf(pngs.map((png) => ({ png, dpi: DPI }))));

    const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
    const tesseract: Case = {
      label: 'baseline: tesseract <png> - -l vie',
      run: async () => pngs.map((png) => execFileSync('tesseract', [png, '-', '-l', 'vie'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })),
      times: [],
      texts: [],
    };
    const ocr = (jobs: number): Case => ({
      label: `ocrScan, jobs ${jobs}`,
      run: async () =>
        (await ocrScan({ inputPath: scan, mediaType: 'application/pdf', outputDir: path.join(work, `out-${jobs}`), jobs })).pageTexts,
      times: [],
      texts: [],
    });
    const serial = ocr(1);
    const parallel = ocr(JOBS);
    const cases = JOBS > 1 ? [tesseract, serial, parallel] : [tesseract, serial];
    await runRounds(cases);

    const versions = [
      execFileSync('tesseract', ['--version'], { encoding: 'utf8' }).split('\n')[0],
      `ocrmypdf ${execFileSync('ocrmypdf', ['--version'], { encoding: 'utf8' }).trim()}`,
    ].join(', ');
    console.log(
      `ocr: ${PAGE_SKEWS.length} generated A4 pages at ${DPI} dpi, turned ${PAGE_SKEWS.join('/')}°, median of ${ROUNDS} interleaved rounds, ` +
        `node ${process.version}, ${os.cpus().length} CPUs (load average ${os.loadavg()[0]!.toFixed(1)}), ${versions}`,
    );
    for (const c of cases) {
      const ratio = c === tesseract ? '' : `  ${(perPage(c) / perPage(tesseract)).toFixed(2)}× tesseract`;
      console.log(`${c.label.padEnd(36)} ${perPage(c).toFixed(2).padStart(6)} s/page  ${errorRates(c.texts)}${ratio}`);
    }
    console.log('(jobs N: wall time over pages with N pages recognised at once; the others one page at a time)');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
