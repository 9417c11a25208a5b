/**
 * The independent check (no BagIt validator is installable here): GNU tar
 * lists and extracts our tar, coreutils sha256sum accepts our manifests, and
 * a bag that GNU tar packs itself (ustar, gnu and posix formats) reads back
 * as valid.
 */
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBag } from './bag-reader.js';
import { writeBag } from './bag-writer.js';
import { MiB, baseBag, bufferFile, generatedFile, sha256 } from './bag-test-helpers.js';

const run = promisify(execFile);
// A UTF-8 locale and literal quoting, or GNU tar prints Vietnamese names as octal escapes.
const env = { ...process.env, LC_ALL: 'C.UTF-8' };

const BAG = 'NT-2026-0002';
const PAYLOAD = [
  bufferFile('HS-2026-001/Tờ trình số 12-TTr-UBND.pdf', '%PDF-1.7 tờ trình'),
  bufferFile(`HS-2026-001/${'Phụ lục kèm theo biên bản nghiệm thu sản phẩm công nghệ thông tin '.repeat(2)}.xlsx`, 'phụ lục'),
  bufferFile('HS-2026-001/rỗng.txt', ''),
  generatedFile('HS-2026-002/Ảnh chụp màn hình.png', 3 * MiB + 5, 4),
];

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nghiemthu-bag-'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

async function writeBagFile() {
  const file = path.join(dir, `${BAG}.tar`);
  await writeBag(createWriteStream(file), baseBag({ name: BAG, payload: PAYLOAD, tagFiles: [{ path: 'metadata/records/HS-2026-001.json', content: '{"mã":"HS-2026-001"}' }] }));
  return file;
}

describe('a bag written by writeBag, checked with GNU tar and sha256sum', () => {
  it('lists as one top-level folder with the Vietnamese names intact', async () => {
    const { stdout } = await run('tar', ['--quoting-style=literal', '-tf', await writeBagFile()], { env });
    const names = stdout.split('\n').filter(Boolean);
    expect(names).toEqual([
      `${BAG}/bagit.txt`,
      ...PAYLOAD.map((file) => `${BAG}/data/${file.path}`),
      `${BAG}/manifest-sha256.txt`,
      `${BAG}/bag-info.txt`,
      `${BAG}/metadata/records/HS-2026-001.json`,
      `${BAG}/tagmanifest-sha256.txt`,
    ]);
  });

  it('extracts, and sha256sum -c passes on both manifests', async () => {
    const file = await writeBagFile();
    await run('tar', ['-xf', file, '-C', dir], { env });
    const bagDir = path.join(dir, BAG);
    const payloadCheck = await run('sha256sum', ['--strict', '-c', 'manifest-sha256.txt'], { cwd: bagDir, env });
    expect(payloadCheck.stdout.split('\n').filter(Boolean)).toHaveLength(PAYLOAD.length);
    expect(payloadCheck.stdout).not.toMatch(/FAILED/);
    await run('sha256sum', ['--strict', '-c', 'tagmanifest-sha256.txt'], { cwd: bagDir, env });

    // and the check is real: a changed byte makes it fail
    await fs.appendFile(path.join(bagDir, 'data', PAYLOAD[0]!.path), 'x');
    await expect(run('sha256sum', ['--strict', '-c', 'manifest-sha256.txt'], { cwd: bagDir, env })).rejects.toMatchObject({ stdout: expect.stringContaining('FAILED') });
  });

  it.each(['gnu', 'posix', 'ustar'])('reads back a bag folder that GNU tar packed in %s format', async (format) => {
    await run('tar', ['-xf', await writeBagFile(), '-C', dir], { env });
    const repacked = path.join(dir, `repacked-${format}.tar`);
    // ustar cannot hold names over 255 bytes; leave the long name out for that format.
    const exclude = format === 'ustar' ? ['--exclude=*Phụ lục*'] : [];
    await run('tar', [`--format=${format}`, ...exclude, '-cf', repacked, '-C', dir, BAG], { env });

    const payload = new Map<string, string>();
    const report = await readBag(createReadStream(repacked), {
      async onPayloadFile(filePath, stream) {
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        payload.set(filePath, sha256(Buffer.concat(chunks)));
      },
    });
    if (format === 'ustar') {
      expect(report.problems.map((problem) => problem.code)).toEqual(['FILE_MISSING', 'OXUM_MISMATCH']);
    } else {
      expect(report.problems).toEqual([]);
      expect([...payload.keys()].sort()).toEqual(PAYLOAD.map((file) => file.path).sort());
    }
  });
});
