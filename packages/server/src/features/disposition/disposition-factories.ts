import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Role } from '@nghiemthu/shared';
import { withTransaction } from '../../db/client.js';
import { agencies, documents, recordClasses, recordListItems, users } from '../../db/schema.js';
import { samplePdf } from '../../testing/acceptance-factories.js';
import type { TestApp } from '../../testing/test-app.js';
import type { Actor } from '../auth/actor.js';
import { insertSealedRecord } from '../records/record-seal.js';

export type MadeRecord = { id: string; code: string; files: { id: string; sha256: string }[] };

/**
 * Closed, sealed records of any age for the disposition tests, written the
 * way a record is closed (insertSealedRecord, so the seal is in the audit
 * chain). By default held by the demo Department of Science and Technology.
 */
export function dispositionFactories(t: TestApp) {
  let sequence = 0;

  async function actorOf(username: string): Promise<Actor> {
    const [user] = await t.db.select().from(users).where(eq(users.username, username));
    if (!user) throw new Error(`no demo user ${username}`);
    return { userId: user.id, username, fullName: user.fullName, agencyId: user.agencyId, roles: user.roles as Role[], onBehalfOf: null, sessionTokenHash: '', csrfToken: '' };
  }

  async function closedRecord(options: { endDate: string; classCode?: string; agencyCode?: string; contents?: Buffer[]; title?: string }): Promise<MadeRecord> {
    const officer = await actorOf('officer');
    const source = { actor: officer, ip: null, userAgent: 'test' };
    const classCode = options.classCode ?? 'HN';
    const year = Number(options.endDate.slice(0, 4));
    sequence += 1;
    return withTransaction(t.db, async (tx) => {
      const [agency] = await tx.select().from(agencies).where(eq(agencies.code, options.agencyCode ?? '000.00.11.H99'));
      const [recordClass] = await tx.select().from(recordClasses).where(eq(recordClasses.code, classCode));
      const listKey = and(eq(recordListItems.agencyId, agency!.id), eq(recordListItems.year, year), eq(recordListItems.code, classCode));
      let [item] = await tx.select().from(recordListItems).where(listKey);
      if (!item) {
        [item] = await tx.insert(recordListItems).values({
          id: randomUUID(), agencyId: agency!.id, year, code: classCode, title: `${recordClass!.name} năm ${year}`, recordClassId: recordClass!.id,
          responsibleUserId: null, note: null, createdAt: t.clock.now(), updatedAt: t.clock.now(),
        }).returning();
      }
      const id = randomUUID();
      const code = `${year}.${classCode}.${100 + sequence}`; // from 101: the demo's own record is 2019.HN.001
      const stored = [];
      for (const [index, bytes] of (options.contents ?? [samplePdf(), samplePdf()]).entries()) {
        stored.push(await t.services.files.storeGenerated(tx, source, { bytes, fileName: `tai-lieu-${index + 1}.pdf`, mediaType: 'application/pdf', agencyId: agency!.id, createdBy: officer.userId }));
      }
      const docs: (typeof documents.$inferInsert)[] = stored.map((file, index) => ({
        id: randomUUID(), recordId: id, ordinal: index + 1, fileName: `${code}.${String(index + 1).padStart(2, '0')}.pdf`, fileId: file.id, source: 'scan',
        identifier: `${agency!.code}.${year}.${code}.${index + 1}`, issuerCode: agency!.code, issuerName: agency!.name, number: null, symbol: null,
        isConfidentialSeries: false, typeCode: 'TL', issueDate: options.endDate, issueYear: year, summary: `Tài liệu ${index + 1} của hồ sơ ${code}`,
        language: 'vi', pageCount: 1, keywords: [], signerName: null, signerPosition: null, authorityPrefix: null, recipients: null, accessLevel: 'internal',
        reliability: 'digitised', notes: null, version: 1, supersedesId: null, derivativeFileId: null, signatureStatus: 'none', signatureReport: null,
        textStatus: 'none', capturedAt: t.clock.now(), capturedBy: officer.userId,
      }));
      await insertSealedRecord(tx, t.services.audit, source, {
        record: {
          id, agencyId: agency!.id, listItemId: item!.id, code, title: options.title ?? `Hồ sơ hội nghị ${code}`, recordClassId: recordClass!.id,
          retentionYears: recordClass!.retentionYears, accessLevel: 'internal', language: 'vi', keywords: [], startDate: `${year}-01-02`, endDate: options.endDate,
          responsibleUserId: officer.userId, status: 'open', dossierId: null, orderId: null, documentCount: docs.length, pageCount: docs.length,
          legalHold: null, createdAt: t.clock.now(), updatedAt: t.clock.now(),
        },
        documents: docs, closedBy: officer.userId, closedAt: t.clock.now(),
      });
      return { id, code, files: stored.map((f) => ({ id: f.id, sha256: f.sha256 })) };
    });
  }

  return { closedRecord, actorOf };
}

/** Now, in Vietnam, as an instant: `at('2026-01-01T00:00')` is midnight of New Year's Day there. */
export const vietnamTime = (local: string) => new Date(`${local}:00+07:00`);
