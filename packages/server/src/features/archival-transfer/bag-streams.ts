import { createHash } from 'node:crypto';
import { PassThrough, Transform, Writable, type Readable, type TransformCallback } from 'node:stream';

export type BagProgress = {
  /** Payload files finished so far. */
  files: number;
  /** Payload bytes streamed so far. */
  bytes: number;
  /** Expected payload bytes, when the caller (or the bag's Payload-Oxum) told us. */
  totalBytes?: number;
};

/**
 * Passes bytes through unchanged while hashing and counting them, so every
 * file is hashed in the same pass that moves it: nothing is read twice or held.
 * `check` runs on each chunk before it is passed on (to stop at the first byte
 * over a declared size), `finish` once the stream ends (to compare the hash).
 */
export class HashingStream extends Transform {
  bytes = 0;
  sha256 = '';
  private readonly hash = createHash('sha256');

  constructor(
    private readonly hooks: {
      check?: (bytesSoFar: number) => Error | null;
      onChunk?: (length: number) => void;
      finish?: (sha256: string, bytes: number) => Error | null;
    } = {},
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    const problem = this.hooks.check?.(this.bytes);
    if (problem) return callback(problem);
    this.hash.update(chunk);
    this.hooks.onChunk?.(chunk.length);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.sha256 = this.hash.digest('hex');
    callback(this.hooks.finish?.(this.sha256, this.bytes) ?? null);
  }
}

/** Progress at most every 4 MiB and after each file: often enough for a bar, cheap enough for a UI channel. */
const REPORT_EVERY_BYTES = 4 * 1024 * 1024;

export function createProgress(onProgress: ((progress: BagProgress) => void) | undefined, totalBytes?: () => number | undefined) {
  const state = { files: 0, bytes: 0 };
  let reportedAt = 0;
  const report = () => {
    reportedAt = state.bytes;
    const total = totalBytes?.();
    onProgress?.({ files: state.files, bytes: state.bytes, ...(total === undefined ? {} : { totalBytes: total }) });
  };
  return {
    state,
    addBytes(length: number) {
      state.bytes += length;
      if (state.bytes - reportedAt >= REPORT_EVERY_BYTES) report();
    },
    fileDone() {
      state.files += 1;
      report();
    },
  };
}

/**
 * The stream a handler reads, decoupled from hashing: the handler may stop
 * reading, break out of a loop (which destroys its stream) or return early,
 * and the bytes still flow through the hasher to the end of the entry.
 * `sink` ends the pipeline from the tar; `detach()` is called once the
 * handler has returned, and from then on the rest is drained unread.
 */
export function createHandOver() {
  const view = new PassThrough();
  let isDetached = false;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (isDetached || view.destroyed) return callback();
      if (view.write(chunk)) return callback();
      // Backpressure from the handler, released early if it abandons the stream.
      const proceed = () => {
        view.off('drain', proceed).off('close', proceed);
        callback();
      };
      view.on('drain', proceed).on('close', proceed);
    },
    final(callback) {
      if (!view.destroyed) view.end();
      callback();
    },
  });
  return {
    view: view as Readable,
    sink,
    detach() {
      isDetached = true;
      // Unread bytes left in the view would hold back the entry; the handler is done with it.
      if (!view.readableEnded) view.destroy();
    },
  };
}
