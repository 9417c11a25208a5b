import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js';
import { fingerprint } from '../../testing/fingerprint.js';

let t: TestApp;
let admin: SignedIn;
let agencyAdmin: SignedIn;
const idOf: Record<string, string> = {};
beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.signIn('admin');
  agencyAdmin = await t.signIn('agencyadmin');
  const all = await t.app.inject({ method: 'GET', url: '/api/users?pageSize=100', headers: admin.headers });
  for (const user of all.json().items) idOf[user.username] = user.id;
});
afterAll(() => t.close());

const as = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: who.headers });

describe('agency scoping of users', () => {
  it('lists only the users within an agency admin’s reach (DOST, its center, the merged STTTT)', async () => {
    const list = await as(agencyAdmin, 'GET', '/api/users?pageSize=100');
    expect(list.json().items.map((u: { username: string }) => u.username).sort()).toEqual(
      ['agencyadmin', 'council1', 'leader', 'officer', 'provider'].sort(),
    );
  });

  it('hides a user of another agency by id: read is 404, change is 404, nothing changes', async () => {
    const before = await fingerprint(t.db);
    const council2 = idOf.council2!; // Department of Finance, outside DOST's reach
    expect((await as(agencyAdmin, 'GET', `/api/users/${council2}`)).statusCode).toBe(404);
    expect((await as(agencyAdmin, 'PATCH', `/api/users/${council2}`, { fullName: 'Bị sửa' })).statusCode).toBe(404);
    expect((await as(agencyAdmin, 'POST', `/api/users/${council2}/password`, { newPassword: 'taken-over-password' })).statusCode).toBe(404);
    expect((await as(agencyAdmin, 'POST', `/api/users/${council2}/unlock`)).statusCode).toBe(404);
    expect(await fingerprint(t.db)).toEqual(before);
  });

  it('refuses other roles any user listing, but lets everyone read themselves', async () => {
    const officer = await t.signIn('officer');
    expect((await as(officer, 'GET', '/api/users')).statusCode).toBe(403);
    expect((await as(officer, 'GET', `/api/users/${idOf.leader}`)).statusCode).toBe(404);
    expect((await as(officer, 'GET', `/api/users/${idOf.officer}`)).json().username).toBe('officer');
  });

  it('lets the inspector read across agencies but change nothing', async () => {
    const inspector = await t.signIn('inspector');
    const list = await as(inspector, 'GET', '/api/users?pageSize=100');
    expect(list.json().total).toBe(10);
    expect(list.json().items.every((u: { allowedActions: string[] }) => u.allowedActions.length === 0)).toBe(true);
    expect((await as(inspector, 'PATCH', `/api/users/${idOf.officer}`, { fullName: 'X' })).statusCode).toBe(403);
  });
});

describe('managing users', () => {
  it('creates a user who must change the password, and audits it without the hash', async () => {
    const dost = (await as(admin, 'GET', '/api/agencies?q=000.00.11.H99')).json().items[0];
    const created = await as(agencyAdmin, 'POST', '/api/users', {
      username: 'nguyen.van.moi', fullName: 'Nguyễn Văn Mới', email: 'moi@an-binh.demo.invalid', roles: ['officer'], agencyId: dost.id, password: 'first-password-123',
    });
    expect(created.statusCode).toBe(201);
    const signedIn = await t.signIn('nguyen.van.moi', 'first-password-123');
    expect(signedIn.me.user.mustChangePassword).toBe(true);
    const events = await as(admin, 'GET', `/api/audit?entityId=${created.json().id}&action=user.created`);
    expect(JSON.stringify(events.json().items[0].after)).not.toMatch(/argon2|passwordHash/);
  });

  it('refuses a taken username, a role the agency admin may not grant, and an agency outside their reach', async () => {
    const dost = (await as(admin, 'GET', '/api/agencies?q=000.00.11.H99')).json().items[0];
    const finance = (await as(admin, 'GET', '/api/agencies?q=000.00.05.H99')).json().items[0];
    const base = { fullName: 'Người Thử', email: null, roles: ['officer'], agencyId: dost.id, password: 'first-password-123' };
    expect((await as(agencyAdmin, 'POST', '/api/users', { ...base, username: 'officer' })).statusCode).toBe(409);
    expect((await as(agencyAdmin, 'POST', '/api/users', { ...base, username: 'a.b', roles: ['system_admin'] })).statusCode).toBe(403);
    expect((await as(agencyAdmin, 'POST', '/api/users', { ...base, username: 'a.c', roles: ['inspector'] })).statusCode).toBe(403);
    const outside = await as(agencyAdmin, 'POST', '/api/users', { ...base, username: 'a.d', agencyId: finance.id });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0].path).toBe('agencyId');
  });

  it('disabling a user ends their sessions; a reset password must be changed', async () => {
    const leader = await t.signIn('leader');
    expect((await as(agencyAdmin, 'PATCH', `/api/users/${idOf.leader}`, { isActive: false })).statusCode).toBe(200);
    expect((await as(leader, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const refused = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: 'nghiemthu-demo' } });
    expect(refused.statusCode).toBe(403);
    expect((await as(agencyAdmin, 'PATCH', `/api/users/${idOf.leader}`, { isActive: true })).statusCode).toBe(200);
    expect((await as(agencyAdmin, 'POST', `/api/users/${idOf.leader}/password`, { newPassword: 'reset-by-admin-1' })).statusCode).toBe(204);
    expect((await t.signIn('leader', 'reset-by-admin-1')).me.user.mustChangePassword).toBe(true);
  });

  it('gives the actions allowed on each user, never on oneself', async () => {
    const list = (await as(agencyAdmin, 'GET', '/api/users?pageSize=100')).json().items;
    const actions = (name: string) => list.find((u: { username: string }) => u.username === name).allowedActions;
    expect(actions('agencyadmin')).toEqual([]);
    expect(actions('officer')).toEqual(['update', 'resetPassword']);
  });

  it('sends page-level permissions with the signed-in user', async () => {
    expect(admin.me.permissions).toEqual({ createAgencies: true, importAgencies: true, readUsers: true, createUsers: true, readAudit: true, verifyAudit: true });
    expect((await t.signIn('inspector')).me.permissions).toEqual({ createAgencies: false, importAgencies: false, readUsers: true, createUsers: false, readAudit: true, verifyAudit: true });
    expect((await t.signIn('officer')).me.permissions).toEqual({ createAgencies: false, importAgencies: false, readUsers: false, createUsers: false, readAudit: false, verifyAudit: false });
  });
});
