/**
 * Which records an actor may put in a package, checked when the export is
 * asked for and again when its task runs: records they may read (the rule of
 * records.service.ts: administrators and inspectors all, others their
 * agencies' reach and their own dossiers' records), closed, and with distinct
 * codes, since the payload folder is named after the record code.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Role } from '@nghiemthu/shared';
import type { Db } from '../../db/client.js';
import { agencies, dossiers, records, users } from '../../db/schema.js';
import { AppError, forbidden } from '../../lib/errors.js';
import type { ScopeService } from '../agencies/agency-scope.js';
import { hasRole, type Actor } from '../auth/actor.js';
import { canTransferRecords } from './archival-transfer.policy.js';

export type ChosenRecord = { id: string; code: string; closedAt: Date; agencyCode: string; agencyName: string };

export function createTransferRecords(deps: { db: Db; scope: ScopeService }) {
  const { db, scope } = deps;

  async function visibility(actor: Actor): Promise<SQL | undefined> {
    if (hasRole(actor, 'system_admin', 'inspector')) return undefined;
    const reach = await scope.reachOf(actor.agencyId);
    return or(inArray(records.agencyId, reach), inArray(dossiers.providerAgencyId, reach));
  }

  /** Whether the actor may read every one of these records (to download a package that holds them). */
  async function canReadAll(actor: Actor, recordIds: string[]): Promise<boolean> {
    if (recordIds.length === 0) return true;
    const found = await db.select({ id: records.id }).from(records).leftJoin(dossiers, eq(dossiers.id, records.dossierId))
      .where(and(inArray(records.id, recordIds), await visibility(actor)));
    return found.length === new Set(recordIds).size;
  }

  /** The records, sorted by code; refuses with one error listing every record that cannot go. */
  async function choose(actor: Actor, recordIds: string[]): Promise<ChosenRecord[]> {
    if (!canTransferRecords(actor)) throw forbidden();
    const ids = [...new Set(recordIds)];
    const found = await db.select({ id: records.id, code: records.code, status: records.status, closedAt: records.closedAt, agencyCode: agencies.code, agencyName: agencies.name })
      .from(records).innerJoin(agencies, eq(agencies.id, records.agencyId)).leftJoin(dossiers, eq(dossiers.id, records.dossierId))
      .where(and(inArray(records.id, ids), await visibility(actor)));
    const byId = new Map(found.map((row) => [row.id, row]));

    const missing = recordIds.flatMap((id, index) => (byId.has(id) ? [] : [{ path: `recordIds.${index}`, key: 'archivalRecordNotFound' as const, params: { id } }]));
    if (missing.length > 0) throw new AppError('NOT_FOUND', 'archivalRecordsNotFound', { count: missing.length }, missing);

    const open = recordIds.flatMap((id, index) => {
      const row = byId.get(id)!;
      return row.status === 'closed' ? [] : [{ path: `recordIds.${index}`, key: 'archivalRecordNotClosed' as const, params: { code: row.code } }];
    });
    if (open.length > 0) {
      throw new AppError('CONFLICT', 'archivalRecordsNotClosed', { codes: [...new Set(open.map((detail) => detail.params.code))].join(', ') }, open);
    }

    const chosen = [...byId.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.agencyCode < b.agencyCode ? -1 : 1));
    for (const [index, row] of chosen.entries()) {
      const next = chosen[index + 1];
      if (next && next.code === row.code) throw new AppError('CONFLICT', 'archivalDuplicateCode', { code: row.code, agencies: `${row.agencyCode}, ${next.agencyCode}` });
    }
    return chosen.map(({ id, code, closedAt, agencyCode, agencyName }) => ({ id, code, closedAt: closedAt!, agencyCode, agencyName }));
  }

  /** The person who started a transfer, as the actor its task acts for; refused if they may no longer transfer. */
  async function actorOf(userId: string): Promise<Actor> {
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    if (!user || !user.isActive) throw forbidden();
    const actor: Actor = {
      userId: user.id, username: user.username, fullName: user.fullName, agencyId: user.agencyId, roles: user.roles as Role[],
      onBehalfOf: null, sessionTokenHash: '', csrfToken: '',
    };
    if (!canTransferRecords(actor)) throw forbidden();
    return actor;
  }

  return { choose, canReadAll, actorOf };
}

export type TransferRecords = ReturnType<typeof createTransferRecords>;

/**
 * The package's name: its folder in the tar and its External-Identifier. It
 * depends only on the records and the bagging date, so exporting the same
 * records again gives the same bytes (a transfer's own id would not).
 */
export function packageCodeOf(recordIds: string[], baggingDate: string): string {
  const digest = createHash('sha256').update([...recordIds].sort().join('\n')).digest('hex');
  return `NT-${baggingDate.replace(/-/g, '')}-${digest.slice(0, 8).toUpperCase()}`;
}
