import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Enough of the start of a blob for file-type to recognise every format it knows. */
export const HEAD_BYTES = 4100;

/** 1 MiB reads: SHA-256 runs ~50% faster than with Node's default 64 KiB chunks. */
const READ_CHUNK_BYTES = 1024 * 1024;

export type StoredBlob = { sha256: string; size: number; head: Buffer };

/**
 * Content-addressed storage for file bytes: a blob is named by its SHA-256,
 * stored once however often it is uploaded, and never changed. Callers see
 * hashes and streams only, so an S3 implementation can replace the file system.
 */
export type BlobStore = {
  /**
   * Stores the stream and resolves once the blob is durable. `accept` sees the
   * hash, size and first bytes before the blob becomes visible; if it throws,
   * nothing new is stored and put rejects with that error.
   */
  put(input: Readable, limits: { maxBytes: number }, accept?: (blob: StoredBlob) => Promise<void> | void): Promise<StoredBlob>;
  /** Rejects with BlobNotFoundError if the blob does not exist, before any byte is streamed. */
  open(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  stat(sha256: string): Promise<{ size: number } | null>;
  /** Rehashes the stored bytes: false if they no longer match their name (or are gone). */
  verify(sha256: string): Promise<boolean>;
  /**
   * Deletes a blob for good (disposition of expired records): true if it was
   * there. The caller decides that no stored file still needs these bytes.
   */
  remove(sha256: string): Promise<boolean>;
};

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`blob exceeds ${maxBytes} bytes`);
  }
}

export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`no stored blob ${sha256}`);
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Blob names become paths and object keys: anything but 64 lowercase hex digits could reach outside the store. */
function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
}

/** `sha256/ab/cd/<hash>`: two levels of 256 folders keep each folder (or key listing) small at millions of blobs. */
export function blobRelativePath(sha256: string): string {
  assertSha256(sha256);
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/**
 * A pass-through that hashes the bytes, keeps the first HEAD_BYTES and fails
 * with BlobTooLargeError at the first chunk over the limit, so a too-large
 * upload stops being read there rather than after it has all arrived.
 */
export function createBlobMeter(limits: { maxBytes: number }): { stream: Transform; result(): StoredBlob } {
  const hash = createHash('sha256');
  const head = Buffer.alloc(HEAD_BYTES);
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (size < HEAD_BYTES) chunk.copy(head, size, 0, Math.min(chunk.length, HEAD_BYTES - size));
      size += chunk.length;
      if (size > limits.maxBytes) return callback(new BlobTooLargeError(limits.maxBytes));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return {
    stream,
    /** Call once, after the stream has ended. */
    result: () => ({ sha256: hash.digest('hex'), size, head: head.subarray(0, Math.min(size, HEAD_BYTES)) }),
  };
}

/**
 * Blobs live at `<root>/sha256/ab/cd/<hash>`. Writes go to `<root>/tmp` (same
 * file system, so the final rename is atomic) and are fsynced before the
 * rename, and the folder after it: a crash leaves either the whole blob or
 * none of it.
 */
export function createFsBlobStore(rootDir: string): BlobStore {
  const tmpDir = path.join(rootDir, 'tmp');

  function blobPath(sha256: string): string {
    return path.join(rootDir, ...blobRelativePath(sha256).split('/'));
  }

  async function put(input: Readable, limits: { maxBytes: number }, accept?: (blob: StoredBlob) => Promise<void> | void) {
    await fs.mkdir(tmpDir, { recursive: true });
    const tmpPath = path.join(tmpDir, randomUUID());
    const meter = createBlobMeter(limits);
    try {
      // flush: the stream fsyncs before it closes, and pipeline settles only after the close.
      await pipeline(input, meter.stream, createWriteStream(tmpPath, { flags: 'wx', flush: true }));
      const blob = meter.result();
      await accept?.(blob);
      const finalPath = blobPath(blob.sha256);
      if (await exists(finalPath)) {
        await fs.rm(tmpPath, { force: true }); // same bytes are already stored
      } else {
        await makeDurableDir(path.dirname(finalPath));
        await fs.rename(tmpPath, finalPath);
        await syncDir(path.dirname(finalPath));
      }
      return blob;
    } catch (error) {
      await fs.rm(tmpPath, { force: true });
      throw error;
    }
  }

  async function open(sha256: string): Promise<Readable> {
    // Opening first turns a missing blob into a rejection here, not a stream error mid-response.
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(blobPath(sha256), 'r');
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(sha256);
      throw error;
    }
    return handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES });
  }

  async function stat(sha256: string) {
    try {
      const stats = await fs.stat(blobPath(sha256));
      return { size: stats.size };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async function verify(sha256: string): Promise<boolean> {
    let stream: Readable;
    try {
      stream = await open(sha256);
    } catch (error) {
      if (error instanceof BlobNotFoundError) return false;
      throw error;
    }
    const hash = createHash('sha256');
    await pipeline(stream, hash);
    return hash.digest('hex') === sha256;
  }

  async function remove(sha256: string): Promise<boolean> {
    const file = blobPath(sha256);
    try {
      await fs.unlink(file);
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    // Like a put, a removal must survive a crash: destroyed bytes must not come back.
    await syncDir(path.dirname(file));
    return true;
  }

  return { put, open, has: async (sha256) => (await stat(sha256)) !== null, stat, verify, remove };
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

/** A new folder's own entry must reach the disk too, or a crash can lose the folder with the blob in it. */
async function makeDurableDir(dir: string) {
  const firstCreated = await fs.mkdir(dir, { recursive: true });
  if (!firstCreated) return;
  for (let current = dir; ; current = path.dirname(current)) {
    await syncDir(path.dirname(current));
    if (current === firstCreated) break;
  }
}

async function syncDir(dir: string) {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
