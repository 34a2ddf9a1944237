/** /api/auth/*: sign in, sign out, who am I, change password, TOTP enrolment. */
import { overHttps } from '../../http/security-headers.js';
import type { FastifyReply } from 'fastify';
import { actorOf } from '../../request.js';
import { SESSION_COOKIE } from '../../auth/sessions.js';
import type { App, Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import {
  changePasswordBody,
  loginBody,
  meResponse,
  okResponse,
  totpCodeBody,
  totpSetupResponse,
} from './auth.schema.js';
import { changePassword, describeMe, login, logout, setTotpEnabled, startTotpSetup } from './auth.service.js';

export async function authRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['auth'];
  // Secure whenever the browser came over HTTPS (directly or through a trusted proxy), or when COOKIE_SECURE says so.
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.cookieSecure || overHttps(reply.request),
      maxAge: deps.config.sessionAbsoluteHours * 3600,
    });

  app.post(
    '/api/auth/login',
    {
      config: {
        auth: 'public',
        rateLimit: {
          max: deps.config.loginRateLimit.max,
          timeWindow: deps.config.loginRateLimit.windowMs,
          errorResponseBuilder: (_req, ctx) =>
            new AppError(
              'RATE_LIMITED',
              { seconds: Math.ceil(ctx.ttl / 1000) },
              { headers: { 'retry-after': String(Math.ceil(ctx.ttl / 1000)) } },
            ),
        },
      },
      schema: { tags, body: loginBody, response: { 200: meResponse } },
    },
    async (req, reply) => {
      const s = await login(deps, req.ctx, req.body, req.headers['user-agent'] ?? null);
      setCookie(reply, s.token);
      return describeMe(db, s.actor, s.csrfToken);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { allowIncomplete: true }, schema: { tags, response: { 200: okResponse } } },
    async (req, reply) => {
      await logout(db, req.ctx, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    { config: { allowIncomplete: true }, schema: { tags, response: { 200: meResponse } } },
    async (req) => describeMe(db, actorOf(req), req.csrfToken ?? ''),
  );

  app.post(
    '/api/auth/change-password',
    { config: { allowIncomplete: true }, schema: { tags, body: changePasswordBody, response: { 200: okResponse } } },
    async (req) => {
      await changePassword(db, req.ctx, actorOf(req), req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/totp/setup',
    { config: { allowIncomplete: true }, schema: { tags, response: { 200: totpSetupResponse } } },
    async (req) => startTotpSetup(db, deps.sealer, req.ctx, actorOf(req)),
  );
  app.post(
    '/api/auth/totp/enable',
    { config: { allowIncomplete: true }, schema: { tags, body: totpCodeBody, response: { 200: okResponse } } },
    async (req) => {
      await setTotpEnabled(db, deps.sealer, req.ctx, actorOf(req), req.body.code, true);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/auth/totp/disable',
    { schema: { tags, body: totpCodeBody, response: { 200: okResponse } } },
    async (req) => {
      await setTotpEnabled(db, deps.sealer, req.ctx, actorOf(req), req.body.code, false);
      return { ok: true as const };
    },
  );
}
