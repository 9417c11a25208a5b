import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceFactories } from '../../testing/acceptance-factories.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';

let t: TestApp;
let f: ReturnType<typeof acceptanceFactories>;

beforeAll(async () => {
  t = await buildTestApp();
  f = acceptanceFactories(t);
});
afterAll(() => t.close());

type Group = { id: string; code: string; open: number; overdue: number; value: number; acceptedValue: number };

describe('leader overview', () => {
  it('groups dossiers by order a page at a time, sorted by any figure, each figure matching the dossiers behind it', async () => {
    const leader = await f.as('leader');
    const orderIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const order = await f.createOrder({ signed: true });
      orderIds.push(order.id);
      for (let period = 1; period <= i + 1; period++) await f.preparedDossier(order.id, period);
    }
    const paid = await f.dossierIn('paid', { orderId: orderIds[0], periodNo: 2 });

    const all = await f.ok(f.send(leader, 'GET', '/api/dossiers/overview/by-order?pageSize=200&sort=open&order=desc'), 'groups');
    expect(all.total).toBe(3);
    const open = all.items.map((g: Group) => g.open);
    expect(open).toEqual([...open].sort((a, b) => b - a));
    for (const group of all.items as Group[]) {
      const listed = await f.ok(f.send(leader, 'GET', `/api/dossiers?orderId=${group.id}&open=true&pageSize=200`), 'list');
      expect(group.open).toBe(listed.total);
    }
    const first = all.items.find((g: Group) => g.id === orderIds[0]);
    const paidDossier = await f.ok(f.send(leader, 'GET', `/api/dossiers/${paid}`), 'paid');
    expect(first).toMatchObject({ open: 1, acceptedValue: paidDossier.acceptedValue });
    expect(first.value).toBe(12 * 45_500_000 + 12 * 18_500_000);

    // Two per page: the pages together are the whole, without repeats.
    const p1 = await f.ok(f.send(leader, 'GET', '/api/dossiers/overview/by-order?pageSize=2&sort=code&order=asc'), 'p1');
    const p2 = await f.ok(f.send(leader, 'GET', '/api/dossiers/overview/by-order?pageSize=2&page=2&sort=code&order=asc'), 'p2');
    expect([p1.items.length, p2.items.length, p1.total]).toEqual([2, 1, 3]);
    const codes = [...p1.items, ...p2.items].map((g: Group) => g.code);
    expect(codes).toEqual([...codes].sort());

    const providers = await f.ok(f.send(leader, 'GET', '/api/dossiers/overview/by-provider'), 'providers');
    expect(providers.items).toHaveLength(1);
    expect(providers.items[0].open).toBe(all.items.reduce((sum: number, g: Group) => sum + g.open, 0));

    const bad = await f.send(leader, 'GET', '/api/dossiers/overview/by-order?sort=nonsense');
    expect(bad.statusCode).toBe(400);
  });

  it('counts only what the reader may see: a council member, the dossiers of their councils', async () => {
    const unseen = await f.createOrder({ signed: true });
    await f.preparedDossier(unseen.id);
    const seen = await f.createOrder({ signed: true });
    await f.dossierIn('in_appraisal', { orderId: seen.id });
    const member = await f.as('council1');
    const page = await f.ok(f.send(member, 'GET', '/api/dossiers/overview/by-order?pageSize=200'), 'member');
    const ids = page.items.map((g: Group) => g.id);
    expect(ids).toContain(seen.id);
    expect(ids).not.toContain(unseen.id);
  });
});
