import type { FastifyRequest } from 'fastify';
import type { Role } from '@nghiemthu/shared';
import { AppError } from '../../lib/errors.js';
import type { AuditSource } from '../audit/audit.service.js';

/** The signed-in user a request acts as, resolved from the session cookie. */
export type Actor = {
  userId: string;
  username: string;
  fullName: string;
  agencyId: string;
  roles: Role[];
  /** Set when acting under a delegation: the person whose authority is used. */
  onBehalfOf: { userId: string; username: string } | null;
  sessionTokenHash: string;
  csrfToken: string;
};

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}

/** Throws UNAUTHENTICATED (401) unless the request carries a live session. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) {
    throw new AppError('UNAUTHENTICATED', request.sessionExpired ? 'sessionExpired' : 'unauthenticated');
  }
  return request.actor;
}

export function auditSource(request: FastifyRequest): AuditSource {
  return {
    actor: request.actor,
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent'] ?? null,
  };
}
