import { asc, eq } from 'drizzle-orm';
import type { DossierDetail, OrderCouncil } from '@nghiemthu/shared';
import type { Db } from '../../db/client.js';
import { councilMembers, councils, councilVotes, users } from '../../db/schema.js';

type UserRow = typeof users.$inferSelect;
const brief = (u: UserRow) => ({ id: u.id, username: u.username, fullName: u.fullName });

function membersOf(tx: Db, councilId: string) {
  return tx.select({ m: councilMembers, u: users }).from(councilMembers).innerJoin(users, eq(users.id, councilMembers.userId))
    .where(eq(councilMembers.councilId, councilId)).orderBy(asc(councilMembers.role), asc(users.fullName));
}

/** A dossier's council with every member's declaration and votes: dissent is part of the record. */
export async function dossierCouncilOf(tx: Db, dossierId: string): Promise<DossierDetail['council']> {
  const [council] = await tx.select().from(councils).where(eq(councils.dossierId, dossierId));
  if (!council) return null;
  const members = await membersOf(tx, council.id);
  const votes = await tx.select().from(councilVotes).where(eq(councilVotes.councilId, council.id)).orderBy(asc(councilVotes.lineNo));
  return {
    id: council.id, decisionNumber: council.decisionNumber, decisionDate: council.decisionDate, quorum: council.quorum,
    votesCounted: members.filter(({ m }) => m.hasConflict === false && m.votedAt).length,
    fromOrderCouncil: council.fromCouncilId !== null,
    members: members.map(({ m, u }) => ({
      user: brief(u), role: m.role, hasConflict: m.hasConflict, conflictNote: m.conflictNote, votedAt: m.votedAt?.toISOString() ?? null,
      votes: votes.filter((v) => v.userId === u.id).map((v) => ({ lineNo: v.lineNo, vote: v.vote, score: v.score, comment: v.comment })),
    })),
  };
}

/** The council established for a whole order: its decision and members (declarations and votes belong to each dossier's sitting). */
export async function orderCouncilOf(tx: Db, orderId: string): Promise<OrderCouncil | null> {
  const [found] = await tx.select({ c: councils, by: users }).from(councils).innerJoin(users, eq(users.id, councils.createdBy)).where(eq(councils.orderId, orderId));
  if (!found) return null;
  const members = await membersOf(tx, found.c.id);
  return {
    id: found.c.id, decisionNumber: found.c.decisionNumber, decisionDate: found.c.decisionDate, quorum: found.c.quorum,
    members: members.map(({ m, u }) => ({ user: brief(u), role: m.role })),
    establishedBy: brief(found.by),
    establishedAt: found.c.createdAt.toISOString(),
  };
}
