import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceFactories } from '../../testing/acceptance-factories.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';
import { dispositionFactories, type MadeRecord } from './disposition-factories.js';

let t: TestApp;
let f: ReturnType<typeof acceptanceFactories>;
let d: ReturnType<typeof dispositionFactories>;

beforeAll(async () => {
  t = await buildTestApp();
  f = acceptanceFactories(t);
  d = dispositionFactories(t);
});
afterAll(() => t.close());

const REASON = 'Thanh tra tỉnh đang thanh tra công tác tổ chức hội nghị năm 2019';
const proposal = (records: MadeRecord[]) => ({
  recordIds: records.map((r) => r.id), decisionNumber: '25/QĐ-SKHCN', decisionDate: '2026-01-12',
  archiveOpinion: 'Chi cục Văn thư - Lưu trữ tỉnh đồng ý hủy theo Công văn số 18/CCVTLT ngày 08/01/2026',
});
const hold = async (username: string, record: MadeRecord, reason = REASON) => f.send(await f.as(username), 'PUT', `/api/records/${record.id}/legal-hold`, { reason });
const release = async (username: string, record: MadeRecord, reason = 'Kết thúc thanh tra') =>
  f.send(await f.as(username), 'DELETE', `/api/records/${record.id}/legal-hold?reason=${encodeURIComponent(reason)}`);

describe('legal holds', () => {
  it('are placed by leaders, agency and system administrators and inspectors, audited on the record, shown with who and when', async () => {
    const record = await d.closedRecord({ endDate: '2019-11-20' });
    expect((await hold('officer', record)).statusCode).toBe(403);
    expect((await hold('provider', record)).statusCode).toBe(404); // not a record the provider's unit can read
    const placed = await hold('inspector', record);
    expect(placed.statusCode).toBe(200);
    expect(placed.json()).toMatchObject({ reason: REASON, placedBy: { username: 'inspector' }, allowedActions: ['release'], recordStatus: 'closed' });
    expect((await f.ok(f.send(await f.as('officer'), 'GET', `/api/records/${record.id}`), 'record')).legalHold).toBe(REASON);
    const again = await hold('leader', record, 'Lý do khác');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain(record.code);
    expect((await f.ok(f.send(await f.as('officer'), 'GET', `/api/records/${record.id}/legal-hold`), 'hold')).allowedActions).toEqual([]);

    const released = await release('agencyadmin', record);
    expect(released.json()).toMatchObject({ reason: null, placedBy: null, allowedActions: ['place'] });
    expect((await release('agencyadmin', record)).statusCode).toBe(409);
    const events = (await f.auditOf(record.id)).filter((e: { action: string }) => e.action.startsWith('record.legal_hold'));
    expect(events).toEqual([
      expect.objectContaining({ action: 'record.legal_hold_placed', actor: expect.objectContaining({ username: 'inspector' }), after: { legalHold: REASON } }),
      expect.objectContaining({ action: 'record.legal_hold_released', actor: expect.objectContaining({ username: 'agencyadmin' }), after: { legalHold: null, reason: 'Kết thúc thanh tra' } }),
    ]);
    // A hold never touches what the seal covers.
    expect(await t.services.records.verifySeals()).toMatchObject({ broken: [] });
  });

  it('asks for a reason to place and to release', async () => {
    const record = await d.closedRecord({ endDate: '2019-11-20' });
    expect((await hold('leader', record, '   ')).statusCode).toBe(400);
    await hold('leader', record);
    expect((await f.send(await f.as('leader'), 'DELETE', `/api/records/${record.id}/legal-hold`)).statusCode).toBe(400);
  });

  it('keeps a held record out of a new batch, naming it, in Vietnamese and English', async () => {
    const free = await d.closedRecord({ endDate: '2019-05-10' });
    const held = await d.closedRecord({ endDate: '2019-05-11' });
    await hold('leader', held);
    const officer = await f.as('officer');
    const refused = await f.send(officer, 'POST', '/api/disposition/batches', proposal([free, held]));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(`Hồ sơ ${held.code} đang được giữ theo yêu cầu pháp lý (lý do: ${REASON}) nên không được tiêu hủy. Hãy gỡ giữ pháp lý trước, hoặc hủy bỏ đợt tiêu hủy này và lập đợt mới không có hồ sơ đó.`);
    const english = await f.send(officer, 'POST', '/api/disposition/batches', proposal([free, held]), 'en');
    expect(english.json().error.message).toMatch(new RegExp(`^Record ${held.code.replace(/\./g, '\\.')} is under a legal hold`));
    // Release unblocks.
    await release('leader', held);
    expect((await f.send(officer, 'POST', '/api/disposition/batches', proposal([free, held]))).statusCode).toBe(201);
  });

  it('stops a batch already proposed or approved, at approval and at execution, until released', async () => {
    const record = await d.closedRecord({ endDate: '2018-03-01' });
    const batch = await f.ok(f.send(await f.as('officer'), 'POST', '/api/disposition/batches', proposal([record])), 'propose');
    await hold('inspector', record);
    const approve = async (username: string) => f.send(await f.as(username), 'POST', `/api/disposition/batches/${batch.id}/approve`, {});
    const refused = await approve('leader');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain(`Hồ sơ ${record.code} đang được giữ`);
    await release('leader', record);
    await f.ok(approve('leader'), 'first approval');
    await f.ok(approve('agencyadmin'), 'second approval');
    await hold('leader', record);
    const refusedExecution = await f.send(await f.as('officer'), 'POST', `/api/disposition/batches/${batch.id}/execute`, {});
    expect(refusedExecution.statusCode).toBe(409);
    expect(refusedExecution.json().error.message).toContain(record.code);
    expect((await f.ok(f.send(await f.as('officer'), 'GET', `/api/records/${record.id}`), 'record')).status).toBe('closed');
    await release('leader', record);
    const executed = await f.ok(f.send(await f.as('officer'), 'POST', `/api/disposition/batches/${batch.id}/execute`, {}), 'execute');
    expect(executed.status).toBe('executed');
    // Nothing left to hold once destroyed.
    const late = await hold('leader', record);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('đã bị tiêu hủy');
    expect((await f.ok(f.send(await f.as('leader'), 'GET', `/api/records/${record.id}/legal-hold`), 'hold'))).toMatchObject({
      recordStatus: 'destroyed', allowedActions: [], disposition: { batchId: batch.id, status: 'executed', decisionNumber: '25/QĐ-SKHCN' },
    });
  });
});
