import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { readBag } from './bag-reader.js';
import {
  MiB,
  baseBag,
  bufferFile,
  codes,
  generatedFile,
  makeTar,
  readFromBuffer,
  tarEntries,
  withFreshTagManifest,
  writeToBuffer,
  type TarEntry,
} from './bag-test-helpers.js';

const BAG = 'NT-2026-0001';
const REPORT = 'HS-2026-001/Báo cáo kết quả thử nghiệm.pdf';

async function goodEntries(): Promise<TarEntry[]> {
  const { tar } = await writeToBuffer(
    baseBag({
      payload: [bufferFile(REPORT, '%PDF-1.7 kết quả thử nghiệm đạt yêu cầu'), bufferFile('HS-2026-001/Biên bản.pdf', '%PDF-1.7 biên bản'), generatedFile('video.mp4', 2 * MiB, 5)],
      tagFiles: [{ path: 'metadata/records/HS-2026-001.json', content: '{"code":"HS-2026-001"}' }],
    }),
  );
  return tarEntries(tar);
}

const entry = (entries: TarEntry[], path: string) => entries.find((e) => e.name === `${BAG}/${path}`)!;
const without = (entries: TarEntry[], path: string) => entries.filter((e) => e.name !== `${BAG}/${path}`);

async function check(entries: TarEntry[]) {
  const { report } = await readFromBuffer(await makeTar(entries));
  return report;
}

describe('readBag on a damaged bag', () => {
  it('names the payload file whose byte was flipped', async () => {
    const entries = await goodEntries();
    const content = entry(entries, `data/${REPORT}`).content;
    content[content.length - 3]! ^= 0x01;

    const report = await check(entries);
    expect(report.valid).toBe(false);
    expect(codes(report.problems)).toEqual([`CHECKSUM_MISMATCH data/${REPORT}`]);
    expect(report.problems[0]!.message_vi).toContain(REPORT);
    expect(report.problems[0]!.message_en).toContain(REPORT);
  });

  it('flags a flipped byte in the middle of a multi-MB file', async () => {
    const { tar } = await writeToBuffer(baseBag({ payload: [generatedFile('video.mp4', 2 * MiB, 5)] }));
    tar[512 * 3 + MiB]! ^= 0xff; // inside video.mp4's data, past bagit.txt and the two headers
    const { report } = await readFromBuffer(tar);
    expect(codes(report.problems)).toEqual(['CHECKSUM_MISMATCH data/video.mp4']);
  });

  it('reports a file listed in the manifest but missing, and the Oxum that no longer adds up', async () => {
    const report = await check(without(await goodEntries(), 'data/HS-2026-001/Biên bản.pdf'));
    expect(codes(report.problems)).toEqual(['FILE_MISSING data/HS-2026-001/Biên bản.pdf', 'OXUM_MISMATCH bag-info.txt']);
    expect(report.valid).toBe(false);
  });

  it('reports an extra payload file not in the manifest', async () => {
    const entries = await goodEntries();
    entries.splice(2, 0, { name: `${BAG}/data/HS-2026-001/thêm.txt`, content: Buffer.from('không kê khai') });
    const report = await check(entries);
    expect(codes(report.problems)).toEqual(['FILE_NOT_IN_MANIFEST data/HS-2026-001/thêm.txt', 'OXUM_MISMATCH bag-info.txt']);
  });

  it('reports a wrong Payload-Oxum even when the tag manifest was updated to match', async () => {
    const entries = await goodEntries();
    const bagInfo = entry(entries, 'bag-info.txt');
    bagInfo.content = Buffer.from(bagInfo.content.toString().replace(/Payload-Oxum: (\d+)\.3/, (_m, bytes: string) => `Payload-Oxum: ${Number(bytes) + 1}.3`));
    const report = await check(withFreshTagManifest(entries, BAG));
    expect(codes(report.problems)).toEqual(['OXUM_MISMATCH bag-info.txt']);
    expect(report.problems[0]!.message_en).toMatch(/Payload-Oxum does not match/);
  });

  it('reports an edited tag file through the tag manifest', async () => {
    const entries = await goodEntries();
    entry(entries, 'metadata/records/HS-2026-001.json').content = Buffer.from('{"code":"HS-2026-999"}');
    const report = await check(entries);
    expect(codes(report.problems)).toEqual(['TAG_CHECKSUM_MISMATCH metadata/records/HS-2026-001.json']);
  });

  it('reports an edited manifest (both the changed line and the tag manifest)', async () => {
    const entries = await goodEntries();
    const manifest = entry(entries, 'manifest-sha256.txt');
    manifest.content = Buffer.from(manifest.content.toString().replace(/^[0-9a-f]{64}/, '0'.repeat(64)));
    const report = await check(entries);
    expect(codes(report.problems)).toContain('TAG_CHECKSUM_MISMATCH manifest-sha256.txt');
    expect(report.problems.filter((p) => p.code === 'CHECKSUM_MISMATCH')).toHaveLength(1);
  });

  it('requires bagit.txt with version 1.0 and UTF-8', async () => {
    expect(codes((await check(withFreshTagManifest(without(await goodEntries(), 'bagit.txt'), BAG))).problems)).toEqual(['BAGIT_TXT_MISSING bagit.txt']);

    const entries = await goodEntries();
    entry(entries, 'bagit.txt').content = Buffer.from('BagIt-Version: 0.96\nTag-File-Character-Encoding: ISO-8859-1\n');
    const report = await check(withFreshTagManifest(entries, BAG));
    expect(codes(report.problems)).toEqual(['BAGIT_TXT_INVALID bagit.txt', 'BAGIT_TXT_INVALID bagit.txt']);
  });

  it('requires manifest-sha256.txt', async () => {
    const report = await check(withFreshTagManifest(without(await goodEntries(), 'manifest-sha256.txt'), BAG));
    expect(codes(report.problems)).toEqual(['MANIFEST_MISSING manifest-sha256.txt']);
  });

  it('only warns when the tag manifest is absent (RFC 8493 makes it optional)', async () => {
    const report = await check(without(await goodEntries(), 'tagmanifest-sha256.txt'));
    expect(codes(report.problems)).toEqual(['TAGMANIFEST_MISSING tagmanifest-sha256.txt']);
    expect(report.valid).toBe(true);
  });

  it('refuses entries outside the bag folder, unsafe paths, links and duplicates without handing them over', async () => {
    const entries = await goodEntries();
    entries.push(
      { name: `${BAG}/data/../../etc/cron.d/x`, content: Buffer.from('evil') },
      { name: '/etc/passwd', content: Buffer.from('evil') },
      { name: 'other-bag/data/a.txt', content: Buffer.from('x') },
      { name: `${BAG}/data/link`, content: Buffer.alloc(0), type: 'symlink', linkname: '/etc/shadow' },
      { name: `${BAG}/data/${REPORT}`, content: Buffer.from('second copy') },
    );
    const { report, payload } = await readFromBuffer(await makeTar(entries));
    expect(codes(report.problems)).toEqual([
      `UNSAFE_PATH ${BAG}/data/../../etc/cron.d/x`,
      'UNSAFE_PATH /etc/passwd',
      'NOT_SINGLE_DIRECTORY other-bag/data/a.txt',
      'UNSUPPORTED_ENTRY data/link',
      `DUPLICATE_ENTRY data/${REPORT}`,
    ]);
    expect([...payload.keys()].sort()).toEqual(['HS-2026-001/Biên bản.pdf', REPORT, 'video.mp4'].sort());
    expect(payload.get(REPORT)!.toString()).not.toBe('second copy');
  });

  it('reports a bag tarred without its top-level folder', async () => {
    const entries = (await goodEntries()).map((e) => ({ ...e, name: e.name.slice(BAG.length + 1) }));
    const report = await check(entries);
    expect(report.valid).toBe(false);
    expect(report.bagName).toBe('data');
    expect(report.problems.filter((p) => p.code === 'NOT_SINGLE_DIRECTORY').map((p) => p.path)).toContain('bagit.txt');
  });

  it('reports a truncated tar as unreadable', async () => {
    const { tar } = await writeToBuffer(baseBag({ payload: [generatedFile('video.mp4', 2 * MiB, 5)] }));
    const { report } = await readFromBuffer(tar.subarray(0, MiB));
    expect(report.valid).toBe(false);
    expect(codes(report.problems)).toEqual(['ARCHIVE_UNREADABLE']);
  });

  it('reports something that is not a tar as unreadable', async () => {
    const { report } = await readFromBuffer(Buffer.from('PK\x03\x04 this is a zip file, not a tar'.padEnd(2048, '.')));
    expect(codes(report.problems)).toEqual(['ARCHIVE_UNREADABLE']);
  });

  it('reports a tag file over the size limit without holding it', async () => {
    const { tar } = await writeToBuffer(baseBag({ tagFiles: [{ path: 'metadata/big.json', content: Buffer.alloc(4096, 0x20) }] }));
    const { report, tags } = await readFromBuffer(tar, { maxTagFileBytes: 1024 });
    expect(codes(report.problems)).toEqual(['TAG_FILE_TOO_LARGE metadata/big.json']);
    expect(tags.has('metadata/big.json')).toBe(false);
  });
});

describe('readBag rejects instead of reporting', () => {
  it('when a handler fails (the caller rolls back its staging area)', async () => {
    const { tar } = await writeToBuffer(baseBag({ payload: [bufferFile('a.txt', 'a'), generatedFile('b.bin', 2 * MiB, 1), bufferFile('c.txt', 'c')] }));
    const handled: string[] = [];
    const failing = readBag(Readable.from([tar]), {
      async onPayloadFile(path, stream) {
        handled.push(path);
        if (path === 'b.bin') throw new Error('staging disk full');
        await buffer(stream);
      },
    });
    await expect(failing).rejects.toThrow('staging disk full');
    expect(handled).toEqual(['a.txt', 'b.bin']);
  });

  it('when the handler fails half-way through reading', async () => {
    const { tar } = await writeToBuffer(baseBag({ payload: [generatedFile('b.bin', 4 * MiB, 1)] }));
    const failing = readBag(Readable.from([tar]), {
      async onPayloadFile(_path, stream) {
        let bytes = 0;
        for await (const chunk of stream) {
          bytes += (chunk as Buffer).length;
          if (bytes > MiB) throw new Error('storage went away');
        }
      },
    });
    await expect(failing).rejects.toThrow('storage went away');
  });

  it('when the signal aborts', async () => {
    const { tar } = await writeToBuffer(baseBag({ payload: [generatedFile('a.bin', 8 * MiB, 1), bufferFile('b.txt', 'b')] }));
    const controller = new AbortController();
    const handled: string[] = [];
    const reading = readBag(
      Readable.from([tar.subarray(0, 4 * MiB), tar.subarray(4 * MiB)]),
      {
        async onPayloadFile(path, stream) {
          handled.push(path);
          await buffer(stream);
        },
      },
      { signal: controller.signal, onProgress: (progress) => progress.bytes >= 4 * MiB && controller.abort() },
    );
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(handled).toEqual(['a.bin']);
  });

  it('when the input stream itself fails', async () => {
    const input = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(readBag(input, { onPayloadFile: async () => {} })).rejects.toThrow('connection reset');
  });
});
