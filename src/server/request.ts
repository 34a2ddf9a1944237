/**
 * What every route handler knows about its request once the authentication hook (http/auth-hook.ts) has run: the
 * request's context and its actor. Lives apart from the hook so that modules depend only on this.
 */
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from './context.js';
import { AppError } from './errors.js';
import type { Actor } from './auth/actor.js';
import type { SessionRow } from './auth/sessions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'public' routes need no session. Default: a session is required. */
    auth?: 'public' | 'session';
    /** Reachable while the account must still change its password or enrol TOTP (me, logout, setup). */
    allowIncomplete?: boolean;
    /**
     * A hot route's first read with the session folded into it, to save a round trip. Given the parsed (not yet
     * validated) request and the session id, it reads the session (`SESSION_SELECT`) together with its own data,
     * or answers `undefined` when it will not (the session is then loaded alone). The session row it returns is
     * admitted exactly as a separately loaded one; its data reaches the handler as `req.prefetched` only then.
     */
    sessionWith?: (req: FastifyRequest, sessionId: string) => Promise<SessionPrefetch | undefined>;
  }
  interface FastifyRequest {
    ctx: RequestContext;
    csrfToken: string | null;
    /** What the route's `sessionWith` read alongside an admitted session; undefined otherwise. */
    prefetched: unknown;
  }
}

export interface SessionPrefetch {
  /** The session as `SESSION_SELECT` reads it; undefined when there is none. */
  session: SessionRow | undefined;
  data: unknown;
}

/** The actor of an authenticated request; routes behind the auth hook always have one. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('UNAUTHENTICATED');
  return req.ctx.actor;
}
