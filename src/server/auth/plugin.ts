/**
 * The request pipeline's authentication step. Every route is private unless it says `config: { auth: 'public' }`
 * (deny by default). For private routes it loads the session, checks the CSRF token on state-changing methods,
 * and holds back accounts that must first change their password or enrol in two-factor sign-in.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_ROLES } from '../../domain/people/roles.js';
import type { RequestContext } from '../context.js';
import type { App, Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { langFromHeader } from '../i18n/lang.js';
import { getSettings } from '../modules/settings/settings.service.js';
import type { Actor } from './actor.js';
import { admitSession, loadSession, SESSION_COOKIE, type SessionRow, sessionIdOf } from './sessions.js';

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

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The actor of an authenticated request; routes behind the auth hook always have one. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.ctx.actor) throw new AppError('UNAUTHENTICATED');
  return req.ctx.actor;
}

export async function registerAuth(app: App, deps: Deps): Promise<void> {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('prefetched', undefined);

  app.addHook('onRequest', async (req) => {
    req.ctx = {
      requestId: req.id,
      ip: req.ip ?? null,
      lang: langFromHeader(req.headers['accept-language']),
      actor: null,
      now: deps.clock(),
    };
  });

  // preValidation, not preHandler: a caller without a session or CSRF token hears 401/403 before any 400.
  app.addHook('preValidation', async (req: FastifyRequest, reply: FastifyReply) => {
    const cfg = req.routeOptions.config;
    const token = req.cookies[SESSION_COOKIE];
    // Static files and the single-page app's fallback are public; every API route is private by default.
    if (cfg.auth === 'public' || req.is404) return;
    if (!token) throw new AppError('UNAUTHENTICATED');
    const limits = { idleMinutes: deps.config.sessionIdleMinutes, absoluteHours: deps.config.sessionAbsoluteHours };
    // A prefetch is only worth its read when the request could pass: a state change must carry a CSRF token.
    const mayPrefetch = cfg.sessionWith && (SAFE_METHODS.has(req.method) || req.headers['x-csrf-token']);
    const id = sessionIdOf(token);
    const pre = mayPrefetch ? await cfg.sessionWith?.(req, id) : undefined;
    const found = pre
      ? await admitSession(deps.database.db, id, pre.session, req.ctx.now, limits)
      : await loadSession(deps.database.db, token, req.ctx.now, limits);
    if (!found.ok) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw new AppError(found.reason === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    }
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, found.csrfToken)) throw new AppError('CSRF_FAILED');
    }
    req.ctx.actor = found.actor;
    req.csrfToken = found.csrfToken;
    if (!cfg.allowIncomplete) {
      if (found.actor.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
      if (!found.actor.totpEnabled && found.actor.grants.some((g) => ADMIN_ROLES.includes(g.role))) {
        const settings = await getSettings(deps.database.db);
        if (settings.requireTotpForAdmins) throw new AppError('TOTP_ENROLLMENT_REQUIRED');
      }
    }
    // Only now, with the session admitted and every check passed, does the handler see what was read with it.
    req.prefetched = pre?.data;
  });
}
