import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceFactories, samplePng } from '../../testing/acceptance-factories.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';

let t: TestApp;
let f: ReturnType<typeof acceptanceFactories>;

beforeAll(async () => {
  t = await buildTestApp();
  f = acceptanceFactories(t);
});
afterAll(() => t.close());

describe('one dossier through the whole cycle', () => {
  it('goes from draft to paid with deductions computed, a code, minutes numbered, a timeline, the order advanced and audit events', async () => {
    const order = await f.createOrder({ signed: true });
    const id = await f.dossierIn('paid', { orderId: order.id });
    const officer = await f.as('officer');
    const detail = await f.ok(f.send(officer, 'GET', `/api/dossiers/${id}`), 'get');

    expect(detail.code).toMatch(/^000\.00\.11\.H99-260115-\d{4}$/);
    expect(detail.state).toBe('paid');
    // Quarter I: 3 months of LGSP at 45,500,000 and 3 of e-mail at 18,500,000.
    expect(detail.plannedValue).toBe(192_000_000);
    // UPTIME 99.2 % is below the 99.5 tier (2 %) but not the 99 tier: 2 % of 136,500,000 on line 1.
    expect(detail.kpis.find((k: { lineNo: number; code: string }) => k.lineNo === 1 && k.code === 'UPTIME')).toMatchObject({ verdict: 'missed', deduction: 2_730_000 });
    expect(detail.kpis.filter((k: { verdict: string }) => k.verdict === 'met')).toHaveLength(3);
    expect(detail).toMatchObject({ deductionTotal: 2_730_000, acceptedValue: 189_270_000, paidTotal: 189_270_000, conclusion: 'accepted' });
    expect(detail.minutes).toMatchObject({ number: '01/BB-SKHCN', issuedOn: '2026-01-15', verifyUrl: expect.stringMatching(new RegExp(`/verify/${id}$`)) });
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit', 'receive', 'assign_appraiser', 'complete_appraisal', 'close_council_review', 'approve', 'issue_minutes', 'record_final_payment',
    ]);
    expect(detail.timeline[1]).toMatchObject({ actor: { username: 'officer' }, actingFor: null, stepDueDate: '2026-01-20', onTime: true, workingDays: 0 });
    expect(detail.council.votesCounted).toBe(3);
    expect(detail.payments).toEqual([expect.objectContaining({ kind: 'final', amount: 189_270_000 })]);

    const orderNow = await f.ok(f.send(officer, 'GET', `/api/orders/${order.id}`), 'order');
    expect(orderNow).toMatchObject({ status: 'in_progress', acceptedValue: 189_270_000, paidValue: 189_270_000 });
    const actions = (await f.auditOf(id)).map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['dossier.created', 'dossier.submit', 'dossier.appraised', 'council.created', 'council.voted', 'dossier.approve', 'dossier.issue_minutes', 'dossier.record_final_payment']));
  });

  it('issues minutes as a PDF with the Vietnamese text, the figures and a QR code, downloadable only by those who may read the dossier', async () => {
    const id = await f.dossierIn('minutes_issued');
    const officer = await f.as('officer');
    const detail = await f.ok(f.send(officer, 'GET', `/api/dossiers/${id}`), 'get');
    const download = await t.app.inject({ method: 'GET', url: `/api/dossiers/${id}/files/${detail.minutes.fileId}/content`, headers: officer.headers });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minutes-'));
    fs.writeFileSync(path.join(dir, 'm.pdf'), download.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'm.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('BIÊN BẢN NGHIỆM THU');
    expect(text).toContain(detail.minutes.number);
    expect(text).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(text).toContain('Tỷ lệ sẵn sàng của hệ thống');
    expect(text).toMatch(/189\.270\.000/);
    fs.rmSync(dir, { recursive: true, force: true });
    // A council member of another agency reads the dossier they sat on; someone unrelated does not.
    const council2 = await f.as('council2');
    expect((await t.app.inject({ method: 'GET', url: `/api/dossiers/${id}/files/${detail.minutes.fileId}/content`, headers: council2.headers })).statusCode).toBe(200);
    const provider = await f.as('provider');
    expect((await t.app.inject({ method: 'GET', url: `/api/dossiers/${id}/files/${detail.minutes.fileId}/content`, headers: provider.headers })).statusCode).toBe(200);
  });

  it('makes the uploaded signed copy the official minutes, and accepts only a PDF', async () => {
    const id = await f.dossierIn('minutes_issued');
    const officer = await f.as('officer');
    const notPdf = await f.upload(officer, 'scan.png', samplePng());
    expect((await f.send(officer, 'POST', `/api/dossiers/${id}/minutes/signed`, { fileId: notPdf.id })).statusCode).toBe(400);
    const signed = await f.upload(officer, 'bien-ban-da-ky.pdf');
    const done = await f.ok(f.send(officer, 'POST', `/api/dossiers/${id}/minutes/signed`, { fileId: signed.id }), 'signed');
    expect(done.minutes).toMatchObject({ signedFileId: signed.id, officialFileId: signed.id });
    expect(done.allowedActions).not.toContain('uploadSignedMinutes');
  });
});
