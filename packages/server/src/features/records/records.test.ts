import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceFactories } from '../../testing/acceptance-factories.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';

let t: TestApp;
let f: ReturnType<typeof acceptanceFactories>;
let dossierId: string;
let record: { id: string; code: string; documents: { id: string; ordinal: number; fileName: string; source: string; typeCode: string; sha256: string; numberAndSymbol: string | null }[] };

beforeAll(async () => {
  t = await buildTestApp({ worker: true });
  f = acceptanceFactories(t);
  dossierId = await f.dossierIn('paid');
  const officer = await f.as('officer');
  const page = await f.ok(f.send(officer, 'GET', '/api/records?pageSize=50'), 'records');
  const found = page.items.find((r: { dossierId: string }) => r.dossierId === dossierId);
  record = await f.ok(f.send(officer, 'GET', `/api/records/${found.id}`), 'record');
});
afterAll(() => t.close());

describe('closing the record of an accepted, paid dossier', () => {
  it('keeps everything that proves the acceptance, in order, named <record code>.<ordinal>, closed and sealed', async () => {
    const year = new Date(t.clock.now()).getUTCFullYear();
    expect(record).toMatchObject({ status: 'closed', recordClass: { code: 'NT' }, retentionYears: 20, keptUntilYear: year + 20 });
    expect(record.code).toMatch(new RegExp(`^${year}\\.NT\\.\\d{3}$`));
    const sources = record.documents.map((d) => d.source);
    expect(sources[0]).toBe('order');
    expect(sources).toEqual(expect.arrayContaining(['dossier_file:completion_report', 'dossier_file:self_assessment', 'dossier_file:kpi_evidence', 'council', 'minutes', 'payments']));
    expect(sources.indexOf('dossier_file:completion_report')).toBeLessThan(sources.indexOf('council'));
    expect(sources.indexOf('council')).toBeLessThan(sources.indexOf('minutes'));
    expect(sources.indexOf('minutes')).toBeLessThan(sources.indexOf('payments'));
    expect(sources.at(-1)).toBe('audit_events');
    record.documents.forEach((d, i) => {
      expect(d.ordinal).toBe(i + 1);
      expect(d.fileName.startsWith(`${record.code}.${String(i + 1).padStart(2, '0')}.`)).toBe(true);
    });
    const minutes = record.documents.find((d) => d.source === 'minutes')!;
    expect(minutes).toMatchObject({ typeCode: 'BB', numberAndSymbol: expect.stringMatching(/^\d{2}\/BB-/) });
    expect((await f.auditOf(record.id)).map((e: { action: string }) => e.action)).toEqual(['record.closed']);
  });

  it('serves a document exactly as kept and records each view and download', async () => {
    const officer = await f.as('officer');
    const minutes = record.documents.find((d) => d.source === 'minutes')!;
    const response = await f.send(officer, 'GET', `/api/records/${record.id}/documents/${minutes.id}/content?disposition=attachment`);
    expect(response.statusCode).toBe(200);
    expect(createHash('sha256').update(response.rawPayload).digest('hex')).toBe(minutes.sha256);
    expect(response.headers['content-disposition']).toMatch(/^attachment/);
    await f.send(officer, 'GET', `/api/records/${record.id}/documents/${minutes.id}/content`);
    const access = await t.db.execute(sql`select kind from document_access where document_id = ${minutes.id} order by at`);
    expect(access.rows.map((r) => (r as { kind: string }).kind)).toEqual(['download', 'view']);
  });

  it('shows the record to the ordering and providing agencies and inspectors, no one else', async () => {
    for (const username of ['provider', 'inspector', 'leader']) {
      expect((await f.send(await f.as(username), 'GET', `/api/records/${record.id}`)).statusCode, username).toBe(200);
    }
    const outsider = await f.as('council2'); // sat on the council, but records belong to the agencies
    expect((await f.send(outsider, 'GET', `/api/records/${record.id}`)).statusCode).toBe(404);
    const doc = record.documents[0]!;
    expect((await f.send(outsider, 'GET', `/api/records/${record.id}/documents/${doc.id}/content`)).statusCode).toBe(404);
  });

  it('refuses at the database to change or delete what a closed record holds', async () => {
    const doc = record.documents[1]!;
    // drizzle wraps the database's error; the trigger's message is its cause.
    const refused = (query: Promise<unknown>) => expect(query).rejects.toMatchObject({ cause: { message: expect.stringMatching(/closed/) } });
    await refused(t.db.execute(sql`update documents set summary = 'sửa' where id = ${doc.id}`));
    await refused(t.db.execute(sql`delete from documents where id = ${doc.id}`));
    await refused(t.db.execute(sql`update records set title = 'sửa' where id = ${record.id}`));
    await refused(t.db.execute(sql`update records set status = 'open' where id = ${record.id}`));
    // What is derived later may still be added.
    await t.db.execute(sql`update documents set text_status = 'done' where id = ${doc.id}`);
  });

  it('finds an edited row through the seal in the audit chain, even with the lock switched off', async () => {
    expect(await t.services.records.verifySeals()).toMatchObject({ checked: 1, broken: [] });
    const doc = record.documents[1]!;
    await t.db.execute(sql`alter table documents disable trigger documents_locked_when_closed`);
    await t.db.execute(sql`update documents set summary = 'Nội dung đã bị sửa' where id = ${doc.id}`);
    await t.db.execute(sql`alter table documents enable trigger documents_locked_when_closed`);
    const result = await t.services.records.verifySeals();
    expect(result.broken).toEqual([expect.objectContaining({ code: record.code, problem: expect.stringContaining('differ') })]);
  });

  it('finds a byte flipped in a stored file, naming the file and the record, through a background task with progress', async () => {
    const officer = await f.as('officer');
    const clean = await t.services.integrity.sweep({ recordId: record.id }, null);
    expect(clean).toMatchObject({ scope: 'record', filesChecked: record.documents.length, faulty: [] });

    const victim = record.documents.find((d) => d.source === 'dossier_file:kpi_evidence')!;
    const blobPath = path.join(t.dataDir, 'files', 'sha256', victim.sha256.slice(0, 2), victim.sha256.slice(2, 4), victim.sha256);
    const bytes = fs.readFileSync(blobPath);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    fs.writeFileSync(blobPath, bytes);

    const started = await f.send(officer, 'POST', `/api/records/${record.id}/integrity-check`, {});
    expect(started.statusCode).toBe(202);
    const task = await t.waitForTask(started.json().id, officer);
    expect(task).toMatchObject({ status: 'succeeded', progressDone: task.progressTotal });
    expect(task.result.faulty).toEqual([expect.objectContaining({ sha256: victim.sha256, problem: 'hash_mismatch', records: [record.code] })]);
    // Everything, as the nightly sweep does: administrators only.
    expect((await f.send(officer, 'POST', '/api/integrity-checks', {})).statusCode).toBe(403);
  });

  it('shows a document\'s signature report and validates again on demand, audited, without touching the file', async () => {
    const officer = await f.as('officer');
    const minutes = record.documents.find((d) => d.source === 'minutes')!;
    const url = `/api/records/${record.id}/documents/${minutes.id}/signatures`;
    const shown = await f.ok(f.send(officer, 'GET', url), 'report');
    expect(['none', 'not_checked']).toContain(shown.status);
    const checked = await f.ok(f.send(officer, 'POST', `${url}/check`, {}), 'check');
    expect(checked).toMatchObject({ status: 'none', report: { signatures: [] } });
    expect((await f.auditOf(minutes.id)).map((e: { action: string }) => e.action)).toEqual(['document.signatures_checked']);
    expect((await f.send(await f.as('council2'), 'GET', url)).statusCode).toBe(404);
    const again = await f.ok(f.send(officer, 'GET', `/api/records/${record.id}`), 'record');
    expect(again.documents.find((d: { id: string }) => d.id === minutes.id).sha256).toBe(minutes.sha256);
  });
});
