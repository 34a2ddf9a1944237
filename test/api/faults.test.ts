/**
 * Issue 13: bad input answers 4xx, never 5xx — NUL bytes and broken Unicode anywhere, ids past 2³¹−1, duplicate
 * names — and losing the database's connections under load neither kills the app nor answers 500: requests in flight
 * answer 503 DATABASE_UNAVAILABLE, /readyz says unavailable, and service resumes by itself (PostgreSQL only: PGlite
 * has no connections to lose).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { campaigns, users } from '../../src/server/db/schema.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass } from '../support/attendance.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

describe('faults and hostile input', () => {
  let t: TestApp;
  let city: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    city = await t.agent((await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
  });
  afterAll(() => t.close());

  it('a NUL byte or a lone surrogate anywhere is refused with the field named, and nothing is stored', async () => {
    const login = await t.anonymous().post('/api/auth/login', { username: '\u0000', password: 'x' });
    expect(login.statusCode).toBe(400);
    expect(login.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.username' }] });

    const search = await t.anonymous().get(`/api/public/employers?q=${encodeURIComponent('单位\u0000')}`);
    expect(search.statusCode).toBe(400);
    expect(search.json().details[0].path).toBe('query.q');

    const before = (await t.database.db.select().from(campaigns)).length;
    for (const name of ['暑期\ud800班', '暑期\udc00', 'a\u0000b']) {
      const res = await city.post('/api/campaigns', { from: 'template', year: 2026, name });
      expect(res.statusCode).toBe(400);
      expect(res.json().details[0].path).toBe('body.name');
    }
    expect((await t.database.db.select().from(campaigns)).length).toBe(before);
    // A whole emoji (a surrogate pair) is fine text.
    const ok = await city.post('/api/campaigns', { from: 'template', year: 2026, name: '暑期☀️😀托管' });
    expect(ok.statusCode).toBe(201);
  });

  it('dates outside 2000–2100 are refused at every route, before any date loop can run away', async () => {
    const rc = await buildRunningClass(t, { children: 1 });
    const staff = await rc.unitAdmin.login();
    const id = rc.classId;
    for (const far of ['0000-01-05', '1999-12-31', '2101-01-01', '9999-12-31']) {
      for (const url of [
        `/api/classes/${id}/daily-records/summary?to=${far}`,
        `/api/classes/${id}/daily-records/summary?from=${far}`,
        `/api/classes/${id}/daily-records?day=${far}`,
        `/api/classes/${id}/timetable?day=${far}`,
        `/api/classes/${id}/attendance?from=${far}`,
        `/api/classes/${id}/door?day=${far}`,
      ]) {
        const res = await staff.get(url);
        expect(res.statusCode, url).toBe(400);
      }
    }
  });

  it('a phone code dies after 5 checks, wrong guesses in sequence or in parallel; the right one then fails', async () => {
    const anon = t.anonymous();
    const district = await buildOrg(t.database.db, { parentId: t.rootId });
    const unitId = (await buildOrg(t.database.db, { parentId: district.id })).id;
    const register = (phone: string, code: string) =>
      anon.post('/api/parents/register', {
        phone,
        code,
        password: 'Parent-Pass-2026',
        displayName: '王',
        employerOrgId: unitId,
        privacyNoticeVersion: '2026-1',
      });
    const codeOf = (phone: string) => /验证码是 (\d{6})/.exec(t.sender.lastTo(phone)?.text ?? '')?.[1] ?? '';
    // The control: the right code at once registers.
    await anon.post('/api/parents/phone-code', { phone: '13700000009' });
    expect((await register('13700000009', codeOf('13700000009'))).statusCode).toBe(201);
    // In sequence: 5 wrong, then the right code is refused (the count used to roll back with each failure).
    await anon.post('/api/parents/phone-code', { phone: '13700000001' });
    const right = codeOf('13700000001');
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await register('13700000001', wrong)).statusCode).toBe(400);
    expect((await register('13700000001', right)).statusCode).toBe(400);
    // In parallel: 30 wrong guesses at once spend the code too.
    await anon.post('/api/parents/phone-code', { phone: '13700000002' });
    const right2 = codeOf('13700000002');
    const wrong2 = right2 === '000000' ? '111111' : '000000';
    await Promise.all(Array.from({ length: 30 }, () => register('13700000002', wrong2)));
    expect((await register('13700000002', right2)).statusCode).toBe(400);
  });

  it('asking for a code does not tell a stranger whether the number is registered; its owner is told by text', async () => {
    const anon = t.anonymous();
    const fresh = await anon.post('/api/parents/phone-code', { phone: '13700000003' });
    const u = await buildUser(t.database.db, { role: 'unit_admin', orgId: t.rootId });
    await t.database.db.update(users).set({ phone: '13700000004' }).where(eq(users.id, u.id));
    const taken = await anon.post('/api/parents/phone-code', { phone: '13700000004' });
    expect(taken.statusCode).toBe(fresh.statusCode);
    expect(Object.keys(taken.json())).toEqual(Object.keys(fresh.json()));
    expect(t.sender.lastTo('13700000004')?.text).toMatch(/已注册/);
    expect(t.sender.lastTo('13700000004')?.text).not.toMatch(/\d{6}/);
  });

  it('ids past the range of the database answer 4xx, never 500', async () => {
    for (const url of ['/api/campaigns/2147483648', '/api/classes/99999999999', '/api/orgs/2147483648']) {
      const res = await city.get(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });

  it('renaming a campaign to a name already taken is a 409 that says so', async () => {
    const a = (await city.post('/api/campaigns', { from: 'template', year: 2026, name: '甲活动' })).json();
    await city.post('/api/campaigns', { from: 'template', year: 2026, name: '乙活动' });
    const res = await city.patch(`/api/campaigns/${a.id}`, { name: '乙活动', version: a.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/已存在|重复/);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'connections killed under load: no crash, no 500, 503 while down, and service resumes by itself',
    async () => {
      const url = t.database.url;
      if (!url) throw new Error('no database url');
      const dbName = new URL(url).pathname.slice(1);
      const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
      await admin.connect();
      const statuses: number[] = [];
      let stop = false;
      const load = async () => {
        while (!stop) {
          const res = await city.get('/api/campaigns');
          statuses.push(res.statusCode);
        }
      };
      try {
        const workers = Array.from({ length: 8 }, load);
        for (let i = 0; i < 15; i++) {
          await admin.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
            [dbName],
          );
          await new Promise((r) => setTimeout(r, 40));
        }
        stop = true;
        await Promise.all(workers);
      } finally {
        stop = true;
        await admin.end();
      }
      expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
      // Service resumes by itself: the pool replaces the dropped connections.
      let ready = 0;
      for (let i = 0; i < 20 && ready !== 200; i++) {
        ready = (await t.anonymous().get('/readyz')).statusCode;
        if (ready !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready).toBe(200);
      expect((await city.get('/api/campaigns')).statusCode).toBe(200);
    },
  );
});
