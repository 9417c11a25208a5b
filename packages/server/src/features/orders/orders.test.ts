import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVnd } from '@nghiemthu/shared';
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

const auditOf = (id: string) => f.auditOf(id);

describe('creating an order', () => {
  it('prices lines from the catalogue, splits quarters evenly, numbers the order and audits it', async () => {
    const officer = await t.signIn('officer');
    const response = await f.send(officer, 'POST', '/api/orders', await f.orderInput());
    expect(response.statusCode).toBe(201);
    const order = response.json();
    expect(order).toMatchObject({
      code: 'SKHCN-DH-2026-001', status: 'draft', version: 1, totalValue: 768_000_000, acceptedValue: 0, paidValue: 0,
      orderingAgency: { code: '000.00.11.H99' }, providerAgency: { code: '000.01.11.H99' },
    });
    expect(order.allowedActions).toEqual(expect.arrayContaining(['edit']));
    expect(order.allowedActions).not.toContain('sign'); // an officer prepares, a leader signs
    expect(order.content.lines[0]).toMatchObject({ lineNo: 1, serviceCode: 'DV-VH-LGSP', unitPrice: 45_500_000, amount: 546_000_000, priceDecision: '48/2025/QĐ-UBND (minh họa)' });
    expect(order.content.lines[0].kpis.map((k: { code: string }) => k.code)).toEqual(['RESPONSE', 'UPTIME']);
    expect(order.content.periods.map((p: { label: string; plannedValue: number }) => [p.label, p.plannedValue])).toEqual([
      ['Quý I/2026', 192_000_000], ['Quý II/2026', 192_000_000], ['Quý III/2026', 192_000_000], ['Quý IV/2026', 192_000_000],
    ]);
    expect(order.advanceLimit).toBe(230_400_000);
    expect((await auditOf(order.id)).map((e: { action: string }) => e.action)).toEqual(['order.created']);

    const second = await f.send(officer, 'POST', '/api/orders', await f.orderInput());
    expect(second.json().code).toBe('SKHCN-DH-2026-002');
  });

  it('reports every problem by field, in the reader\'s language, and stores nothing', async () => {
    const officer = await t.signIn('officer');
    await f.serviceId('DV-SOHOA'); // sign-ins are audited: resolve ids before taking the fingerprint
    const before = await fingerprint(t.db);
    const input = await f.orderInput({
      lines: [{ serviceId: await f.serviceId('DV-VH-LGSP'), quantity: '12', unitPrice: 40_000_000 }, { serviceId: await f.serviceId('DV-SOHOA'), quantity: '0' }],
      fundingSources: [{ source: 'state_budget', amount: 1 }],
    });
    const response = await f.send(officer, 'POST', '/api/orders', input, 'en');
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain('lines.1.quantity');
    const priced = await f.send(officer, 'POST', '/api/orders', await f.orderInput({ lines: [{ serviceId: await f.serviceId('DV-VH-LGSP'), quantity: '12', unitPrice: 40_000_000 }], fundingSources: [{ source: 'state_budget', amount: 480_000_000 }] }), 'en');
    expect(priced.statusCode).toBe(400);
    expect(priced.json().error.details).toEqual([{ path: 'lines.0.unitPrice', message: `When ordering, the unit price of "Vận hành, duy trì Nền tảng tích hợp, chia sẻ dữ liệu tỉnh (LGSP)" must be the one set by the authority (${formatVnd(45_500_000)} by 48/2025/QĐ-UBND (minh họa)).` }]);
    const funding = await f.send(officer, 'POST', '/api/orders', await f.orderInput({ fundingSources: [{ source: 'state_budget', amount: 700_000_000 }] }));
    expect(funding.json().error.details[0]).toMatchObject({ path: 'fundingSources', message: expect.stringContaining('768.000.000') });
    const milestones = await f.send(officer, 'POST', '/api/orders', await f.orderInput({ periodKind: 'milestones' }));
    expect(milestones.json().error.details[0].path).toBe('periods');
    const wrongMethod = await f.send(officer, 'POST', '/api/orders', await f.orderInput({ method: 'tendering' }));
    expect(wrongMethod.json().error.details[0].path).toBe('lines.0.serviceId');
    expect(await fingerprint(t.db)).toEqual(before);
  });

  it('accepts milestones whose quantities add up, and refuses ones that do not', async () => {
    const officer = await t.signIn('officer');
    const periods = [
      { label: 'Đợt 1: 6 tháng đầu năm', startDate: '2026-01-01', endDate: '2026-06-30', quantities: [{ lineNo: 1, quantity: '6' }, { lineNo: 2, quantity: '6' }] },
      { label: 'Đợt 2: 6 tháng cuối năm', startDate: '2026-07-01', endDate: '2026-12-31', quantities: [{ lineNo: 1, quantity: '6' }, { lineNo: 2, quantity: '5' }] },
    ];
    const wrong = await f.send(officer, 'POST', '/api/orders', await f.orderInput({ periodKind: 'milestones', periods }), 'en');
    expect(wrong.json().error.details).toEqual([{ path: 'periods', message: 'The periods of line 2 add up to 11, but the order has 12.' }]);
    periods[1]!.quantities[1]!.quantity = '6';
    const right = await f.send(officer, 'POST', '/api/orders', await f.orderInput({ periodKind: 'milestones', periods }));
    expect(right.statusCode).toBe(201);
    expect(right.json().content.periods.map((p: { plannedValue: number }) => p.plannedValue)).toEqual([384_000_000, 384_000_000]);
  });
});

describe('who sees and changes an order', () => {
  it('shows it to both sides and inspectors, hides it from other agencies, and lets only the ordering side edit', async () => {
    const order = await f.createOrder();
    const provider = await t.signIn('provider');
    const seen = await f.send(provider, 'GET', `/api/orders/${order.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().allowedActions).toEqual([]);
    expect((await f.send(await t.signIn('inspector'), 'GET', `/api/orders/${order.id}`)).statusCode).toBe(200);
    expect((await f.send(await t.signIn('council2'), 'GET', `/api/orders/${order.id}`)).statusCode).toBe(404);
    expect((await f.send(provider, 'PUT', `/api/orders/${order.id}`, await f.orderInput())).statusCode).toBe(403);
    expect((await f.send(provider, 'POST', '/api/orders', await f.orderInput())).statusCode).toBe(403);

    const officer = await t.signIn('officer');
    const edited = await f.send(officer, 'PUT', `/api/orders/${order.id}`, await f.orderInput({ title: 'Đặt hàng vận hành LGSP và thư công vụ năm 2026 (sửa)' }));
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ title: 'Đặt hàng vận hành LGSP và thư công vụ năm 2026 (sửa)', version: 1 });

    const list = await f.send(provider, 'GET', '/api/orders?q=(s%E1%BB%ADa)&sort=code&order=desc');
    expect(list.json().items.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect((await f.send(await t.signIn('council2'), 'GET', '/api/orders?q=(s%E1%BB%ADa)')).json().total).toBe(0);
  });

  it('lets only a leader sign, once, and then only amendments change it', async () => {
    const order = await f.createOrder();
    const officer = await t.signIn('officer');
    expect((await f.send(officer, 'POST', `/api/orders/${order.id}/sign`, {})).statusCode).toBe(403);
    const leader = await t.signIn('leader');
    const signed = await f.send(leader, 'POST', `/api/orders/${order.id}/sign`, {});
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', allowedActions: expect.arrayContaining(['amend', 'cancel', 'start', 'recordAdvance']) });
    const again = await f.send(leader, 'POST', `/api/orders/${order.id}/sign`, {}, 'en');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('Cannot "sign" while the order is "signed". This is possible only when the order is draft.');
    const edit = await f.send(officer, 'PUT', `/api/orders/${order.id}`, await f.orderInput(), 'en');
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toMatch(/amendment with a reason/);
  });

  it('keeps every version: an amendment has a reason and an approver, earlier versions stay readable, the audit shows the totals', async () => {
    const order = await f.createOrder({ signed: true });
    const officer = await t.signIn('officer');
    const input = await f.orderInput({ lines: [{ serviceId: await f.serviceId('DV-VH-LGSP'), quantity: '12' }, { serviceId: await f.serviceId('DV-VH-THU'), quantity: '6' }], fundingSources: [{ source: 'state_budget', amount: 657_000_000 }] });
    const { method: _m, legalRegime: _l, providerAgencyId: _p, ...content } = input;
    const body = { ...content, reason: 'Giảm khối lượng vận hành thư công vụ do chuyển sang hệ thống dùng chung từ tháng 7', approvalDocument: 'Quyết định số 45/QĐ-SKHCN ngày 01/07/2026' };
    expect((await f.send(officer, 'POST', `/api/orders/${order.id}/amendments`, body)).statusCode).toBe(403);
    const leader = await t.signIn('leader');
    const missingReason = await f.send(leader, 'POST', `/api/orders/${order.id}/amendments`, { ...body, reason: undefined });
    expect(missingReason.statusCode).toBe(400);
    const amended = await f.send(leader, 'POST', `/api/orders/${order.id}/amendments`, body);
    expect(amended.statusCode).toBe(200);
    expect(amended.json()).toMatchObject({ version: 2, totalValue: 657_000_000, versions: [{ version: 1, totalValue: 768_000_000, reason: null }, { version: 2, totalValue: 657_000_000, reason: body.reason, approvedBy: { username: 'leader' }, approvedActingFor: null }] });
    const first = await f.send(officer, 'GET', `/api/orders/${order.id}/versions/1`);
    expect(first.json().content.lines[1].quantity).toBe('12');
    const events = await auditOf(order.id);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['order.created', 'order.sign', 'order.amended']);
    expect(events[2]).toMatchObject({ before: { totalValue: 768_000_000 }, after: { totalValue: 657_000_000, reason: body.reason } });
  });

  it('amends a running order around the periods that already have dossiers, splitting only what is left', async () => {
    const order = await f.createOrder({ signed: true });
    await f.dossierIn('submitted', { orderId: order.id });
    const leader = await f.as('leader');
    const { method: _m, legalRegime: _l, providerAgencyId: _p, ...content } = await f.orderInput({
      lines: [{ serviceId: await f.serviceId('DV-VH-LGSP'), quantity: '12' }, { serviceId: await f.serviceId('DV-VH-THU'), quantity: '9' }],
      fundingSources: [{ source: 'state_budget', amount: 12 * 45_500_000 + 9 * 18_500_000 }],
    });
    const amended = await f.ok(f.send(leader, 'POST', `/api/orders/${order.id}/amendments`, { ...content, reason: 'Giảm thư công vụ từ quý II', approvalDocument: 'QĐ 50/QĐ-SKHCN' }), 'amend');
    expect(amended.content.periods.map((p: { quantities: { quantity: string }[] }) => p.quantities[1]!.quantity)).toEqual(['3', '2', '2', '2']);
    expect(amended.periods[0].dossiers[0]).toMatchObject({ state: 'submitted', isAccepted: false });
    const tooLittle = await f.send(leader, 'POST', `/api/orders/${order.id}/amendments`, {
      ...content, lines: [content.lines[0], { ...content.lines[1], quantity: '2' }], fundingSources: [{ source: 'state_budget', amount: 12 * 45_500_000 + 2 * 18_500_000 }], reason: 'x', approvalDocument: 'y',
    }, 'en');
    expect(tooLittle.statusCode).toBe(400);
    expect(tooLittle.json().error.details[0].message).toMatch(/line 2 would get a negative quantity/);
  });

  it('lets a deputy amend while a leader\'s delegation runs, recorded as acting for the leader', async () => {
    const order = await f.createOrder({ signed: true });
    const leader = await t.signIn('leader');
    const officer = await t.signIn('officer');
    const delegation = await f.send(leader, 'POST', '/api/delegations', { deputyId: officer.me.user.id, validFrom: t.clock.now().toISOString(), validTo: new Date(t.clock.now().getTime() + 3_600_000).toISOString(), reason: 'Đi công tác' });
    expect(delegation.statusCode).toBe(201);
    const { method: _m, legalRegime: _l, providerAgencyId: _p, ...content } = await f.orderInput({ title: 'Đặt hàng năm 2026 (điều chỉnh tên)' });
    const amended = await f.send(officer, 'POST', `/api/orders/${order.id}/amendments`, { ...content, reason: 'Sửa tên đơn', approvalDocument: 'Quyết định số 46/QĐ-SKHCN' });
    expect(amended.statusCode).toBe(200);
    expect(amended.json().versions[1]).toMatchObject({ approvedBy: { username: 'officer' }, approvedActingFor: { username: 'leader' } });
    const events = await auditOf(order.id);
    expect(events.at(-1)).toMatchObject({ action: 'order.amended', actor: { username: 'officer' }, onBehalfOf: { username: 'leader' } });
    await f.send(leader, 'POST', `/api/delegations/${delegation.json().id}/revoke`);
  });

  it('records advances within the order\'s limit and refuses one above it', async () => {
    const order = await f.createOrder({ signed: true });
    const officer = await t.signIn('officer');
    const ok = await f.send(officer, 'POST', `/api/orders/${order.id}/advances`, { amount: 200_000_000, paidOn: '2026-01-20', treasuryReference: 'KBNN-AB-2026-0001' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ paidValue: 200_000_000, payments: [{ kind: 'advance', amount: 200_000_000, recordedBy: { username: 'officer' } }] });
    const before = await fingerprint(t.db);
    const over = await f.send(officer, 'POST', `/api/orders/${order.id}/advances`, { amount: 30_400_001, paidOn: '2026-01-21', treasuryReference: 'KBNN-AB-2026-0002' }, 'en');
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toBe(`The advance exceeds the allowed limit (${formatVnd(230_400_000)}; advanced ${formatVnd(200_000_000)}, this time ${formatVnd(30_400_001)}).`);
    expect(await fingerprint(t.db)).toEqual(before);
    expect((await f.send(await t.signIn('provider'), 'POST', `/api/orders/${order.id}/advances`, { amount: 1, paidOn: '2026-01-21', treasuryReference: 'x' })).statusCode).toBe(403);
  });

  it('cancels only with a reason, and only before work starts', async () => {
    const order = await f.createOrder({ signed: true });
    const leader = await t.signIn('leader');
    expect((await f.send(leader, 'POST', `/api/orders/${order.id}/cancel`, {})).statusCode).toBe(400);
    const cancelled = await f.send(leader, 'POST', `/api/orders/${order.id}/cancel`, { reason: 'Nhiệm vụ chuyển sang đơn vị khác theo quyết định của UBND tỉnh' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', allowedActions: [] });
    expect((await f.send(leader, 'POST', `/api/orders/${order.id}/start`, {})).statusCode).toBe(409);
  });
});
