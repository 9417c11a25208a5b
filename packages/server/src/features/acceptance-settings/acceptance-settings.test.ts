import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAcceptanceSettings } from '@nghiemthu/shared';
import { acceptanceFactories } from '../../testing/acceptance-factories.js';
import { fingerprint } from '../../testing/fingerprint.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';

let t: TestApp;
let f: ReturnType<typeof acceptanceFactories>;

beforeAll(async () => {
  t = await buildTestApp();
  f = acceptanceFactories(t);
});
afterAll(() => t.close());

describe('acceptance settings', () => {
  it('starts from the defaults, lets everyone read and only system administrators change them', async () => {
    const officer = await f.as('officer');
    const view = await f.ok(f.send(officer, 'GET', '/api/settings/acceptance'), 'view');
    expect(view).toMatchObject({ canEdit: false, settings: defaultAcceptanceSettings() });
    expect(view.settings.stepDeadlines.ordering).toMatchObject({ submitted: 3, in_appraisal: 10 });
    expect((await f.send(officer, 'PUT', '/api/settings/acceptance', view.settings)).statusCode).toBe(403);
    const admin = await f.as('admin');
    const before = await fingerprint(t.db);
    const bad = structuredClone(view.settings);
    bad.stepDeadlines.ordering.submitted = 0;
    bad.requiredDocuments.ordering = ['completion_report', 'completion_report'];
    const refused = await f.send(admin, 'PUT', '/api/settings/acceptance', bad, 'en');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['requiredDocuments.ordering', 'stepDeadlines.ordering.submitted']);
    expect(await fingerprint(t.db)).toEqual(before);
  });

  it('applies changed deadlines and required documents to the next steps, and audits the change', async () => {
    const admin = await f.as('admin');
    const settings = defaultAcceptanceSettings();
    settings.stepDeadlines.ordering.submitted = 1;
    settings.requiredDocuments.ordering = ['completion_report', 'self_assessment', 'kpi_evidence', 'quantity_evidence'];
    await f.ok(f.send(admin, 'PUT', '/api/settings/acceptance', settings), 'put');
    const order = await f.createOrder({ signed: true });
    const id = await f.preparedDossier(order.id);
    const provider = await f.as('provider');
    const missing = await f.send(provider, 'POST', `/api/dossiers/${id}/steps/submit`, {}, 'en');
    expect(missing.json().error.details).toEqual([{ path: 'files', message: 'A required document is missing: quantity statement.' }]);
    const statement = await f.upload(provider, 'bang-ke-khoi-luong.pdf');
    await f.ok(f.send(provider, 'POST', `/api/dossiers/${id}/files`, { fileId: statement.id, documentType: 'quantity_evidence' }), 'attach');
    const submitted = await f.step(provider, id, 'submit');
    expect(submitted.stepDueDate).toBe('2026-01-16'); // one working day after Thursday 15/01/2026
    const events = await f.auditOf('acceptance.settings');
    expect(events.at(-1)).toMatchObject({ action: 'settings.acceptance_changed', actor: { username: 'admin' } });
  });
});
