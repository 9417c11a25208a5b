/** Builders for the archival-transfer tests: payloads, bags in memory, and tar surgery to damage them. */
import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import tarStream from 'tar-stream';
import { readBag, type ReadBagOptions } from './bag-reader.js';
import { writeBag, type BagPayloadFile, type BagToWrite } from './bag-writer.js';

export const MiB = 1024 * 1024;
export const FIXED_DATE = new Date('2026-03-02T03:04:05.000Z');

export const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

export function bufferFile(path: string, content: Buffer | string, extra: Partial<BagPayloadFile> = {}): BagPayloadFile {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return { path, size: bytes.length, open: async () => Readable.from([bytes]), ...extra };
}

/**
 * `size` bytes produced 1 MiB at a time when read, never held whole. Each
 * chunk is a window into one seeded 2 MiB block at an offset that moves with
 * the chunk's index (so swapped or repeated chunks change the hash), and is a
 * view, not a copy, so the generator itself makes no garbage for the memory test.
 */
export function generatedStream(size: number, seed: number): Readable {
  const block = seededBlock(seed);
  let offset = 0;
  let index = 0;
  return new Readable({
    read() {
      if (offset >= size) return void this.push(null);
      const length = Math.min(MiB, size - offset);
      const start = (index++ * 65_537) % MiB;
      offset += length;
      this.push(block.subarray(start, start + length));
    },
  });
}

export function generatedFile(path: string, size: number, seed: number, extra: Partial<BagPayloadFile> = {}): BagPayloadFile {
  return { path, size, open: async () => generatedStream(size, seed), ...extra };
}

export async function generatedSha256(size: number, seed: number): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of generatedStream(size, seed)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Pseudo-random bytes from a seed (xorshift32): fast, and the same on every run. */
function seededBlock(seed: number): Buffer {
  const words = new Uint32Array((2 * MiB) / 4);
  let x = (seed * 2_654_435_761) >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    words[i] = x;
  }
  return Buffer.from(words.buffer);
}

export function baseBag(overrides: Partial<BagToWrite> = {}): BagToWrite {
  return {
    name: 'NT-2026-0001',
    createdAt: FIXED_DATE,
    bagInfo: { 'Source-Organization': 'Sở Thông tin và Truyền thông tỉnh Bắc Ninh' },
    payload: [],
    ...overrides,
  };
}

/** Writes the bag into memory: fine for test-sized bags. */
export async function writeToBuffer(bag: BagToWrite) {
  const output = new PassThrough();
  const bytes = buffer(output);
  const written = await writeBag(output, bag);
  return { tar: await bytes, written };
}

/** Reads a tar from memory, keeping every payload file's bytes. */
export async function readFromBuffer(tar: Buffer, options: ReadBagOptions = {}) {
  const payload = new Map<string, Buffer>();
  const expected = new Map<string, string | undefined>();
  const tags = new Map<string, Buffer>();
  const report = await readBag(
    Readable.from([tar]),
    {
      async onPayloadFile(path, stream, hint) {
        expected.set(path, hint?.sha256);
        payload.set(path, await buffer(stream));
      },
      onTagFile(path, content) {
        tags.set(path, content);
      },
    },
    options,
  );
  return { report, payload, tags, expected };
}

export type TarEntry = { name: string; content: Buffer; type?: tarStream.Headers['type']; linkname?: string };

/** Every entry of a (small) tar, in order. */
export async function tarEntries(tar: Buffer): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  const extract = tarStream.extract();
  extract.on('entry', (header: tarStream.Headers, stream: Readable, next: () => void) => {
    buffer(stream).then((content) => {
      entries.push({ name: header.name, content, type: header.type });
      next();
    });
  });
  await pipeline(Readable.from([tar]), extract);
  return entries;
}

export async function makeTar(entries: TarEntry[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const bytes = buffer(pack);
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => {
      pack.entry(
        { name: entry.name, type: entry.type ?? 'file', mtime: FIXED_DATE, ...(entry.linkname ? { linkname: entry.linkname } : {}) },
        entry.type && entry.type !== 'file' ? undefined : entry.content,
        (error) => (error ? reject(error) : resolve()),
      );
    });
  }
  pack.finalize();
  return bytes;
}

/** Rebuilds tagmanifest-sha256.txt so a test can change one thing without also tripping the tag manifest. */
export function withFreshTagManifest(entries: TarEntry[], bagName: string): TarEntry[] {
  const manifestName = `${bagName}/tagmanifest-sha256.txt`;
  const lines = entries
    .filter((entry) => !entry.name.startsWith(`${bagName}/data/`) && entry.name !== manifestName)
    .map((entry) => `${sha256(entry.content)}  ${entry.name.slice(bagName.length + 1)}\n`);
  return [...entries.filter((entry) => entry.name !== manifestName), { name: manifestName, content: Buffer.from(lines.join('')) }];
}

export const codes = (problems: Array<{ code: string; path?: string }>) => problems.map((problem) => `${problem.code} ${problem.path ?? ''}`.trim());
