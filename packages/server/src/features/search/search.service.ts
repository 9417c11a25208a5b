import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import {
  localDate, searchWords, type SaveSearchBody, type SavedSearch, type SearchExportQuery, type SearchHit, type SearchPage, type SearchQuery, type Snippet,
} from '@nghiemthu/shared';
import type { Db } from '../../db/client.js';
import { documents, documentTexts, dossiers, records, savedSearches } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { excelDate, excelDateTime, streamWorkbook, XLSX_MEDIA_TYPE, type ExportColumn } from '../../lib/xlsx-export.js';
import type { ScopeService } from '../agencies/agency-scope.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { hasRole, type Actor } from '../auth/actor.js';

const SNIPPET_RADIUS = 90;
/** A search export is for reading, not a bulk copy: the first 10,000 hits in the list's order. */
const EXPORT_LIMIT = 10_000;

const EXPORT_COLUMNS: ExportColumn<SearchHit>[] = [
  { header: 'Mã hồ sơ', width: 16, kind: 'text', value: (h) => h.recordCode },
  { header: 'Tên tệp', width: 24, kind: 'text', value: (h) => h.fileName },
  { header: 'Trích yếu', width: 60, kind: 'text', value: (h) => h.summary },
  { header: 'Loại văn bản', width: 10, kind: 'text', value: (h) => h.typeCode },
  { header: 'Ngày văn bản', width: 14, kind: 'date', value: (h) => excelDate(h.issueDate) },
  { header: 'Cơ quan ban hành', width: 36, kind: 'text', value: (h) => h.issuerName },
  { header: 'Chữ ký số', width: 16, kind: 'text', value: (h) => h.signatureStatus },
  { header: 'Hồ sơ', width: 60, kind: 'text', value: (h) => h.recordTitle },
];

/**
 * Full-text search over the documents of records the reader may see. Words
 * match without regard to diacritics, case or Unicode form (the folded
 * vector); documents where the words appear as typed, diacritics included,
 * rank first (the exact vector). Results carry a snippet, never the text.
 */
export function createSearchService(deps: { db: Db; clock: Clock; scope: ScopeService; audit: AuditService }) {
  const { db, clock, scope, audit } = deps;

  async function conditions(actor: Actor, query: SearchExportQuery): Promise<{ where: SQL | undefined; folded: string[]; exact: string[] }> {
    const { exact, folded } = searchWords(query.q ?? '');
    const reach = hasRole(actor, 'system_admin', 'inspector') ? null : await scope.reachOf(actor.agencyId);
    const agencyReach = query.agencyId ? await scope.reachOf(query.agencyId) : null;
    const where = and(
      reach ? or(inArray(records.agencyId, reach), inArray(dossiers.providerAgencyId, reach)) : undefined,
      inArray(records.status, ['closed', 'open']),
      folded.length > 0 ? sql`${documentTexts.plainVector} @@ to_tsquery('simple', ${tsQuery(folded)})` : undefined,
      agencyReach ? inArray(records.agencyId, agencyReach) : undefined,
      query.year ? eq(documents.issueYear, query.year) : undefined,
      query.typeCode ? eq(documents.typeCode, query.typeCode) : undefined,
      query.recordClassId ? eq(records.recordClassId, query.recordClassId) : undefined,
      query.orderId ? eq(records.orderId, query.orderId) : undefined,
      query.providerAgencyId ? eq(dossiers.providerAgencyId, query.providerAgencyId) : undefined,
      query.signatureStatus ? eq(documents.signatureStatus, query.signatureStatus) : undefined,
    );
    return { where, folded, exact };
  }

  const base = (columns: Parameters<Db['select']>[0]) => db.select(columns).from(documents)
    .innerJoin(records, eq(records.id, documents.recordId))
    .innerJoin(documentTexts, eq(documentTexts.documentId, documents.id))
    .leftJoin(dossiers, eq(dossiers.id, records.dossierId));

  function ordering(query: SearchExportQuery, folded: string[], exact: string[]) {
    const direction = query.order === 'asc' ? asc : desc;
    if (query.sort === 'issueDate') return [direction(documents.issueDate), asc(documents.id)];
    if (query.sort === 'recordCode') return [direction(records.code), asc(documents.ordinal)];
    if (folded.length === 0) return [desc(documents.capturedAt), asc(documents.id)];
    // Words as typed (with their diacritics) weigh double: "hội nghị" finds "hoi nghi" too, but after it.
    const rank = sql`2 * ts_rank(${documentTexts.exactVector}, to_tsquery('simple', ${tsQuery(exact)})) + ts_rank(${documentTexts.plainVector}, to_tsquery('simple', ${tsQuery(folded)}))`;
    return [sql`${rank} desc`, asc(documents.id)];
  }

  const hitColumns = {
    documentId: documents.id, recordId: records.id, recordCode: records.code, recordTitle: records.title, fileName: documents.fileName,
    summary: documents.summary, typeCode: documents.typeCode, issueDate: documents.issueDate, issuerName: documents.issuerName,
    signatureStatus: documents.signatureStatus, textSource: documentTexts.source,
  };
  type HitRow = { [K in keyof typeof hitColumns]: (typeof hitColumns)[K]['_']['data'] };

  async function search(actor: Actor, query: SearchQuery): Promise<SearchPage> {
    const { where, folded, exact } = await conditions(actor, query);
    const rows = (await base(hitColumns).where(where).orderBy(...ordering(query, folded, exact))
      .limit(query.pageSize).offset((query.page - 1) * query.pageSize)) as HitRow[];
    const [total] = await base({ n: count() }).where(where) as { n: number }[];
    const snippets = await snippetsFor(rows.map((r) => r.documentId), folded);
    return { items: rows.map((row) => present(row, snippets.get(row.documentId) ?? [])), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  /** Every hit of a query (at most `limit`), in its order, for the export. */
  async function searchAll(actor: Actor, query: SearchExportQuery, limit: number): Promise<SearchHit[]> {
    const { where, folded, exact } = await conditions(actor, query);
    const rows = (await base(hitColumns).where(where).orderBy(...ordering(query, folded, exact)).limit(limit)) as HitRow[];
    return rows.map((row) => present(row, []));
  }

  function present(row: HitRow, snippet: Snippet): SearchHit {
    return { ...row, typeCode: row.typeCode as SearchHit['typeCode'], snippet };
  }

  /**
   * Reads the text of this page's hits only, and cuts a window around the
   * first match: found in the folded text, shown from the text as written
   * (both have the same length, unit for unit).
   */
  async function snippetsFor(documentIds: string[], folded: string[]): Promise<Map<string, Snippet>> {
    const result = new Map<string, Snippet>();
    if (documentIds.length === 0) return result;
    const texts = await db.select({ id: documentTexts.documentId, content: documentTexts.content, plain: documentTexts.plain })
      .from(documentTexts).where(inArray(documentTexts.documentId, documentIds));
    for (const text of texts) result.set(text.id, snippetOf(text.content, text.plain, folded));
    return result;
  }

  /** The hits as an .xlsx file, in the list's order, at most EXPORT_LIMIT; recorded in the audit log with the query. */
  async function exportXlsx(actor: Actor, query: SearchExportQuery, source: AuditSource) {
    const hits = await searchAll(actor, query, EXPORT_LIMIT);
    await audit.record(db, source, { action: 'search.exported', entityType: 'search', after: { query, rows: hits.length } });
    const now = clock.now();
    return {
      fileName: `tim-kiem-${localDate(now)}.xlsx`,
      mediaType: XLSX_MEDIA_TYPE,
      body: streamWorkbook({
        sheetName: 'Kết quả tìm kiếm', columns: EXPORT_COLUMNS, batches: (async function* () { yield hits; })(),
        about: [
          ['Từ khóa', query.q ?? ''], ['Xuất lúc', excelDateTime(now)], ['Người xuất', `${actor.fullName} (${actor.username})`], ['Số kết quả', hits.length],
          ...(hits.length === EXPORT_LIMIT ? [['Lưu ý', `Chỉ gồm ${EXPORT_LIMIT.toLocaleString('vi-VN')} kết quả đầu; hãy lọc thêm để xuất phần còn lại.`] as [string, string]] : []),
        ],
      }),
    };
  }

  async function listSaved(actor: Actor): Promise<SavedSearch[]> {
    const rows = await db.select().from(savedSearches).where(eq(savedSearches.userId, actor.userId)).orderBy(asc(savedSearches.name));
    return rows.map((row) => ({ id: row.id, name: row.name, query: row.query as SavedSearch['query'], createdAt: row.createdAt.toISOString() }));
  }

  async function save(actor: Actor, body: SaveSearchBody): Promise<SavedSearch> {
    const [existing] = await db.select({ id: savedSearches.id }).from(savedSearches).where(and(eq(savedSearches.userId, actor.userId), eq(savedSearches.name, body.name)));
    if (existing) throw new AppError('CONFLICT', 'savedSearchNameTaken', { name: body.name });
    const row = { id: randomUUID(), userId: actor.userId, name: body.name, query: body.query, createdAt: clock.now() };
    await db.insert(savedSearches).values(row);
    return { id: row.id, name: row.name, query: body.query, createdAt: row.createdAt.toISOString() };
  }

  async function removeSaved(actor: Actor, id: string): Promise<void> {
    const removed = await db.delete(savedSearches).where(and(eq(savedSearches.id, id), eq(savedSearches.userId, actor.userId))).returning({ id: savedSearches.id });
    if (removed.length === 0) throw notFound('thingSavedSearch');
  }

  return { search, searchAll, exportXlsx, listSaved, save, removeSaved };
}

/**
 * Words joined for to_tsquery: each quoted (so no word is read as an operator), all required, whole words only:
 * with prefixes "nghi" would also find every "nghiệm", which in these records is nearly everything.
 */
function tsQuery(words: string[]): string {
  return words.map((word) => `'${word.replace(/'/g, "''")}'`).join(' & ');
}

export function snippetOf(content: string, plain: string, folded: string[]): Snippet {
  if (folded.length === 0) return [{ text: content.slice(0, SNIPPET_RADIUS * 2).trim(), isMatch: false }];
  const positions = folded.map((word) => findWord(plain, word)).filter((at) => at >= 0);
  const first = positions.length > 0 ? Math.min(...positions) : 0;
  const start = Math.max(0, first - SNIPPET_RADIUS);
  const end = Math.min(content.length, first + SNIPPET_RADIUS);
  const window = plain.slice(start, end);
  // Mark every occurrence of every word in the window, then cut the text as written at the same places.
  const marks: [number, number][] = [];
  for (const word of folded) {
    for (let at = findWord(window, word); at >= 0; at = findWord(window, word, at + word.length)) marks.push([at, at + word.length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  const pieces: Snippet = [];
  let cursor = 0;
  for (const [from, to] of marks) {
    if (from < cursor) continue;
    if (from > cursor) pieces.push({ text: content.slice(start + cursor, start + from), isMatch: false });
    pieces.push({ text: content.slice(start + from, start + to), isMatch: true });
    cursor = to;
  }
  if (cursor < window.length) pieces.push({ text: content.slice(start + cursor, end), isMatch: false });
  if (start > 0) pieces.unshift({ text: '…', isMatch: false });
  if (end < content.length) pieces.push({ text: '…', isMatch: false });
  return pieces.map((piece) => ({ ...piece, text: piece.text.replace(/\s+/g, ' ') }));
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** A whole word's position (not part of a longer word: "ho" is not in "học"), or -1. */
function findWord(text: string, word: string, from = 0): number {
  for (let at = text.indexOf(word, from); at >= 0; at = text.indexOf(word, at + 1)) {
    const end = at + word.length;
    if ((at === 0 || !WORD_CHARACTER.test(text[at - 1]!)) && (end >= text.length || !WORD_CHARACTER.test(text[end]!))) return at;
  }
  return -1;
}

export type SearchService = ReturnType<typeof createSearchService>;
