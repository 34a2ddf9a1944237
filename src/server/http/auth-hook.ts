/**
 * The request pipeline's authentication step. Every route is private unless it says `config: { auth: 'public' }`
 * (deny by default). For private routes it loads the session, checks the CSRF token on state-changing methods,
 * and holds back accounts that must first change their password or enrol in two-factor sign-in. It sits above the
 * modules (it reads the platform settings); route handlers read its result through auth/request.ts.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_ROLES } from '../../domain/people/roles.js';
import { admitSession, loadSession, SESSION_COOKIE, sessionIdOf } from '../auth/sessions.js';
import type { RequestContext } from '../context.js';
import type { App, Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { langFromHeader } from '../i18n/lang.js';
import { getSettings } from '../modules/settings/settings.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
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
