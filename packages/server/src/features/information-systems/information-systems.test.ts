import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema.js';
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.signIn('admin');
});
afterAll(() => t.close());

const inject = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, language = 'vi') =>
  t.app.inject({ method, url, payload: payload as never, headers: { ...who.headers, 'accept-language': language } });

/** The agency that carries the code (not its successor, for a closed one). */
async function agencyId(code: string): Promise<string> {
  const response = await inject(admin, 'GET', `/api/agencies/by-code/${encodeURIComponent(code)}`);
  return response.json().heldBy.id;
}

let counter = 0;
async function newSystem(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    code: `HT-TEST-${counter}`,
    name: `Hệ thống thử nghiệm ${counter}`,
    description: 'Dùng trong kiểm thử',
    ownerAgencyId: await agencyId('000.00.11.H99'),
    operatorAgencyId: await agencyId('000.01.11.H99'),
    securityLevel: 3,
    securityDecisionNumber: '123/QĐ-UBND',
    securityDecisionDate: '2025-03-01',
    components: [{ name: 'Máy chủ ứng dụng', description: null }, { name: 'Cơ sở dữ liệu', description: 'PostgreSQL' }],
    ...overrides,
  };
}

describe('registering and changing information systems', () => {
  it('creates a system with owner, operator and components, and audits it', async () => {
    const response = await inject(admin, 'POST', '/api/information-systems', await newSystem());
    expect(response.statusCode, response.body).toBe(201);
    const system = response.json();
    expect(system).toMatchObject({
      securityLevel: 3, status: 'active', owner: { code: '000.00.11.H99' }, operator: { code: '000.01.11.H99' },
      components: [{ name: 'Máy chủ ứng dụng', description: null }, { name: 'Cơ sở dữ liệu', description: 'PostgreSQL' }],
      allowedActions: ['update', 'retire'],
    });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, system.id));
    expect(event).toMatchObject({ action: 'information_system.created', actorUsername: 'admin', agencyId: system.owner.id });
  });

  it('refuses a taken code, a security level outside 1–5 and an unknown owner', async () => {
    const first = (await inject(admin, 'POST', '/api/information-systems', await newSystem())).json();
    const taken = await inject(admin, 'POST', '/api/information-systems', await newSystem({ code: first.code }), 'en');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details[0]).toEqual({ path: 'code', message: `System code ${first.code} is already used by "${first.name}".` });
    expect((await inject(admin, 'POST', '/api/information-systems', await newSystem({ securityLevel: 6 }))).statusCode).toBe(400);
    const unknown = await inject(admin, 'POST', '/api/information-systems', await newSystem({ ownerAgencyId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toBe('ownerAgencyId');
    const closed = await inject(admin, 'POST', '/api/information-systems', await newSystem({ operatorAgencyId: await agencyId('000.00.12.H98') }));
    expect(closed.json().error.details[0].path).toBe('operatorAgencyId');
  });

  it('updates fields and components, records before and after, then retires for good', async () => {
    const system = (await inject(admin, 'POST', '/api/information-systems', await newSystem())).json();
    const updated = await inject(admin, 'PATCH', `/api/information-systems/${system.id}`, {
      securityLevel: 4, components: [{ name: 'Cụm máy chủ dự phòng', description: null }], operatorAgencyId: null,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ securityLevel: 4, operator: null, components: [{ name: 'Cụm máy chủ dự phòng' }], name: system.name });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'information_system.updated'));
    expect(event!.before).toMatchObject({ securityLevel: 3 });
    expect(event!.after).toMatchObject({ securityLevel: 4, operatorAgencyId: null });

    const retired = await inject(admin, 'POST', `/api/information-systems/${system.id}/retire`, { reason: 'Thay bằng hệ thống mới' });
    expect(retired.json()).toMatchObject({ status: 'retired', allowedActions: [] });
    const again = await inject(admin, 'PATCH', `/api/information-systems/${system.id}`, { name: 'Đổi tên' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_TRANSITION');
  });
});

describe('who may change information systems', () => {
  it('lets an agency admin manage systems their agency reach owns, and nothing else', async () => {
    const agencyAdmin = await t.signIn('agencyadmin'); // DOST
    const own = await inject(agencyAdmin, 'POST', '/api/information-systems', await newSystem({ ownerAgencyId: await agencyId('000.01.11.H99') }));
    expect(own.statusCode).toBe(201);
    expect(own.json().allowedActions).toEqual(['update', 'retire']);
    const foreign = await inject(agencyAdmin, 'POST', '/api/information-systems', await newSystem({ ownerAgencyId: await agencyId('000.00.05.H99') }));
    expect(foreign.statusCode).toBe(403);

    const finance = (await inject(admin, 'POST', '/api/information-systems', await newSystem({ ownerAgencyId: await agencyId('000.00.05.H99') }))).json();
    expect((await inject(agencyAdmin, 'GET', `/api/information-systems/${finance.id}`)).json().allowedActions).toEqual([]);
    expect((await inject(agencyAdmin, 'PATCH', `/api/information-systems/${finance.id}`, { name: 'Bị sửa' })).statusCode).toBe(403);
    // Nor may they hand their own system to an agency outside their reach.
    const handOver = await inject(agencyAdmin, 'PATCH', `/api/information-systems/${own.json().id}`, { ownerAgencyId: await agencyId('000.00.05.H99') });
    expect(handOver.statusCode).toBe(403);
  });

  it('keeps officers and inspectors read-only, and needs a session to read', async () => {
    const system = (await inject(admin, 'POST', '/api/information-systems', await newSystem())).json();
    for (const username of ['officer', 'inspector']) {
      const who = await t.signIn(username);
      const page = (await inject(who, 'GET', '/api/information-systems?pageSize=200')).json();
      expect(page.canCreate, username).toBe(false);
      expect(page.items.every((s: { allowedActions: string[] }) => s.allowedActions.length === 0)).toBe(true);
      expect((await inject(who, 'PATCH', `/api/information-systems/${system.id}`, { name: 'x' })).statusCode).toBe(403);
      expect((await inject(who, 'POST', '/api/information-systems', await newSystem())).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/information-systems' })).statusCode).toBe(401);
  });
});

describe('listing information systems', () => {
  it('pages, sorts and filters by owner, status, security level and text', async () => {
    const finance = await agencyId('000.00.05.H99');
    await inject(admin, 'POST', '/api/information-systems', await newSystem({ ownerAgencyId: finance, securityLevel: 1, name: 'Phần mềm kế toán kho bạc' }));
    const byOwner = (await inject(admin, 'GET', `/api/information-systems?ownerAgencyId=${finance}&pageSize=200`)).json();
    expect(byOwner.items.length).toBeGreaterThan(0);
    expect(byOwner.items.every((s: { owner: { id: string } }) => s.owner.id === finance)).toBe(true);
    const level1 = (await inject(admin, 'GET', '/api/information-systems?securityLevel=1')).json();
    expect(level1.items.every((s: { securityLevel: number }) => s.securityLevel === 1)).toBe(true);
    expect((await inject(admin, 'GET', `/api/information-systems?q=${encodeURIComponent('kế toán kho')}`)).json().total).toBe(1);
    const sorted = (await inject(admin, 'GET', '/api/information-systems?sort=securityLevel&order=desc&pageSize=200')).json().items.map((s: { securityLevel: number }) => s.securityLevel);
    expect([...sorted].sort((a, b) => b - a)).toEqual(sorted);
    const page = (await inject(admin, 'GET', '/api/information-systems?pageSize=2&page=2')).json();
    expect(page).toMatchObject({ page: 2, pageSize: 2 });
    expect(page.items.length).toBeLessThanOrEqual(2);
    expect((await inject(admin, 'GET', '/api/information-systems?status=retired')).json().items.every((s: { status: string }) => s.status === 'retired')).toBe(true);
    expect((await inject(admin, 'GET', '/api/information-systems?securityLevel=9')).statusCode).toBe(400);
  });
});
