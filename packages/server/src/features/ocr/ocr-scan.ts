import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractPdfText } from './pdf-text.js';
import { ScanError, damaged } from './scan-error.js';
import { checkScanResolution, inspectScan } from './scan-inspect.js';

export type OcrLanguage = 'vie' | 'eng' | 'vie+eng';
export type OcrProgress = { pagesDone: number; pageCount: number };

export type OcrScanOptions = {
  /** The scan as uploaded; only read, never written. */
  inputPath: string;
  mediaType: string;
  /** Where the derivative `<input name>.ocr.pdf` is written (an earlier one is replaced). */
  outputDir: string;
  language?: OcrLanguage;
  /** Pages recognised in parallel; default os.availableParallelism(). */
  jobs?: number;
  onProgress?: (progress: OcrProgress) => void;
  /** Aborting kills ocrmypdf and its tesseract processes, and rejects with the signal's reason. */
  signal?: AbortSignal;
};

export type OcrScanResult = {
  /** The searchable PDF derivative: page images (deskewed, upright) with an invisible text layer. */
  outputPath: string;
  pageCount: number;
  /** Recognised (or already present) text of each page, NFC. */
  pageTexts: string[];
  /** 1-based pages that already had text and were copied as they were. */
  pagesWithText: number[];
  seconds: number;
};

/** What ocr-scan needs installed, as Debian packages. */
export const OCR_DEBIAN_PACKAGES = 'tesseract-ocr, tesseract-ocr-vie, ocrmypdf';

/** Reports progress and finds the deskew angle (see the file for why). */
const OCRMYPDF_PLUGIN = fileURLToPath(new URL('./ocrmypdf-plugin.py', import.meta.url));
const PROGRESS_LINE = /^@@progress\t(.*)\t([\d.]+)\t([\d.]+)$/;
/** Grace time between asking ocrmypdf to stop and killing it. */
const KILL_AFTER_MS = 3000;

/**
 * Makes a searchable PDF from a scan with ocrmypdf: pages turned upright,
 * levelled (the angle comes from our plugin, tesseract's is always 0 here),
 * recognised with tesseract one thread per page (OMP_THREAD_LIMIT=1, which
 * was 5-7× faster than tesseract's own threads) and `jobs` pages at a time.
 * The scan is refused first if below the digitisation resolution or without
 * a recorded resolution, rather than guessed with --image-dpi.
 *
 * `--skip-text` is always passed: pages that already carry text (born-digital
 * ones) are copied as they are, and only pages without text are recognised.
 * `--output-type pdf` means no PDF/A conversion through Ghostscript, which
 * garbles the text of born-digital Vietnamese PDFs.
 */
export async function ocrScan(options: OcrScanOptions): Promise<OcrScanResult> {
  const started = performance.now();
  const { signal } = options;
  signal?.throwIfAborted();
  const jobs = options.jobs ?? os.availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`jobs must be a positive integer, got ${jobs}`);

  const inspection = await inspectScan(options.inputPath, options.mediaType);
  checkScanResolution(inspection);
  // A scan image with transparency: refused by ocrmypdf, refused here first with the reason.
  if (inspection.pages.some((page) => page.hasAlpha)) throw new ScanError('VALIDATION_FAILED', 'scanImageHasAlpha');

  // Absolute, so a file name starting with "-" cannot read as an option.
  const inputPath = path.resolve(options.inputPath);
  const outputPath = path.resolve(options.outputDir, `${path.parse(inputPath).name}.ocr.pdf`);
  const partialPath = `${outputPath}.${randomUUID()}.partial`;
  await fs.mkdir(options.outputDir, { recursive: true });
  signal?.throwIfAborted();
  // ocrmypdf's own temporary files go here, so a killed run leaves nothing behind in /tmp.
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nghiemthu-ocr-'));
  try {
    const args = [
      '-l', options.language ?? 'vie',
      '--deskew',
      '--rotate-pages',
      '--skip-text',
      '--output-type', 'pdf',
      '--jobs', String(jobs),
      '--plugin', OCRMYPDF_PLUGIN,
      inputPath,
      partialPath,
    ];
    const { exitCode, toolOutput } = await runOcrmypdf(args, { workDir, signal, onProgress: options.onProgress });
    if (exitCode !== 0) throw ocrmypdfError(exitCode, toolOutput, inspection.mediaType);

    const pageTexts = extractPdfText(await fs.readFile(partialPath));
    if (pageTexts.length !== inspection.pageCount) {
      throw new ScanError('INTERNAL', 'ocrFailed', {}, { toolOutput: `output has ${pageTexts.length} pages, input ${inspection.pageCount}` });
    }
    await fs.rename(partialPath, outputPath);
    return {
      outputPath,
      pageCount: inspection.pageCount,
      pageTexts,
      pagesWithText: inspection.pages.filter((page) => page.hasText).map((page) => page.page),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await fs.rm(partialPath, { force: true });
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

type RunOptions = { workDir: string; signal?: AbortSignal; onProgress?: (progress: OcrProgress) => void };

/**
 * Runs ocrmypdf in its own process group, so that cancelling reaches the
 * tesseract processes it starts, not only ocrmypdf. Resolves with the exit
 * code and the end of stderr; rejects with the signal's reason once every
 * process holding the output pipe has gone.
 */
function runOcrmypdf(args: string[], { workDir, signal, onProgress }: RunOptions): Promise<{ exitCode: number; toolOutput: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('ocrmypdf', args, {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, OMP_THREAD_LIMIT: '1', TMPDIR: workDir },
    });
    const killGroup = (how: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, how);
      } catch {
        // ESRCH: the group is already gone.
      }
    };
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), KILL_AFTER_MS);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort(); // aborted while the process started: no event will come

    const tail: string[] = [];
    let reported = -1;
    let pending = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const progress = PROGRESS_LINE.exec(line);
        if (!progress) {
          tail.push(line);
          if (tail.length > 40) tail.shift();
        } else if (progress[1] === 'OCR') {
          const pagesDone = Math.floor(Number(progress[2]));
          if (pagesDone !== reported) {
            reported = pagesDone;
            onProgress?.({ pagesDone, pageCount: Math.round(Number(progress[3])) });
          }
        }
      }
    });

    let spawnError: NodeJS.ErrnoException | undefined;
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code, how) => {
      signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      if (signal?.aborted) {
        killGroup('SIGKILL'); // anything that let go of the pipe but still runs
        return reject(signal.reason);
      }
      if (spawnError?.code === 'ENOENT') {
        return reject(new ScanError('INTERNAL', 'ocrToolMissing', { packages: OCR_DEBIAN_PACKAGES }, { cause: spawnError }));
      }
      if (spawnError) return reject(new ScanError('INTERNAL', 'ocrFailed', {}, { cause: spawnError }));
      resolve({ exitCode: code ?? (how ? 128 : 1), toolOutput: [...tail, pending].join('\n').trim() });
    });
  });
}

/** ocrmypdf's exit codes (ocrmypdf.ExitCode) as messages a person can act on. */
function ocrmypdfError(exitCode: number, toolOutput: string, mediaType: string): ScanError {
  const format = mediaType === 'application/pdf' ? 'PDF' : mediaType.replace('image/', '').toUpperCase();
  switch (exitCode) {
    case 2: // input_file: unreadable PDF or image (the resolution and alpha cases are refused before running)
      if (/alpha channel/i.test(toolOutput)) return new ScanError('VALIDATION_FAILED', 'scanImageHasAlpha', {}, { toolOutput });
      return damaged(format, { toolOutput });
    case 3: // missing_dependency: tesseract, or its Vietnamese data
      return new ScanError('INTERNAL', 'ocrToolMissing', { packages: OCR_DEBIAN_PACKAGES }, { toolOutput });
    case 8: // encrypted_pdf
      return new ScanError('VALIDATION_FAILED', 'scanEncrypted', {}, { toolOutput });
    default:
      return new ScanError('INTERNAL', 'ocrFailed', {}, { toolOutput });
  }
}
