import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.signIn('admin');
});
afterAll(() => t.close());

const inject = (signedIn: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, language = 'vi') =>
  t.app.inject({ method, url, payload: payload as never, headers: { ...signedIn.headers, 'accept-language': language } });

async function byCode(code: string) {
  const response = await inject(admin, 'GET', `/api/agencies?q=${encodeURIComponent(code)}`);
  return response.json().items.find((a: { code: string }) => a.code === code);
}

const newAgency = (overrides: Record<string, unknown> = {}) => ({
  code: '000.00.41.H99', name: 'Sở Y tế', shortName: 'SYT', type: 'department', parentId: null, validFrom: '2025-07-01', ...overrides,
});

describe('registering agencies', () => {
  it('accepts a QCVN 102 code and a Decision 20/2020 code, and records both schemes', async () => {
    const root = await byCode('000.00.00.H99');
    const qcvn = await inject(admin, 'POST', '/api/agencies', newAgency({ parentId: root.id }));
    expect(qcvn.statusCode).toBe(201);
    expect(qcvn.json()).toMatchObject({ code: '000.00.41.H99', codeScheme: 'qcvn102', status: 'active', parent: { id: root.id } });

    const longCode = 'H99.41.BVDK.0000000000000000001'; // a Decision 20/2020 code longer than 13
    const qd20 = await inject(admin, 'POST', '/api/agencies', newAgency({ code: longCode, name: 'Bệnh viện Đa khoa tỉnh', shortName: 'BVDK', type: 'public_service_unit', parentId: qcvn.json().id }));
    expect(qd20.statusCode).toBe(201);
    expect(qd20.json()).toMatchObject({ code: longCode, codeScheme: 'qd20' });
  });

  it.each([
    ['000.05.00.H99', 'QCVN 102'],
    ['000.00.07-H99', 'chữ số, chữ in hoa'],
    ['A'.repeat(36), '35 ký tự'],
    ['.H99', 'dấu chấm'],
  ])('refuses the code %s with a message naming the rule (%s)', async (code, words) => {
    const before = (await inject(admin, 'GET', '/api/agencies?pageSize=200')).json();
    const response = await inject(admin, 'POST', '/api/agencies', newAgency({ code }));
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details[0].path).toBe('code');
    expect(error.details[0].message).toContain(words);
    expect((await inject(admin, 'GET', '/api/agencies?pageSize=200')).json()).toEqual(before);
  });

  it('refuses a code another agency carries now or carried before, naming the holder', async () => {
    const current = await inject(admin, 'POST', '/api/agencies', newAgency({ code: '000.00.11.H99' }), 'en');
    expect(current.statusCode).toBe(409);
    expect(current.json().error.message).toBe('Code 000.00.11.H99 is already assigned to "Sở Khoa học và Công nghệ". Each code belongs to one agency only, old codes included.');
    const former = await inject(admin, 'POST', '/api/agencies', newAgency({ code: '000.00.11.H98' }));
    expect(former.statusCode).toBe(409);
  });

  it('refuses an unknown parent and a parent cycle', async () => {
    const unknown = await inject(admin, 'POST', '/api/agencies', newAgency({ code: '000.00.42.H99', parentId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toBe('parentId');
    const dost = await byCode('000.00.11.H99');
    const center = await byCode('000.01.11.H99');
    const cycle = await inject(admin, 'PATCH', `/api/agencies/${dost.id}`, { parentId: center.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.details[0].path).toBe('parentId');
  });
});

describe('mergers and code history', () => {
  it('shows the demo merger: STTTT closed into DOST, which lists it as a predecessor', async () => {
    const dost = await byCode('000.00.11.H99');
    const detail = (await inject(admin, 'GET', `/api/agencies/${dost.id}`)).json();
    expect(detail.predecessors.map((p: { code: string }) => p.code)).toEqual(['000.00.12.H98']);
    expect(detail.codeHistory).toEqual([
      expect.objectContaining({ code: '000.00.11.H98', validFrom: '2015-01-01', validTo: '2025-06-30' }),
      expect.objectContaining({ code: '000.00.11.H99', validFrom: '2025-07-01', validTo: null }),
    ]);
    const closed = await byCode('000.00.12.H98');
    expect(closed).toMatchObject({ status: 'closed', validTo: '2025-02-28', successor: { id: dost.id }, allowedActions: [] });
  });

  it('finds the agency answering today for an old code, through chained mergers', async () => {
    const lookup = (code: string) => inject(admin, 'GET', `/api/agencies/by-code/${encodeURIComponent(code)}`);
    expect((await lookup('000.00.11.H98')).json()).toMatchObject({ heldBy: { code: '000.00.11.H99' }, current: { code: '000.00.11.H99' } });
    expect((await lookup('000.00.12.h98')).json()).toMatchObject({ heldBy: { code: '000.00.12.H98' }, current: { code: '000.00.11.H99' } });

    // Merge a commune into another: the path continues.
    const from = await byCode('000.00.32.H99');
    const into = await byCode('000.00.31.H99');
    const merged = await inject(admin, 'POST', `/api/agencies/${from.id}/close`, { validTo: '2026-06-30', successorId: into.id, reason: 'Sáp nhập xã theo Nghị quyết (minh họa)' });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'closed', successor: { id: into.id } });
    expect((await lookup('000.00.32.H99')).json().current.code).toBe('000.00.31.H99');
    expect((await lookup('999.99.99.Z99')).statusCode).toBe(404);
  });

  it('moves the active units of a merged agency under its successor, and refuses closing a parent without one', async () => {
    const root = await byCode('000.00.00.H99');
    const parent = (await inject(admin, 'POST', '/api/agencies', newAgency({ code: '000.00.51.H99', name: 'Sở Xây dựng', shortName: 'SXD', parentId: root.id }))).json();
    const unit = (await inject(admin, 'POST', '/api/agencies', newAgency({ code: '000.01.51.H99', name: 'Trung tâm Kiểm định', shortName: 'TTKD', type: 'public_service_unit', parentId: parent.id }))).json();
    const refused = await inject(admin, 'POST', `/api/agencies/${parent.id}/close`, { validTo: '2026-01-01', successorId: null, reason: 'Giải thể' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].message).toContain('1');

    const successor = await byCode('000.00.05.H99');
    expect((await inject(admin, 'POST', `/api/agencies/${parent.id}/close`, { validTo: '2026-01-01', successorId: successor.id, reason: 'Hợp nhất' })).statusCode).toBe(200);
    const moved = (await inject(admin, 'GET', `/api/agencies/${unit.id}`)).json();
    expect(moved.parent.id).toBe(successor.id);
    const again = await inject(admin, 'POST', `/api/agencies/${parent.id}/close`, { validTo: '2026-01-02', successorId: successor.id, reason: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_TRANSITION');
  });

  it('changes an agency code, keeps the old one in history and still finds the agency by it', async () => {
    const agency = await byCode('000.00.03.H99');
    const early = await inject(admin, 'POST', `/api/agencies/${agency.id}/code`, { code: '000.00.03.H01', validFrom: '2020-01-01', reason: 'x' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0]).toEqual({
      path: 'validFrom', message: 'Ngày hiệu lực của mã mới phải sau ngày hiệu lực của mã hiện tại (01/07/2025).',
    });
    const changed = await inject(admin, 'POST', `/api/agencies/${agency.id}/code`, { code: '000.00.03.H01', validFrom: '2026-07-01', reason: 'Hợp nhất tỉnh: giữ mã cấp 1 H01 (minh họa)' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().code).toBe('000.00.03.H01');
    const found = await inject(admin, 'GET', '/api/agencies?q=000.00.03.H99');
    expect(found.json().items.map((a: { id: string }) => a.id)).toContain(agency.id);
    const lookup = await inject(admin, 'GET', '/api/agencies/by-code/000.00.03.H99');
    expect(lookup.json().current.code).toBe('000.00.03.H01');
  });

  it('records merger, code change and moved units in the audit log', async () => {
    const merged = await t.services.audit.list({ page: 1, pageSize: 50, sort: 'seq', order: 'asc', action: 'agency.merged' }, { kind: 'all' });
    expect(merged.total).toBeGreaterThanOrEqual(2);
    expect(merged.items[0]!.before).toMatchObject({ status: 'active' });
    expect(merged.items[0]!.after).toMatchObject({ status: 'closed' });
    expect((await t.services.audit.verify()).isIntact).toBe(true);
  });
});

describe('who may change the registry', () => {
  it('lets every signed-in user read it, and nobody unsigned', async () => {
    const officer = await t.signIn('officer');
    expect((await inject(officer, 'GET', '/api/agencies')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/agencies' })).statusCode).toBe(401);
  });

  it('lets an agency admin change units in their reach only, and never close their own agency', async () => {
    const agencyAdmin = await t.signIn('agencyadmin');
    const own = await byCode('000.00.11.H99');
    const center = await byCode('000.01.11.H99');
    const finance = await byCode('000.00.05.H99');
    const list = (await inject(agencyAdmin, 'GET', '/api/agencies?pageSize=200')).json().items;
    const actions = (id: string) => list.find((a: { id: string }) => a.id === id).allowedActions;
    expect(actions(own.id)).toEqual(['update', 'changeCode']);
    expect(actions(center.id)).toEqual(['update', 'close', 'changeCode']);
    expect(actions(finance.id)).toEqual([]);

    expect((await inject(agencyAdmin, 'PATCH', `/api/agencies/${center.id}`, { name: 'Trung tâm Chuyển đổi số' })).statusCode).toBe(200);
    const foreign = await inject(agencyAdmin, 'PATCH', `/api/agencies/${finance.id}`, { name: 'Bị sửa' });
    expect(foreign.statusCode).toBe(403);
    expect((await byCode('000.00.05.H99')).name).toBe('Sở Tài chính');
    expect((await inject(agencyAdmin, 'POST', '/api/agencies', newAgency({ code: '000.02.11.H99', parentId: own.id, type: 'public_service_unit', shortName: 'TTTT' }))).statusCode).toBe(201);
    expect((await inject(agencyAdmin, 'POST', '/api/agencies', newAgency({ code: '000.00.61.H99', parentId: null }))).statusCode).toBe(403);
  });

  it('keeps inspectors read-only', async () => {
    const inspector = await t.signIn('inspector');
    const list = (await inject(inspector, 'GET', '/api/agencies?pageSize=200')).json().items;
    expect(list.every((a: { allowedActions: string[] }) => a.allowedActions.length === 0)).toBe(true);
    const target = await byCode('000.00.01.H99');
    expect((await inject(inspector, 'PATCH', `/api/agencies/${target.id}`, { name: 'x' })).statusCode).toBe(403);
  });
});

describe('listing', () => {
  it('pages, sorts and filters', async () => {
    const page1 = (await inject(admin, 'GET', '/api/agencies?pageSize=3&sort=code&order=desc')).json();
    expect(page1.items).toHaveLength(3);
    const codes = page1.items.map((a: { code: string }) => a.code);
    expect([...codes].sort().reverse()).toEqual(codes);
    const communes = (await inject(admin, 'GET', '/api/agencies?type=commune&status=active')).json();
    expect(communes.items.every((a: { type: string; status: string }) => a.type === 'commune' && a.status === 'active')).toBe(true);
    const bad = await inject(admin, 'GET', '/api/agencies?sort=password', undefined, 'en');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('querystring.sort');
  });
});
