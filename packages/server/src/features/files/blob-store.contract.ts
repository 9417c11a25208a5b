import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobNotFoundError, BlobTooLargeError, HEAD_BYTES, type BlobStore } from './blob-store.js';

export const MiB = 1024 * 1024;
export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A store to test, with a look behind its back. */
export type BlobStoreHarness = {
  store: BlobStore;
  /**
   * What the backend holds: the names of stored blobs, and everything else
   * (temporary files or objects, unfinished multipart uploads), which a
   * finished or failed put must not leave behind.
   */
  contents(): Promise<{ blobs: string[]; leftovers: string[] }>;
  /** Replaces a stored blob's bytes without the store, as a failing disk or a careless operator would. */
  overwrite(sha256: string, bytes: Buffer): Promise<void>;
  /** Called after each test. */
  dispose(): Promise<void>;
};

/** `chunks` chunks of 1 MiB, counting how many were actually pulled. */
export function generated(chunks: number, options: { failAfter?: number } = {}) {
  const counter = { pulled: 0 };
  const stream = new Readable({
    read() {
      if (counter.pulled === options.failAfter) return this.destroy(new Error('client went away'));
      if (counter.pulled === chunks) return this.push(null);
      counter.pulled += 1;
      this.push(Buffer.alloc(MiB, counter.pulled % 251));
    },
  });
  return { stream, counter };
}

/**
 * The behaviour every BlobStore must have, run against each implementation
 * (file system, S3) so that they stay interchangeable.
 */
export function describeBlobStore(name: string, setUp: () => Promise<BlobStoreHarness>) {
  describe(name, () => {
    let harness: BlobStoreHarness;
    let store: BlobStore;
    beforeEach(async () => {
      harness = await setUp();
      store = harness.store;
    });
    afterEach(async () => harness.dispose());

    it('stores bytes under their SHA-256 and gives them back', async () => {
      const bytes = randomBytes(10_000);
      const blob = await store.put(Readable.from([bytes.subarray(0, 3000), bytes.subarray(3000)]), { maxBytes: MiB });
      const hash = sha256(bytes);
      expect(blob).toEqual({ sha256: hash, size: bytes.length, head: bytes.subarray(0, HEAD_BYTES) });
      expect(await harness.contents()).toEqual({ blobs: [hash], leftovers: [] });
      expect(await store.stat(hash)).toEqual({ size: bytes.length });
      expect(await store.has(hash)).toBe(true);
      expect(await store.verify(hash)).toBe(true);
      const read = await store.open(hash);
      expect(Buffer.concat(await read.toArray()).equals(bytes)).toBe(true);
    });

    it('stores a stream larger than any single write or part whole', async () => {
      const { stream } = generated(21);
      const blob = await store.put(stream, { maxBytes: 21 * MiB });
      expect(blob.size).toBe(21 * MiB);
      const again = generated(21).stream;
      expect(blob.sha256).toBe(sha256(Buffer.concat(await again.toArray())));
      expect(await store.stat(blob.sha256)).toEqual({ size: 21 * MiB });
      expect(await store.verify(blob.sha256)).toBe(true);
      expect((await harness.contents()).leftovers).toEqual([]);
    });

    it('gives the whole content as head when it is short, and stores an empty stream', async () => {
      const short = await store.put(Readable.from([Buffer.from('xin chào')]), { maxBytes: 100 });
      expect(short.head.toString()).toBe('xin chào');
      const empty = await store.put(Readable.from([]), { maxBytes: 100 });
      expect(empty).toEqual({ sha256: sha256(Buffer.alloc(0)), size: 0, head: Buffer.alloc(0) });
      expect(await text(await store.open(empty.sha256))).toBe('');
      expect(await store.stat(empty.sha256)).toEqual({ size: 0 });
    });

    it('keeps one copy of bytes stored twice', async () => {
      const bytes = randomBytes(5000);
      const first = await store.put(Readable.from([bytes]), { maxBytes: MiB });
      const second = await store.put(Readable.from([bytes]), { maxBytes: MiB });
      expect(second).toEqual(first);
      expect(await harness.contents()).toEqual({ blobs: [first.sha256], leftovers: [] });
    });

    it('leaves neither a blob nor anything temporary when the stream fails midway', async () => {
      // 20 MiB: far enough for an S3 upload to have become a multipart upload with parts sent.
      const { stream } = generated(30, { failAfter: 20 });
      await expect(store.put(stream, { maxBytes: 100 * MiB })).rejects.toThrow('client went away');
      expect(await harness.contents()).toEqual({ blobs: [], leftovers: [] });
    });

    it('stops reading as soon as the limit is passed, without holding the stream in memory, and keeps nothing', async () => {
      const { stream, counter } = generated(50);
      const rssBefore = process.memoryUsage().rss;
      const putting = store.put(stream, { maxBytes: 10 * MiB });
      await expect(putting).rejects.toBeInstanceOf(BlobTooLargeError);
      await expect(putting).rejects.toMatchObject({ maxBytes: 10 * MiB });
      // One chunk over the limit, plus what the streams buffer ahead (a 16 KiB high-water mark holds one chunk each).
      expect(counter.pulled).toBeLessThanOrEqual(13);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(40 * MiB);
      expect(await harness.contents()).toEqual({ blobs: [], leftovers: [] });
    });

    it('stores nothing new when the acceptance check refuses, and keeps what was there', async () => {
      const refuse = () => {
        throw new Error('refused');
      };
      const bytes = randomBytes(2000);
      await expect(store.put(Readable.from([bytes]), { maxBytes: MiB }, refuse)).rejects.toThrow('refused');
      expect(await harness.contents()).toEqual({ blobs: [], leftovers: [] });
      expect(await store.has(sha256(bytes))).toBe(false);

      await store.put(Readable.from([bytes]), { maxBytes: MiB });
      await expect(store.put(Readable.from([bytes]), { maxBytes: MiB }, refuse)).rejects.toThrow('refused');
      expect(await store.verify(sha256(bytes))).toBe(true);
      expect(await harness.contents()).toEqual({ blobs: [sha256(bytes)], leftovers: [] });
    });

    it('hands the acceptance check the hash, size and head before the blob is visible', async () => {
      const bytes = randomBytes(HEAD_BYTES * 3);
      let seen: { sha256: string; size: number; head: Buffer; wasVisible: boolean } | null = null;
      await store.put(Readable.from([bytes]), { maxBytes: MiB }, async (blob) => {
        seen = { ...blob, wasVisible: await store.has(blob.sha256) };
      });
      expect(seen).toEqual({ sha256: sha256(bytes), size: bytes.length, head: bytes.subarray(0, HEAD_BYTES), wasVisible: false });
    });

    it('finds a flipped byte when verifying', async () => {
      const bytes = randomBytes(3 * MiB);
      const { sha256: hash } = await store.put(Readable.from([bytes]), { maxBytes: 10 * MiB });
      expect(await store.verify(hash)).toBe(true);
      const damaged = Buffer.from(bytes);
      damaged[2 * MiB] = damaged[2 * MiB]! ^ 0x01;
      await harness.overwrite(hash, damaged);
      expect(await store.verify(hash)).toBe(false);
    });

    it('reports a missing blob without throwing, except when asked to open it', async () => {
      const missing = sha256(Buffer.from('never stored'));
      expect(await store.has(missing)).toBe(false);
      expect(await store.stat(missing)).toBeNull();
      expect(await store.verify(missing)).toBe(false);
      // Rejecting on open, not as a stream error later, lets a download answer 404/500 before sending headers.
      await expect(store.open(missing)).rejects.toBeInstanceOf(BlobNotFoundError);
    });

    it('refuses a name that is not a SHA-256, so nothing outside the store can be reached', async () => {
      await expect(store.open('../../etc/passwd')).rejects.toThrow('not a SHA-256');
      await expect(store.has('A'.repeat(64))).rejects.toThrow('not a SHA-256');
      await expect(store.verify(`${'a'.repeat(63)}/`)).rejects.toThrow('not a SHA-256');
      await expect(store.remove('../sha256')).rejects.toThrow('not a SHA-256');
    });

    it('removes one blob for good and leaves the others', async () => {
      const kept = randomBytes(4000);
      const destroyed = randomBytes(6000);
      await store.put(Readable.from([kept]), { maxBytes: MiB });
      await store.put(Readable.from([destroyed]), { maxBytes: MiB });
      expect(await store.remove(sha256(destroyed))).toBe(true);
      expect(await harness.contents()).toEqual({ blobs: [sha256(kept)], leftovers: [] });
      expect(await store.has(sha256(destroyed))).toBe(false);
      await expect(store.open(sha256(destroyed))).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(await store.verify(sha256(kept))).toBe(true);
    });

    it('says when there was nothing to remove, and stores the same bytes again afterwards', async () => {
      const bytes = randomBytes(3000);
      expect(await store.remove(sha256(bytes))).toBe(false);
      await store.put(Readable.from([bytes]), { maxBytes: MiB });
      expect(await store.remove(sha256(bytes))).toBe(true);
      expect(await store.remove(sha256(bytes))).toBe(false);
      await store.put(Readable.from([bytes]), { maxBytes: MiB });
      expect(await store.verify(sha256(bytes))).toBe(true);
    });
  });
}
