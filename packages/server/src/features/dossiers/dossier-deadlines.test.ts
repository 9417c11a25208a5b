import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceFactories } from '../../testing/acceptance-factories.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';

let t: TestApp;
let f: ReturnType<typeof acceptanceFactories>;

beforeAll(async () => {
  t = await buildTestApp();
  f = acceptanceFactories(t);
});
afterAll(() => t.close());

/** 09:00 in Vietnam on a date. */
const at = (date: string) => t.clock.set(new Date(`${date}T02:00:00.000Z`));
const get = async (id: string) => f.ok(f.send(await f.as('officer'), 'GET', `/api/dossiers/${id}`), 'get');

describe('deadlines in working days', () => {
  it('counts across the Tết holiday, pauses the agency while the provider supplements, and extends a step only once', async () => {
    at('2026-02-13'); // Friday before the Tết break (14-22/02/2026)
    const id = await f.dossierIn('submitted');
    // 3 working days to receive: the 9-day break is skipped, so Mon 23, Tue 24, Wed 25.
    expect((await get(id)).stepDueDate).toBe('2026-02-25');

    at('2026-02-24');
    const officer = await f.as('officer');
    const asked = await f.step(officer, id, 'request_supplement', { reason: 'Bổ sung nhật ký giám sát tháng 01 của LGSP' });
    // The provider has 5 working days; the agency had 1 day left, which waits for the answer.
    expect(asked).toMatchObject({ state: 'supplement_requested', supplementRounds: 1, stepDueDate: '2026-03-03' });

    at('2026-03-02');
    const provider = await f.as('provider');
    const evidence = await f.upload(provider, 'nhat-ky-lgsp-thang-01.pdf');
    await f.ok(f.send(provider, 'POST', `/api/dossiers/${id}/files`, { fileId: evidence.id, documentType: 'supplement', lineNo: 1, kpiCode: 'UPTIME' }), 'attach');
    const answered = await f.step(provider, id, 'answer_supplement');
    expect(answered).toMatchObject({ state: 'submitted', stepDueDate: '2026-03-03' });
    expect(answered.files.find((file: { fileId: string }) => file.fileId === evidence.id)).toMatchObject({ round: 1 });

    const extended = await f.ok(f.send(await f.as('officer'), 'POST', `/api/dossiers/${id}/extend-deadline`, { workingDays: 2, reason: 'Chờ xác minh số liệu với Trung tâm dữ liệu' }), 'extend');
    expect(extended).toMatchObject({ stepDueDate: '2026-03-05', stepExtended: true });
    expect(extended.allowedActions).not.toContain('extendDeadline');
    const twice = await f.send(await f.as('officer'), 'POST', `/api/dossiers/${id}/extend-deadline`, { workingDays: 1, reason: 'Thêm' }, 'en');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('This step was already extended once (to 05/03/2026); each step can be extended once.');
    expect(extended.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'request_supplement', 'answer_supplement', 'extend_deadline']);
    expect(extended.timeline[1]).toMatchObject({ stepDueDate: '2026-02-25', onTime: true }); // the receiving step, ended by the request
  });

  it('warns one working day before, then flags overdue and escalates to the leaders, once each', async () => {
    at('2026-03-09'); // Monday
    const id = await f.dossierIn('submitted');
    const due = (await get(id)).stepDueDate;
    expect(due).toBe('2026-03-12');

    at('2026-03-10');
    expect(await t.services.dossierWorkflow.scanDeadlines()).toMatchObject({ dueSoon: 0 });
    at('2026-03-11'); // the working day before
    const soon = await t.services.dossierWorkflow.scanDeadlines();
    expect(soon.dueSoon).toBeGreaterThanOrEqual(1);
    expect((await get(id)).deadline).toBe('due_soon');
    expect((await t.services.dossierWorkflow.scanDeadlines()).dueSoon).toBe(0); // once

    at('2026-03-13');
    const late = await t.services.dossierWorkflow.scanDeadlines();
    expect(late.overdue).toBeGreaterThanOrEqual(1);
    expect((await get(id)).deadline).toBe('overdue');
    const leader = await f.as('leader');
    const inbox = await f.ok(f.send(leader, 'GET', '/api/notifications?pageSize=50', undefined, 'en'), 'notifications');
    const escalation = inbox.items.find((n: { kind: string; dossierId: string }) => n.kind === 'dossier_escalated' && n.dossierId === id);
    expect(escalation.title).toContain('12/03/2026');
    const officerInbox = await f.ok(f.send(await f.as('officer'), 'GET', '/api/notifications?pageSize=50'), 'notifications');
    expect(officerInbox.items.filter((n: { kind: string; dossierId: string }) => n.dossierId === id).map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['dossier_awaiting_you', 'dossier_due_soon', 'dossier_overdue']));
    expect((await t.services.dossierWorkflow.scanDeadlines()).overdue).toBe(0);

    const overdueList = await f.ok(f.send(leader, 'GET', '/api/dossiers?deadline=overdue'), 'list');
    expect(overdueList.items.map((d: { id: string }) => d.id)).toContain(id);
    const overview = await f.ok(f.send(leader, 'GET', '/api/dossiers/overview'), 'overview');
    expect(overview.overdue).toBeGreaterThanOrEqual(1);
  });
});

describe('delegation and numbering', () => {
  it('records a deputy\'s decision as acting for the leader, in the timeline, the dossier and the audit log', async () => {
    at('2026-03-16');
    const id = await f.dossierIn('awaiting_decision');
    const leader = await f.as('leader');
    const officer = await f.as('officer');
    await f.ok(f.send(leader, 'POST', '/api/delegations', { deputyId: officer.me.user.id, validFrom: t.clock.now().toISOString(), validTo: new Date(t.clock.now().getTime() + 86_400_000).toISOString(), reason: 'Đi công tác Hà Nội' }), 'delegate');
    const queue = await f.ok(f.send(officer, 'GET', '/api/my-work'), 'my work');
    expect(queue.items.find((i: { dossier: { id: string } }) => i.dossier.id === id)).toMatchObject({ task: 'approve', actingFor: { username: 'leader' } });
    const approved = await f.step(officer, id, 'approve', { conclusion: 'accepted_with_conditions', conclusionText: 'Nghiệm thu, yêu cầu bổ sung quy trình sao lưu trong quý sau.' });
    expect(approved).toMatchObject({ state: 'approved', conclusion: 'accepted_with_conditions', decidedBy: { username: 'officer' }, decidedActingFor: { username: 'leader' } });
    expect(approved.timeline.at(-1)).toMatchObject({ action: 'approve', actor: { username: 'officer' }, actingFor: { username: 'leader' } });
    expect((await f.auditOf(id)).at(-1)).toMatchObject({ action: 'dossier.approve', actor: { username: 'officer' }, onBehalfOf: { username: 'leader' } });
  });

  it('gives concurrent submissions of one day unique consecutive codes', async () => {
    at('2026-03-17');
    const drafts = [];
    for (let i = 0; i < 6; i++) drafts.push(await f.preparedDossier((await f.createOrder({ signed: true })).id));
    const provider = await f.as('provider');
    const results = await Promise.all(drafts.map((id) => f.send(provider, 'POST', `/api/dossiers/${id}/steps/submit`, {})));
    expect(results.map((r) => r.statusCode)).toEqual(drafts.map(() => 200));
    const codes = results.map((r) => r.json().code as string).sort();
    expect(new Set(codes).size).toBe(6);
    expect(codes.map((c) => c.slice(-4))).toEqual(['0001', '0002', '0003', '0004', '0005', '0006']);
    expect(codes.every((c) => c.startsWith('000.00.11.H99-260317-'))).toBe(true);
  });
});
