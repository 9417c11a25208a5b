import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobTooLargeError, HEAD_BYTES, createFsBlobStore, type BlobStore } from './blob-store.js';

const MiB = 1024 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let root: string;
let store: BlobStore;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-blobs-'));
  store = createFsBlobStore(root);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function filesUnder(folder: 'sha256' | 'tmp'): string[] {
  const dir = path.join(root, folder);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** `chunks` chunks of 1 MiB, counting how many were actually pulled. */
function generated(chunks: number, options: { failAfter?: number } = {}) {
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

describe('fs blob store', () => {
  it('stores bytes under their SHA-256 in two levels of folders', async () => {
    const bytes = randomBytes(10_000);
    const blob = await store.put(Readable.from([bytes.subarray(0, 3000), bytes.subarray(3000)]), { maxBytes: MiB });
    const hash = sha256(bytes);
    expect(blob).toEqual({ sha256: hash, size: bytes.length, head: bytes.subarray(0, HEAD_BYTES) });
    expect(filesUnder('sha256')).toEqual([path.join(hash.slice(0, 2), hash.slice(2, 4), hash)]);
    expect(filesUnder('tmp')).toEqual([]);
    expect(await store.stat(hash)).toEqual({ size: bytes.length });
    expect(await store.has(hash)).toBe(true);
    const read = await store.open(hash);
    expect(Buffer.concat(await read.toArray()).equals(bytes)).toBe(true);
  });

  it('gives the whole content as head when it is short, and stores an empty stream', async () => {
    const short = await store.put(Readable.from([Buffer.from('xin chào')]), { maxBytes: 100 });
    expect(short.head.toString()).toBe('xin chào');
    const empty = await store.put(Readable.from([]), { maxBytes: 100 });
    expect(empty).toEqual({ sha256: sha256(Buffer.alloc(0)), size: 0, head: Buffer.alloc(0) });
    expect(await text(await store.open(empty.sha256))).toBe('');
  });

  it('keeps one copy of bytes stored twice', async () => {
    const bytes = randomBytes(5000);
    const first = await store.put(Readable.from([bytes]), { maxBytes: MiB });
    const second = await store.put(Readable.from([bytes]), { maxBytes: MiB });
    expect(second.sha256).toBe(first.sha256);
    expect(filesUnder('sha256')).toHaveLength(1);
    expect(filesUnder('tmp')).toEqual([]);
  });

  it('leaves neither a blob nor a temporary file when the stream fails midway', async () => {
    const { stream } = generated(8, { failAfter: 3 });
    await expect(store.put(stream, { maxBytes: 100 * MiB })).rejects.toThrow('client went away');
    expect(filesUnder('sha256')).toEqual([]);
    expect(filesUnder('tmp')).toEqual([]);
  });

  it('stops reading as soon as the limit is passed, without holding the stream in memory', async () => {
    const { stream, counter } = generated(50);
    const rssBefore = process.memoryUsage().rss;
    const putting = store.put(stream, { maxBytes: 10 * MiB });
    await expect(putting).rejects.toBeInstanceOf(BlobTooLargeError);
    await expect(putting).rejects.toMatchObject({ maxBytes: 10 * MiB });
    // One chunk over the limit, plus what the stream buffers ahead (its 16 KiB high-water mark holds one chunk).
    expect(counter.pulled).toBeLessThanOrEqual(13);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(40 * MiB);
    expect(filesUnder('sha256')).toEqual([]);
    expect(filesUnder('tmp')).toEqual([]);
  });

  it('stores nothing new when the acceptance check refuses, and keeps what was there', async () => {
    const refuse = () => {
      throw new Error('refused');
    };
    const bytes = randomBytes(2000);
    await expect(store.put(Readable.from([bytes]), { maxBytes: MiB }, refuse)).rejects.toThrow('refused');
    expect(filesUnder('sha256')).toEqual([]);
    expect(filesUnder('tmp')).toEqual([]);

    await store.put(Readable.from([bytes]), { maxBytes: MiB });
    await expect(store.put(Readable.from([bytes]), { maxBytes: MiB }, refuse)).rejects.toThrow('refused');
    expect(await store.verify(sha256(bytes))).toBe(true);
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
    const file = path.join(root, 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash);
    const damaged = Buffer.from(bytes);
    damaged[2 * MiB] = damaged[2 * MiB]! ^ 0x01;
    fs.writeFileSync(file, damaged);
    expect(await store.verify(hash)).toBe(false);
  });

  it('reports a missing blob without throwing, except when asked to open it', async () => {
    const missing = sha256(Buffer.from('never stored'));
    expect(await store.has(missing)).toBe(false);
    expect(await store.stat(missing)).toBeNull();
    expect(await store.verify(missing)).toBe(false);
    await expect(store.open(missing)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a name that is not a SHA-256, so nothing outside the store can be reached', async () => {
    await expect(store.open('../../etc/passwd')).rejects.toThrow('not a SHA-256');
    await expect(store.has('A'.repeat(64))).rejects.toThrow('not a SHA-256');
  });
});
