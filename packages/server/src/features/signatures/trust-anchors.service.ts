import { randomUUID, X509Certificate } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { withTransaction, type Db } from '../../db/client.js';
import { trustAnchors } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { forbidden, invalid, notFound } from '../../lib/errors.js';
import type { AuditService, AuditSource } from '../audit/audit.service.js';
import { hasRole, type Actor } from '../auth/actor.js';

export type TrustAnchor = { id: string; subject: string; fingerprintSha256: string; notAfter: string; isActive: boolean; addedAt: string };

/**
 * The root and intermediate certificates signatures are validated against
 * (the Government Cipher Committee's roots, licensed trust services). Only
 * system administrators change them; a removed anchor is kept, inactive.
 */
export function createTrustAnchorsService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const { db, clock, audit } = deps;

  const present = (row: typeof trustAnchors.$inferSelect): TrustAnchor => ({
    id: row.id, subject: row.subject, fingerprintSha256: row.fingerprintSha256, notAfter: row.notAfter.toISOString(), isActive: row.isActive, addedAt: row.addedAt.toISOString(),
  });

  async function list(): Promise<TrustAnchor[]> {
    return (await db.select().from(trustAnchors).orderBy(asc(trustAnchors.subject))).map(present);
  }

  /** The certificates in force, as PEM, for the validator. */
  async function activeCertificates(tx: Db = db): Promise<Buffer[]> {
    const rows = await tx.select({ pem: trustAnchors.pem }).from(trustAnchors).where(eq(trustAnchors.isActive, true));
    return rows.map((row) => Buffer.from(row.pem, 'utf8'));
  }

  async function add(actor: Actor, pem: string, source: AuditSource): Promise<TrustAnchor> {
    if (!hasRole(actor, 'system_admin')) throw forbidden();
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(pem);
    } catch {
      throw invalid('validationFailed', {}, [{ path: 'pem', key: 'trustAnchorUnreadable' }]);
    }
    const fingerprintSha256 = certificate.fingerprint256.replace(/:/g, '').toLowerCase();
    return withTransaction(db, async (tx) => {
      const [existing] = await tx.select().from(trustAnchors).where(eq(trustAnchors.fingerprintSha256, fingerprintSha256));
      if (existing?.isActive) return present(existing);
      const row = existing
        ? { ...existing, isActive: true }
        : { id: randomUUID(), subject: certificate.subject.replace(/\n/g, ', '), fingerprintSha256, pem: certificate.toString(), notAfter: new Date(certificate.validTo), isActive: true, addedBy: actor.userId, addedAt: clock.now() };
      if (existing) await tx.update(trustAnchors).set({ isActive: true }).where(eq(trustAnchors.id, existing.id));
      else await tx.insert(trustAnchors).values(row);
      await audit.record(tx, source, { action: 'trust_anchor.added', entityType: 'trust_anchor', entityId: row.id, agencyId: null, after: { subject: row.subject, fingerprintSha256 } });
      return present(row);
    });
  }

  async function deactivate(actor: Actor, id: string, source: AuditSource): Promise<TrustAnchor> {
    if (!hasRole(actor, 'system_admin')) throw forbidden();
    return withTransaction(db, async (tx) => {
      const [row] = await tx.update(trustAnchors).set({ isActive: false }).where(eq(trustAnchors.id, id)).returning();
      if (!row) throw notFound('thingTrustAnchor');
      await audit.record(tx, source, { action: 'trust_anchor.removed', entityType: 'trust_anchor', entityId: id, agencyId: null, before: { subject: row.subject, fingerprintSha256: row.fingerprintSha256 } });
      return present(row);
    });
  }

  return { list, activeCertificates, add, deactivate };
}

export type TrustAnchorsService = ReturnType<typeof createTrustAnchorsService>;
