import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BagWriteError, writeBag, type BagToWrite } from './bag-writer.js';
import { MiB, baseBag, bufferFile, generatedFile, generatedSha256, sha256 } from './bag-test-helpers.js';

/** An output that keeps count of what it received, the way a file or an HTTP response would. */
function countingOutput() {
  const state = { bytes: 0 };
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      state.bytes += chunk.length;
      callback();
    },
  });
  return { output, state };
}

async function expectRefused(bag: BagToWrite, code: string, message: RegExp) {
  const { output } = countingOutput();
  const error = await writeBag(output, bag).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BagWriteError);
  expect(error).toMatchObject({ code });
  expect((error as Error).message).toMatch(message);
  expect(output.destroyed).toBe(true);
  return error as BagWriteError;
}

describe('writeBag refuses bad input', () => {
  it.each([
    ['../../etc/passwd', /'\.\.'/],
    ['hồ sơ/../../ngoài.pdf', /'\.\.'/],
    ['/etc/passwd', /absolute/],
    ['C:/Windows/system.ini', /absolute/],
    ['a\\..\\b.pdf', /backslash/],
    ['a//b.pdf', /empty segment/],
    ['./a.pdf', /'\.'/],
    ['', /empty path/],
  ])('payload path %j', async (path, message) => {
    const error = await expectRefused(baseBag({ payload: [bufferFile('ok.pdf', 'ok'), bufferFile(path, 'x')] }), 'INVALID_PATH', message);
    expect(error.path).toBe(path);
  });

  it('a payload path given twice, also when only the Unicode normalisation differs', async () => {
    const name = 'Tờ trình.pdf';
    await expectRefused(baseBag({ payload: [bufferFile(name.normalize('NFC'), 'a'), bufferFile(name.normalize('NFD'), 'b')] }), 'DUPLICATE_PATH', /occurs twice/);
  });

  it('tag files named like the bag’s own files or placed in data/', async () => {
    await expectRefused(baseBag({ tagFiles: [{ path: 'manifest-sha256.txt', content: '' }] }), 'INVALID_PATH', /reserved/);
    await expectRefused(baseBag({ tagFiles: [{ path: 'data/x.json', content: '' }] }), 'INVALID_PATH', /reserved/);
    await expectRefused(baseBag({ tagFiles: [{ path: 'metadata/../../x.json', content: '' }] }), 'INVALID_PATH', /'\.\.'/);
  });

  it('bag names and bag-info fields it cannot write faithfully, before writing anything', async () => {
    for (const bag of [
      baseBag({ name: '../x' }),
      baseBag({ name: 'a/b' }),
      baseBag({ bagInfo: { 'Payload-Oxum': '1.1' } }),
      baseBag({ bagInfo: { 'Bad:Label': 'x' } }),
      baseBag({ bagInfo: { 'External-Description': 'hai\ndòng' } }),
      baseBag({ bagInfo: { 'Bagging-Date': '02/03/2026' } }),
    ]) {
      const { output, state } = countingOutput();
      await expect(writeBag(output, bag)).rejects.toMatchObject({ code: 'INVALID_BAG' });
      expect(state.bytes).toBe(0);
    }
  });
});

describe('writeBag stops a damaged or abandoned export', () => {
  it('aborts when a stored file no longer matches its sha256, naming the file, and destroys the output', async () => {
    const damaged = 'HS-2026-001/Biên bản nghiệm thu.pdf';
    const bag = baseBag({
      payload: [
        bufferFile('HS-2026-001/Tờ trình.pdf', 'tờ trình', { sha256: sha256('tờ trình') }),
        generatedFile(damaged, 2 * MiB, 1, { sha256: await generatedSha256(2 * MiB, 2) }),
        bufferFile('HS-2026-001/never-reached.pdf', 'x'),
      ],
    });
    const error = await expectRefused(bag, 'CHECKSUM_MISMATCH', /damaged/);
    expect(error.path).toBe(`data/${damaged}`);
    expect(error.message).toContain(damaged);
  });

  it('aborts when a stored file is shorter or longer than declared', async () => {
    await expectRefused(baseBag({ payload: [bufferFile('a.pdf', 'abc', { size: 4 })] }), 'SIZE_MISMATCH', /expected 4 bytes, the stored file has 3/);
    await expectRefused(baseBag({ payload: [generatedFile('b.bin', 2 * MiB, 1, { size: MiB })] }), 'SIZE_MISMATCH', /more than/);
  });

  it('stops on an AbortSignal: no further file is opened and the output is destroyed', async () => {
    const controller = new AbortController();
    const opened: string[] = [];
    const file = (path: string) => ({ ...generatedFile(path, 4 * MiB, 1), open: async () => (opened.push(path), generatedFile(path, 4 * MiB, 1).open()) });
    const { output } = countingOutput();
    const writing = writeBag(output, baseBag({ payload: [file('a.bin'), file('b.bin'), file('c.bin')], signal: controller.signal, onProgress: (p) => p.bytes >= 5 * MiB && controller.abort() }));
    await expect(writing).rejects.toMatchObject({ name: 'AbortError' });
    expect(opened).toEqual(['a.bin', 'b.bin']);
    expect(output.destroyed).toBe(true);
  });

  it('rejects at once on a signal that is already aborted', async () => {
    const { output, state } = countingOutput();
    await expect(writeBag(output, baseBag({ signal: AbortSignal.abort() }))).rejects.toMatchObject({ name: 'AbortError' });
    expect(state.bytes).toBe(0);
  });

  it('stops reading the payload when the output fails (client gone, disk full)', async () => {
    let pulled = 0;
    const source = new Readable({
      read() {
        pulled += 1;
        this.push(Buffer.alloc(MiB, 1));
      },
    });
    // A slow reader, like a download over a modest link.
    const output = new Writable({
      write(_chunk, _encoding, callback) {
        setTimeout(callback, 2);
      },
    });
    const writing = writeBag(output, baseBag({ payload: [{ path: 'endless.bin', size: 64 * MiB, open: async () => source }] }));
    setTimeout(() => output.destroy(new Error('EPIPE: client went away')), 20);
    await expect(writing).rejects.toThrow('EPIPE: client went away');
    expect(pulled).toBeLessThan(64);
    expect(source.destroyed).toBe(true);
  });
});
