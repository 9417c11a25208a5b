/**
 * Writes a BagIt 1.0 bag (RFC 8493) as one tar stream: a tar can be written
 * and read front to back without seeking, so a bag of any size goes from
 * storage to a download (or a file) holding one chunk at a time.
 *
 * Tar order is free, so the entries go in the order they become known:
 *   <name>/bagit.txt                 (constant)
 *   <name>/data/...                  payload, each file hashed while it streams
 *   <name>/manifest-sha256.txt       known once the payload is through
 *   <name>/bag-info.txt              Payload-Oxum needs the payload too
 *   <name>/<caller's tag files>      e.g. metadata/records/<code>.json
 *   <name>/tagmanifest-sha256.txt    over every tag file above
 */
import { createHash } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PAYLOAD_DIR, collisionKey, findPathProblem, isReservedTagPath } from './bag-paths.js';
import { HashingStream, createProgress, type BagProgress } from './bag-streams.js';
import {
  BAGIT_TXT,
  findLabelProblem,
  findValueProblem,
  formatBagSize,
  formatBaggingDate,
  formatManifestLine,
  formatOxum,
  formatTagFile,
  type TagField,
} from './bag-text.js';
import { addBufferEntry, addStreamEntry, createPack, fileHeader, type TarPack } from './tar-pack.js';

export type BagPayloadFile = {
  /** Relative to the bag's data/ folder, '/'-separated, e.g. "HS-2026-001/Tờ trình.pdf". */
  path: string;
  /** Exact size in bytes: tar writes it before the content. */
  size: number;
  /** If known (e.g. from the blob store), the export fails when the stored bytes no longer match it. */
  sha256?: string;
  /** The tar entry's mtime; defaults to the bag's createdAt. */
  modifiedAt?: Date;
  /** Opened only when this file's turn comes, so one file is open at a time. */
  open(): Promise<Readable>;
};

export type BagTagFile = {
  /** Relative to the bag's top-level folder, outside data/, e.g. "metadata/records/HS-2026-001.json". */
  path: string;
  content: Buffer | string;
};

export type BagToWrite = {
  /** The single top-level folder of the tar (RFC 8493 §4), usually the transfer's code. */
  name: string;
  /** Extra bag-info.txt fields. Bagging-Date may be given (YYYY-MM-DD); Payload-Oxum and Bag-Size are computed. */
  bagInfo: Record<string, string | string[]>;
  payload: AsyncIterable<BagPayloadFile> | Iterable<BagPayloadFile>;
  tagFiles?: AsyncIterable<BagTagFile> | Iterable<BagTagFile>;
  /** Sum of payload sizes if the caller knows it, passed on in progress reports. */
  totalBytes?: number;
  /** Default Bagging-Date and tar mtime; fix it to get byte-identical output for identical inputs. */
  createdAt?: Date;
  onProgress?(progress: BagProgress): void;
  signal?: AbortSignal;
};

export type WrittenBag = {
  name: string;
  payloadFiles: number;
  payloadBytes: number;
  payloadOxum: string;
  /** SHA-256 of manifest-sha256.txt. */
  manifestSha256: string;
  /** SHA-256 of tagmanifest-sha256.txt, which covers every tag file and so the whole bag: a fingerprint for the audit log. */
  tagManifestSha256: string;
  /** Size and SHA-256 of the tar stream itself, for the receiving archive's transfer record. */
  tarBytes: number;
  tarSha256: string;
};

export type BagWriteErrorCode = 'INVALID_BAG' | 'INVALID_PATH' | 'DUPLICATE_PATH' | 'SIZE_MISMATCH' | 'CHECKSUM_MISMATCH';

/** A problem with the inputs (a path, a field) or with a stored file's bytes; `path` names the file. */
export class BagWriteError extends Error {
  constructor(
    readonly code: BagWriteErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'BagWriteError';
  }
}

const COMPUTED_FIELDS = ['payload-oxum', 'bag-size'];

/**
 * Streams the bag into `output` and resolves once `output` has finished.
 * On any failure (bad input, a stored file that no longer matches its
 * sha256, an abort, an output error) it stops reading, destroys `output`
 * (so a partial tar is never mistaken for a whole one) and rejects: a
 * BagWriteError for input and content problems, the signal's reason on
 * abort, otherwise the underlying error.
 */
export async function writeBag(output: Writable, bag: BagToWrite): Promise<WrittenBag> {
  const createdAt = bag.createdAt ?? new Date();
  // Everything checkable up front is checked before the first byte goes out.
  checkBagName(bag.name);
  const callerFields = checkBagInfo(bag.bagInfo);
  bag.signal?.throwIfAborted();

  const stop = new AbortController();
  const signal = bag.signal ? AbortSignal.any([bag.signal, stop.signal]) : stop.signal;
  const pack = createPack();
  const tarHash = new HashingStream();
  let firstError: unknown;
  const fail = (error: unknown) => {
    firstError ??= error;
    stop.abort(error);
    throw error;
  };

  // The pipeline destroys output (and pack) when anything fails or the signal fires.
  const delivering = pipeline(pack, tarHash, output, { signal }).catch(fail);
  const producing = writeEntries(pack, bag, callerFields, createdAt, signal).catch(fail);
  const [produced, delivered] = await Promise.allSettled([producing, delivering]);

  if (produced.status === 'fulfilled' && delivered.status === 'fulfilled') {
    return { ...produced.value, name: bag.name, tarBytes: tarHash.bytes, tarSha256: tarHash.sha256 };
  }
  if (!output.destroyed) output.destroy();
  if (bag.signal?.aborted) throw bag.signal.reason;
  const errors = [produced, delivered].flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  // Our own error says which file is wrong; prefer it to the stream errors it caused downstream.
  throw errors.find((error) => error instanceof BagWriteError) ?? firstError;
}

async function writeEntries(pack: TarPack, bag: BagToWrite, callerFields: TagField[], createdAt: Date, signal: AbortSignal) {
  const root = (path: string) => `${bag.name}/${path}`;
  const tagManifest: string[] = [];
  const addTagFile = async (path: string, content: Buffer) => {
    signal.throwIfAborted();
    await addBufferEntry(pack, fileHeader(root(path), content.length, createdAt), content);
    tagManifest.push(formatManifestLine(sha256Of(content), path));
  };

  await addTagFile('bagit.txt', Buffer.from(BAGIT_TXT));

  const progress = createProgress(bag.onProgress, () => bag.totalBytes);
  const manifest: string[] = [];
  const seen = new Set<string>();
  for await (const file of bag.payload) {
    signal.throwIfAborted();
    const path = `${PAYLOAD_DIR}/${file.path}`;
    checkNewPath(file.path, path, seen);
    if (!Number.isSafeInteger(file.size) || file.size < 0) throw new BagWriteError('INVALID_BAG', `"${path}": size must be a whole number of bytes`, path);
    const expected = file.sha256?.toLowerCase();
    const hasher = new HashingStream({
      // Stop at the first byte too many rather than corrupt the tar.
      check: (bytes) => (bytes > file.size ? sizeMismatch(path, file.size, `more than ${file.size}`) : null),
      onChunk: (length) => progress.addBytes(length),
      finish: (sha256, bytes) => {
        if (bytes !== file.size) return sizeMismatch(path, file.size, String(bytes));
        if (expected !== undefined && sha256 !== expected) {
          return new BagWriteError(
            'CHECKSUM_MISMATCH',
            `"${path}": stored bytes have SHA-256 ${sha256}, expected ${expected}; the stored file is damaged, export stopped`,
            path,
          );
        }
        return null;
      },
    });
    const source = await file.open();
    await addStreamEntry(pack, fileHeader(root(path), file.size, file.modifiedAt ?? createdAt), source, hasher, signal);
    manifest.push(formatManifestLine(hasher.sha256, path));
    progress.fileDone();
  }

  const manifestContent = Buffer.from(manifest.join(''));
  await addTagFile('manifest-sha256.txt', manifestContent);

  const { bytes, files } = progress.state;
  const payloadOxum = formatOxum(bytes, files);
  const hasDate = callerFields.some((field) => field.label.toLowerCase() === 'bagging-date');
  const fields: TagField[] = [
    ...callerFields,
    ...(hasDate ? [] : [{ label: 'Bagging-Date', value: formatBaggingDate(createdAt) }]),
    { label: 'Payload-Oxum', value: payloadOxum },
    { label: 'Bag-Size', value: formatBagSize(bytes) },
  ];
  await addTagFile('bag-info.txt', Buffer.from(formatTagFile(fields)));

  for await (const tagFile of bag.tagFiles ?? []) {
    if (isReservedTagPath(tagFile.path)) {
      throw new BagWriteError('INVALID_PATH', `"${tagFile.path}": this name is reserved for the bag's own files or payload`, tagFile.path);
    }
    checkNewPath(tagFile.path, tagFile.path, seen);
    await addTagFile(tagFile.path, typeof tagFile.content === 'string' ? Buffer.from(tagFile.content) : tagFile.content);
  }

  const tagManifestContent = Buffer.from(tagManifest.join(''));
  signal.throwIfAborted();
  await addBufferEntry(pack, fileHeader(root('tagmanifest-sha256.txt'), tagManifestContent.length, createdAt), tagManifestContent);
  pack.finalize();

  return {
    payloadFiles: files,
    payloadBytes: bytes,
    payloadOxum,
    manifestSha256: sha256Of(manifestContent),
    tagManifestSha256: sha256Of(tagManifestContent),
  };
}

function checkBagName(name: string) {
  const problem = findPathProblem(name) ?? (name.includes('/') ? "contains '/'" : null);
  if (problem) throw new BagWriteError('INVALID_BAG', `bag name "${name}": ${problem}; it must be one folder name`);
}

function checkBagInfo(bagInfo: Record<string, string | string[]>): TagField[] {
  const fields: TagField[] = [];
  for (const [label, values] of Object.entries(bagInfo)) {
    const problem = findLabelProblem(label);
    if (problem) throw new BagWriteError('INVALID_BAG', `bag-info label "${label}": ${problem}`);
    if (COMPUTED_FIELDS.includes(label.toLowerCase())) throw new BagWriteError('INVALID_BAG', `bag-info "${label}" is computed by writeBag; do not pass it`);
    for (const value of Array.isArray(values) ? values : [values]) {
      const valueProblem = findValueProblem(value);
      if (valueProblem) throw new BagWriteError('INVALID_BAG', `bag-info "${label}": ${valueProblem}`);
      if (label.toLowerCase() === 'bagging-date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        throw new BagWriteError('INVALID_BAG', `bag-info Bagging-Date "${value}" must be YYYY-MM-DD`);
      }
      fields.push({ label, value });
    }
  }
  return fields;
}

/** `given` is what the caller passed (for the message), `path` the name relative to the bag folder. */
function checkNewPath(given: string, path: string, seen: Set<string>) {
  const problem = findPathProblem(given);
  if (problem) throw new BagWriteError('INVALID_PATH', `"${given}": ${problem}`, given);
  const key = collisionKey(path);
  if (seen.has(key)) throw new BagWriteError('DUPLICATE_PATH', `"${path}" occurs twice (names equal after Unicode NFC normalisation count as one)`, path);
  seen.add(key);
}

function sizeMismatch(path: string, expected: number, actual: string) {
  return new BagWriteError('SIZE_MISMATCH', `"${path}": expected ${expected} bytes, the stored file has ${actual}`, path);
}

function sha256Of(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
