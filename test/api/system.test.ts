import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

describe('system endpoints and error contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('GET /healthz answers ok and /readyz ready', async () => {
    const a = t.anonymous();
    expect((await a.get('/healthz')).json()).toEqual({ status: 'ok' });
    const r = await a.get('/readyz');
    expect(r.statusCode).toBe(200);
  });

  it('serves the OpenAPI document listing every API route, and the browsable docs', async () => {
    const r = await t.anonymous().get('/api/openapi.json');
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/auth/login',
      '/api/auth/logout',
      '/api/orgs',
      '/api/orgs/{id}',
      '/api/users',
      '/api/audit',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect((await t.anonymous().get('/api/docs/')).statusCode).toBe(200);
  });

  it('errors are {code, message, requestId} in the request language, without stack traces', async () => {
    const zh = await t.anonymous().get('/api/orgs');
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录', requestId: expect.any(String) });
    const en = t.anonymous();
    en.lang = 'en-US,en;q=0.9';
    expect((await en.get('/api/orgs')).json().message).toBe('Please sign in');
    const missing = await t.anonymous().get('/api/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ROUTE_NOT_FOUND');
    const bad = await t
      .anonymous()
      .request('POST', '/api/auth/login', '{not json', { 'content-type': 'application/json' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BAD_REQUEST');
    expect(bad.body).not.toMatch(/at .*\.ts/);
  });

  it('refuses form posts (no CSRF through text/plain or urlencoded)', async () => {
    const r = await t.anonymous().request('POST', '/api/auth/login', 'username=admin&password=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(r.statusCode).toBe(415);
    expect(r.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('/readyz answers 503 when the database is gone', async () => {
    const other = await createTestApp();
    await other.database.close();
    const r = await other.anonymous().get('/readyz');
    expect(r.statusCode).toBe(503);
    await other.app.close();
  });

  it('the audit log refuses UPDATE and DELETE at the database', async () => {
    const cause = (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e) => String(e.cause?.message ?? e.message),
      );
    expect(await cause(t.database.rows(sql`UPDATE audit_log SET action = 'x'`))).toMatch(/append-only/);
    expect(await cause(t.database.rows(sql`DELETE FROM audit_log`))).toMatch(/append-only/);
  });
});
