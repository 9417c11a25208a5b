import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js';
import { fingerprint } from '../../testing/fingerprint.js';

let t: TestApp;
let leader: SignedIn;
let officer: SignedIn;
const hours = (n: number) => new Date(t.clock.now().getTime() + n * 3_600_000).toISOString();

beforeAll(async () => {
  t = await buildTestApp();
});
// Tests move the clock by hours, past the idle timeout: sign in afresh each time.
beforeEach(async () => {
  leader = await t.signIn('leader');
  officer = await t.signIn('officer');
});
afterAll(() => t.close());

const post = (who: SignedIn, url: string, payload?: object, language = 'vi') =>
  t.app.inject({ method: 'POST', url, payload, headers: { ...who.headers, 'accept-language': language } });

describe('delegating approvals', () => {
  it('lets a leader delegate to a colleague of the same agency, and the deputy then acts for the leader', async () => {
    const created = await post(leader, '/api/delegations', { deputyId: officer.me.user.id, validFrom: hours(1), validTo: hours(49), reason: 'Đi công tác tại Hà Nội' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'scheduled', deputy: { username: 'officer' }, allowedActions: ['revoke'] });

    const actor = (await t.services.auth.authenticate(officer.headers.cookie.split('=')[1]!)).actor!;
    expect(await t.services.delegations.actingFor(actor, ['leader'])).toBeNull(); // not yet
    t.clock.advance(2 * 3_600_000);
    expect(await t.services.delegations.actingFor(actor, ['leader'])).toEqual({ userId: leader.me.user.id, username: 'leader' });
    expect(await t.services.delegations.actingFor(actor, ['officer'])).toBe('self');
    expect(await t.services.delegations.actingFor(actor, ['system_admin'])).toBeNull(); // only the leader's authority passes

    officer = await t.signIn('officer');
    const received = await t.app.inject({ method: 'GET', url: '/api/delegations?scope=received', headers: officer.headers });
    expect(received.json().items).toEqual([expect.objectContaining({ status: 'active', delegator: expect.objectContaining({ username: 'leader' }), allowedActions: [] })]);

    t.clock.advance(48 * 3_600_000);
    expect(await t.services.delegations.actingFor(actor, ['leader'])).toBeNull(); // ended
  });

  it('offers a leader the active colleagues of the same agency as deputies, and nobody else', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/delegations/candidates', headers: leader.headers });
    const names = response.json().map((u: { username: string }) => u.username);
    expect(names.sort()).toEqual(['agencyadmin', 'council1', 'officer']);
    expect((await t.app.inject({ method: 'GET', url: '/api/delegations/candidates', headers: officer.headers })).statusCode).toBe(403);
  });

  it('refuses a second overlapping delegation, naming the first', async () => {
    const council = await t.signIn('council1');
    expect((await post(leader, '/api/delegations', { deputyId: officer.me.user.id, validFrom: hours(0), validTo: hours(24), reason: 'Nghỉ phép' })).statusCode).toBe(201);
    const before = await fingerprint(t.db);
    const overlapping = await post(leader, '/api/delegations', { deputyId: council.me.user.id, validFrom: hours(12), validTo: hours(36), reason: 'Nghỉ phép' }, 'en');
    expect(overlapping.statusCode).toBe(409);
    expect(overlapping.json().error.message).toMatch(/^You already delegated to Nguyễn Văn Chuyên/);
    expect(await fingerprint(t.db)).toEqual(before);
  });

  it('refuses non-leaders, a deputy of another agency, oneself, and a period already over', async () => {
    const council2 = await t.signIn('council2'); // Department of Finance
    expect((await post(officer, '/api/delegations', { deputyId: leader.me.user.id, validFrom: hours(100), validTo: hours(120), reason: 'x' })).statusCode).toBe(403);
    const outside = await post(leader, '/api/delegations', { deputyId: council2.me.user.id, validFrom: hours(100), validTo: hours(120), reason: 'x' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0].path).toBe('deputyId');
    expect((await post(leader, '/api/delegations', { deputyId: leader.me.user.id, validFrom: hours(100), validTo: hours(120), reason: 'x' })).statusCode).toBe(400);
    const past = await post(leader, '/api/delegations', { deputyId: officer.me.user.id, validFrom: hours(-50), validTo: hours(-1), reason: 'x' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0].path).toBe('validTo');
  });

  it('lets the delegator or an administrator revoke, once, and audits it', async () => {
    const created = (await post(leader, '/api/delegations', { deputyId: officer.me.user.id, validFrom: hours(200), validTo: hours(220), reason: 'Họp tại tỉnh bạn' })).json();
    expect((await post(officer, `/api/delegations/${created.id}/revoke`)).statusCode).toBe(403);
    const agencyAdmin = await t.signIn('agencyadmin');
    const revoked = await post(agencyAdmin, `/api/delegations/${created.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', allowedActions: [] });
    const again = await post(leader, `/api/delegations/${created.id}/revoke`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_TRANSITION');
    const events = await t.services.audit.list({ page: 1, pageSize: 10, sort: 'seq', order: 'desc', entityId: created.id }, { kind: 'all' });
    expect(events.items.map((e) => e.action)).toEqual(['delegation.revoked', 'delegation.created']);
    expect(events.items[0]!.actor?.username).toBe('agencyadmin');
  });

  it('hides other agencies’ delegations from administrators outside their reach', async () => {
    const created = (await post(leader, '/api/delegations', { deputyId: officer.me.user.id, validFrom: hours(300), validTo: hours(310), reason: 'Tập huấn' })).json();
    const inspector = await t.signIn('inspector');
    expect((await t.app.inject({ method: 'GET', url: '/api/delegations?scope=all', headers: inspector.headers })).json().total).toBeGreaterThan(0);
    expect((await post(inspector, `/api/delegations/${created.id}/revoke`)).statusCode).toBe(403);
    const provider = await t.signIn('provider');
    expect((await t.app.inject({ method: 'GET', url: '/api/delegations?scope=all', headers: provider.headers })).statusCode).toBe(403);
    expect((await post(provider, `/api/delegations/${created.id}/revoke`)).statusCode).toBe(404);
  });
});
