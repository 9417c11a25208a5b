import { isWorkingDay } from '@nghiemthu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../testing/fingerprint.js';
import { buildTestApp, type SignedIn, type TestApp } from '../../testing/test-app.js';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.signIn('admin');
});
afterAll(() => t.close());

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';
const inject = (signedIn: SignedIn, method: Method, url: string, payload?: unknown, language = 'vi') =>
  t.app.inject({ method, url, payload: payload as never, headers: { ...signedIn.headers, 'accept-language': language } });

const year = async (y: number) => (await inject(admin, 'GET', `/api/calendar/${y}`)).json();
const dueDate = async (from: string, workingDays: number) =>
  (await inject(admin, 'GET', `/api/calendar/due-date?from=${from}&workingDays=${workingDays}`)).json();
const events = (action: string, entityId?: string) =>
  t.services.audit.list({ page: 1, pageSize: 100, sort: 'seq', order: 'asc', action, entityId }, { kind: 'all' });

describe('reading the calendar', () => {
  it('gives every signed-in user the year, its weekly days off and what they may change', async () => {
    const officer = await t.signIn('officer');
    const response = await inject(officer, 'GET', '/api/calendar/2026');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ year: 2026, weekendDays: [6, 7], hasDefaults: true, allowedActions: [] });
    // The demo loaded the defaults: eleven weekday days off, Monday 27/4 for Hùng Kings' Sunday.
    expect(body.days).toHaveLength(11);
    expect(body.days.find((day: { date: string }) => day.date === '2026-04-27')).toMatchObject({
      kind: 'holiday', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026 trùng Chủ nhật)', isEffective: true,
    });
    expect((await year(2026)).allowedActions).toEqual(['changeDays', 'changeWeekend', 'loadDefaults']);
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/2026' })).statusCode).toBe(401);
  });

  it('offers no defaults for a year it has none for, and refuses years out of range', async () => {
    expect(await year(2031)).toMatchObject({ days: [], hasDefaults: false, allowedActions: ['changeDays', 'changeWeekend'] });
    expect((await inject(admin, 'GET', '/api/calendar/1999')).statusCode).toBe(400);
    expect((await inject(admin, 'GET', '/api/calendar/next')).statusCode).toBe(400);
  });
});

describe('who may change the calendar', () => {
  it.each(['officer', 'agencyadmin', 'inspector', 'leader'])('refuses %s every change and leaves everything as it was', async (username) => {
    const user = await t.signIn(username);
    const before = { stored: await fingerprint(t.db), y2026: await year(2026) };
    const attempts = [
      await inject(user, 'PUT', '/api/calendar/days/2026-03-06', { kind: 'holiday', name: 'Nghỉ' }),
      await inject(user, 'DELETE', '/api/calendar/days/2026-01-01'),
      await inject(user, 'PUT', '/api/calendar/weekend', { weekendDays: [7] }),
      await inject(user, 'POST', '/api/calendar/2026/defaults'),
    ];
    expect(attempts.map((response) => response.statusCode)).toEqual([403, 403, 403, 403]);
    expect(attempts[0]!.json().error.message).toBe('Bạn không có quyền thực hiện thao tác này.');
    expect({ stored: await fingerprint(t.db), y2026: await year(2026) }).toEqual(before);
  });
});

describe('validation', () => {
  it('refuses a holiday on a weekly day off and says to enter the compensatory day instead', async () => {
    const vi = await inject(admin, 'PUT', '/api/calendar/days/2026-03-07', { kind: 'holiday', name: 'Nghỉ' });
    expect(vi.statusCode).toBe(400);
    expect(vi.json().error.details).toEqual([{
      path: 'date',
      message: 'Ngày 07/03/2026 là thứ Bảy, vốn đã là ngày nghỉ hằng tuần nên không cần khai báo ngày nghỉ. Nếu ngày lễ trùng ngày nghỉ hằng tuần, hãy khai báo ngày nghỉ bù vào ngày làm việc kế tiếp (khoản 3 Điều 111 Bộ luật Lao động 2019).',
    }]);
    const en = await inject(admin, 'PUT', '/api/calendar/days/2026-03-08', { kind: 'holiday', name: 'Nghỉ' }, 'en');
    expect(en.json().error.details[0].message).toMatch(/^08\/03\/2026 is a Sunday, already a weekly day off/);
  });

  it('refuses a working day on a day already worked', async () => {
    const response = await inject(admin, 'PUT', '/api/calendar/days/2026-03-05', { kind: 'working_day', name: 'Làm bù' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0]).toEqual({
      path: 'date',
      message: 'Ngày 05/03/2026 là thứ Năm, vốn đã là ngày làm việc. Chỉ khai báo làm bù cho ngày nghỉ hằng tuần (ví dụ thứ Bảy đi làm bù).',
    });
  });

  it.each([
    ['/api/calendar/days/2026-02-30', { kind: 'holiday', name: 'x' }, 'params.date'],
    ['/api/calendar/days/26-03-05', { kind: 'holiday', name: 'x' }, 'params.date'],
    ['/api/calendar/days/2026-03-05', { kind: 'day_off', name: 'x' }, 'kind'],
    ['/api/calendar/days/2026-03-05', { kind: 'holiday', name: '<b>Nghỉ</b>' }, 'name'],
    ['/api/calendar/days/2026-03-05', { kind: 'holiday', name: '' }, 'name'],
    ['/api/calendar/days/2026-03-05', { kind: 'holiday', name: 'x', note: 'y' }, 'note'],
  ])('refuses PUT %s %j at %s', async (url, payload, path) => {
    const response = await inject(admin, 'PUT', url, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((detail: { path: string }) => detail.path)).toContain(path);
  });

  it('refuses dates outside 2000-2100 with a message saying so', async () => {
    const response = await inject(admin, 'PUT', '/api/calendar/days/1999-12-31', { kind: 'holiday', name: 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0]).toEqual({ path: 'params.date', message: 'Chỉ nhận ngày từ năm 2000 đến năm 2100, dạng yyyy-MM-dd.' });
  });

  it.each([
    [[6, 6], 'Mỗi ngày trong tuần chỉ được chọn một lần.'],
    [[1, 2, 3, 4, 5, 6, 7], 'Phải còn ít nhất một ngày làm việc trong tuần; không thể chọn cả bảy ngày là ngày nghỉ.'],
  ])('refuses the weekly pattern %j', async (weekendDays, message) => {
    const response = await inject(admin, 'PUT', '/api/calendar/weekend', { weekendDays });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].message).toBe(message);
  });

  it('refuses weekday numbers outside 1-7 (ISO: 1 = Monday, 7 = Sunday)', async () => {
    for (const weekendDays of [[0], [8], ['6']]) {
      expect((await inject(admin, 'PUT', '/api/calendar/weekend', { weekendDays })).statusCode).toBe(400);
    }
  });

  it('answers 404 for removing a date with no entry', async () => {
    const response = await inject(admin, 'DELETE', '/api/calendar/days/2026-03-05');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toBe('Không tìm thấy ngày nghỉ hoặc ngày làm bù này.');
  });
});

describe('changes, each with its audit event', () => {
  it('adds, renames and removes a swap, recording before and after', async () => {
    const off = await inject(admin, 'PUT', '/api/calendar/days/2026-01-02', { kind: 'holiday', name: 'Nghỉ hoán đổi sau Tết Dương lịch' });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ date: '2026-01-02', kind: 'holiday', isEffective: true });
    const worked = await inject(admin, 'PUT', '/api/calendar/days/2026-01-10', { kind: 'working_day', name: 'Làm bù cho ngày 02/01/2026' });
    expect(worked.statusCode).toBe(200);

    const [added] = (await events('calendar.day_added', '2026-01-10')).items;
    expect(added).toMatchObject({
      entityType: 'calendar_day', agencyId: null, actor: { username: 'admin' },
      before: null, after: { date: '2026-01-10', kind: 'working_day', name: 'Làm bù cho ngày 02/01/2026' },
    });

    expect((await inject(admin, 'PUT', '/api/calendar/days/2026-01-02', { kind: 'holiday', name: 'Nghỉ hoán đổi (Tết Dương lịch)' })).statusCode).toBe(200);
    const changed = (await events('calendar.day_changed', '2026-01-02')).items;
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ before: { name: 'Nghỉ hoán đổi sau Tết Dương lịch' }, after: { name: 'Nghỉ hoán đổi (Tết Dương lịch)' } });
    // Saving the same entry again changes nothing and records nothing.
    await inject(admin, 'PUT', '/api/calendar/days/2026-01-02', { kind: 'holiday', name: 'Nghỉ hoán đổi (Tết Dương lịch)' });
    expect((await events('calendar.day_changed', '2026-01-02')).items).toHaveLength(1);

    // The swap moves deadlines: from Wednesday 31/12/2025, the 6th working day is Saturday 10/1.
    expect((await dueDate('2025-12-31', 6)).dueDate).toBe('2026-01-10');

    for (const date of ['2026-01-02', '2026-01-10']) {
      expect((await inject(admin, 'DELETE', `/api/calendar/days/${date}`)).statusCode).toBe(204);
    }
    const [removed] = (await events('calendar.day_removed', '2026-01-10')).items;
    expect(removed).toMatchObject({ before: { kind: 'working_day' }, after: null });
    expect((await year(2026)).days.map((day: { date: string }) => day.date)).not.toContain('2026-01-10');
    expect((await dueDate('2025-12-31', 6)).dueDate).toBe('2026-01-09');
  });

  it('changes the weekly days off, flags entries it makes meaningless, and records it', async () => {
    await inject(admin, 'PUT', '/api/calendar/days/2026-03-07', { kind: 'working_day', name: 'Làm bù' });
    try {
      const response = await inject(admin, 'PUT', '/api/calendar/weekend', { weekendDays: [7] });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ weekendDays: [7] });
      const y = await year(2026);
      expect(y.weekendDays).toEqual([7]);
      expect(y.days.find((day: { date: string }) => day.date === '2026-03-07').isEffective).toBe(false);
      // Saturdays are worked now.
      expect((await dueDate('2026-03-12', 2)).dueDate).toBe('2026-03-14');
      const [event] = (await events('calendar.weekend_changed')).items;
      expect(event).toMatchObject({ before: { weekendDays: [6, 7] }, after: { weekendDays: [7] }, agencyId: null });
    } finally {
      await inject(admin, 'PUT', '/api/calendar/weekend', { weekendDays: [7, 6] });
      await inject(admin, 'DELETE', '/api/calendar/days/2026-03-07');
    }
    expect((await year(2026)).weekendDays).toEqual([6, 7]);
    expect((await t.services.audit.verify()).isIntact).toBe(true);
  });
});

describe('loading the Vietnamese defaults', () => {
  it('adds only what is missing, keeps what an administrator entered, and is idempotent', async () => {
    const loadedBefore = (await events('calendar.defaults_loaded')).total;
    expect(loadedBefore).toBe(3); // the demo loaded 2025, 2026 and 2027

    // Nothing is missing after the demo: nothing added, nothing recorded.
    const again = await inject(admin, 'POST', '/api/calendar/2026/defaults');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ year: 2026, added: [] });
    expect(again.json().skipped).toHaveLength(11);
    expect((await events('calendar.defaults_loaded')).total).toBe(loadedBefore);

    // Remove two days and rename a third: loading brings back the two and keeps the renamed one.
    await inject(admin, 'DELETE', '/api/calendar/days/2026-04-27');
    await inject(admin, 'DELETE', '/api/calendar/days/2026-09-01');
    await inject(admin, 'PUT', '/api/calendar/days/2026-09-02', { kind: 'holiday', name: 'Quốc khánh (theo thông báo của tỉnh)' });
    const reload = (await inject(admin, 'POST', '/api/calendar/2026/defaults')).json();
    expect(reload.added.map((day: { date: string }) => day.date)).toEqual(['2026-04-27', '2026-09-01']);
    expect(reload.skipped.map((day: { date: string }) => day.date)).toContain('2026-09-02');
    expect((await year(2026)).days.find((day: { date: string }) => day.date === '2026-09-02').name).toBe('Quốc khánh (theo thông báo của tỉnh)');
    const loaded = (await events('calendar.defaults_loaded', '2026')).items.at(-1);
    expect(loaded?.after).toMatchObject({ year: 2026, added: [{ date: '2026-04-27' }, { date: '2026-09-01' }] });

    expect((await inject(admin, 'POST', '/api/calendar/2026/defaults')).json().added).toEqual([]);
    expect((await events('calendar.defaults_loaded')).total).toBe(loadedBefore + 1);
    expect((await year(2026)).days).toHaveLength(11);
  });

  it('says which years it has defaults for when asked for another', async () => {
    const response = await inject(admin, 'POST', '/api/calendar/2031/defaults', undefined, 'en');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe(
      "There are no default holidays for 2031 (there are for 2025, 2026, 2027). Enter the days one by one from that year's official holiday announcement.",
    );
  });
});

describe('due dates on the stored calendar', () => {
  it('counts across Tết 2026 (start day not counted)', async () => {
    expect(await dueDate('2026-02-11', 5)).toEqual({
      from: '2026-02-11', workingDays: 5, dueDate: '2026-02-25', warningDate: '2026-02-24', yearsWithoutHolidays: [],
    });
    expect(await dueDate('2026-02-13', 1)).toMatchObject({ dueDate: '2026-02-23', warningDate: '2026-02-13' });
    expect((await dueDate('2026-02-18', 0)).dueDate).toBe('2026-02-23');
    expect((await dueDate('2026-02-02', 15)).dueDate).toBe('2026-03-02');
  });

  it('skips the compensatory day off after a holiday on a Sunday', async () => {
    expect(await dueDate('2026-04-24', 1)).toMatchObject({ dueDate: '2026-04-28', warningDate: '2026-04-24' });
    expect(await dueDate('2026-04-25', 1)).toMatchObject({ dueDate: '2026-04-28', warningDate: null }); // received on Saturday
    expect((await dueDate('2026-04-24', 4)).dueDate).toBe('2026-05-05');
    expect((await dueDate('2027-04-29', 1)).dueDate).toBe('2027-05-04'); // 30/4 Fri, 1/5 Sat → Mon 3/5 off
  });

  it('warns when the span reaches a year without holidays entered', async () => {
    expect((await dueDate('2027-12-20', 10)).yearsWithoutHolidays).toEqual([2028]);
  });

  it('gives the workflow the same answers through the service', async () => {
    const { calendar } = t.services;
    expect(await calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    const cal = await calendar.workingCalendar(2025, 2027);
    expect(isWorkingDay('2027-02-10', cal)).toBe(false);
    expect(isWorkingDay('2025-01-27', cal)).toBe(false);
    expect(isWorkingDay('2025-02-03', cal)).toBe(true);
  });

  it('refuses bad queries and strangers', async () => {
    for (const query of ['from=2026-02-11&workingDays=-1', 'from=2026-02-11&workingDays=1001', 'from=2026-02-11&workingDays=1.5', 'workingDays=3', 'from=11/02/2026&workingDays=3']) {
      expect((await inject(admin, 'GET', `/api/calendar/due-date?${query}`)).statusCode, query).toBe(400);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/due-date?from=2026-02-11&workingDays=5' })).statusCode).toBe(401);
  });
});
