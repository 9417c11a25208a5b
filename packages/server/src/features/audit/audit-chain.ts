import { createHash } from 'node:crypto';
import { canonicalize } from '../../lib/canonical-json.js';

/** The hash that precedes the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers: everything but the hash itself. */
export type ChainedEvent = {
  seq: number;
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorUsername: string | null;
  onBehalfOfId: string | null;
  onBehalfOfUsername: string | null;
  agencyId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
};

/**
 * SHA-256 over the RFC 8785 canonical JSON of the event. Canonical JSON sorts
 * keys and fixes number and string forms, so the hash is the same whether the
 * event is read back from PGlite, PostgreSQL or an export file.
 */
export function hashEvent(event: ChainedEvent): string {
  // Only the chained fields, even if the caller passes a whole row.
  const fields: ChainedEvent = {
    seq: event.seq, id: event.id, occurredAt: event.occurredAt, actorId: event.actorId, actorUsername: event.actorUsername,
    onBehalfOfId: event.onBehalfOfId, onBehalfOfUsername: event.onBehalfOfUsername, agencyId: event.agencyId,
    action: event.action, entityType: event.entityType, entityId: event.entityId, ip: event.ip, userAgent: event.userAgent,
    before: event.before, after: event.after, prevHash: event.prevHash,
  };
  const canonical = canonicalize({ ...fields, occurredAt: event.occurredAt.toISOString() });
  if (canonical === undefined) throw new Error('audit event cannot be serialised');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Dates become ISO strings and undefined fields vanish: exactly what jsonb will hand back. */
export function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export type ChainProblem = 'hashMismatch' | 'prevHashMismatch' | 'seqGap' | 'timeNotIncreasing' | 'headMismatch';

export type ChainCursor = { seq: number; hash: string; occurredAt: Date | null };

export const chainStart: ChainCursor = { seq: 0, hash: GENESIS_HASH, occurredAt: null };

/** Checks one stored event against the one before it; returns the first problem or null. */
export function checkLink(previous: ChainCursor, event: ChainedEvent & { hash: string }): ChainProblem | null {
  if (event.seq !== previous.seq + 1) return 'seqGap';
  if (event.prevHash !== previous.hash) return 'prevHashMismatch';
  if (previous.occurredAt && event.occurredAt.getTime() <= previous.occurredAt.getTime()) return 'timeNotIncreasing';
  if (hashEvent(event) !== event.hash) return 'hashMismatch';
  return null;
}
