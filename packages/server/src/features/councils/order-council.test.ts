import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceFactories } from '../../testing/acceptance-factories.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';

/** A council established by decision for a whole order sits on each of its dossiers, with declarations and votes per dossier. */
describe('order councils', () => {
  let t: TestApp;
  let f: ReturnType<typeof acceptanceFactories>;
  beforeAll(async () => {
    t = await buildTestApp();
    f = acceptanceFactories(t);
  });
  afterAll(() => t.close());

  async function membersBody(decisionNumber = '101/QĐ-SKHCN') {
    const [c1, c2, c3] = [await f.as('council1'), await f.as('council2'), await f.as('council3')];
    return {
      decisionNumber, decisionDate: '2026-02-01', quorum: 2,
      members: [{ userId: c1.me.user.id, role: 'chair' }, { userId: c2.me.user.id, role: 'member' }, { userId: c3.me.user.id, role: 'secretary' }],
    };
  }

  /** Submitted, received and assigned: the dossier is in appraisal. */
  async function inAppraisal(orderId: string, periodNo: number) {
    const id = await f.preparedDossier(orderId, periodNo);
    const [provider, officer, leader] = [await f.as('provider'), await f.as('officer'), await f.as('leader')];
    await f.step(provider, id, 'submit');
    await f.step(officer, id, 'receive');
    return f.step(leader, id, 'assign_appraiser', { appraiserId: officer.me.user.id });
  }

  it('is set up by the ordering side of a signed order, audited, and refused for drafts, providers and bad members', async () => {
    const [officer, provider] = [await f.as('officer'), await f.as('provider')];
    const draft = await f.createOrder();
    const tooEarly = await f.send(officer, 'PUT', `/api/orders/${draft.id}/council`, await membersBody());
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().error.message).toContain('đã ký');

    const order = await f.createOrder({ signed: true });
    expect(order.allowedActions).toContain('setupCouncil');
    expect(order.council).toBeNull();
    expect((await f.send(provider, 'PUT', `/api/orders/${order.id}/council`, await membersBody())).statusCode).toBe(403);
    expect((await f.send(provider, 'GET', `/api/orders/${order.id}/council/candidates`)).statusCode).toBe(403);

    const twoChairs = await membersBody();
    twoChairs.members[1]!.role = 'chair';
    const refused = await f.send(officer, 'PUT', `/api/orders/${order.id}/council`, twoChairs, 'en');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'members', message: 'The council must have exactly one chair.' })]));

    const candidates = await f.ok(f.send(officer, 'GET', `/api/orders/${order.id}/council/candidates`), 'candidates');
    expect(candidates.map((c: { username: string }) => c.username)).toEqual(expect.arrayContaining(['council1', 'council2', 'council3']));

    const set = await f.ok(f.send(officer, 'PUT', `/api/orders/${order.id}/council`, await membersBody()), 'setup');
    expect(set.council).toMatchObject({ decisionNumber: '101/QĐ-SKHCN', quorum: 2, establishedBy: { username: 'officer' } });
    expect(set.council.members.map((m: { user: { username: string }; role: string }) => `${m.user.username}:${m.role}`).sort())
      .toEqual(['council1:chair', 'council2:member', 'council3:secretary']);
    expect((await f.auditOf(order.id)).map((e: { action: string }) => e.action)).toContain('council.created');

    // The members hear of it, with the order named.
    const council2 = await f.as('council2');
    const notes = await f.ok(f.send(council2, 'GET', '/api/notifications?pageSize=50'), 'notifications');
    expect(notes.items.some((n: { kind: string; orderId: string }) => n.kind === 'order_council_appointed' && n.orderId === order.id)).toBe(true);
  });

  it('gives each dossier of the order its own sitting: conflicts and votes count per dossier', async () => {
    const officer = await f.as('officer');
    const order = await f.createOrder({ signed: true });
    const first = await inAppraisal(order.id, 1); // in appraisal before the council exists
    expect(first.council).toBeNull();
    await f.ok(f.send(officer, 'PUT', `/api/orders/${order.id}/council`, await membersBody()), 'setup');

    const firstNow = await f.ok(f.send(officer, 'GET', `/api/dossiers/${first.id}`), 'get');
    expect(firstNow.council).toMatchObject({ decisionNumber: '101/QĐ-SKHCN', fromOrderCouncil: true, quorum: 2 });
    const second = await inAppraisal(order.id, 2); // reaches appraisal after: adopts it on assignment
    expect(second.council).toMatchObject({ decisionNumber: '101/QĐ-SKHCN', fromOrderCouncil: true });
    expect(second.council.id).not.toBe(firstNow.council.id);

    // council2 has a conflict on the first dossier only.
    const council2 = await f.as('council2');
    await f.ok(f.send(council2, 'POST', `/api/dossiers/${first.id}/council/conflict`, { hasConflict: true, note: 'Người thân làm việc tại đơn vị cung cấp trong quý I.' }), 'conflict');
    await f.ok(f.send(council2, 'POST', `/api/dossiers/${second.id}/council/conflict`, { hasConflict: false }), 'no conflict');
    const [a, b] = [await f.ok(f.send(officer, 'GET', `/api/dossiers/${first.id}`), 'a'), await f.ok(f.send(officer, 'GET', `/api/dossiers/${second.id}`), 'b')];
    const declared = (d: { council: { members: { user: { username: string }; hasConflict: boolean | null }[] } }) =>
      d.council.members.find((m) => m.user.username === 'council2')!.hasConflict;
    expect([declared(a), declared(b)]).toEqual([true, false]);

    // Members see the dossiers they sit on through the order's council.
    const list = await f.ok(f.send(council2, 'GET', `/api/dossiers?pageSize=200`), 'list');
    expect(list.items.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    expect((await f.auditOf(second.id)).map((e: { action: string }) => e.action)).toContain('council.created');
  });

  it('changes by a new decision for dossiers still to come, leaving sittings already made as they were', async () => {
    const officer = await f.as('officer');
    const order = await f.createOrder({ signed: true });
    await f.ok(f.send(officer, 'PUT', `/api/orders/${order.id}/council`, await membersBody('101/QĐ-SKHCN')), 'setup');
    const first = await inAppraisal(order.id, 1);
    const changed = await f.ok(f.send(officer, 'PUT', `/api/orders/${order.id}/council`, { ...(await membersBody('115/QĐ-SKHCN')), quorum: 3 }), 'change');
    expect(changed.council).toMatchObject({ decisionNumber: '115/QĐ-SKHCN', quorum: 3 });
    const replaced = (await f.auditOf(order.id)).find((e: { action: string }) => e.action === 'council.replaced')!;
    expect(replaced).toBeDefined();

    const second = await inAppraisal(order.id, 2);
    const firstNow = await f.ok(f.send(officer, 'GET', `/api/dossiers/${first.id}`), 'get');
    expect([firstNow.council.decisionNumber, firstNow.council.quorum]).toEqual(['101/QĐ-SKHCN', 2]);
    expect([second.council.decisionNumber, second.council.quorum]).toEqual(['115/QĐ-SKHCN', 3]);

    // A dossier's own council decision still replaces its sitting before anyone votes.
    const own = await f.ok(f.send(officer, 'PUT', `/api/dossiers/${second.id}/council`, await membersBody('120/QĐ-SKHCN')), 'own');
    expect(own.council).toMatchObject({ decisionNumber: '120/QĐ-SKHCN', fromOrderCouncil: false });
  });
});
