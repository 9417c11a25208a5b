import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

describe('sign-in', () => {
  it('starts a session for a client that fetched nothing before, with an httpOnly cookie', async () => {
    const response = await login('officer', 'nghiemthu-demo');
    expect(response.statusCode).toBe(200);
    const me = response.json();
    expect(me.user).toMatchObject({ username: 'officer', roles: ['officer'] });
    expect(me.agency.code).toBe('000.00.11.H99');
    expect(me.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = response.cookies.find((c) => c.name === 'nt_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const again = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `nt_session=${cookie!.value}` } });
    expect(again.statusCode).toBe(200);
    expect(again.json().user.username).toBe('officer');
  });

  it('marks the cookie Secure when the request came over HTTPS', async () => {
    const secure = await buildTestApp({ config: { trustProxy: true } });
    try {
      const response = await secure.app.inject({
        method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: 'nghiemthu-demo' },
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(response.cookies.find((c) => c.name === 'nt_session')?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('refuses a wrong password and an unknown user with the same message, in the request language', async () => {
    const wrong = await login('leader', 'not-the-password', { 'accept-language': 'en' });
    const unknown = await login('nobody', 'not-the-password', { 'accept-language': 'en' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Wrong username or password.' } });
    expect(unknown.json()).toEqual(wrong.json());
    const vietnamese = await login('leader', 'not-the-password');
    expect(vietnamese.json().error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
  });

  it('records failed and successful sign-ins in the audit log', async () => {
    await login('council2', 'bad password');
    await login('council2', 'nghiemthu-demo');
    const page = await t.services.audit.list(
      { page: 1, pageSize: 50, sort: 'seq', order: 'desc', actor: undefined, entityType: 'user' },
      { kind: 'all' },
    );
    expect(page.items.some((e) => e.action === 'auth.login_failed')).toBe(true);
    const sessions = await t.services.audit.list({ page: 1, pageSize: 50, sort: 'seq', order: 'desc', action: 'auth.login', actor: 'council2' }, { kind: 'all' });
    expect(sessions.total).toBe(1);
  });
});

describe('sign-in rate limit per address', () => {
  it('refuses further attempts from one address in the same minute, whatever the account', async () => {
    const limited = await buildTestApp({ config: { login: { ...t.config.login, ratePerMinute: 3 } } });
    try {
      const attempt = (username: string) =>
        limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'guess' }, headers: { 'accept-language': 'en' } });
      for (const username of ['officer', 'leader', 'council1']) expect((await attempt(username)).statusCode).toBe(401);
      const refused = await attempt('provider');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many requests/) });
    } finally {
      await limited.close();
    }
  });
});

describe('lockout', () => {
  it('locks an account after repeated failures, refuses even the right password, and lifts after the lock time', async () => {
    const max = t.config.login.maxFailures;
    for (let i = 1; i < max; i += 1) expect((await login('council3', `wrong-${i}`)).statusCode).toBe(401);
    const locking = await login('council3', 'wrong-last', { 'accept-language': 'en' });
    expect(locking.statusCode).toBe(429);
    expect(locking.json().error.code).toBe('RATE_LIMITED');
    expect(locking.json().error.message).toMatch(/locked.*15 minutes/);

    const rightButLocked = await login('council3', 'nghiemthu-demo');
    expect(rightButLocked.statusCode).toBe(429);

    t.clock.advance(t.config.login.lockMs + 1000);
    expect((await login('council3', 'nghiemthu-demo')).statusCode).toBe(200);
  });

  it('lets an administrator unlock a locked account', async () => {
    for (let i = 0; i < t.config.login.maxFailures; i += 1) await login('provider', `wrong-${i}`);
    expect((await login('provider', 'nghiemthu-demo')).statusCode).toBe(429);
    const admin = await t.signIn('admin');
    const list = await t.app.inject({ method: 'GET', url: '/api/users?q=provider', headers: admin.headers });
    const provider = list.json().items.find((u: { username: string }) => u.username === 'provider');
    expect(provider).toMatchObject({ isLocked: true, allowedActions: expect.arrayContaining(['unlock']) });
    const unlocked = await t.app.inject({ method: 'POST', url: `/api/users/${provider.id}/unlock`, headers: admin.headers });
    expect(unlocked.statusCode).toBe(200);
    expect((await login('provider', 'nghiemthu-demo')).statusCode).toBe(200);
  });
});

describe('session timeouts', () => {
  it('ends a session after the idle timeout, and keeps it alive while used', async () => {
    const { headers } = await t.signIn('officer');
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
    const idle = t.config.session.idleMs;
    t.clock.advance(idle - 60_000);
    expect((await me()).statusCode).toBe(200); // activity pushes the idle deadline
    t.clock.advance(idle - 60_000);
    expect((await me()).statusCode).toBe(200);
    t.clock.advance(idle + 1);
    const expired = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { ...headers, 'accept-language': 'en' } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toBe('Your session has expired. Please sign in again.');
  });

  it('ends a session at the absolute timeout even when it is used all along', async () => {
    const { headers } = await t.signIn('leader');
    const steps = Math.ceil(t.config.session.absoluteMs / (t.config.session.idleMs / 2));
    let last = 200;
    for (let i = 0; i < steps + 1; i += 1) {
      t.clock.advance(t.config.session.idleMs / 2);
      last = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode;
    }
    expect(last).toBe(401);
  });

  it('ends the session on logout', async () => {
    const { headers } = await t.signIn('officer');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });
});

describe('CSRF protection', () => {
  it('refuses a state change without the session CSRF token, and with a wrong one', async () => {
    const { headers } = await t.signIn('officer');
    const body = { currentPassword: 'nghiemthu-demo', newPassword: 'a-much-longer-password' };
    const without = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: body, headers: { cookie: headers.cookie } });
    expect(without.statusCode).toBe(403);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: body, headers: { ...headers, 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('FORBIDDEN');
  });

  it('refuses a request from a foreign origin, even sign-in', async () => {
    const response = await login('officer', 'nghiemthu-demo', { origin: 'https://evil.example', host: 'localhost:3000' });
    expect(response.statusCode).toBe(403);
    const same = await login('officer', 'nghiemthu-demo', { origin: 'http://localhost:3000', host: 'localhost:3000' });
    expect(same.statusCode).toBe(200);
  });
});

describe('password change', () => {
  it('checks the current password, changes it, and ends the other sessions', async () => {
    const first = await t.signIn('council1');
    const second = await t.signIn('council1');
    const wrong = await t.app.inject({
      method: 'POST', url: '/api/auth/password', headers: first.headers,
      payload: { currentPassword: 'wrong', newPassword: 'council-new-password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].path).toBe('currentPassword');

    const short = await t.app.inject({
      method: 'POST', url: '/api/auth/password', headers: { ...first.headers, 'accept-language': 'en' },
      payload: { currentPassword: 'nghiemthu-demo', newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0]).toMatchObject({ path: 'newPassword' });
    expect(short.json().error.details[0].message).toMatch(/10/);

    const ok = await t.app.inject({
      method: 'POST', url: '/api/auth/password', headers: first.headers,
      payload: { currentPassword: 'nghiemthu-demo', newPassword: 'council-new-password' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: first.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: second.headers })).statusCode).toBe(401);
    expect((await login('council1', 'nghiemthu-demo')).statusCode).toBe(401);
    expect((await login('council1', 'council-new-password')).statusCode).toBe(200);
  });
});

describe('public config', () => {
  it('lists the demo accounts only while demo data is loaded', async () => {
    const demo = await t.app.inject({ method: 'GET', url: '/api/public/config' });
    expect(demo.json().demoAccounts.map((a: { username: string }) => a.username)).toEqual([
      'admin', 'agencyadmin', 'officer', 'leader', 'council1', 'council2', 'council3', 'provider', 'provider2', 'inspector',
    ]);
    const empty = await buildTestApp({ demo: false });
    try {
      const none = await empty.app.inject({ method: 'GET', url: '/api/public/config' });
      expect(none.json()).toMatchObject({ demoAccounts: [], demoPassword: null });
    } finally {
      await empty.close();
    }
  });
});
