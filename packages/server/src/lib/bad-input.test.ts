import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type SignedIn, type TestApp } from '../testing/test-app.js';
import { fingerprint } from '../testing/fingerprint.js';

/**
 * Every kind of bad input gets a 4xx with the one error shape and a message a
 * person can act on, in the request's language, and leaves nothing changed.
 */
let t: TestApp;
let admin: SignedIn;
let rootId: string;
beforeAll(async () => {
  t = await buildTestApp({ config: { bodyMaxBytes: 16 * 1024 } } as never);
  admin = await t.signIn('admin');
  const list = await t.app.inject({ method: 'GET', url: '/api/agencies?q=000.00.00.H99', headers: admin.headers });
  rootId = list.json().items[0].id;
});
afterAll(() => t.close());

const post = (url: string, payload: string | object, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    headers: { ...admin.headers, 'content-type': 'application/json', ...headers },
  });

const agency = (overrides: Record<string, unknown> = {}) => ({
  code: '000.00.77.H99', name: 'Sở Du lịch', shortName: 'SDL', type: 'department', parentId: null, validFrom: '2026-01-01', ...overrides,
});

async function expectRefusedAndUnchanged(send: () => Promise<{ statusCode: number; json(): any }>, status: number, code: string) {
  const before = await fingerprint(t.db);
  const response = await send();
  expect(response.statusCode).toBe(status);
  const body = response.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  expect(await fingerprint(t.db)).toEqual(before);
  return body.error as { code: string; message: string; details?: { path: string; message: string }[] };
}

describe('refused input changes nothing', () => {
  it('malformed JSON', async () => {
    const error = await expectRefusedAndUnchanged(() => post('/api/agencies', '{"code": "000.00.77.H99", "name": ', { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED');
    expect(error.message).toMatch(/^The request body is not valid JSON/);
  });

  it('wrong types, each field named', async () => {
    const error = await expectRefusedAndUnchanged(() => post('/api/agencies', agency({ name: 42, type: 'ministry', validFrom: '31/12/2026', parentId: 'not-a-uuid' })), 400, 'VALIDATION_FAILED');
    expect(error.details!.map((d) => d.path).sort()).toEqual(['name', 'parentId', 'type', 'validFrom']);
    for (const detail of error.details!) expect(detail.message).not.toMatch(/^Invalid/); // Vietnamese by default
  });

  it('unknown fields', async () => {
    const error = await expectRefusedAndUnchanged(() => post('/api/agencies', agency({ isAdmin: true, status: 'closed' }), { 'accept-language': 'en' }), 400, 'VALIDATION_FAILED');
    expect(error.details).toEqual([
      { path: 'isAdmin', message: 'Field "isAdmin" is not accepted.' },
      { path: 'status', message: 'Field "status" is not accepted.' },
    ]);
  });

  it('an oversize body', async () => {
    const error = await expectRefusedAndUnchanged(() => post('/api/agencies', agency({ name: 'Sở '.repeat(10_000) }), { 'accept-language': 'en' }), 413, 'PAYLOAD_TOO_LARGE');
    expect(error.message).toBe('The request is too large (at most 16 KiB).');
  });

  it('a body that is not JSON at all', async () => {
    await expectRefusedAndUnchanged(
      () => t.app.inject({ method: 'POST', url: '/api/agencies', payload: 'code=1', headers: { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' } }),
      415, 'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it.each([
    ['000.05.00.H99', 'codeQcvnLevelGap'],
    ["H99'; DROP TABLE agencies;--", 'codeBadCharacters'],
    ['A'.repeat(36), 'codeTooLong'],
  ])('an invalid code %j', async (code) => {
    const error = await expectRefusedAndUnchanged(() => post('/api/agencies', agency({ code, parentId: rootId })), 400, 'VALIDATION_FAILED');
    expect(error.details![0]!.path).toBe('code');
  });

  it.each([
    ["Sở X'); DROP TABLE agencies;--"],
    ['<script>alert("xss")</script>'],
    ['<img src=x onerror=alert(1)>'],
    ['Sở ${process.env}'],
    ['Sở\u0000Ẩn'],
  ])('an injection string as a name: %j', async (name) => {
    const error = await expectRefusedAndUnchanged(() => post('/api/agencies', agency({ name, parentId: rootId })), 400, 'VALIDATION_FAILED');
    expect(error.details).toEqual([{ path: 'name', message: expect.stringContaining('không được chứa') }]);
  });

  it('an injection string as a person\'s name', async () => {
    await expectRefusedAndUnchanged(
      () => post('/api/users', { username: 'x.y', fullName: '<b>Bold</b>', email: null, roles: ['officer'], agencyId: rootId, password: 'long-enough-password' }),
      400, 'VALIDATION_FAILED',
    );
  });

  it('SQL in search and filters is just text', async () => {
    const before = await fingerprint(t.db);
    const response = await t.app.inject({ method: 'GET', url: `/api/agencies?q=${encodeURIComponent("' or 1=1; drop table agencies;--")}`, headers: admin.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json().total).toBe(0);
    const users = await t.app.inject({ method: 'GET', url: `/api/users?q=${encodeURIComponent('%')}`, headers: admin.headers });
    expect(users.json().total).toBe(0); // % is a literal, not a wildcard
    expect(await fingerprint(t.db)).toEqual(before);
  });

  it('a bad id in the path, and an unknown route', async () => {
    await expectRefusedAndUnchanged(() => t.app.inject({ method: 'GET', url: '/api/agencies/123', headers: admin.headers }), 400, 'VALIDATION_FAILED');
    const missing = await expectRefusedAndUnchanged(() => t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'en' } }), 404, 'NOT_FOUND');
    expect(missing.message).toBe('There is no GET /api/nothing-here.');
  });

  it('accepts a correct request after all that, storing names NFC-normalised', async () => {
    const response = await post('/api/agencies', agency({ name: 'Sở Du lịch và Thể thao'.normalize('NFD'), parentId: rootId }));
    expect(response.statusCode).toBe(201);
    expect(response.json().name).toBe('Sở Du lịch và Thể thao'.normalize('NFC'));
  });
});
