import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { readBag } from './bag-reader.js';
import { writeBag } from './bag-writer.js';
import { MiB, baseBag, bufferFile, generatedFile } from './bag-test-helpers.js';

/**
 * A behaviour check, not a benchmark: ~300 MB of payload generated lazily
 * goes through writeBag, a pipe and readBag, and the process must not grow by
 * anything like the payload's size (it would if any layer buffered a file).
 */
it('streams ~300 MB from writeBag into readBag without holding the payload', async () => {
  const sizes = { 'video/Họp hội đồng nghiệm thu.mp4': 280 * MiB, 'scan/Biên bản.pdf': 20 * MiB };
  const note = 'ghi chú';
  const payloadBytes = 300 * MiB + Buffer.byteLength(note);
  const pipe = new PassThrough();

  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, 25);

  const writing = writeBag(
    pipe,
    baseBag({
      payload: [...Object.entries(sizes).map(([path, size], seed) => generatedFile(path, size, seed)), bufferFile('note.txt', note)],
      onProgress: sample,
    }),
  );
  let received = 0;
  const reading = readBag(
    pipe,
    {
      async onPayloadFile(_path, stream) {
        for await (const chunk of stream) received += (chunk as Buffer).length;
      },
    },
    { onProgress: sample },
  );
  const [written, report] = await Promise.all([writing, reading]);
  clearInterval(timer);
  sample();

  expect(report.problems).toEqual([]);
  expect(written.payloadBytes).toBe(payloadBytes);
  expect(received).toBe(payloadBytes);
  const growth = peak - baseline;
  console.log(`RSS ${(baseline / MiB).toFixed(0)} MiB at start, peak ${(peak / MiB).toFixed(0)} MiB: growth ${(growth / MiB).toFixed(1)} MiB for a ${(payloadBytes / MiB).toFixed(0)} MiB payload (tar ${(written.tarBytes / MiB).toFixed(0)} MiB)`);
  expect(growth).toBeLessThan(100 * MiB);
});
