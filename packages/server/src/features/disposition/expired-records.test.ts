import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpiredRecordPage } from '@nghiemthu/shared';
import { acceptanceFactories } from '../../testing/acceptance-factories.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';
import { currentYear, dispositionProblem } from './disposition.policy.js';
import { dispositionFactories, vietnamTime, type MadeRecord } from './disposition-factories.js';

let t: TestApp;
let f: ReturnType<typeof acceptanceFactories>;
let d: ReturnType<typeof dispositionFactories>;
let endedLastDayOf2019: MadeRecord;
let endedFirstDayOf2020: MadeRecord;
let permanent: MadeRecord;

beforeAll(async () => {
  t = await buildTestApp();
  f = acceptanceFactories(t);
  d = dispositionFactories(t);
  // Class HN keeps records 5 years: what ended in 2019 is kept until the end of 2024.
  endedLastDayOf2019 = await d.closedRecord({ endDate: '2019-12-31' });
  endedFirstDayOf2020 = await d.closedRecord({ endDate: '2020-01-01' });
  permanent = await d.closedRecord({ endDate: '2001-06-30', classCode: 'KH' });
});
afterAll(() => t.close());

const expired = async (username: string, query = '') =>
  (await f.ok(f.send(await f.as(username), 'GET', `/api/disposition/expired?pageSize=200${query}`), 'expired')) as ExpiredRecordPage;
const codes = (page: ExpiredRecordPage) => page.items.map((r) => r.code);

describe('the list of expired records', () => {
  it('counts retention in whole calendar years in Vietnam: expired from 1 January after end year + retention', async () => {
    t.clock.set(vietnamTime('2024-12-31T23:59'));
    expect(codes(await expired('officer'))).not.toContain(endedLastDayOf2019.code);
    // 17:00 UTC on 31 December is already New Year's Day in Vietnam.
    t.clock.set(vietnamTime('2025-01-01T00:00'));
    expect(new Date(t.clock.now()).toISOString()).toBe('2024-12-31T17:00:00.000Z');
    const page = await expired('officer');
    expect(page.currentYear).toBe(2025);
    expect(codes(page)).toContain(endedLastDayOf2019.code);
    expect(codes(page)).not.toContain(endedFirstDayOf2020.code);
    expect(page.items.find((r) => r.code === endedLastDayOf2019.code)).toMatchObject({ keptUntilYear: 2024, retentionYears: 5, status: 'closed' });
    t.clock.set(vietnamTime('2026-01-15T09:00'));
    expect(codes(await expired('officer'))).toEqual(expect.arrayContaining([endedLastDayOf2019.code, endedFirstDayOf2020.code]));
  });

  it('never lists records kept permanently, nor records outside the reader\'s reach', async () => {
    const page = await expired('officer');
    expect(codes(page)).not.toContain(permanent.code);
    expect(page.items.every((r) => r.status === 'closed' && r.retentionYears !== null)).toBe(true);
    // The Department of Finance's council member reaches nothing of the Department of Science and Technology.
    expect((await expired('council2')).total).toBe(0);
    // Inspectors read everything; the provider unit under the department does not hold these records.
    expect(codes(await expired('inspector'))).toContain(endedLastDayOf2019.code);
    expect((await expired('provider')).total).toBe(0);
    expect(page.canPropose).toBe(true);
    expect((await expired('leader')).canPropose).toBe(false);
  });

  it('filters by record class and end year, sorts, and pages', async () => {
    const hn = (await f.ok(f.send(await f.as('admin'), 'GET', '/api/record-classes'), 'classes')).find((c: { code: string }) => c.code === 'HN');
    expect(codes(await expired('officer', `&recordClassId=${hn.id}&year=2019`))).toEqual([endedLastDayOf2019.code]);
    const byEndDesc = await expired('officer', '&sort=endDate&order=desc');
    expect(byEndDesc.items.map((r) => r.endDate)).toEqual([...byEndDesc.items.map((r) => r.endDate)].sort().reverse());
    const firstPage = await f.ok(f.send(await f.as('officer'), 'GET', '/api/disposition/expired?pageSize=1&sort=code'), 'page 1');
    expect(firstPage).toMatchObject({ page: 1, pageSize: 1, total: byEndDesc.total });
    expect(firstPage.items).toHaveLength(1);
  });

  it('leaves out a record under a legal hold and lists it again once released', async () => {
    const leader = await f.as('leader');
    const url = `/api/records/${endedFirstDayOf2020.id}/legal-hold`;
    await f.ok(f.send(leader, 'PUT', url, { reason: 'Thanh tra tỉnh đang thanh tra công tác tập huấn năm 2020' }), 'hold');
    expect(codes(await expired('officer'))).not.toContain(endedFirstDayOf2020.code);
    await f.ok(f.send(leader, 'DELETE', `${url}?reason=${encodeURIComponent('Kết thúc thanh tra')}`), 'release');
    expect(codes(await expired('officer'))).toContain(endedFirstDayOf2020.code);
  });

  it('computes the same in SQL as the rule the proposal checks', async () => {
    const found = await t.db.execute(sql`select code, status, retention_years, end_date::text, legal_hold from records`);
    const year = currentYear(t.clock.now());
    const byRule = (found.rows as { code: string; status: string; retention_years: number | null; end_date: string | null; legal_hold: string | null }[])
      .filter((r) => dispositionProblem({ code: r.code, status: r.status, retentionYears: r.retention_years, endDate: r.end_date, legalHold: r.legal_hold }, year) === null)
      .map((r) => r.code).sort();
    expect(codes(await expired('admin', '&sort=code'))).toEqual(byRule);
  });
});
