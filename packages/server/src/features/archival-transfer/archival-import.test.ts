import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceFactories } from '../../testing/acceptance-factories.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';
import { blobPath, closedRecord, downloadPackage, exportRecords, importPackage, uploadRequest, type ClosedRecord } from './archival-test-helpers.js';
import { codes, makeTar, tarEntries, withFreshTagManifest, type TarEntry } from './bag-test-helpers.js';

let t: TestApp;
let f: ReturnType<typeof acceptanceFactories>;
let record: ClosedRecord;
let tar: Buffer;
let bagName: string;

beforeAll(async () => {
  t = await buildTestApp({ worker: true });
  f = acceptanceFactories(t);
  record = await closedRecord(f);
  const officer = await f.as('officer');
  const { transfer } = await exportRecords(t, f, officer, { recordIds: [record.id] });
  tar = await downloadPackage(t, officer, transfer.id);
  bagName = transfer.packageCode!;
});
afterAll(() => t.close());

/** The package with one entry changed (or removed, when `change` returns null). */
async function altered(name: string, change: (entry: TarEntry) => TarEntry | null, options: { freshTagManifest?: boolean } = {}) {
  const entries = (await tarEntries(tar)).flatMap((entry) => (entry.name === `${bagName}/${name}` ? [change(entry)].filter((e) => e !== null) : [entry]));
  return makeTar(options.freshTagManifest ? withFreshTagManifest(entries, bagName) : entries);
}

function editMetadata(edit: (json: { record: { title: string }; auditEvents: { ip: string | null }[] }) => void) {
  return (entry: TarEntry) => {
    const json = JSON.parse(entry.content.toString('utf8'));
    edit(json);
    return { ...entry, content: Buffer.from(JSON.stringify(json, null, 2)) };
  };
}

const problemsOf = (transfer: Awaited<ReturnType<typeof importPackage>>['transfer']) => ({
  bag: codes(transfer.imported!.bagProblems),
  record: codes(transfer.imported!.records[0]!.problems),
});

describe('importing an archival package', () => {
  it('verifies an exported package and stores its payload byte for byte', async () => {
    // The payload's blobs are removed first, so finding them afterwards proves the import stored them.
    const originals = new Map(record.documents.map((d) => [d.sha256, fs.readFileSync(blobPath(t, d.sha256))]));
    for (const sha256 of originals.keys()) fs.rmSync(blobPath(t, sha256));

    const officer = await f.as('officer');
    const { task, transfer } = await importPackage(t, f, officer, tar);
    expect(task).toMatchObject({ status: 'succeeded', kind: 'archival.import', result: { isValid: true, records: 1, verified: 1 } });
    expect(task.progressDone).toBe(task.progressTotal);
    expect(transfer).toMatchObject({ direction: 'import', status: 'succeeded', isValid: true, packageCode: bagName, recordCount: 1, fileName: 'goi-luu-tru.tar' });
    expect(transfer.imported).toMatchObject({ isValid: true, isBagValid: true, bagName, payloadFiles: record.documents.length, bagProblems: [] });
    expect(transfer.imported!.records).toEqual([expect.objectContaining({
      code: record.code, recordId: record.id, isVerified: true, heldHere: 'same', problems: [], documentCount: record.documents.length,
    })]);
    expect(transfer.imported!.records[0]!.sealComputed).toBe(transfer.imported!.records[0]!.sealRecorded);

    for (const [sha256, bytes] of originals) expect(fs.readFileSync(blobPath(t, sha256)).equals(bytes), sha256).toBe(true);
    expect((await t.services.integrity.sweep({ recordId: record.id }, null)).faulty).toEqual([]);
  });

  it('offers the verification report as a JSON file', async () => {
    const officer = await f.as('officer');
    const page = await f.ok(f.send(officer, 'GET', '/api/archival-transfers?direction=import'), 'list');
    const response = await f.send(officer, 'GET', `/api/archival-transfers/${page.items[0].id}/report`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain(`${bagName}-bao-cao-kiem-tra.json`);
    expect(response.json()).toMatchObject({ isValid: true, records: [{ code: record.code, isVerified: true }] });
  });

  it('reports a flipped byte in a payload file, naming the file', async () => {
    const victim = record.documents[1]!;
    const path = `data/${record.code}/${victim.fileName}`;
    const flipped = await altered(path, (entry) => {
      const content = Buffer.from(entry.content);
      content[Math.floor(content.length / 2)]! ^= 0x01;
      return { ...entry, content };
    });
    const { task, transfer } = await importPackage(t, f, await f.as('officer'), flipped);
    expect(task).toMatchObject({ status: 'succeeded', result: { isValid: false } });
    expect(transfer).toMatchObject({ status: 'failed', isValid: false });
    const problems = problemsOf(transfer);
    expect(problems.bag).toEqual([`CHECKSUM_MISMATCH ${path}`]);
    expect(problems.record).toEqual([`FILE_CHANGED ${path}`, `SEAL_MISMATCH metadata/records/${record.code}.json`]);
    expect(transfer.imported!.records[0]!.problems[0]!.message_vi).toContain('đã bị thay đổi');
  });

  it('reports an edited metadata JSON as a seal mismatch, even with the tag manifest recomputed', async () => {
    const path = `metadata/records/${record.code}.json`;
    const edited = await altered(path, editMetadata((json) => (json.record.title = `${json.record.title} (đã sửa)`)), { freshTagManifest: true });
    const { transfer } = await importPackage(t, f, await f.as('officer'), edited);
    expect(transfer.imported).toMatchObject({ isValid: false, isBagValid: true });
    expect(problemsOf(transfer)).toEqual({ bag: [], record: [`SEAL_MISMATCH ${path}`] });

    const unprotected = await altered(path, editMetadata((json) => (json.record.title = 'Tiêu đề khác')));
    expect(problemsOf((await importPackage(t, f, await f.as('officer'), unprotected)).transfer)).toEqual({
      bag: [`TAG_CHECKSUM_MISMATCH ${path}`], record: [`SEAL_MISMATCH ${path}`],
    });
  });

  it('reports an altered audit event by its sequence number', async () => {
    const edited = await altered(`metadata/records/${record.code}.json`, editMetadata((json) => (json.auditEvents[0]!.ip = '203.0.113.9')), { freshTagManifest: true });
    const { transfer } = await importPackage(t, f, await f.as('officer'), edited);
    expect(problemsOf(transfer).record).toEqual(['AUDIT_EVENT_ALTERED']);
    expect(transfer.imported!.records[0]!.problems[0]!.message_en).toMatch(/^Audit event \d+ was altered/);
  });

  it('reports a removed file', async () => {
    const path = `data/${record.code}/${record.documents[0]!.fileName}`;
    const { transfer } = await importPackage(t, f, await f.as('officer'), await altered(path, () => null));
    expect(problemsOf(transfer)).toEqual({
      bag: [`FILE_MISSING ${path}`, 'OXUM_MISMATCH bag-info.txt'],
      record: [`FILE_MISSING ${path}`],
    });
  });

  it('refuses what is not a tar, and people who may not transfer records', async () => {
    const officer = await f.as('officer');
    const notTar = await t.app.inject(uploadRequest(officer, Buffer.from('%PDF-1.7 không phải gói'), 'goi.tar'));
    expect(notTar.statusCode).toBe(415);
    expect(notTar.json().error.message).toContain('goi.tar');
    expect((await t.app.inject(uploadRequest(officer, tar, 'goi.zip'))).statusCode).toBe(415);
    expect((await t.app.inject(uploadRequest(await f.as('provider'), tar))).statusCode).toBe(403);
  });
});
