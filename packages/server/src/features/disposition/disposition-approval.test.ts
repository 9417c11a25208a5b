import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, users } from '../../db/schema.js';
import { acceptanceFactories } from '../../testing/acceptance-factories.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';
import { DEMO_PASSWORD } from '../demo/demo-data.js';
import { SYSTEM_ACTOR } from '../demo/demo.service.js';
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

const proposal = (records: MadeRecord[], decisionNumber = '25/QĐ-SKHCN') => ({
  recordIds: records.map((r) => r.id), decisionNumber, decisionDate: '2026-01-12',
  archiveOpinion: 'Chi cục Văn thư - Lưu trữ tỉnh đồng ý hủy theo Công văn số 18/CCVTLT ngày 08/01/2026',
});
const propose = async (records: MadeRecord[], username = 'officer') => f.send(await f.as(username), 'POST', '/api/disposition/batches', proposal(records));
const act = async (username: string, batchId: string, action: 'approve' | 'execute' | 'cancel', body: object = {}) =>
  f.send(await f.as(username), 'POST', `/api/disposition/batches/${batchId}/${action}`, body);

describe('proposing a disposition batch', () => {
  it('is for officers and agency administrators of the holding agency, and lists the records with the decision', async () => {
    const records = [await d.closedRecord({ endDate: '2019-04-01' }), await d.closedRecord({ endDate: '2018-04-01' })];
    expect((await propose(records, 'leader')).statusCode).toBe(403);
    expect((await propose(records, 'inspector')).statusCode).toBe(403);
    const created = await propose(records, 'agencyadmin');
    expect(created.statusCode).toBe(201);
    const batch = created.json();
    expect(batch).toMatchObject({
      status: 'proposed', decisionNumber: '25/QĐ-SKHCN', decisionDate: '2026-01-12', proposedBy: { username: 'agencyadmin' }, firstApprovedBy: null,
      recordCount: 2, agency: { code: '000.00.11.H99' }, allowedActions: ['cancel'],
    });
    expect(batch.items.map((i: { code: string }) => i.code)).toEqual(records.map((r) => r.code).sort());
    expect((await f.auditOf(batch.id)).map((e: { action: string }) => e.action)).toEqual(['disposition.proposed']);
    // A record in a pending batch is neither offered nor accepted again.
    const twice = await propose([records[0]!]);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe(`Hồ sơ ${records[0]!.code} đã nằm trong đợt tiêu hủy theo quyết định 25/QĐ-SKHCN đang chờ xử lý.`);
    const listed = await f.ok(f.send(await f.as('officer'), 'GET', '/api/disposition/expired?pageSize=200'), 'expired');
    expect(listed.items.map((r: { id: string }) => r.id)).not.toContain(records[0]!.id);
  });

  it('refuses records not yet expired, kept permanently or of another agency, naming them', async () => {
    const young = await d.closedRecord({ endDate: '2022-12-31' });
    const refused = await propose([young]);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(`Hồ sơ ${young.code} chưa hết thời hạn bảo quản (lưu đến hết năm 2027) nên chưa được tiêu hủy.`);
    const permanent = await d.closedRecord({ endDate: '2005-12-31', classCode: 'KH' });
    expect((await propose([permanent])).json().error.message).toContain('bảo quản vĩnh viễn');
    const elsewhere = await d.closedRecord({ endDate: '2015-01-01', agencyCode: '000.00.05.H99' });
    const unknown = await propose([elsewhere]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([{ path: 'recordIds', message: 'Không tìm thấy hồ sơ này trong phạm vi cơ quan của bạn.' }]);
    expect((await f.send(await f.as('admin'), 'POST', '/api/disposition/batches', proposal([elsewhere]))).statusCode).toBe(403); // administrators approve; they do not draw up an agency's list
    // An officer of the People's Committee reaches every department, but a batch is one agency's.
    const [committee] = await t.db.select().from(agencies).where(eq(agencies.code, '000.00.00.H99'));
    const user = await t.services.users.create(SYSTEM_ACTOR, {
      username: 'vanthu.ubnd', fullName: 'Trịnh Văn Thư', email: 'vanthu@an-binh.demo.invalid', roles: ['officer'], agencyId: committee!.id, password: DEMO_PASSWORD,
    }, { actor: null, ip: null, userAgent: 'test' });
    await t.db.update(users).set({ mustChangePassword: false }).where(eq(users.id, user.id));
    const older = await d.closedRecord({ endDate: '2015-01-02' });
    const mixed = await propose([elsewhere, older], 'vanthu.ubnd');
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.message).toBe('Các hồ sơ của một đợt tiêu hủy phải do cùng một cơ quan lưu trữ; hãy lập mỗi cơ quan một đợt.');
  });
});

describe('approving a disposition batch', () => {
  it('takes two different people, neither of them the proposer, recording who and when', async () => {
    const record = await d.closedRecord({ endDate: '2019-08-08' });
    const batch = (await propose([record])).json();
    const byProposer = await act('officer', batch.id, 'approve');
    expect(byProposer.statusCode).toBe(403); // officers do not approve at all
    const leader = await act('leader', batch.id, 'approve');
    expect(leader.statusCode).toBe(200);
    expect(leader.json()).toMatchObject({ status: 'proposed', firstApprovedBy: { username: 'leader' }, secondApprovedBy: null, allowedActions: ['cancel'] });
    expect(leader.json().firstApprovedAt).toBe(t.clock.now().toISOString());
    const sameAgain = await act('leader', batch.id, 'approve');
    expect(sameAgain.statusCode).toBe(403);
    expect(sameAgain.json().error.message).toBe('Bạn đã phê duyệt lần thứ nhất; lần phê duyệt thứ hai phải do một người khác thực hiện.');
    expect((await act('officer', batch.id, 'execute')).statusCode).toBe(409);
    t.clock.advance(60_000);
    const second = await act('admin', batch.id, 'approve');
    expect(second.json()).toMatchObject({ status: 'approved', firstApprovedBy: { username: 'leader' }, secondApprovedBy: { username: 'admin' } });
    expect(second.json().secondApprovedAt).toBe(t.clock.now().toISOString());
    const third = await act('agencyadmin', batch.id, 'approve');
    expect(third.statusCode).toBe(409);
    expect(third.json().error.message).toBe('Đợt tiêu hủy này đã được phê duyệt, chờ thực hiện nên không phê duyệt được nữa.');
    expect((await f.ok(f.send(await f.as('officer'), 'GET', `/api/disposition/batches/${batch.id}`), 'get')).allowedActions).toEqual(['execute', 'cancel']);
    expect((await f.auditOf(batch.id)).map((e) => `${e.action}:${e.actor?.username}`))
      .toEqual(['disposition.proposed:officer', 'disposition.first_approval:leader', 'disposition.second_approval:admin']);
  });

  it('never by the proposer, even an agency administrator who may approve other batches', async () => {
    const record = await d.closedRecord({ endDate: '2019-08-09' });
    const batch = (await propose([record], 'agencyadmin')).json();
    const own = await act('agencyadmin', batch.id, 'approve');
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toBe('Bạn là người lập đề nghị tiêu hủy đợt này nên không được phê duyệt; cần hai người khác phê duyệt.');
    expect((await act('inspector', batch.id, 'approve')).statusCode).toBe(403);
    expect((await act('council2', batch.id, 'approve')).statusCode).toBe(404); // another agency: the batch is not there for them
  });

  it('is refused by the database too when both approvals name one person', async () => {
    const record = await d.closedRecord({ endDate: '2019-08-10' });
    const batch = (await propose([record])).json();
    await act('leader', batch.id, 'approve');
    const refused = t.db.execute(sql`update disposition_batches set second_approved_by = first_approved_by, status = 'approved' where id = ${batch.id}`);
    await expect(refused).rejects.toMatchObject({ cause: { message: expect.stringContaining('disposition_two_people') } });
  });
});

describe('cancelling a disposition batch', () => {
  it('needs a reason, frees its records for another batch, and ends there', async () => {
    const record = await d.closedRecord({ endDate: '2019-08-11' });
    const batch = (await propose([record])).json();
    expect((await act('officer', batch.id, 'cancel', {})).statusCode).toBe(400);
    const cancelled = await act('officer', batch.id, 'cancel', { reason: 'Quyết định hủy bị thu hồi để lập lại danh mục' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Quyết định hủy bị thu hồi để lập lại danh mục', allowedActions: [] });
    expect((await act('leader', batch.id, 'approve')).json().error.message).toBe('Đợt tiêu hủy này đã bị hủy bỏ nên không phê duyệt được nữa.');
    expect((await act('leader', batch.id, 'cancel', { reason: 'lần nữa' })).statusCode).toBe(409);
    expect((await propose([record])).statusCode).toBe(201);
    const list = await f.ok(f.send(await f.as('officer'), 'GET', '/api/disposition/batches?status=cancelled'), 'list');
    expect(list.items.map((b: { id: string }) => b.id)).toContain(batch.id);
    expect((await f.ok(f.send(await f.as('council2'), 'GET', '/api/disposition/batches'), 'list')).total).toBe(0);
  });
});
