import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { readBag } from './bag-reader.js';
import {
  FIXED_DATE,
  MiB,
  baseBag,
  bufferFile,
  generatedFile,
  generatedSha256,
  generatedStream,
  makeTar,
  readFromBuffer,
  sha256,
  tarEntries,
  writeToBuffer,
} from './bag-test-helpers.js';

const LONG_NAME = `Hồ sơ nghiệm thu/${'Biên bản nghiệm thu hoàn thành hạng mục phần mềm dịch vụ công trực tuyến mức độ toàn trình '.repeat(2)}.pdf`;

const SMALL_FILES = {
  'HS-2026-001/Tờ trình số 12-TTr-UBND.pdf': '%PDF-1.7 tờ trình',
  'HS-2026-001/Quyết định phê duyệt (bản ký số).pdf': '%PDF-1.7 quyết định',
  // The same words typed on a Mac (NFD): other bytes, must come back as they were.
  ['HS-2026-001/Phụ lục đính kèm.txt'.normalize('NFD')]: 'phụ lục',
  [LONG_NAME]: 'tên tệp dài hơn 100 byte: cần bản ghi pax',
  'HS-2026-001/rỗng.txt': '',
};

const TAG_FILES = [
  { path: 'metadata/records/HS-2026-001.json', content: JSON.stringify({ code: 'HS-2026-001', title: 'Hồ sơ nghiệm thu dịch vụ công' }, null, 2) },
  { path: 'metadata/audit/HS-2026-001.jsonl', content: Buffer.from('{"event":"closed"}\n') },
];

function exampleBag() {
  return baseBag({
    bagInfo: {
      'Source-Organization': 'Sở Thông tin và Truyền thông tỉnh Bắc Ninh',
      'External-Description':
        'Hồ sơ nghiệm thu sản phẩm, dịch vụ công nghệ thông tin sử dụng ngân sách nhà nước: đặt hàng, giao nhiệm vụ, đấu thầu; đã đóng và chuyển lưu trữ lịch sử theo quy định.',
      'Internal-Sender-Identifier': ['HS-2026-001', 'HS-2026-002'],
    },
    payload: [
      ...Object.entries(SMALL_FILES).map(([path, content]) => bufferFile(path, content)),
      generatedFile('HS-2026-001/Bản vẽ thiết kế.pdf', 3 * MiB + 17, 1),
      generatedFile('HS-2026-002/Video họp hội đồng.mp4', 5 * MiB, 2),
    ],
    tagFiles: TAG_FILES,
  });
}

describe('writeBag then readBag', () => {
  it('gives back byte-identical payload and tag files and a valid report', async () => {
    const { tar, written } = await writeToBuffer(exampleBag());
    const { report, payload, tags } = await readFromBuffer(tar);

    expect(report.problems).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.bagName).toBe('NT-2026-0001');
    for (const [path, content] of Object.entries(SMALL_FILES)) expect(payload.get(path)?.equals(Buffer.from(content)), path).toBe(true);
    expect(sha256(payload.get('HS-2026-001/Bản vẽ thiết kế.pdf')!)).toBe(await generatedSha256(3 * MiB + 17, 1));
    expect(sha256(payload.get('HS-2026-002/Video họp hội đồng.mp4')!)).toBe(await generatedSha256(5 * MiB, 2));
    for (const tag of TAG_FILES) expect(tags.get(tag.path)?.equals(Buffer.from(tag.content)), tag.path).toBe(true);

    const totalBytes = Object.values(SMALL_FILES).reduce((sum, content) => sum + Buffer.byteLength(content), 0) + 8 * MiB + 17;
    expect(written.payloadOxum).toBe(`${totalBytes}.7`);
    expect(report.bagInfo['Payload-Oxum']).toBe(written.payloadOxum);
    expect(report.payloadFiles.map((file) => file.path)).toEqual(Object.keys(SMALL_FILES).concat(['HS-2026-001/Bản vẽ thiết kế.pdf', 'HS-2026-002/Video họp hội đồng.mp4']));
    expect(written.tarBytes).toBe(tar.length);
    expect(written.tarSha256).toBe(sha256(tar));
    expect(written.manifestSha256).toBe(sha256(tags.get('manifest-sha256.txt')!));
    expect(written.tagManifestSha256).toBe(sha256(tags.get('tagmanifest-sha256.txt')!));
  });

  it('writes the RFC 8493 tag files, with long bag-info values folded and read back whole', async () => {
    const bag = exampleBag();
    const { tar } = await writeToBuffer(bag);
    const { report, tags } = await readFromBuffer(tar);

    expect(tags.get('bagit.txt')!.toString()).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    const bagInfoText = tags.get('bag-info.txt')!.toString();
    expect(bagInfoText).toContain('Bagging-Date: 2026-03-02\n');
    expect(bagInfoText).toMatch(/^Bag-Size: 8\.0 MB$/m);
    expect(bagInfoText).toContain('\n  '); // the long description is folded
    for (const line of bagInfoText.split('\n')) expect([...line].length).toBeLessThanOrEqual(79);
    expect(report.bagInfo).toMatchObject(bag.bagInfo);

    const tagManifest = tags.get('tagmanifest-sha256.txt')!.toString();
    for (const path of ['bagit.txt', 'manifest-sha256.txt', 'bag-info.txt', ...TAG_FILES.map((tag) => tag.path)]) {
      expect(tagManifest).toContain(`${sha256(tags.get(path)!)}  ${path}\n`);
    }
  });

  it('puts the single bag folder first in every tar name, payload before manifest, tagmanifest last', async () => {
    const { tar } = await writeToBuffer(exampleBag());
    const names = (await tarEntries(tar)).map((entry) => entry.name);
    expect(names.every((name) => name.startsWith('NT-2026-0001/'))).toBe(true);
    expect(names[0]).toBe('NT-2026-0001/bagit.txt');
    expect(names.at(-1)).toBe('NT-2026-0001/tagmanifest-sha256.txt');
    expect(names.indexOf('NT-2026-0001/manifest-sha256.txt')).toBeGreaterThan(names.indexOf('NT-2026-0001/data/HS-2026-002/Video họp hội đồng.mp4'));
  });

  it('gives byte-identical tar output for identical inputs', async () => {
    const first = await writeToBuffer(exampleBag());
    const second = await writeToBuffer(exampleBag());
    expect(first.tar.equals(second.tar)).toBe(true);
    expect(second.written.tarSha256).toBe(first.written.tarSha256);
  });

  it('percent-encodes CR, LF and % in manifest paths and decodes them on reading', async () => {
    const names = ['báo cáo 100%.txt', 'dòng\nmới.txt', 'về\rđầu.txt'];
    const { tar } = await writeToBuffer(baseBag({ payload: names.map((name) => bufferFile(name, name)) }));
    const { report, payload, tags } = await readFromBuffer(tar);

    const manifest = tags.get('manifest-sha256.txt')!.toString();
    expect(manifest).toContain('data/báo cáo 100%25.txt\n');
    expect(manifest).toContain('data/dòng%0Amới.txt\n');
    expect(manifest).toContain('data/về%0Dđầu.txt\n');
    expect(manifest.split('\n').filter(Boolean)).toHaveLength(3);
    expect(report.valid).toBe(true);
    for (const name of names) expect(payload.get(name)?.toString()).toBe(name);
  });

  it('accepts any entry order, and passes the expected checksum when the manifest comes first', async () => {
    const { tar } = await writeToBuffer(exampleBag());
    const entries = await tarEntries(tar);
    const isPayload = (name: string) => name.includes('/data/');
    const manifestFirst = [...entries.filter((entry) => !isPayload(entry.name)).reverse(), ...entries.filter((entry) => isPayload(entry.name)).reverse()];

    const { report, expected, payload } = await readFromBuffer(await makeTar(manifestFirst));
    expect(report.problems).toEqual([]);
    for (const [path, content] of payload) expect(expected.get(path)).toBe(sha256(content));
  });

  it('reports progress as files and bytes go through, on both sides', async () => {
    const writes: Array<{ files: number; bytes: number; totalBytes?: number }> = [];
    const payload = [generatedFile('a.bin', 9 * MiB, 3), bufferFile('b.txt', 'b')];
    const { tar } = await writeToBuffer(baseBag({ payload, totalBytes: 9 * MiB + 1, onProgress: (progress) => writes.push(progress) }));
    expect(writes.at(-1)).toEqual({ files: 2, bytes: 9 * MiB + 1, totalBytes: 9 * MiB + 1 });
    expect(writes.some((progress) => progress.files === 0 && progress.bytes > 0)).toBe(true);

    const reads: Array<{ files: number; bytes: number }> = [];
    await readFromBuffer(tar, { onProgress: (progress) => reads.push(progress) });
    expect(reads.at(-1)).toEqual({ files: 2, bytes: 9 * MiB + 1 });
  });

  it('keeps the tar mtime fixed by createdAt', async () => {
    const { tar } = await writeToBuffer(baseBag({ payload: [bufferFile('a.txt', 'a')] }));
    const mtimeField = tar.subarray(136, 148).toString().replace(/\0.*$/, '').trim();
    expect(Number.parseInt(mtimeField, 8) * 1000).toBe(FIXED_DATE.getTime());
  });

  it('streams a file that is not a Buffer in memory', async () => {
    const content = await buffer(generatedStream(2 * MiB, 9));
    const { tar } = await writeToBuffer(baseBag({ payload: [generatedFile('x.bin', 2 * MiB, 9, { sha256: sha256(content) })] }));
    const { payload } = await readFromBuffer(tar);
    expect(payload.get('x.bin')!.equals(content)).toBe(true);
  });

  it('still hashes every byte when a handler stops reading early or never reads', async () => {
    const { tar } = await writeToBuffer(baseBag({ payload: [generatedFile('a.bin', 4 * MiB, 1), bufferFile('b.txt', 'b'), generatedFile('c.bin', 3 * MiB, 2)] }));
    const report = await readBag(Readable.from([tar]), {
      async onPayloadFile(path, stream) {
        if (path === 'a.bin') for await (const _chunk of stream) break;
        if (path === 'c.bin') await buffer(stream);
      },
    });
    expect(report.problems).toEqual([]);
    expect(report.payloadFiles.map((file) => file.size)).toEqual([4 * MiB, 1, 3 * MiB]);
  });
});
