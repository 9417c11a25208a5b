import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from './actor.js';
import { SESSION_COOKIE, tokensEqual, type AuthService } from './auth.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the session cookie to request.actor on every API request, and
 * guards state-changing requests against cross-site forgery: a foreign Origin
 * is refused outright, and a cookie-authenticated request must echo the
 * session's CSRF token in `x-csrf-token` (a page on another site cannot read it).
 */
export function installSessionHooks(app: FastifyInstance, auth: AuthService, config: Pick<Config, 'cookieSecure' | 'session'>) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const result = await auth.authenticate(token, { isActivity: !request.routeOptions.config.isBackgroundPoll });
    if (result.actor) {
      request.actor = result.actor;
    } else {
      request.sessionExpired = result.isExpired;
      clearSessionCookie(reply, request, config);
    }
  });

  app.addHook('preHandler', async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return;
    const origin = request.headers.origin;
    if (origin && origin !== 'null') {
      let originHost: string | null = null;
      try {
        originHost = new URL(origin).host;
      } catch {
        originHost = null;
      }
      if (originHost !== request.headers.host) throw new AppError('FORBIDDEN', 'csrfMissing');
    }
    if (request.actor && !request.routeOptions.config.skipCsrf) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !tokensEqual(sent, request.actor.csrfToken)) {
        throw new AppError('FORBIDDEN', 'csrfMissing');
      }
    }
  });
}

function isSecure(request: FastifyRequest, mode: Config['cookieSecure']): boolean {
  return mode === 'always' || (mode === 'auto' && request.protocol === 'https');
}

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string, config: Pick<Config, 'cookieSecure' | 'session'>) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(request, config.cookieSecure),
    // The server enforces the timeouts; the cookie only needs to outlive the absolute one.
    maxAge: Math.ceil(config.session.absoluteMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest, config: Pick<Config, 'cookieSecure'>) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: isSecure(request, config.cookieSecure) });
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionExpired: boolean;
  }
  interface FastifyContextConfig {
    /** Only for sign-in, which has no session to take a token from yet. */
    skipCsrf?: boolean;
    /** Asked by the web app on a timer (the unread count), not by the person: it does not keep an idle session alive. */
    isBackgroundPoll?: boolean;
  }
}
