import { and, eq } from 'drizzle-orm';
import type { RecordDocument, SignatureReport } from '@nghiemthu/shared';
import { withTransaction, type Db } from '../../db/client.js';
import { documents, files } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import type { FilesService } from '../files/files.service.js';
import type { TrustAnchorsService } from '../signatures/trust-anchors.service.js';
import { checkSignatures } from './record-signatures.js';
import type { RecordsService } from './records.service.js';

export type DocumentSignatures = { status: RecordDocument['signatureStatus']; report: SignatureReport | null };

/**
 * A document's signature report as validated at capture, and validation again
 * on demand (new trust anchors, a certificate since expired): the report and
 * status are replaced, the file is never touched, and the check is audited.
 */
export function createDocumentSignatures(deps: { db: Db; clock: Clock; audit: AuditService; files: FilesService; records: RecordsService; trustAnchors: TrustAnchorsService }) {
  const { db, clock, audit } = deps;

  async function load(actor: Actor, recordId: string, documentId: string) {
    await deps.records.get(actor, recordId); // 404 unless the actor may read the record
    const [found] = await db.select({ d: documents, f: files }).from(documents).innerJoin(files, eq(files.id, documents.fileId))
      .where(and(eq(documents.id, documentId), eq(documents.recordId, recordId)));
    if (!found) throw notFound('thingDocument');
    return found;
  }

  async function report(actor: Actor, recordId: string, documentId: string): Promise<DocumentSignatures> {
    const { d } = await load(actor, recordId, documentId);
    return { status: d.signatureStatus, report: (d.signatureReport as SignatureReport | null) ?? null };
  }

  async function recheck(actor: Actor, recordId: string, documentId: string, source: AuditSource): Promise<DocumentSignatures> {
    const { d, f } = await load(actor, recordId, documentId);
    if (f.mediaType !== 'application/pdf') return { status: 'none', report: null };
    const checked = await checkSignatures(await deps.files.readAll(f), await deps.trustAnchors.activeCertificates(), clock.now());
    return withTransaction(db, async (tx) => {
      await tx.update(documents).set({ signatureStatus: checked.status, signatureReport: checked.report }).where(eq(documents.id, documentId));
      await audit.record(tx, source, {
        action: 'document.signatures_checked', entityType: 'document', entityId: documentId, agencyId: null,
        before: { status: d.signatureStatus }, after: { status: checked.status, signatures: checked.report?.signatures.length ?? 0 },
      });
      return checked;
    });
  }

  return { report, recheck };
}

export type DocumentSignaturesService = ReturnType<typeof createDocumentSignatures>;
