import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/people/roles.js';
import { buildApp } from '../../src/server/app.js';
import { totpNow } from '../../src/server/auth/totp.js';
import { openDatabase } from '../../src/server/db/client.js';
import { loginFailures, sessions, users } from '../../src/server/db/schema.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

describe('sign-in and sessions', () => {
  let t: TestApp;
  let unitId: number;
  beforeAll(async () => {
    t = await createTestApp({ lockoutThreshold: 3 });
    const d = await buildOrg(t.database.db, { parentId: t.rootId });
    unitId = (await buildOrg(t.database.db, { parentId: d.id })).id;
  });
  afterAll(() => t.close());

  it('401 without a session, 401 with a forged cookie', async () => {
    expect((await t.anonymous().get('/api/auth/me')).statusCode).toBe(401);
    const a = t.anonymous();
    a.cookie = 'tg_sid=forged';
    expect((await a.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('400 for a malformed login body', async () => {
    const r = await t.anonymous().post('/api/auth/login', { username: '' });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('VALIDATION_FAILED');
    expect(r.json().message).toContain('password');
  });

  it('wrong password and unknown user look the same', async () => {
    const u = await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId });
    const wrong = await t.anonymous().post('/api/auth/login', { username: u.username, password: 'Wrong-Pass-123' });
    const nobody = await t.anonymous().post('/api/auth/login', { username: 'nobody-here', password: 'Wrong-Pass-123' });
    expect(wrong.statusCode).toBe(401);
    expect(nobody.statusCode).toBe(401);
    expect(wrong.json().code).toBe(nobody.json().code);
  });

  it('signs in by username or phone; a new session id at every login (no fixation)', async () => {
    const u = await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId, phone: '13900001111' });
    const a = t.anonymous();
    a.cookie = 'tg_sid=attacker-chosen';
    const r = await a.post('/api/auth/login', { username: u.username, password: PASSWORD });
    expect(r.statusCode).toBe(200);
    expect(a.cookie).not.toBe('tg_sid=attacker-chosen');
    const first = a.cookie;
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const b = await t.agent('+86 139 0000 1111', PASSWORD);
    expect(b.cookie).not.toBe(first);
    expect((await b.get('/api/auth/me')).json().user.username).toBe(u.username);
  });

  it('logout ends the session', async () => {
    const u = await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId });
    const a = await t.agent(u.username, PASSWORD);
    const cookie = a.cookie;
    expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
    a.cookie = cookie;
    expect((await a.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('CSRF: a state-changing request without the token is 403, with the token it passes', async () => {
    const u = await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId });
    const a = await t.agent(u.username, PASSWORD);
    const token = a.csrf;
    a.csrf = null;
    const r = await a.post('/api/auth/logout');
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('CSRF_FAILED');
    a.csrf = 'wrong';
    expect((await a.post('/api/auth/logout')).statusCode).toBe(403);
    a.csrf = token;
    expect((await a.post('/api/auth/logout')).statusCode).toBe(200);
  });

  it('idle timeout after 30 minutes; activity keeps it alive', async () => {
    const u = await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId });
    const a = await t.agent(u.username, PASSWORD);
    t.clock.advance(25 * 60_000);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(25 * 60_000);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const r = await a.get('/api/auth/me');
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('SESSION_EXPIRED');
  });

  it('absolute timeout after 12 hours even when active', async () => {
    const u = await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId });
    const a = await t.agent(u.username, PASSWORD);
    for (let i = 0; i < 24; i++) {
      t.clock.advance(29 * 60_000);
      if (i < 24 && (i + 1) * 29 < 12 * 60) expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(29 * 60_000); // 12 h 05 min after login
    expect((await a.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('a deactivated person is signed out at once', async () => {
    const admin = await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId });
    const victim = await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId });
    const v = await t.agent(victim.username, PASSWORD);
    const a = await t.agent(admin.username, PASSWORD);
    expect((await a.post(`/api/users/${victim.id}/deactivate`, { reason: '离职' })).statusCode).toBe(200);
    expect((await v.get('/api/auth/me')).statusCode).toBe(401);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, victim.id))).toHaveLength(0);
    const again = await t.anonymous().post('/api/auth/login', { username: victim.username, password: PASSWORD });
    expect(again.statusCode).toBe(401);
  });

  it('locks an account after repeated failures, doubling the lock', async () => {
    const u = await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId });
    const a = t.anonymous();
    for (let i = 0; i < 2; i++)
      expect((await a.post('/api/auth/login', { username: u.username, password: 'nope-nope-1' })).statusCode).toBe(401);
    expect((await a.post('/api/auth/login', { username: u.username, password: 'nope-nope-1' })).statusCode).toBe(401);
    // The threshold (3) is reached: even the right password waits now.
    const locked = await a.post('/api/auth/login', { username: u.username, password: PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(61_000);
    expect((await a.post('/api/auth/login', { username: u.username, password: 'nope-nope-1' })).statusCode).toBe(401);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, u.id));
    expect(row?.lockedUntil && row.lockedUntil.getTime() - t.clock.now.getTime()).toBe(2 * 60_000);
    t.clock.advance(121_000);
    expect((await a.post('/api/auth/login', { username: u.username, password: PASSWORD })).statusCode).toBe(200);
  });

  it('wrong passwords sent in parallel each count: the account locks (issue 13: lost updates never locked it)', async () => {
    const u = await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId });
    const tries = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.anonymous().post('/api/auth/login', { username: u.username, password: 'wrong-1' }),
      ),
    );
    expect(tries.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, u.id));
    // Every try that got past the lock check counted (12 unless some arrived after the lock was set).
    expect(row?.failedLogins).toBe(tries.filter((r) => r.statusCode === 401).length);
    expect(row?.failedLogins).toBeGreaterThanOrEqual(3);
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(t.clock.now.getTime());
    const right = await t.anonymous().post('/api/auth/login', { username: u.username, password: PASSWORD });
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
  });

  it('a TOTP secret stored in clear by an earlier version still works, and is sealed on its first use', async () => {
    const u = await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId });
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await t.database.db.update(users).set({ totpSecret: secret, totpEnabled: true }).where(eq(users.id, u.id));
    t.clock.advance(30_000);
    await t.agent(u.username, PASSWORD, { totp: await totpNow(secret, t.clock.now) });
    const [row] = await t.database.db.select().from(users).where(eq(users.id, u.id));
    expect(row?.totpSecret).toMatch(/^v1\./);
  });

  it('a name nobody holds locks like a real account: ACCOUNT_LOCKED does not tell who exists', async () => {
    const real = await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId });
    const hammer = async (username: string) => {
      const a = t.anonymous();
      for (let i = 0; i < 3; i++) await a.post('/api/auth/login', { username, password: 'wrong-pass-1' });
      return a.post('/api/auth/login', { username, password: 'wrong-pass-1' });
    };
    const [known, unknown] = [await hammer(real.username), await hammer('no.such.person')];
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.json().code).toBe('ACCOUNT_LOCKED');
    expect(unknown.json().code).toBe(known.json().code);
    expect(unknown.headers['retry-after']).toBe(known.headers['retry-after']);
    // The job forgets such names after a day.
    t.clock.advance(2 * 86_400_000);
    const { pruneLoginFailuresJob } = await import('../../src/server/modules/auth/auth.jobs.js');
    const pruned = (await pruneLoginFailuresJob.handler(t.database.db, t.clock.now)) as { removed: number };
    expect(pruned.removed).toBeGreaterThanOrEqual(1);
    const left = await t.database.db.select().from(loginFailures);
    expect(left.map((r) => r.username)).not.toContain('no.such.person');
  });

  it('the first login must change the password; weak and common passwords are refused', async () => {
    const a = await t.agent('admin', ADMIN_PASSWORD);
    const me = await a.get('/api/auth/me');
    expect(me.json().user.mustChangePassword).toBe(true);
    const blocked = await a.get('/api/orgs');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const short = await a.post('/api/auth/change-password', { currentPassword: ADMIN_PASSWORD, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('8');
    const common = await a.post('/api/auth/change-password', {
      currentPassword: ADMIN_PASSWORD,
      newPassword: 'password123',
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().message).toContain('常见');
    const ok = await a.post('/api/auth/change-password', {
      currentPassword: ADMIN_PASSWORD,
      newPassword: 'Brand-New-Pass-7',
    });
    expect(ok.statusCode).toBe(200);
    expect((await a.get('/api/orgs')).statusCode).toBe(200);
  });

  it('me.abilities: the areas of the console each person is offered, decided by the server', async () => {
    const db = t.database.db;
    const district = await buildOrg(db, { parentId: t.rootId });
    const unit = await buildOrg(db, { parentId: district.id });
    const meOf = async (role: Role, orgId: number) => {
      const u = await buildUser(db, { role, orgId });
      const r = await (await t.agent(u.username, PASSWORD)).get('/api/auth/me');
      expect(r.statusCode).toBe(200);
      const a = r.json().abilities as Record<string, boolean | number[]>;
      return {
        yes: Object.keys(a)
          .filter((k) => a[k] === true)
          .sort(),
        unitIds: a.unitIds,
        channelOrgIds: a.channelOrgIds,
      };
    };
    const sorted = (...keys: string[]) => keys.sort();

    expect(await meOf('city_admin', t.rootId)).toEqual({
      yes: sorted(
        'manageOrgs',
        'readOrgs',
        'readUsers',
        'manageUsers',
        'readAudit',
        'manageSettings',
        'campaigns',
        'createCampaign',
        'classes',
        'allClasses',
        'approvals',
        'venues',
        'counterparties',
        'editLibraries',
        'guardians',
        'agreements',
        'incidents',
        'attendanceRates',
        'channels',
        'readJobs',
        'supervision',
        'planVisits',
        'reports',
        'news',
        'selection',
        'manageSelection',
        'subsidies',
        'fundingSummary',
      ),
      unitIds: [],
      channelOrgIds: [t.rootId],
    });
    expect(await meOf('unit_admin', unit.id)).toEqual({
      yes: sorted(
        'manageOrgs',
        'readOrgs',
        'readUsers',
        'manageUsers',
        'campaigns',
        'classes',
        'myClasses',
        'createClass',
        'venues',
        'counterparties',
        'editLibraries',
        'guardians',
        'agreements',
        'incidents',
        'attendanceRates',
        'channels',
        'supervision',
        'reports',
        'selection',
        'fundingSummary',
      ),
      unitIds: [unit.id],
      channelOrgIds: [unit.id],
    });
    expect(await meOf('class_staff', unit.id)).toEqual({
      yes: sorted('campaigns', 'classes', 'myClasses', 'incidents', 'supervision'),
      unitIds: [],
      channelOrgIds: [],
    });
    // An inspector oversees: the overview of classes and the libraries, no unit of their own, no administration.
    expect(await meOf('inspector', district.id)).toEqual({
      yes: sorted(
        'readOrgs',
        'campaigns',
        'classes',
        'allClasses',
        'venues',
        'counterparties',
        'incidents',
        'supervision',
        'inspect',
        'reports',
        'subsidies',
        'fundingSummary',
      ),
      unitIds: [],
      channelOrgIds: [],
    });
    // A parent uses the phone app: the console offers nothing beyond the home page.
    expect(await meOf('parent', unit.id)).toEqual({ yes: [], unitIds: [], channelOrgIds: [] });
  });

  it('TOTP: enable, then login needs the code; the city can require it for admins', async () => {
    const city = await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId });
    const unitAdmin = await buildUser(t.database.db, { role: 'unit_admin', orgId: unitId });
    const a = await t.agent(city.username, PASSWORD);
    const setup = await a.post('/api/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, uri } = setup.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect((await a.post('/api/auth/totp/enable', { code: '000000' })).statusCode).toBe(401);
    expect((await a.post('/api/auth/totp/enable', { code: await totpNow(secret, t.clock.now) })).statusCode).toBe(200);
    const noCode = await t.anonymous().post('/api/auth/login', { username: city.username, password: PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('TOTP_REQUIRED');
    // The secret is sealed at rest, like ID numbers.
    const [stored] = await t.database.db.select().from(users).where(eq(users.id, city.id));
    expect(stored?.totpSecret).toMatch(/^v1\./);
    expect(stored?.totpSecret).not.toContain(secret);
    // The code that enabled it is spent: the same code again (within its window) is refused; the next one works once.
    const replay = await t.anonymous().post('/api/auth/login', {
      username: city.username,
      password: PASSWORD,
      totp: await totpNow(secret, t.clock.now),
    });
    expect(replay.json().code).toBe('TOTP_INVALID');
    t.clock.advance(30_000);
    const next = await totpNow(secret, t.clock.now);
    await t.agent(city.username, PASSWORD, { totp: next });
    const again = await t
      .anonymous()
      .post('/api/auth/login', { username: city.username, password: PASSWORD, totp: next });
    expect(again.json().code).toBe('TOTP_INVALID');
    // A code of an earlier step, still inside the drift window, does not come back either.
    t.clock.advance(30_000);
    const stale = await totpNow(secret, new Date(t.clock.now.getTime() - 60_000));
    expect(
      (await t.anonymous().post('/api/auth/login', { username: city.username, password: PASSWORD, totp: stale })).json()
        .code,
    ).toBe('TOTP_INVALID');

    // Require TOTP for every administrator: a unit admin without it is held at enrolment.
    expect((await a.put('/api/settings', { requireTotpForAdmins: true })).statusCode).toBe(200);
    const u = await t.agent(unitAdmin.username, PASSWORD);
    const held = await u.get('/api/orgs');
    expect(held.statusCode).toBe(403);
    expect(held.json().code).toBe('TOTP_ENROLLMENT_REQUIRED');
    expect((await u.get('/api/auth/me')).json().totpEnrollmentRequired).toBe(true);
    const s2 = (await u.post('/api/auth/totp/setup')).json();
    expect((await u.post('/api/auth/totp/enable', { code: await totpNow(s2.secret, t.clock.now) })).statusCode).toBe(
      200,
    );
    expect((await u.get('/api/orgs')).statusCode).toBe(200);
    // Only the city administrator may change the setting.
    expect((await u.put('/api/settings', { requireTotpForAdmins: false })).statusCode).toBe(403);
    expect((await a.put('/api/settings', { requireTotpForAdmins: false })).statusCode).toBe(200);
  });
});

describe('login flood', () => {
  it('answers 429 with Retry-After past the per-IP limit', async () => {
    const t = await createTestApp({ loginRateLimit: { max: 5, windowMs: 60_000 } });
    try {
      const a = t.anonymous();
      const codes: number[] = [];
      for (let i = 0; i < 8; i++)
        codes.push((await a.post('/api/auth/login', { username: `x${i}`, password: 'whatever-1' })).statusCode);
      expect(codes.slice(0, 5).every((c) => c === 401)).toBe(true);
      const r = await a.post('/api/auth/login', { username: 'x', password: 'whatever-1' });
      expect(r.statusCode).toBe(429);
      expect(r.json().code).toBe('RATE_LIMITED');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });

  it('two app instances on one database count together (the limit is not multiplied by the instances)', async () => {
    const t = await createTestApp({ loginRateLimit: { max: 6, windowMs: 60_000 } });
    // A second instance: on PostgreSQL with its own pool, like a second server; on PGlite the one database.
    const second = t.database.url ? await openDatabase({ databaseUrl: t.database.url }) : t.database;
    const other = await buildApp({ database: second, config: t.config, clock: () => t.clock.now });
    try {
      const apps = [t.app, other];
      const codes: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await apps[i % 2]?.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: `flood${i}`, password: 'whatever-1' },
        });
        codes.push(res?.statusCode ?? 0);
      }
      // Six attempts in all, whichever instance took them; an in-memory count would have allowed twelve.
      expect(codes).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
      // The window ends for both instances at once.
      t.clock.advance(61_000);
      const again = await other.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'flood-later', password: 'whatever-1' },
      });
      expect(again.statusCode).toBe(401);
    } finally {
      await other.close();
      if (second !== t.database) await second.close();
      await t.close();
    }
  });
});
