import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_ACTIONS, DOSSIER_TRANSITIONS, type DossierState } from '@nghiemthu/shared';
import { acceptanceFactories } from '../../testing/acceptance-factories.js';
import { fingerprint } from '../../testing/fingerprint.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';

let t: TestApp;
let f: ReturnType<typeof acceptanceFactories>;

beforeAll(async () => {
  t = await buildTestApp();
  f = acceptanceFactories(t);
});
afterAll(() => t.close());

const stateOf = async (id: string) => (await f.ok(f.send(await f.as('inspector'), 'GET', `/api/dossiers/${id}`), 'get')).state;

describe('forbidden transitions', () => {
  // Every action not possible from a state is refused with 409 and the states it is possible from; nothing changes.
  const reached: DossierState[] = ['draft', 'submitted', 'received', 'in_appraisal', 'in_council', 'awaiting_decision', 'approved', 'minutes_issued', 'paid', 'rejected'];
  for (const state of reached) {
    it(`refuses every impossible step from "${state}" with 409, naming where it is possible`, async () => {
      const id = await f.dossierIn(state);
      const officer = await f.as('officer');
      const before = await fingerprint(t.db);
      const impossible = DOSSIER_ACTIONS.filter((action) => !DOSSIER_TRANSITIONS.some((tr) => tr.action === action && tr.from === state));
      for (const action of impossible) {
        const response = await f.send(officer, 'POST', `/api/dossiers/${id}/steps/${action}`, { reason: 'thử' }, 'en');
        expect(response.statusCode, action).toBe(409);
        expect(response.json().error.code).toBe('INVALID_TRANSITION');
        expect(response.json().error.message).toMatch(/^Cannot ".+" while the dossier is .+\. This is possible only when it is .+\.$/);
      }
      expect(await fingerprint(t.db)).toEqual(before);
      expect(await stateOf(id)).toBe(state);
    });
  }
});

describe('roles trying what they must not', () => {
  it('lets only the right person take each step (403 otherwise) and hides dossiers from outsiders (404)', async () => {
    const id = await f.dossierIn('submitted');
    const [provider, leader, inspector, council2] = [await f.as('provider'), await f.as('leader'), await f.as('inspector'), await f.as('council2')];
    expect((await f.send(provider, 'POST', `/api/dossiers/${id}/steps/receive`, {})).statusCode).toBe(403);
    expect((await f.send(inspector, 'POST', `/api/dossiers/${id}/steps/receive`, {})).statusCode).toBe(403);
    expect((await f.send(council2, 'GET', `/api/dossiers/${id}`)).statusCode).toBe(404); // not on a council of it yet
    expect((await f.send(council2, 'POST', `/api/dossiers/${id}/steps/receive`, {})).statusCode).toBe(404);
    const leaderTry = await f.send(leader, 'POST', `/api/dossiers/${id}/steps/receive`, {}, 'en');
    expect(leaderTry.statusCode).toBe(403);
    expect(leaderTry.json().error.message).toBe('The step "receive" is not yours on this dossier.');

    const deciding = await f.dossierIn('awaiting_decision');
    const officer = await f.as('officer');
    expect((await f.send(officer, 'POST', `/api/dossiers/${deciding}/steps/approve`, { conclusionText: 'x' })).statusCode).toBe(403);
    expect((await f.send(provider, 'POST', `/api/dossiers/${deciding}/steps/approve`, { conclusionText: 'x' })).statusCode).toBe(403);
    expect((await f.send(inspector, 'PUT', `/api/dossiers/${deciding}/council/votes`, { votes: [{ lineNo: 1, vote: 'agree' }] })).statusCode).toBe(403);

    const sitting = await f.dossierIn('in_council');
    // council2 sits on it now, but is not the chair.
    expect((await f.send(council2, 'POST', `/api/dossiers/${sitting}/steps/close_council_review`, { summary: 'x' })).statusCode).toBe(403);
    expect((await f.send(leader, 'PUT', `/api/dossiers/${sitting}/appraisal`, { lines: [{ lineNo: 1, acceptedQuantity: '1' }], remarks: 'x' })).statusCode).toBe(409);
  });

  it('shows council members only the dossiers of councils they sit on', async () => {
    const sitting = await f.dossierIn('in_council');
    await f.dossierIn('submitted');
    const council2 = await f.as('council2');
    const list = await f.ok(f.send(council2, 'GET', '/api/dossiers?pageSize=200'), 'list');
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) {
      const detail = await f.ok(f.send(council2, 'GET', `/api/dossiers/${item.id}`), 'get');
      expect(detail.council.members.map((m: { user: { username: string } }) => m.user.username)).toContain('council2');
    }
    expect(list.items.map((i: { id: string }) => i.id)).toContain(sitting);
  });

  it('asks for a reason where the step needs one, and stores nothing without it', async () => {
    const id = await f.dossierIn('submitted');
    const officer = await f.as('officer');
    const before = await fingerprint(t.db);
    const response = await f.send(officer, 'POST', `/api/dossiers/${id}/steps/request_supplement`, {}, 'en');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ path: 'reason', message: 'Please write the reason for "request a supplement".' }]);
    expect(await fingerprint(t.db)).toEqual(before);
  });

  it('refuses to submit an incomplete dossier, listing each missing item', async () => {
    const order = await f.createOrder({ signed: true });
    const provider = await f.as('provider');
    const draft = await f.ok(f.send(provider, 'POST', '/api/dossiers', { orderId: order.id, periodNo: 2 }), 'create');
    const response = await f.send(provider, 'POST', `/api/dossiers/${draft.id}/steps/submit`, {}, 'en');
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['completionReport', 'selfAssessment', 'lines.0.deliveredQuantity', 'kpis.0.actual', 'files']));
    expect(response.json().error.details.find((d: { path: string }) => d.path === 'files').message).toBe('A required document is missing: completion report.');
    const again = await f.send(provider, 'POST', '/api/dossiers', { orderId: order.id, periodNo: 2 }, 'en');
    expect(again.statusCode).toBe(409);

    // A value saved earlier can be cleared again, and then it is missing again.
    const ready = await f.preparedDossier(order.id, 3);
    await f.ok(f.send(provider, 'PATCH', `/api/dossiers/${ready}`, { lines: [{ lineNo: 2, deliveredQuantity: null }], kpis: [{ lineNo: 1, code: 'UPTIME', actual: null }] }), 'clear');
    const cleared = await f.send(provider, 'POST', `/api/dossiers/${ready}/steps/submit`, {}, 'en');
    expect(cleared.json().error.details.map((d: { path: string }) => d.path)).toEqual(['lines.1.deliveredQuantity', 'kpis.1.actual']);
  });
});

describe('council rules', () => {
  it('needs a declaration before a vote, keeps conflicted members from voting, and closes only at quorum', async () => {
    const id = await f.dossierIn('in_appraisal');
    const officer = await f.as('officer');
    const detail = await f.ok(f.send(officer, 'GET', `/api/dossiers/${id}`), 'get');
    await f.ok(f.send(officer, 'PUT', `/api/dossiers/${id}/appraisal`, { lines: detail.lines.map((l: { lineNo: number; plannedQuantity: string }) => ({ lineNo: l.lineNo, acceptedQuantity: l.plannedQuantity })), remarks: 'Đạt' }), 'appraise');
    await f.step(officer, id, 'complete_appraisal');
    const [c1, c2, c3] = [await f.as('council1'), await f.as('council2'), await f.as('council3')];
    const votes = { votes: [{ lineNo: 1, vote: 'agree' }, { lineNo: 2, vote: 'disagree', comment: 'Số liệu giám sát thư công vụ chưa đầy đủ' }] };
    expect((await f.send(c2, 'PUT', `/api/dossiers/${id}/council/votes`, votes, 'en')).json().error.message).toBe('Declare conflicts of interest before voting.');
    await f.ok(f.send(c2, 'POST', `/api/dossiers/${id}/council/conflict`, { hasConflict: true, note: 'Vợ làm việc tại Trung tâm Chuyển đổi số' }), 'declare');
    expect((await f.send(c2, 'PUT', `/api/dossiers/${id}/council/votes`, votes)).statusCode).toBe(403);
    await f.ok(f.send(c1, 'POST', `/api/dossiers/${id}/council/conflict`, { hasConflict: false }), 'declare');
    await f.ok(f.send(c1, 'PUT', `/api/dossiers/${id}/council/votes`, votes), 'vote');
    const early = await f.send(c1, 'POST', `/api/dossiers/${id}/steps/close_council_review`, { summary: 'Kết luận' }, 'en');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('Quorum not met: 1/2 members without a conflict have voted; 1 members have not declared conflicts of interest.');
    await f.ok(f.send(c3, 'POST', `/api/dossiers/${id}/council/conflict`, { hasConflict: false }), 'declare');
    await f.ok(f.send(c3, 'PUT', `/api/dossiers/${id}/council/votes`, { votes: [{ lineNo: 1, vote: 'agree', score: 85 }, { lineNo: 2, vote: 'agree', score: 80 }] }), 'vote');
    const closed = await f.step(c1, id, 'close_council_review', { summary: 'Đa số đồng ý; ghi nhận ý kiến khác về dòng 2.' });
    expect(closed.state).toBe('awaiting_decision');
    const dissent = closed.council.members.find((m: { user: { username: string } }) => m.user.username === 'council1').votes.find((v: { lineNo: number }) => v.lineNo === 2);
    expect(dissent).toMatchObject({ vote: 'disagree', comment: 'Số liệu giám sát thư công vụ chưa đầy đủ' });
    expect(closed.council.members.find((m: { user: { username: string } }) => m.user.username === 'council2')).toMatchObject({ hasConflict: true, votes: [] });
  });
});

describe('money rules', () => {
  it('keeps payments within the accepted value and never before acceptance', async () => {
    const order = await f.createOrder({ signed: true });
    const officer = await f.as('officer');
    await f.ok(f.send(officer, 'POST', `/api/orders/${order.id}/advances`, { amount: 100_000_000, paidOn: '2026-01-15', treasuryReference: 'KBNN-1' }), 'advance');
    const id = await f.dossierIn('minutes_issued', { orderId: order.id });
    const detail = await f.ok(f.send(officer, 'GET', `/api/dossiers/${id}`), 'get');
    const accepted = detail.acceptedValue as number;
    const before = await fingerprint(t.db);
    const over = await f.send(officer, 'POST', `/api/dossiers/${id}/payments`, { amount: accepted - 100_000_000 + 1, paidOn: '2026-01-15', treasuryReference: 'KBNN-2' }, 'en');
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toMatch(/^Cumulative payments would exceed the accepted value/);
    const early = await f.send(officer, 'POST', `/api/dossiers/${id}/payments`, { amount: 1, paidOn: '2026-01-14', treasuryReference: 'KBNN-2' }, 'en');
    expect(early.json().error.message).toBe('The payment date (14/01/2026) may not be before the acceptance date (15/01/2026).');
    expect(await fingerprint(t.db)).toEqual(before);
    const interim = await f.ok(f.send(officer, 'POST', `/api/dossiers/${id}/payments`, { amount: 50_000_000, paidOn: '2026-01-15', treasuryReference: 'KBNN-2' }), 'interim');
    expect(interim.paidTotal).toBe(50_000_000);
    const finalPay = await f.step(officer, id, 'record_final_payment', { payment: { amount: accepted - 150_000_000, paidOn: '2026-01-16', treasuryReference: 'KBNN-3' } });
    expect(finalPay).toMatchObject({ state: 'paid', paidTotal: accepted - 100_000_000 });
    const orderNow = await f.ok(f.send(officer, 'GET', `/api/orders/${order.id}`), 'order');
    expect(orderNow).toMatchObject({ acceptedValue: accepted, paidValue: accepted });
  });

  it('completes, liquidates and settles an order, returning to the budget what was not accepted', async () => {
    const order = await f.createOrder({ signed: true, overrides: { periodKind: 'yearly' } });
    const id = await f.dossierIn('paid', { orderId: order.id });
    const officer = await f.as('officer');
    const accepted = (await f.ok(f.send(officer, 'GET', `/api/dossiers/${id}`), 'get')).acceptedValue;
    await f.ok(f.send(officer, 'POST', `/api/orders/${order.id}/complete`, {}), 'complete');
    await f.ok(f.send(officer, 'POST', `/api/orders/${order.id}/liquidate`, { minutesNumber: '05/BB-TL-SKHCN', minutesDate: '2026-01-20' }), 'liquidate');
    const settled = await f.ok(f.send(officer, 'POST', `/api/orders/${order.id}/settle`, { decisionNumber: '20/QĐ-SKHCN', decisionDate: '2026-01-25' }), 'settle');
    expect(settled.settlement).toMatchObject({ orderedValue: 768_000_000, acceptedValue: accepted, paidValue: accepted, returnedToBudget: 768_000_000 - accepted, refundDue: 0 });
    expect(settled.status).toBe('settled');
  });
});

describe('choosing people', () => {
  it('offers the ordering side officers to appraise and council members from every agency, flagging the provider\'s staff', async () => {
    const id = await f.dossierIn('received');
    const leader = await f.as('leader');
    const appraisers = await f.ok(f.send(leader, 'GET', `/api/dossiers/${id}/candidates?for=appraiser`), 'appraisers');
    expect(appraisers.map((p: { username: string }) => p.username)).toEqual(['officer']);
    const council = await f.ok(f.send(await f.as('officer'), 'GET', `/api/dossiers/${id}/candidates?for=council`), 'council');
    const names = council.map((p: { username: string }) => p.username);
    expect(names).toEqual(expect.arrayContaining(['council1', 'council2', 'council3', 'leader', 'officer']));
    expect(names).not.toContain('provider');
    expect(council.find((p: { username: string }) => p.username === 'council2').agency.shortName).toBe('STC');
    expect((await f.send(await f.as('provider'), 'GET', `/api/dossiers/${id}/candidates?for=council`)).statusCode).toBe(403);
  });
});
