import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema.js';
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js';
import { catalogueHelpers } from './catalogue-test-helpers.js';

let t: TestApp;
let admin: SignedIn;
let h: ReturnType<typeof catalogueHelpers>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.signIn('admin');
  h = catalogueHelpers(t);
});
afterAll(() => t.close());

describe('catalogue services', () => {
  it('creates, updates and retires a service, auditing before and after', async () => {
    const service = await h.createService(admin, { orderingMethods: ['assignment', 'ordering'] });
    expect(service).toMatchObject({ status: 'active', currentPrice: null, prices: [], kpis: [], informationSystems: [], orderingMethods: ['assignment', 'ordering'] });
    expect(service.allowedActions).toEqual(['update', 'retire', 'managePrices', 'manageKpis', 'manageSystems']);

    const updated = await h.inject(admin, 'PATCH', `/api/catalogue/services/${service.id}`, { unit: 'trang', orderingMethods: ['tendering'] });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ unit: 'trang', orderingMethods: ['tendering'], name: service.name });
    const retired = await h.inject(admin, 'POST', `/api/catalogue/services/${service.id}/retire`, { reason: 'Không còn sử dụng' });
    expect(retired.json()).toMatchObject({ status: 'retired', allowedActions: [] });
    expect((await h.inject(admin, 'PATCH', `/api/catalogue/services/${service.id}`, { unit: 'x' })).statusCode).toBe(409);

    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, service.id));
    expect(events.map((e) => e.action)).toEqual(['catalogue_service.created', 'catalogue_service.updated', 'catalogue_service.retired']);
    expect(events[1]!.before).toMatchObject({ unit: 'hệ thống/tháng' });
    expect(events[1]!.after).toMatchObject({ unit: 'trang' });
    expect(events[2]!.after).toEqual({ status: 'retired', reason: 'Không còn sử dụng' });
    expect((await t.services.audit.verify()).isIntact).toBe(true);
  });

  it('refuses a taken code, no ordering method and a repeated method', async () => {
    const service = await h.createService(admin);
    const taken = await h.inject(admin, 'POST', '/api/catalogue/services', { code: service.code, name: 'Khác', unit: 'lần', orderingMethods: ['ordering'] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details[0].path).toBe('code');
    const none = await h.inject(admin, 'POST', '/api/catalogue/services', { code: 'DV-X1', name: 'Khác', unit: 'lần', orderingMethods: [] });
    expect(none.statusCode).toBe(400);
    const twice = await h.inject(admin, 'POST', '/api/catalogue/services', { code: 'DV-X2', name: 'Khác', unit: 'lần', orderingMethods: ['ordering', 'ordering'] });
    expect(twice.json().error.details[0].message).toBe('Mỗi phương thức chỉ chọn một lần.');
  });

  it('lists with paging, sorting and filters by method, status, linked system and text', async () => {
    const tender = await h.createService(admin, { orderingMethods: ['tendering'], name: 'Số hóa tài liệu lưu trữ đặc biệt' });
    const byMethod = (await h.inject(admin, 'GET', '/api/catalogue/services?orderingMethod=tendering&pageSize=200')).json();
    expect(byMethod.items.map((s: { id: string }) => s.id)).toContain(tender.id);
    expect(byMethod.items.every((s: { orderingMethods: string[] }) => s.orderingMethods.includes('tendering'))).toBe(true);
    expect((await h.inject(admin, 'GET', `/api/catalogue/services?q=${encodeURIComponent('lưu trữ đặc biệt')}`)).json().total).toBe(1);
    const sorted = (await h.inject(admin, 'GET', '/api/catalogue/services?sort=name&order=desc&pageSize=200')).json();
    expect(sorted).toMatchObject({ canCreate: true, canImport: true });
    const page = (await h.inject(admin, 'GET', '/api/catalogue/services?pageSize=1&page=2')).json();
    expect(page.items).toHaveLength(1);
    expect((await h.inject(admin, 'GET', '/api/catalogue/services?status=retired')).json().items.every((s: { status: string }) => s.status === 'retired')).toBe(true);
  });
});

describe('prices', () => {
  it('closes the open price the day before a new one starts, and answers priceOn for any date', async () => {
    const service = await h.createService(admin);
    const url = `/api/catalogue/services/${service.id}/prices`;
    expect((await h.inject(admin, 'POST', url, h.price())).statusCode).toBe(200);
    const second = await h.inject(admin, 'POST', url, h.price({ unitPrice: 16_500_000, validFrom: '2026-01-01', decisionNumber: '45/2025/QĐ-UBND', decisionDate: '2025-12-15' }));
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().prices.map((p: { validFrom: string; validTo: string | null; unitPrice: number }) => [p.validFrom, p.validTo, p.unitPrice])).toEqual([
      ['2025-01-01', '2025-12-31', 15_000_000],
      ['2026-01-01', null, 16_500_000],
    ]);
    // The test clock stands in January 2026.
    expect(second.json().currentPrice).toMatchObject({ unitPrice: 16_500_000 });

    expect(await t.services.catalogue.priceOn(service.id, '2025-12-31')).toMatchObject({ unitPrice: 15_000_000, decisionNumber: '12/2025/QĐ-UBND' });
    expect(await t.services.catalogue.priceOn(service.id, '2026-01-01')).toMatchObject({ unitPrice: 16_500_000 });
    expect(await t.services.catalogue.priceOn(service.id, '2024-12-31')).toBeNull();
    expect((await h.inject(admin, 'GET', `/api/catalogue/services/${service.id}/price?date=2025-06-30`)).json()).toMatchObject({ unitPrice: 15_000_000 });
    const none = await h.inject(admin, 'GET', `/api/catalogue/services/${service.id}/price?date=2020-01-01`, undefined, 'en');
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toBe('The service has no price valid on 01/01/2020.');

    const [event] = await t.db.select().from(auditEvents)
      .where(and(eq(auditEvents.entityId, service.id), eq(auditEvents.action, 'catalogue_price.added'))).orderBy(auditEvents.seq).offset(1);
    expect(event!.before).toMatchObject({ closedPrice: { validTo: null } });
    expect(event!.after).toMatchObject({ price: { unitPrice: 16_500_000 }, closedPrice: { validTo: '2025-12-31' } });
  });

  it('refuses overlapping periods with a message naming the price in the way, and changes nothing', async () => {
    const service = await h.createService(admin);
    const url = `/api/catalogue/services/${service.id}/prices`;
    await h.inject(admin, 'POST', url, h.price({ validFrom: '2025-01-01', validTo: '2025-06-30' }));
    await h.inject(admin, 'POST', url, h.price({ validFrom: '2025-07-01', decisionNumber: '30/2025/QĐ-UBND' }));
    const before = (await h.inject(admin, 'GET', `/api/catalogue/services/${service.id}`)).json();

    const inside = await h.inject(admin, 'POST', url, h.price({ validFrom: '2025-03-01', validTo: '2025-03-31' }));
    expect(inside.statusCode).toBe(409);
    expect(inside.json().error.message).toBe('Thời kỳ áp dụng trùng với đơn giá theo 12/2025/QĐ-UBND (01/01/2025 – 30/06/2025). Mỗi ngày chỉ có một đơn giá; hãy chọn ngày khác hoặc kết thúc đơn giá đó trước.');
    // Starting on the same day as the open price would hide it: refused too.
    expect((await h.inject(admin, 'POST', url, h.price({ validFrom: '2025-07-01' }))).statusCode).toBe(409);
    // A bounded price before the first one is fine; one ending after the open one starts is not.
    expect((await h.inject(admin, 'POST', url, h.price({ validFrom: '2024-01-01', validTo: '2025-01-01' }))).statusCode).toBe(409);
    expect((await h.inject(admin, 'GET', `/api/catalogue/services/${service.id}`)).json()).toEqual(before);
    expect((await h.inject(admin, 'POST', url, h.price({ validFrom: '2024-01-01', validTo: '2024-12-31' }))).statusCode).toBe(200);
  });

  it('checks amounts and dates, and ends the open price on request', async () => {
    const service = await h.createService(admin);
    const url = `/api/catalogue/services/${service.id}/prices`;
    expect((await h.inject(admin, 'POST', url, h.price({ unitPrice: -1 }))).statusCode).toBe(400);
    expect((await h.inject(admin, 'POST', url, h.price({ unitPrice: 1.5 }))).statusCode).toBe(400);
    expect((await h.inject(admin, 'POST', url, h.price({ unitPrice: '1000' }))).statusCode).toBe(400);
    const backwards = await h.inject(admin, 'POST', url, h.price({ validFrom: '2025-05-01', validTo: '2025-04-30' }));
    expect(backwards.json().error.details[0].path).toBe('validTo');
    const free = await h.inject(admin, 'POST', url, h.price({ unitPrice: 0 }));
    expect(free.statusCode).toBe(200);
    const priceId = free.json().prices[0].id;
    const closed = await h.inject(admin, 'POST', `${url}/${priceId}/close`, { validTo: '2025-12-31' });
    expect(closed.json().prices[0]).toMatchObject({ validTo: '2025-12-31' });
    expect(closed.json().currentPrice).toBeNull();
    expect((await h.inject(admin, 'POST', `${url}/${priceId}/close`, { validTo: '2026-01-31' })).statusCode).toBe(409);
  });
});

describe('KPIs', () => {
  it('adds, updates and removes KPIs with validated deduction rules', async () => {
    const service = await h.createService(admin);
    const url = `/api/catalogue/services/${service.id}/kpis`;
    const added = await h.inject(admin, 'POST', url, h.kpi({ target: '99.50' }));
    expect(added.statusCode, added.body).toBe(200);
    const kpi = added.json().kpis[0];
    expect(kpi).toMatchObject({ code: 'UPTIME', target: '99.5', direction: 'at_least', deductionRule: { kind: 'per_unit', percentPerUnit: '2', maxPercent: '10' } });

    expect((await h.inject(admin, 'POST', url, h.kpi())).statusCode).toBe(409); // same code
    const unknownKind = await h.inject(admin, 'POST', url, h.kpi({ code: 'K2', deductionRule: { kind: 'flat', percent: '5' } }));
    expect(unknownKind.statusCode).toBe(400);
    expect(unknownKind.json().error.details[0].path).toMatch(/^deductionRule/);
    const badPercent = await h.inject(admin, 'POST', url, h.kpi({ code: 'K3', deductionRule: { kind: 'per_unit', percentPerUnit: '2', maxPercent: '150' } }), 'en');
    expect(badPercent.json().error.details[0]).toEqual({ path: 'deductionRule.maxPercent', message: 'A percentage must be between 0 and 100.' });
    const floatTarget = await h.inject(admin, 'POST', url, h.kpi({ code: 'K4', target: 99.5 }));
    expect(floatTarget.statusCode).toBe(400);
    const wrongSide = await h.inject(admin, 'POST', url, h.kpi({
      code: 'RESPONSE', unit: 'giờ', target: '4', direction: 'at_most', deductionRule: { kind: 'tiers', tiers: [{ threshold: '2', percent: '5' }] },
    }));
    expect(wrongSide.statusCode).toBe(400);
    expect(wrongSide.json().error.details[0].path).toBe('deductionRule.tiers');

    const updated = await h.inject(admin, 'PATCH', `${url}/${kpi.id}`, { deductionRule: { kind: 'tiers', tiers: [{ threshold: '99', percent: '5' }, { threshold: '98', percent: '10' }] } });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().kpis[0].deductionRule.kind).toBe('tiers');
    // Moving the target below a tier threshold would put the threshold on the passing side.
    expect((await h.inject(admin, 'PATCH', `${url}/${kpi.id}`, { target: '98.5' })).statusCode).toBe(400);

    const removed = await h.inject(admin, 'POST', `${url}/${kpi.id}/remove`);
    expect(removed.json().kpis).toEqual([]);
    const actions = (await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, service.id))).map((e) => e.action);
    expect(actions).toEqual(['catalogue_service.created', 'catalogue_kpi.added', 'catalogue_kpi.updated', 'catalogue_kpi.removed']);
  });
});

describe('linked information systems', () => {
  it('links and unlinks systems, shows them both ways, and refuses a retired system', async () => {
    const service = await h.createService(admin);
    const owner = (await h.inject(admin, 'GET', '/api/agencies/by-code/000.00.11.H99')).json().current.id;
    const system = (await h.inject(admin, 'POST', '/api/information-systems', { code: 'HT-LINK-1', name: 'Hệ thống gắn thử', ownerAgencyId: owner, securityLevel: 2 })).json();
    const linked = await h.inject(admin, 'POST', `/api/catalogue/services/${service.id}/systems`, { informationSystemId: system.id });
    expect(linked.json().informationSystems).toEqual([{ id: system.id, code: 'HT-LINK-1', name: 'Hệ thống gắn thử', status: 'active' }]);
    expect((await h.inject(admin, 'GET', `/api/information-systems/${system.id}`)).json().services).toEqual([
      { id: service.id, code: service.code, name: service.name, status: 'active' },
    ]);
    const filtered = (await h.inject(admin, 'GET', `/api/catalogue/services?informationSystemId=${system.id}`)).json();
    expect(filtered.items.map((s: { id: string }) => s.id)).toEqual([service.id]);

    const unlinked = await h.inject(admin, 'POST', `/api/catalogue/services/${service.id}/systems/${system.id}/unlink`);
    expect(unlinked.json().informationSystems).toEqual([]);
    expect((await h.inject(admin, 'POST', `/api/catalogue/services/${service.id}/systems/${system.id}/unlink`)).statusCode).toBe(404);

    await h.inject(admin, 'POST', `/api/information-systems/${system.id}/retire`, { reason: 'Ngừng' });
    const retired = await h.inject(admin, 'POST', `/api/catalogue/services/${service.id}/systems`, { informationSystemId: system.id });
    expect(retired.statusCode).toBe(400);
    expect(retired.json().error.details[0].path).toBe('informationSystemId');
  });
});

describe('who may change the catalogue', () => {
  it('lets every signed-in user read it, only system administrators change it', async () => {
    const service = await h.createService(admin);
    for (const username of ['agencyadmin', 'officer', 'inspector', 'provider']) {
      const who = await t.signIn(username);
      const page = await h.inject(who, 'GET', '/api/catalogue/services');
      expect(page.statusCode).toBe(200);
      expect(page.json()).toMatchObject({ canCreate: false, canImport: false });
      expect((await h.inject(who, 'GET', `/api/catalogue/services/${service.id}`)).json().allowedActions).toEqual([]);
      const attempts = [
        await h.inject(who, 'POST', '/api/catalogue/services', { code: `DV-${username}`, name: 'x', unit: 'x', orderingMethods: ['ordering'] }),
        await h.inject(who, 'PATCH', `/api/catalogue/services/${service.id}`, { name: 'Bị sửa' }),
        await h.inject(who, 'POST', `/api/catalogue/services/${service.id}/prices`, h.price()),
        await h.inject(who, 'POST', `/api/catalogue/services/${service.id}/kpis`, h.kpi()),
        await h.inject(who, 'POST', `/api/catalogue/services/${service.id}/retire`, { reason: 'x' }),
      ];
      expect(attempts.map((r) => r.statusCode), username).toEqual([403, 403, 403, 403, 403]);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/catalogue/services' })).statusCode).toBe(401);
    expect((await h.inject(admin, 'GET', `/api/catalogue/services/${service.id}`)).json().name).toBe(service.name);
  });
});
