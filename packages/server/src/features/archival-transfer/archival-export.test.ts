import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchivalRecordFile } from '@nghiemthu/shared';
import { records } from '../../db/schema.js';
import { acceptanceFactories } from '../../testing/acceptance-factories.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';
import { closedRecord, damageBlob, downloadPackage, exportRecords, tarList, type ClosedRecord } from './archival-test-helpers.js';
import { readFromBuffer } from './bag-test-helpers.js';

let t: TestApp;
let f: ReturnType<typeof acceptanceFactories>;
let first: ClosedRecord;
let second: ClosedRecord;

beforeAll(async () => {
  t = await buildTestApp({ worker: true });
  f = acceptanceFactories(t);
  first = await closedRecord(f);
  second = await closedRecord(f);
});
afterAll(() => t.close());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Extracts the tar with GNU tar and runs `sha256sum --strict -c` on both manifests; returns how many lines were OK. */
function checkWithStandardTools(tar: Buffer, bag: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nghiemthu-bag-'));
  try {
    execFileSync('tar', ['-xf', '-', '-C', dir], { input: tar });
    const check = (manifest: string) => execFileSync('sha256sum', ['--strict', '-c', manifest], { cwd: path.join(dir, bag), encoding: 'utf8' })
      .split('\n').filter((line) => line.endsWith(': OK')).length;
    return { manifest: check('manifest-sha256.txt'), tagManifest: check('tagmanifest-sha256.txt') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('exporting closed records as a BagIt package', () => {
  it('streams the package into storage as a task with progress, and the download lists the agreed layout', async () => {
    const officer = await f.as('officer');
    const { task, transfer } = await exportRecords(t, f, officer, { recordIds: [second.id, first.id] });
    expect(task).toMatchObject({ status: 'succeeded', kind: 'archival.export' });
    const documentCount = first.documents.length + second.documents.length;
    expect(task.progressTotal).toBe(documentCount);
    expect(task.progressDone).toBe(documentCount);
    expect(transfer).toMatchObject({ direction: 'export', status: 'succeeded', recordCount: 2, progress: null, error: null });
    expect(transfer.packageCode).toMatch(/^NT-\d{8}-[0-9A-F]{8}$/);
    expect(transfer.fileName).toBe(`${transfer.packageCode}.tar`);

    const tar = await downloadPackage(t, officer, transfer.id);
    expect(tar.length).toBe(transfer.packageBytes);
    expect(sha256(tar)).toBe(transfer.packageSha256);

    const bag = transfer.packageCode!;
    const names = tarList(tar);
    const [a, b] = [first, second].sort((x, y) => (x.code < y.code ? -1 : 1)) as [ClosedRecord, ClosedRecord];
    expect(names).toEqual([
      `${bag}/bagit.txt`,
      ...[a, b].flatMap((record) => record.documents.map((d) => `${bag}/data/${record.code}/${d.fileName}`)),
      `${bag}/manifest-sha256.txt`,
      `${bag}/bag-info.txt`,
      `${bag}/metadata/records/${a.code}.json`,
      `${bag}/metadata/records/${b.code}.json`,
      `${bag}/tagmanifest-sha256.txt`,
    ]);

    const { report, payload, tags } = await readFromBuffer(tar);
    expect(report.problems).toEqual([]);
    for (const record of [a, b]) {
      for (const d of record.documents) expect(sha256(payload.get(`${record.code}/${d.fileName}`)!), d.fileName).toBe(d.sha256);
    }
    expect(report.bagInfo).toMatchObject({
      'External-Identifier': bag,
      'Bag-Count': '1 of 1',
      'Internal-Sender-Identifier': [a.code, b.code],
      'Source-Organization': expect.stringContaining('Sở Khoa học và Công nghệ'),
      'Bagging-Date': expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(transfer.exported).toMatchObject({ payloadFiles: documentCount, records: [{ code: a.code }, { code: b.code }] });
    // What the receiving archive runs (docs/archival-package.md, section 4).
    expect(checkWithStandardTools(tar, bag)).toEqual({ manifest: documentCount, tagManifest: 5 });
  });

  it('describes each record in its metadata JSON: sealed fields, documents, signature reports, seal and audit events', async () => {
    const officer = await f.as('officer');
    const { transfer } = await exportRecords(t, f, officer, { recordIds: [first.id] });
    const { tags } = await readFromBuffer(await downloadPackage(t, officer, transfer.id));
    const file = ArchivalRecordFile.parse(JSON.parse(tags.get(`metadata/records/${first.code}.json`)!.toString('utf8')));
    const [row] = await t.db.select().from(records).where(eq(records.id, first.id));

    expect(file.record).toMatchObject({ id: first.id, code: first.code, recordClass: 'NT', documentCount: first.documents.length });
    expect(file.seal).toMatchObject({ algorithm: 'SHA-256/RFC8785', hash: row!.sealHash, sealedAt: row!.closedAt!.toISOString() });
    expect(file.description.agency.code).toBeTruthy();
    expect(file.documents.map((d) => d.path)).toEqual(first.documents.map((d) => `data/${first.code}/${d.fileName}`));
    expect(file.documents.map((d) => d.sha256)).toEqual(first.documents.map((d) => d.sha256));
    for (const d of file.documents) expect(d).toHaveProperty('signatureReport');
    const actions = file.auditEvents.map((e) => e.action);
    expect(actions).toContain('record.closed');
    expect(actions.some((action) => action.startsWith('dossier.'))).toBe(true);
    expect(file.auditEvents.map((e) => e.seq)).toEqual([...file.auditEvents.map((e) => e.seq)].sort((x, y) => x - y));
  });

  it('gives a byte-identical package when the same records are exported again', async () => {
    let officer = await f.as('officer');
    const once = await exportRecords(t, f, officer, { recordIds: [first.id, second.id] });
    t.clock.advance(36 * 3600_000); // another day: the bagging date comes from the records, not the clock
    officer = await f.as('officer'); // the earlier session has expired meanwhile
    const again = await exportRecords(t, f, officer, { recordIds: [second.id, first.id, second.id] });
    expect(again.transfer.id).not.toBe(once.transfer.id);
    expect(again.transfer.packageSha256).toBe(once.transfer.packageSha256);
    const [a, b] = [await downloadPackage(t, officer, once.transfer.id), await downloadPackage(t, officer, again.transfer.id)];
    expect(a.equals(b)).toBe(true);
    expect(again.transfer.packageCode).toBe(once.transfer.packageCode);

    // An explicit bagging date is another package, as reproducible as the first.
    const dated = await exportRecords(t, f, officer, { recordIds: [first.id, second.id], baggingDate: '2030-01-15' });
    expect(dated.transfer.packageCode).toMatch(/^NT-20300115-/);
    expect(dated.transfer.packageSha256).not.toBe(once.transfer.packageSha256);
    expect((await readFromBuffer(await downloadPackage(t, officer, dated.transfer.id))).report.bagInfo['Bagging-Date']).toBe('2030-01-15');
  });

  it('lists transfers and records each download in the audit log', async () => {
    const officer = await f.as('officer');
    const page = await f.ok(f.send(officer, 'GET', '/api/archival-transfers?direction=export&pageSize=2'), 'list');
    expect(page.total).toBeGreaterThanOrEqual(4);
    expect(page.items).toHaveLength(2);
    const id = page.items[0].id;
    const before = (await f.auditOf(id)).length;
    await downloadPackage(t, officer, id);
    const actions = (await f.auditOf(id)).map((e: { action: string }) => e.action);
    expect(actions.slice(0, 2)).toEqual(['archival_transfer.export_started', 'archival_transfer.exported']);
    expect(actions.slice(before)).toEqual(['archival_transfer.downloaded']);
  });

  it('stops, naming the file, when a stored file no longer matches its hash', async () => {
    const officer = await f.as('officer');
    const victim = first.documents.find((d) => d.source === 'dossier_file:kpi_evidence')!;
    const restore = damageBlob(t, victim.sha256);
    try {
      const { task, transfer } = await exportRecords(t, f, officer, { recordIds: [first.id] });
      const victimPath = `data/${first.code}/${victim.fileName}`;
      expect(task.status).toBe('failed');
      expect(task.error.message).toContain(victimPath);
      expect(task.error.message).toContain('đã bị hỏng');
      expect(transfer).toMatchObject({ status: 'failed', fileName: null, packageSha256: null });
      expect(transfer.error?.en).toContain(victimPath);
      expect((await f.send(officer, 'GET', `/api/archival-transfers/${transfer.id}/package`)).statusCode).toBe(409);
    } finally {
      restore();
    }
  });
});

describe('what may not be exported', () => {
  it('refuses records that are not closed, naming them, and unknown ones', async () => {
    const officer = await f.as('officer');
    const [row] = await t.db.select().from(records).where(eq(records.id, first.id));
    const openId = randomUUID();
    const now = t.clock.now();
    await t.db.insert(records).values({
      ...row!, id: openId, code: `${row!.code}-MO`, status: 'open', sealHash: null, closedAt: null, closedBy: null, dossierId: null, orderId: null,
      documentCount: 0, pageCount: 0, legalHold: null, createdAt: now, updatedAt: now,
    });
    const refused = await f.send(officer, 'POST', '/api/archival-transfers', { recordIds: [first.id, openId] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain(`${row!.code}-MO`);
    expect(refused.json().error.details).toEqual([{ path: 'recordIds.1', message: expect.stringContaining('chưa đóng') }]);
    const inEnglish = await f.send(officer, 'POST', '/api/archival-transfers', { recordIds: [openId] }, 'en');
    expect(inEnglish.json().error.message).toMatch(/^Only closed records/);

    const unknown = await f.send(officer, 'POST', '/api/archival-transfers', { recordIds: [randomUUID()] });
    expect(unknown.statusCode).toBe(404);
    expect((await f.send(officer, 'POST', '/api/archival-transfers', { recordIds: [] })).statusCode).toBe(400);
  });

  it('is for officers and administrators who can read the records', async () => {
    for (const username of ['provider', 'inspector', 'leader']) {
      const who = await f.as(username);
      expect((await f.send(who, 'POST', '/api/archival-transfers', { recordIds: [first.id] })).statusCode, username).toBe(403);
      expect((await f.send(who, 'GET', '/api/archival-transfers')).statusCode, username).toBe(403);
    }
    const admin = await f.as('admin');
    const { task } = await exportRecords(t, f, admin, { recordIds: [first.id] });
    expect(task.status).toBe('succeeded');
  });
});
