import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceFactories } from '../../testing/acceptance-factories.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';
import { hasCommand, hasOcrTools, rasterise, renderTextPdf, scannedPdf, toolGate } from '../ocr/test-scans.js';

const gate = toolGate(hasOcrTools() && hasCommand('pdftoppm'), 'tesseract-ocr tesseract-ocr-vie ocrmypdf poppler-utils');

/** Digitised paper: a scan added to a closed record is kept as uploaded, recognised in the background, and found by search without diacritics. */
describe.skipIf(gate.skip)(`scans in records${gate.note}`, () => {
  let t: TestApp;
  let f: ReturnType<typeof acceptanceFactories>;
  let dir: string;
  let recordId: string;

  beforeAll(async () => {
    gate.require();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-scan-test-'));
    t = await buildTestApp({ worker: true });
    f = acceptanceFactories(t);
    const dossierId = await f.dossierIn('paid');
    const page = await f.ok(f.send(await f.as('officer'), 'GET', '/api/records?pageSize=50'), 'records');
    recordId = page.items.find((r: { dossierId: string }) => r.dossierId === dossierId).id;
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const body = (fileId: string) => ({ fileId, summary: 'Biên bản nghiệm thu bản giấy có chữ ký tay, quét lưu', issuerName: 'Sở Khoa học và Công nghệ', issueDate: '2026-03-20', typeCode: 'BB' });

  it('keeps the scan as uploaded, recognises it with progress, and search finds its words without diacritics', async () => {
    const officer = await f.as('officer');
    const png = rasterise(await renderTextPdf({ lines: ['BIÊN BẢN GIAO NHẬN', 'Sở Khoa học và Công nghệ đã nhận đủ hồ sơ giấy của dịch vụ vận hành thư điện tử công vụ.'] }), 300, dir, 'paper')[0]!;
    const scan = await scannedPdf([{ png, dpi: 300 }]);
    const uploaded = await f.upload(officer, 'bien-ban-giao-nhan.pdf', scan);
    const started = await f.send(officer, 'POST', `/api/records/${recordId}/scans`, body(uploaded.id));
    expect(started.statusCode, started.body).toBe(202);
    const task = await t.waitForTask(started.json().id, officer, 240_000);
    expect(task).toMatchObject({ status: 'succeeded', progressDone: 1, progressTotal: 1 });

    const record = await f.ok(f.send(officer, 'GET', `/api/records/${recordId}`), 'record');
    const added = record.documents.at(-1);
    expect(added).toMatchObject({ source: 'scan', reliability: 'digitised', sha256: uploaded.sha256, typeCode: 'BB' });
    const found = await f.ok(f.send(officer, 'GET', `/api/search?q=${encodeURIComponent('ho so giay')}`), 'search');
    expect(found.items.map((h: { documentId: string }) => h.documentId)).toContain(added.id);
    expect(found.items.find((h: { documentId: string }) => h.documentId === added.id)).toMatchObject({ textSource: 'ocr' });
    // An addition after closing is its own audited entry: the seal of what was closed still holds.
    expect(await t.services.records.verifySeals()).toMatchObject({ broken: [] });
    expect((await f.auditOf(recordId)).map((e: { action: string }) => e.action)).toEqual(['record.closed', 'record.scan_added']);
  }, 300_000);

  it('refuses a scan below 200 dpi before keeping anything, naming the page and its dpi', async () => {
    const officer = await f.as('officer');
    const png = rasterise(await renderTextPdf(), 150, dir, 'low')[0]!;
    const uploaded = await f.upload(officer, 'thap.pdf', await scannedPdf([{ png, dpi: 150 }]));
    const before = (await f.ok(f.send(officer, 'GET', `/api/records/${recordId}`), 'before')).documents.length;
    const refused = await f.send(officer, 'POST', `/api/records/${recordId}/scans`, body(uploaded.id), 'en');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('Page 1 was scanned at 150 dpi');
    expect((await f.ok(f.send(officer, 'GET', `/api/records/${recordId}`), 'after')).documents.length).toBe(before);
  });
});
