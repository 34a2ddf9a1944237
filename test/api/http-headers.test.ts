/**
 * Issue 13: security headers on every response — API answers, errors, the docs — and the session cookie marked
 * Secure when the browser came over HTTPS through a trusted proxy (TRUST_PROXY), without COOKIE_SECURE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildUser, PASSWORD } from '../support/factories.js';

describe('HTTP security headers', () => {
  let t: TestApp;
  const before = process.env.TRUST_PROXY;
  beforeAll(async () => {
    process.env.TRUST_PROXY = 'true';
    t = await createTestApp();
  });
  afterAll(async () => {
    if (before === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = before;
    await t.close();
  });

  it('every answer carries CSP, frame-ancestors none, nosniff and Referrer-Policy; API answers are no-store', async () => {
    const u = await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId });
    const a = await t.agent(u.username, PASSWORD);
    for (const res of [
      await a.get('/api/auth/me'),
      await a.get('/api/orgs/999999'),
      await t.anonymous().get('/api/orgs'),
      await t.anonymous().get('/healthz'),
      await t.anonymous().post('/api/auth/login', { username: 'x' }),
    ]) {
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    expect((await a.get('/api/auth/me')).headers['cache-control']).toBe('no-store');
    // Swagger UI's page needs its inline bootstrap; it is still not frameable.
    const docs = await t.anonymous().get('/api/docs/static/index.html');
    expect(docs.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  });

  it('the session cookie is Secure when the request came over HTTPS through the trusted proxy', async () => {
    const u = await buildUser(t.database.db, { role: 'unit_admin', orgId: t.rootId });
    const login = (proto: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-proto': proto },
        payload: { username: u.username, password: PASSWORD },
      });
    const https = await login('https');
    expect(https.statusCode).toBe(200);
    expect(String(https.headers['set-cookie'])).toMatch(/; Secure/);
    expect(https.headers['strict-transport-security']).toMatch(/max-age=/);
    const http = await login('http');
    expect(String(http.headers['set-cookie'])).not.toMatch(/; Secure/);
  });
});
