/**
 * Reads a bag serialised as one tar stream (what writeBag produces, or what
 * GNU tar makes of a bag folder) in a single pass. Payload files are handed
 * to the caller as they stream out and hashed on the way; only tag files
 * (small) are buffered; the RFC 8493 checks run at the end, so the tar's
 * entries may come in any order.
 *
 * The verdict comes only after the last byte, when every payload file has
 * already been handed over. Handlers must therefore store into a staging area
 * (a temporary folder, blobs not yet referenced, an open transaction) and the
 * caller commits only when the report is valid, discarding the staging area
 * otherwise, and also when readBag rejects.
 */
import type { Readable } from 'node:stream';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tarStream from 'tar-stream';
import { PAYLOAD_DIR, findPathProblem } from './bag-paths.js';
import { bagProblem, type BagProblem } from './bag-problems.js';
import { HashingStream, createHandOver, createProgress, type BagProgress } from './bag-streams.js';
import { parseManifest, parseOxum, parseTagFile } from './bag-text.js';
import { validateBag, type ReceivedFile } from './bag-validation.js';

export type ReadBagHandlers = {
  /**
   * One payload file, `path` relative to data/. Store it in a staging area
   * (see above). Reading the stream is up to the handler: whatever it leaves
   * unread is drained and still hashed. `expected` is the manifest's
   * checksum when the manifest came earlier in the tar (writeBag puts it
   * last), e.g. to skip storing a blob already held. If the handler rejects,
   * readBag stops and rejects with that error; the handler must settle when
   * the stream errors (a truncated upload, an abort).
   */
  onPayloadFile(path: string, stream: Readable, expected?: { sha256: string }): Promise<void>;
  /** Every tag file (path relative to the bag folder, e.g. "metadata/records/X.json"), complete, in tar order. */
  onTagFile?(path: string, content: Buffer): Promise<void> | void;
};

export type ReadBagOptions = {
  onProgress?(progress: BagProgress): void;
  signal?: AbortSignal;
  /** Tag files are held in memory; a larger one is reported and not kept. Default 64 MiB (a manifest of ~500k files). */
  maxTagFileBytes?: number;
  /** Expected payload bytes for progress; otherwise Payload-Oxum if bag-info.txt comes before the payload. */
  totalBytes?: number;
};

export type BagFileSummary = { path: string; size: number; sha256: string };

export type BagReport = {
  /** True when no problem has severity "error": complete and valid per RFC 8493 §3. */
  valid: boolean;
  /** The tar's top-level folder. */
  bagName?: string;
  problems: BagProblem[];
  /** In tar order; `path` relative to data/, as given to onPayloadFile. */
  payloadFiles: BagFileSummary[];
  /** `path` relative to the bag folder. */
  tagFiles: BagFileSummary[];
  /** bag-info.txt; a label that occurs more than once gives an array. */
  bagInfo: Record<string, string | string[]>;
};

const DEFAULT_MAX_TAG_FILE_BYTES = 64 * 1024 * 1024;

/** Tag files whose text the checks need; other tag files are only hashed and handed over. */
const TEXTS_KEPT = /^(bagit\.txt|bag-info\.txt|fetch\.txt|(tag)?manifest-[A-Za-z0-9]+\.txt)$/;

/**
 * Resolves with a report (valid or not) when the tar was read to the end or
 * turned out to be unreadable. Rejects, without a report, when the signal
 * aborts, a handler fails or `input` itself errors: none of those says
 * anything about the bag.
 */
export async function readBag(input: Readable, handlers: ReadBagHandlers, options: ReadBagOptions = {}): Promise<BagReport> {
  options.signal?.throwIfAborted();
  const maxTagFileBytes = options.maxTagFileBytes ?? DEFAULT_MAX_TAG_FILE_BYTES;
  const problems: BagProblem[] = [];
  const payload = new Map<string, ReceivedFile>();
  const tagFiles = new Map<string, ReceivedFile>();
  const texts = new Map<string, string>();
  const seen = new Set<string>();
  let bagName: string | undefined;
  let manifestChecksums: Map<string, string> | undefined;
  let declaredBytes: number | undefined;
  let handlerFailure: { error: unknown } | undefined;
  // Whichever stream errors first tells a broken input (rejection) from a broken archive (report).
  let origin: 'input' | 'archive' | undefined;
  const progress = createProgress(options.onProgress, () => options.totalBytes ?? declaredBytes);

  async function receivePayload(path: string, stream: Readable) {
    const checksum = manifestChecksums?.get(path);
    const hasher = new HashingStream({ onChunk: (length) => progress.addBytes(length) });
    const handed = createHandOver();
    const moving = pipeline(stream, hasher, handed.sink);
    // If the tar breaks, the handler must hear of it rather than wait for bytes that will not come.
    moving.catch((error: Error) => handed.view.destroy(error));
    let failure: { error: unknown } | undefined;
    try {
      await handlers.onPayloadFile(path.slice(PAYLOAD_DIR.length + 1), handed.view, checksum ? { sha256: checksum } : undefined);
    } catch (error) {
      // If the tar or the input broke first, the handler only saw the consequence: that error is the one to report.
      if (!origin) {
        failure = { error };
        handlerFailure ??= failure;
      }
      hasher.destroy(error instanceof Error ? error : new Error(String(error)));
    }
    handed.detach();
    try {
      await moving;
    } catch (error) {
      throw failure ? failure.error : error;
    }
    if (failure) throw failure.error;
    payload.set(path, { size: hasher.bytes, sha256: hasher.sha256 });
    progress.fileDone();
  }

  async function receiveTagFile(path: string, stream: Readable, declaredSize: number) {
    const hasher = new HashingStream();
    const chunks: Buffer[] = [];
    let isTooLarge = declaredSize > maxTagFileBytes;
    const collect = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        isTooLarge ||= hasher.bytes > maxTagFileBytes;
        if (!isTooLarge) chunks.push(chunk);
        callback();
      },
    });
    await pipeline(stream, hasher, collect);
    tagFiles.set(path, { size: hasher.bytes, sha256: hasher.sha256 });
    if (isTooLarge) {
      problems.push(bagProblem('TAG_FILE_TOO_LARGE', path, String(maxTagFileBytes)));
      return;
    }
    const content = Buffer.concat(chunks);
    if (TEXTS_KEPT.test(path)) texts.set(path, content.toString('utf8'));
    // Known early, these let onPayloadFile get `expected` and progress get a total.
    if (path === 'manifest-sha256.txt') manifestChecksums = new Map(parseManifest(texts.get(path)!).entries.map((entry) => [entry.path, entry.checksum]));
    if (path === 'bag-info.txt') {
      const oxum = parseTagFile(texts.get(path)!).fields.find((field) => field.label.toLowerCase() === 'payload-oxum');
      declaredBytes = oxum ? parseOxum(oxum.value)?.bytes : undefined;
    }
    try {
      await handlers.onTagFile?.(path, content);
    } catch (error) {
      handlerFailure ??= { error };
      throw error;
    }
  }

  async function receiveEntry(header: tarStream.Headers, stream: Readable) {
    const skip = (problem?: BagProblem) => {
      if (problem) problems.push(problem);
      stream.resume();
    };
    // "./bag/..." is what `tar -cf x.tar ./bag` writes; a directory may end in '/'.
    const name = header.name.replace(/^(\.\/)+/, '').replace(/\/$/, '');
    const pathProblem = findPathProblem(name);
    if (pathProblem) return skip(bagProblem('UNSAFE_PATH', header.name, pathProblem));
    const slash = name.indexOf('/');
    const top = slash === -1 ? name : name.slice(0, slash);
    const path = slash === -1 ? '' : name.slice(slash + 1);
    const isDirectory = header.type === 'directory';
    // A file at the top level means the bag was tarred without its folder; it does not name the bag.
    if (path === '' && !isDirectory) return skip(bagProblem('NOT_SINGLE_DIRECTORY', name));
    bagName ??= top;
    if (top !== bagName) return skip(bagProblem('NOT_SINGLE_DIRECTORY', name));
    if (isDirectory) return skip();
    if (header.type !== 'file' && header.type !== 'contiguous-file') return skip(bagProblem('UNSUPPORTED_ENTRY', path, header.type ?? 'unknown type'));
    if (seen.has(path)) return skip(bagProblem('DUPLICATE_ENTRY', path));
    seen.add(path);
    if (path.startsWith(`${PAYLOAD_DIR}/`)) await receivePayload(path, stream);
    else await receiveTagFile(path, stream, header.size ?? 0);
  }

  const extract = tarStream.extract();
  let inFlight: Promise<void> = Promise.resolve();
  extract.on('entry', (header: tarStream.Headers, stream: Readable, next: (error?: unknown) => void) => {
    inFlight = receiveEntry(header, stream).then(
      () => next(),
      (error: unknown) => next(error),
    );
  });
  input.once('error', () => (origin ??= 'input'));
  extract.once('error', () => (origin ??= 'archive'));

  const summaries = () => ({
    bagName,
    payloadFiles: [...payload].map(([path, file]) => ({ path: path.slice(PAYLOAD_DIR.length + 1), ...file })),
    tagFiles: [...tagFiles].map(([path, file]) => ({ path, ...file })),
  });

  try {
    await pipeline(input, extract, options.signal ? { signal: options.signal } : {});
    await inFlight;
  } catch (error) {
    // Let the handler of the current entry settle before the caller starts rolling back.
    await inFlight.catch(() => {});
    if (options.signal?.aborted) throw options.signal.reason;
    if (handlerFailure) throw handlerFailure.error;
    if (origin !== 'archive') throw error;
    problems.push(bagProblem('ARCHIVE_UNREADABLE', undefined, error instanceof Error ? error.message : String(error)));
    return { valid: false, problems, bagInfo: {}, ...summaries() };
  }

  const validation = validateBag({ payload, tagFiles, texts });
  const allProblems = [...problems, ...validation.problems];
  return {
    valid: !allProblems.some((problem) => problem.severity === 'error'),
    problems: allProblems,
    bagInfo: validation.bagInfo,
    ...summaries(),
  };
}
