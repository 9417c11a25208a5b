import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobRelativePath, createFsBlobStore, type BlobStore } from './blob-store.js';
import { MiB, describeBlobStore, generated, sha256 } from './blob-store.contract.js';

function filesUnder(root: string, folder: 'sha256' | 'tmp'): string[] {
  const dir = path.join(root, folder);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describeBlobStore('fs blob store', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-blobs-'));
  return {
    store: createFsBlobStore(root),
    async contents() {
      const blobs = filesUnder(root, 'sha256').map((file) => path.basename(file));
      const leftovers = [
        ...filesUnder(root, 'tmp').map((file) => path.join('tmp', file)),
        ...fs.readdirSync(root).filter((entry) => entry !== 'sha256' && entry !== 'tmp'),
      ];
      return { blobs, leftovers };
    },
    async overwrite(hash, bytes) {
      fs.writeFileSync(path.join(root, blobRelativePath(hash)), bytes);
    },
    async dispose() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
});

describe('fs blob store on disk', () => {
  let root: string;
  let store: BlobStore;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-blobs-'));
    store = createFsBlobStore(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('puts blobs in two levels of folders named by the hash', async () => {
    const bytes = randomBytes(10_000);
    const { sha256: hash } = await store.put(Readable.from([bytes]), { maxBytes: MiB });
    expect(filesUnder(root, 'sha256')).toEqual([path.join(hash.slice(0, 2), hash.slice(2, 4), hash)]);
    expect(fs.readFileSync(path.join(root, 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash)).equals(bytes)).toBe(true);
  });

  it('writes into tmp/ beside the blobs, so the final rename stays on one file system', async () => {
    const { stream } = generated(4);
    let during: string[] = [];
    await store.put(stream, { maxBytes: 10 * MiB }, () => {
      during = filesUnder(root, 'tmp');
    });
    expect(during).toHaveLength(1);
    expect(filesUnder(root, 'tmp')).toEqual([]);
  });

  it('shows nothing of an upload whose process was killed midway, and stores the same bytes afterwards', async () => {
    // A real crash: a child process streams into the store and is killed with SIGKILL mid-upload.
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
      import { Readable } from 'node:stream';
      import { createFsBlobStore } from ${JSON.stringify(path.join(import.meta.dirname, 'blob-store.ts'))};
      let sent = 0;
      const endless = new Readable({ read() { sent += 1; this.push(Buffer.alloc(1024 * 1024, 7)); if (sent === 3) console.log('streaming'); } });
      await createFsBlobStore(${JSON.stringify(root)}).put(endless, { maxBytes: 1024 ** 4 });
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => resolve());
      child.on('exit', (code) => reject(new Error(`child exited (${code}) before streaming`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(filesUnder(root, 'sha256')).toEqual([]);
    expect(filesUnder(root, 'tmp')).toHaveLength(1); // the partial upload: never a blob, only space to reclaim

    const bytes = Buffer.alloc(MiB, 7);
    expect(await store.has(sha256(bytes))).toBe(false);
    await store.put(Readable.from([bytes]), { maxBytes: MiB });
    expect(await store.verify(sha256(bytes))).toBe(true);
  });
});
