import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceFactories } from '../../testing/acceptance-factories.js';
import { buildTestApp, type TestApp } from '../../testing/test-app.js';
import { saveDocumentText } from './document-text.js';

let t: TestApp;
let f: ReturnType<typeof acceptanceFactories>;
let record: { id: string; code: string; documents: { id: string; source: string; typeCode: string }[] };

type Hit = { documentId: string; snippet: { text: string; isMatch: boolean }[]; typeCode: string };

beforeAll(async () => {
  t = await buildTestApp();
  f = acceptanceFactories(t);
  const dossierId = await f.dossierIn('paid');
  const officer = await f.as('officer');
  const page = await f.ok(f.send(officer, 'GET', '/api/records?pageSize=50'), 'records');
  record = await f.ok(f.send(officer, 'GET', `/api/records/${page.items.find((r: { dossierId: string }) => r.dossierId === dossierId).id}`), 'record');
  // Two reports whose words differ only by their diacritics: "mưa ngâu" (the July rains) and "múa ngầu".
  const [meeting, other] = record.documents.filter((d) => d.source.startsWith('dossier_file:'));
  await saveDocumentText(t.db, meeting!.id, 'Báo cáo', 'Trong đợt mưa ngâu tháng Bảy, hệ thống LGSP vẫn vận hành ổn định, có 42 sự cố được xử lý.', 'extracted', new Date());
  await saveDocumentText(t.db, other!.id, 'Báo cáo', 'Tiết mục múa ngầu tại buổi tập huấn thư điện tử công vụ.', 'ocr', new Date());
});
afterAll(() => t.close());

const search = async (username: string, query: string) =>
  f.ok(f.send(await f.as(username), 'GET', `/api/search?${query}`), query) as Promise<{ items: Hit[]; total: number }>;

describe('searching records', () => {
  it('finds words without diacritics, in NFD, or as written, ranking the exact diacritics first', async () => {
    const [meeting, other] = record.documents.filter((d) => d.source.startsWith('dossier_file:'));
    const plain = await search('officer', `q=${encodeURIComponent('mua ngau')}`);
    expect(plain.items.map((h) => h.documentId).sort()).toEqual([meeting!.id, other!.id].sort());
    const exact = await search('officer', `q=${encodeURIComponent('mưa ngâu')}`);
    expect(exact.items.map((h) => h.documentId)).toEqual([meeting!.id, other!.id]);
    const nfd = await search('officer', `q=${encodeURIComponent('mưa ngâu'.normalize('NFD'))}`);
    expect(nfd.items.map((h) => h.documentId)).toEqual([meeting!.id, other!.id]);
    // The snippet shows the words as written, marked; never the whole text.
    const marked = exact.items[0]!.snippet.filter((piece) => piece.isMatch).map((piece) => piece.text);
    expect(marked).toEqual(['mưa', 'ngâu']);
    expect(exact.items[0]).not.toHaveProperty('content');
  });

  it('searches metadata too, filters by type, and shows only what the reader may see', async () => {
    const minutes = await search('officer', `q=${encodeURIComponent('bien ban nghiem thu')}&typeCode=BB`);
    expect(minutes.total).toBeGreaterThanOrEqual(1);
    expect(minutes.items.every((h) => h.typeCode === 'BB')).toBe(true);
    expect((await search('provider', `q=${encodeURIComponent('mua ngau')}`)).total).toBe(2);
    expect((await search('council2', `q=${encodeURIComponent('mua ngau')}`)).total).toBe(0);
    expect((await search('officer', `q=${encodeURIComponent('không có từ này')}`)).total).toBe(0);
  });

  it('saves a search under a name, refuses the same name twice, and exports the hits as xlsx', async () => {
    const officer = await f.as('officer');
    const saved = await f.ok(f.send(officer, 'POST', '/api/saved-searches', { name: 'Mưa ngâu LGSP', query: { q: 'mưa ngâu', sort: 'relevance', order: 'desc' } }), 'save');
    expect(saved).toMatchObject({ name: 'Mưa ngâu LGSP', query: { q: 'mưa ngâu' } });
    const twice = await f.send(officer, 'POST', '/api/saved-searches', { name: 'Mưa ngâu LGSP', query: { q: 'x' } });
    expect(twice.statusCode).toBe(409);
    expect((await f.ok(f.send(officer, 'GET', '/api/saved-searches'), 'list'))).toHaveLength(1);
    // Someone else's saved search is not theirs to delete.
    expect((await f.send(await f.as('leader'), 'DELETE', `/api/saved-searches/${saved.id}`)).statusCode).toBe(404);
    expect((await f.send(officer, 'DELETE', `/api/saved-searches/${saved.id}`)).statusCode).toBe(204);

    const exported = await f.send(officer, 'GET', `/api/search/export.xlsx?q=${encodeURIComponent('mua ngau')}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
  });
});
