import { and, arrayOverlaps, asc, eq } from 'drizzle-orm';
import type { DossierCandidate } from '@nghiemthu/shared';
import type { Db } from '../../db/client.js';
import { agencies, users } from '../../db/schema.js';

/**
 * Whom the ordering side may name: active officers of the ordering agency to
 * appraise; active council members, officers and leaders of any agency for
 * a council (councils draw on several departments), provider staff flagged.
 */
export async function candidatesFor(
  db: Db, scopeReach: (agencyId: string) => Promise<string[]>,
  parties: { orderingAgencyId: string; providerAgencyId: string }, purpose: 'appraiser' | 'council',
): Promise<DossierCandidate[]> {
  const roles = purpose === 'appraiser' ? ['officer'] : ['council_member', 'officer', 'leader'];
  const found = await db.select({ u: users, a: agencies }).from(users).innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(users.isActive, true), arrayOverlaps(users.roles, roles),
      purpose === 'appraiser' ? eq(users.agencyId, parties.orderingAgencyId) : undefined))
    .orderBy(asc(agencies.name), asc(users.fullName));
  const providerReach = await scopeReach(parties.providerAgencyId);
  return found.map(({ u, a }) => ({
    id: u.id, username: u.username, fullName: u.fullName, roles: u.roles,
    agency: { id: a.id, code: a.code, name: a.name, shortName: a.shortName }, isProviderSide: providerReach.includes(a.id),
  }));
}
