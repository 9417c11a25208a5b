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

describe('dossier search', () => {
  it('finds a dossier by the beginning of its code in any case, or by its order code or title anywhere', async () => {
    const officer = await f.as('officer');
    const order = await f.createOrder({ signed: true, overrides: { title: 'Vận hành Cổng dữ liệu mở tỉnh (tìm kiếm)' } });
    const other = await f.createOrder({ signed: true });
    const id = await f.dossierIn('submitted', { orderId: order.id });
    const otherId = await f.dossierIn('submitted', { orderId: other.id });
    const { code } = await f.ok(f.send(officer, 'GET', `/api/dossiers/${id}`), 'get');
    const ids = async (q: string) =>
      (await f.ok(f.send(officer, 'GET', `/api/dossiers?q=${encodeURIComponent(q)}&pageSize=200`), q)).items.map((d: { id: string }) => d.id);

    expect(await ids(code)).toEqual([id]);
    expect(await ids(code.toLowerCase())).toEqual([id]);
    const shared = code.slice(0, code.lastIndexOf('-') + 1); // agency and date: both dossiers
    expect((await ids(shared)).sort()).toEqual([id, otherId].sort());
    expect(await ids('dữ liệu mở')).toEqual([id]);
    expect(await ids(order.code)).toEqual([id]);
    expect(await ids('%')).toEqual([]); // a literal percent sign, not "anything"
    const total = (await f.ok(f.send(officer, 'GET', `/api/dossiers?q=${encodeURIComponent('dữ liệu mở')}`), 'count')).total;
    expect(total).toBe(1);
  });
});
