import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(() => t.close());

/** Lets a test play the attacker with database owner rights: the append-only trigger is switched off. */
async function tamper(statement: string) {
  await t.db.execute(sql.raw('alter table audit_events disable trigger audit_events_append_only'));
  await t.db.execute(sql.raw(statement));
  await t.db.execute(sql.raw('alter table audit_events enable trigger audit_events_append_only'));
}

describe('audit chain', () => {
  it('is intact after the demo seed and names its head', async () => {
    const result = await t.services.audit.verify();
    expect(result.isIntact).toBe(true);
    expect(result.checked).toBeGreaterThan(20);
    expect(result.headSeq).toBe(result.checked);
    expect(result.firstBroken).toBeNull();
  });

  it('gives every event a unique, strictly increasing UTC time even when the clock stands still', async () => {
    const rows = await t.db.execute(sql`select occurred_at from audit_events order by seq`);
    const times = (rows as unknown as { rows: { occurred_at: Date }[] }).rows.map((r) => new Date(r.occurred_at).getTime());
    expect(new Set(times).size).toBe(times.length);
    for (let i = 1; i < times.length; i += 1) expect(times[i]).toBeGreaterThan(times[i - 1]!);
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
    const refusal = async (statement: ReturnType<typeof sql>) => {
      const error = await t.db.execute(statement).then(() => null, (e: Error & { cause?: Error }) => e);
      return String(error?.cause?.message ?? error?.message);
    };
    expect(await refusal(sql`update audit_events set action = 'x' where seq = 1`)).toMatch(/append-only \(UPDATE refused\)/);
    expect(await refusal(sql`delete from audit_events where seq = 1`)).toMatch(/append-only \(DELETE refused\)/);
    expect(await refusal(sql`truncate audit_events`)).toMatch(/append-only \(TRUNCATE refused\)/);
    expect((await t.services.audit.verify()).isIntact).toBe(true);
  });

  it('detects an edited event and names it', async () => {
    await tamper(`update audit_events set after = jsonb_set(after, '{name}', '"Sở Giả Mạo"') where seq = 3`);
    const result = await t.services.audit.verify();
    expect(result).toMatchObject({ isIntact: false, checked: 2, firstBroken: { seq: 3, problem: 'hashMismatch' } });
  });

  it('detects an edited actor or time, not just the payload', async () => {
    await tamper(`update audit_events set actor_username = 'someone-else' where seq = 5`);
    expect((await t.services.audit.verify()).firstBroken).toMatchObject({ seq: 5, problem: 'hashMismatch' });
  });

  it('detects an event moved back in time', async () => {
    // Seq 8 gets a time before seq 7 (times are unique, so pick one free slot well before).
    await tamper(`update audit_events set occurred_at = (select occurred_at from audit_events where seq = 1) - interval '1 day' where seq = 8`);
    expect((await t.services.audit.verify()).firstBroken).toMatchObject({ seq: 8, problem: 'timeNotIncreasing' });
  });

  it('detects a deleted event', async () => {
    await tamper('delete from audit_events where seq = 4');
    const result = await t.services.audit.verify();
    expect(result).toMatchObject({ isIntact: false, checked: 3, firstBroken: { seq: 4, problem: 'seqGap' } });
  });

  it('detects a deleted event even when the later ones are renumbered to hide the gap', async () => {
    await tamper('delete from audit_events where seq = 4');
    // Through negative numbers, so the primary key never sees two rows with one seq mid-statement.
    await tamper('update audit_events set seq = -(seq - 1) where seq > 4');
    await tamper('update audit_events set seq = -seq where seq < 0');
    // The event now numbered 4 still carries the hash of the deleted one as its predecessor.
    expect((await t.services.audit.verify()).firstBroken).toMatchObject({ seq: 4, problem: 'prevHashMismatch' });
  });

  it('detects reordered events', async () => {
    await tamper('update audit_events set seq = -6 where seq = 6');
    await tamper('update audit_events set seq = 6 where seq = 7');
    await tamper('update audit_events set seq = 7 where seq = -6');
    const result = await t.services.audit.verify();
    expect(result.isIntact).toBe(false);
    expect(result.firstBroken?.seq).toBe(6);
  });

  it('detects a cut-off tail through the chain head', async () => {
    const before = await t.services.audit.verify();
    await tamper(`delete from audit_events where seq = ${before.headSeq}`);
    const result = await t.services.audit.verify();
    expect(result).toMatchObject({ isIntact: false, firstBroken: { seq: before.headSeq, problem: 'headMismatch' } });
  });

  it('rolls the event back with the change it describes', async () => {
    const before = await t.services.audit.verify();
    const admin = await t.signIn('admin');
    const headAfterLogin = (await t.services.audit.verify()).headSeq;
    expect(headAfterLogin).toBe(before.headSeq + 1);
    // A refused change (duplicate code) writes nothing, not even its audit event.
    const response = await t.app.inject({
      method: 'POST', url: '/api/agencies', headers: admin.headers,
      payload: { code: '000.00.11.H99', name: 'Trùng mã', shortName: 'TM', type: 'department', parentId: null, validFrom: '2026-01-01' },
    });
    expect(response.statusCode).toBe(409);
    expect((await t.services.audit.verify()).headSeq).toBe(headAfterLogin);
  });
});

describe('audit API', () => {
  it('lets inspectors read and verify, agency admins read their reach only, and refuses others', async () => {
    const inspector = await t.signIn('inspector');
    const all = await t.app.inject({ method: 'GET', url: '/api/audit?pageSize=200', headers: inspector.headers });
    expect(all.statusCode).toBe(200);
    const agencyAdmin = await t.signIn('agencyadmin');
    const scoped = await t.app.inject({ method: 'GET', url: '/api/audit?pageSize=200', headers: agencyAdmin.headers });
    expect(scoped.statusCode).toBe(200);
    expect(scoped.json().total).toBeLessThan(all.json().total);
    // The agency admin's reach includes the merged STTTT but not, say, the Department of Finance.
    const reach = await t.services.scope.reachOf(agencyAdmin.me.agency.id);
    for (const event of scoped.json().items) expect(reach).toContain(event.agencyId);

    const officer = await t.signIn('officer');
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: officer.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/audit/verify', headers: agencyAdmin.headers })).statusCode).toBe(403);
  });

  it('filters by action and actor, pages, and exports CSV with a BOM', async () => {
    const admin = await t.signIn('admin');
    const page = await t.app.inject({ method: 'GET', url: '/api/audit?action=agency.created&pageSize=5&page=2', headers: admin.headers });
    expect(page.json()).toMatchObject({ page: 2, pageSize: 5 });
    expect(page.json().items).toHaveLength(5);
    for (const event of page.json().items) expect(event.action).toBe('agency.created');

    const csv = await t.app.inject({ method: 'GET', url: '/api/audit/export?action=agency.merged', headers: admin.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const lines = csv.body.trim().split('\n');
    expect(lines).toHaveLength(2); // header + the demo merger
    expect(lines[1]).toContain('agency.merged');
    const exported = await t.app.inject({ method: 'GET', url: '/api/audit?action=audit.exported', headers: admin.headers });
    expect(exported.json().total).toBe(1);
  });
});
