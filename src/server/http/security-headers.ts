/**
 * Security headers on every response (issue 13). The console and the phone apps load only their own scripts (Vite
 * emits no inline script); Ant Design writes inline styles, so styles allow 'unsafe-inline'. Nothing may frame the
 * product (clickjacking), browsers must not guess content types, no page leaks its address (invite links carry
 * codes) to another site, and no API answer — children's names, phones, health notes — is kept in a cache. The
 * browsable API docs (/api/docs, Swagger UI) need an inline bootstrap script; they get their own policy.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");

/** The request came over HTTPS (directly, or as the proxy says when TRUST_PROXY is set). */
export const overHttps = (req: FastifyRequest): boolean => req.protocol === 'https';

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const url = req.url;
    reply.header('content-security-policy', url.startsWith('/api/docs') ? DOCS_CSP : CSP);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'geolocation=(), microphone=(), camera=(self)');
    if (overHttps(req)) reply.header('strict-transport-security', 'max-age=31536000');
    // API answers (and file downloads) carry personal data: never stored by the browser or a proxy.
    if (url.startsWith('/api/') && !url.startsWith('/api/docs')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
