import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispositionBatchDetail } from '@nghiemthu/shared';
import { dispositionItems, documents, documentTexts } from '../../db/schema.js';
import { acceptanceFactories, samplePdf } from '../../testing/acceptance-factories.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';
import { seedDemoRecords } from '../demo/demo-records.js';
import { createFsBlobStore } from '../files/blob-store.js';
import { dispositionFactories, type MadeRecord } from './disposition-factories.js';
import type { RecordSnapshot } from './disposition-execution.js';

let t: TestApp;
let f: ReturnType<typeof acceptanceFactories>;
let d: ReturnType<typeof dispositionFactories>;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'disposition-'));

beforeAll(async () => {
  t = await buildTestApp();
  f = acceptanceFactories(t);
  d = dispositionFactories(t);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Proposed by the officer, approved by the leader and the agency administrator, executed by the officer. */
async function destroy(records: MadeRecord[]): Promise<DispositionBatchDetail> {
  const batch = await f.ok(f.send(await f.as('officer'), 'POST', '/api/disposition/batches', {
    recordIds: records.map((r) => r.id), decisionNumber: `${records.length}${randomUUID().slice(0, 2)}/QĐ-SKHCN`, decisionDate: '2026-01-12',
    archiveOpinion: 'Chi cục Văn thư - Lưu trữ tỉnh đồng ý hủy theo Công văn số 18/CCVTLT ngày 08/01/2026',
  }), 'propose');
  await f.ok(f.send(await f.as('leader'), 'POST', `/api/disposition/batches/${batch.id}/approve`, {}), 'first approval');
  await f.ok(f.send(await f.as('agencyadmin'), 'POST', `/api/disposition/batches/${batch.id}/approve`, {}), 'second approval');
  return f.ok(f.send(await f.as('officer'), 'POST', `/api/disposition/batches/${batch.id}/execute`, {}), 'execute');
}

describe('executing an approved disposition batch', () => {
  const unique = samplePdf();
  const inKeptRecord = samplePdf();
  const uploadedAgain = samplePdf();
  const orderAttachment = samplePdf();
  let record: MadeRecord;
  let keeper: MadeRecord;
  let batch: DispositionBatchDetail;

  beforeAll(async () => {
    record = await d.closedRecord({ endDate: '2019-10-31', contents: [unique, inKeptRecord, uploadedAgain, orderAttachment], title: 'Hồ sơ hội nghị tổng kết năm 2019' });
    keeper = await d.closedRecord({ endDate: '2024-06-30', classCode: 'KT', contents: [inKeptRecord] });
    const officer = await f.as('officer');
    await f.upload(officer, 'tai-lai.pdf', uploadedAgain);
    const attached = await f.upload(officer, 'dinh-kem.pdf', orderAttachment);
    await f.createOrder({ overrides: { attachmentFileIds: [attached.id] } });
    const [first] = await t.db.select().from(documents).where(eq(documents.recordId, record.id)).limit(1);
    await t.db.insert(documentTexts).values({ documentId: first!.id, content: 'Nội dung tổng kết', plain: 'noi dung tong ket', source: 'extracted', updatedAt: t.clock.now() });
    batch = await destroy([record]);
  });

  it('destroys the record and deletes the bytes nothing kept still needs, keeping bytes another record, upload or order holds', async () => {
    expect(batch).toMatchObject({ status: 'executed', executedBy: { username: 'officer' }, allowedActions: [] });
    expect(batch.items[0]).toMatchObject({ code: record.code, recordStatus: 'destroyed' });
    expect(batch.items[0]!.files.map((file) => [file.sha256, file.isKeptElsewhere])).toEqual([
      [sha256(unique), false], [sha256(inKeptRecord), true], [sha256(uploadedAgain), true], [sha256(orderAttachment), true],
    ]);
    const blobExists = (hash: string) => fs.existsSync(path.join(t.dataDir, 'files', 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash));
    expect(blobExists(sha256(unique))).toBe(false);
    for (const kept of [inKeptRecord, uploadedAgain, orderAttachment]) expect(blobExists(sha256(kept))).toBe(true);
    const detail = await f.ok(f.send(await f.as('officer'), 'GET', `/api/records/${record.id}`), 'record');
    expect(detail).toMatchObject({ status: 'destroyed', documentCount: 4 });
    // The metadata and the hashes stay; the content is refused with the reason, whether or not its bytes remain elsewhere.
    expect(detail.documents.map((doc: { sha256: string }) => doc.sha256)).toEqual(batch.items[0]!.files.map((file) => file.sha256));
    for (const doc of detail.documents as { id: string }[]) {
      const content = await f.send(await f.as('officer'), 'GET', `/api/records/${record.id}/documents/${doc.id}/content`);
      expect(content.statusCode).toBe(409);
      expect(content.json().error.message).toContain(`Hồ sơ ${record.code} đã bị tiêu hủy`);
    }
    expect(await t.db.select().from(documentTexts).where(eq(documentTexts.documentId, detail.documents[0].id))).toEqual([]);
  });

  it('keeps a snapshot of the record: its metadata, documents and every file hash', async () => {
    const [item] = await t.db.select().from(dispositionItems).where(eq(dispositionItems.recordId, record.id));
    const snapshot = item!.snapshot as RecordSnapshot;
    expect(snapshot.record).toMatchObject({ code: record.code, title: 'Hồ sơ hội nghị tổng kết năm 2019', recordClass: { code: 'HN' }, retentionYears: 5, endDate: '2019-10-31' });
    expect(snapshot.record.sealHash).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshot.documents.map((doc) => doc.file.sha256)).toEqual([unique, inKeptRecord, uploadedAgain, orderAttachment].map(sha256));
  });

  it('issues numbered destruction minutes naming the decision, the people, the record and each file\'s SHA-256', async () => {
    const response = await f.send(await f.as('officer'), 'GET', `/api/files/${batch.minutesFileId}/content`);
    expect(response.statusCode).toBe(200);
    const file = path.join(workDir, 'bien-ban-huy.pdf');
    fs.writeFileSync(file, response.rawPayload);
    // Lines wrap where the layout puts them: phrases are compared with spaces collapsed; hashes are never wrapped.
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain('Hủy tài liệu hết giá trị');
    expect(text).toMatch(/Số: \d{2}\/BB-SKHCN/);
    expect(text).toContain(`Quyết định số ${batch.decisionNumber} ngày 12/01/2026`);
    expect(text).toContain('Chi cục Văn thư - Lưu trữ tỉnh đồng ý hủy');
    expect(text).toContain('UBND TỈNH AN BÌNH');
    expect(text).toContain('Nguyễn Văn Chuyên, người lập danh sách, đề nghị hủy và thực hiện hủy');
    for (const name of ['Phạm Minh Lãnh, người phê duyệt lần thứ nhất', 'Lê Thị Quản Lý, người phê duyệt lần thứ hai']) expect(text).toContain(name);
    expect(text).toContain(record.code);
    for (const bytes of [unique, inKeptRecord, uploadedAgain, orderAttachment]) expect(text).toContain(sha256(bytes));
    expect(text).toContain('(*) Cùng nội dung tệp này còn được lưu giữ');
  });

  it('leaves the seals verifiable and the fixity sweep clean, and still checks the bytes kept for others', async () => {
    const seals = await t.services.records.verifySeals();
    expect(seals.broken).toEqual([]);
    expect(seals.checked).toBeGreaterThanOrEqual(2);
    expect(await t.services.integrity.sweep({ recordId: record.id }, null)).toMatchObject({ filesChecked: 0, faulty: [] });
    expect(await t.services.integrity.sweep({ recordId: keeper.id }, null)).toMatchObject({ filesChecked: 1, faulty: [] });
    // A kept blob that goes missing is still reported, naming the record that keeps it.
    const hash = sha256(inKeptRecord);
    fs.rmSync(path.join(t.dataDir, 'files', 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash));
    const sweep = await t.services.integrity.sweep({}, null);
    expect(sweep.faulty).toEqual([expect.objectContaining({ sha256: hash, problem: 'missing', records: expect.arrayContaining([keeper.code]) })]);
  });

  it('audits each change: the record destroyed, the batch executed, the minutes generated, the files removed', async () => {
    expect((await f.auditOf(record.id)).map((e: { action: string }) => e.action)).toEqual(['record.closed', 'record.destroyed']);
    const events = await f.auditOf(batch.id);
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'disposition.proposed', 'disposition.first_approval', 'disposition.second_approval', 'disposition.executed', 'disposition.files_removed',
    ]);
    expect(events.at(-1)).toMatchObject({ actor: expect.objectContaining({ username: 'officer' }), after: expect.objectContaining({ removed: [sha256(unique)], failed: [] }) });
    expect(events.at(-2)!.after).toMatchObject({ minutesFileId: batch.minutesFileId, toRemove: [sha256(unique)] });
    expect((await f.auditOf(batch.minutesFileId!)).map((e: { action: string }) => e.action)).toEqual(['file.generated', 'file.downloaded']);
    expect(await t.services.audit.verify()).toMatchObject({ isIntact: true });
  });

  it('happens once', async () => {
    const again = await f.send(await f.as('officer'), 'POST', `/api/disposition/batches/${batch.id}/execute`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('Chỉ thực hiện tiêu hủy khi đợt đã được hai người phê duyệt; đợt này đã được thực hiện.');
  });

  it('deletes shared bytes once the last record holding them is destroyed', async () => {
    const shared = samplePdf();
    const first = await d.closedRecord({ endDate: '2018-10-31', contents: [shared] });
    const second = await d.closedRecord({ endDate: '2018-11-30', contents: [shared] });
    const hash = sha256(shared);
    const exists = () => fs.existsSync(path.join(t.dataDir, 'files', 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash));
    expect((await destroy([first])).items[0]!.files[0]!.isKeptElsewhere).toBe(true);
    expect(exists()).toBe(true);
    expect((await destroy([second])).items[0]!.files[0]!.isKeptElsewhere).toBe(false);
    expect(exists()).toBe(false);
    const count = await t.db.execute(sql`select count(*)::int as n from files where sha256 = ${hash}`);
    expect((count.rows[0] as { n: number }).n).toBe(2); // the rows stay: the seals cover them
  });
});

describe('the demo record past its retention period', () => {
  it('is closed, sealed and listed as expired, ready for the disposition journey', async () => {
    const deps = { config: t.config, database: t.database, clock: t.clock, storage: createFsBlobStore(path.join(t.dataDir, 'files')) };
    expect(await seedDemoRecords(deps, { userAgent: 'test' })).toEqual({ records: 1 });
    expect(await seedDemoRecords(deps, { userAgent: 'test' })).toEqual({ records: 0 });
    const page = await f.ok(f.send(await f.as('officer'), 'GET', '/api/disposition/expired?pageSize=200&year=2019'), 'expired');
    const demo = page.items.find((r: { code: string }) => r.code === '2019.HN.001');
    expect(demo).toMatchObject({ title: 'Hồ sơ hội nghị tập huấn chuyển đổi số năm 2019 (minh họa)', documentCount: 2, keptUntilYear: 2024, recordClass: { code: 'HN' } });
    const detail = await f.ok(f.send(await f.as('officer'), 'GET', `/api/records/${demo.id}`), 'record');
    expect(detail.documents.map((doc: { fileName: string; typeCode: string; mediaType: string }) => [doc.fileName, doc.typeCode, doc.mediaType])).toEqual([
      ['2019.HN.001.01.pdf', 'KH', 'application/pdf'], ['2019.HN.001.02.pdf', 'BC', 'application/pdf'],
    ]);
    expect((await f.auditOf(demo.id)).map((e: { action: string }) => e.action)).toEqual(['record.closed']);
    expect((await t.services.records.verifySeals()).broken).toEqual([]);
  });
});
