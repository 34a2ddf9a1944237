/**
 * A volunteer's own hours at the door (#17: hours "come from their own door check-ins"), in a real browser at a
 * phone viewport (375×667, touch) against the real server: a social volunteer on the class's roster signs in at
 * /door/, opens the class and sees 「志愿者/工作人员签到」; with the network cut they check themselves in and, later,
 * out — the card counts today's time from the phone's queue and says 待同步, the server has nothing yet. Back
 * online the marks sync (the server stores them with the phone's times, once), and the hours record (the hours API
 * and its PDF) shows that time. A staff member of the unit who is not on this class's roster has no such card; the
 * class head, on the roster, has one, and on the same phone a mark someone else queued is never sent as theirs.
 * Screenshots: test-results/door-volunteer-*.png.
 */
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { classStaff } from '../../src/server/db/schema.js';
import { staffDoorEvents } from '../../src/server/db/tables/volunteers.js';
import type { App } from '../../src/server/deps.js';
import { Agent, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';
import { buildUser, PASSWORD } from '../support/factories.js';
import {
  buildWebOnce,
  hasChromium,
  type LiveServer,
  launchChromium,
  repoRoot,
  shotsDir,
  startServer,
  watchPageErrors,
} from './harness.js';

async function signInAgent(app: App, username: string, password: string): Promise<Agent> {
  const a = new Agent(app);
  const res = await a.post('/api/auth/login', { username, password });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  a.csrf = res.json().csrfToken;
  return a;
}

/** Midnight of today in China, as an instant. */
function chinaMidnight(now: Date): Date {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return new Date(`${day}T00:00:00+08:00`);
}

if (!hasChromium) console.warn('[e2e] /usr/bin/chromium is missing: skipping the volunteer door journey.');

describe.skipIf(!hasChromium)('a volunteer checks in and out at the door (375×667, touch)', () => {
  let server: LiveServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let rc: RunningClass;
  let volunteer: { id: number; username: string };
  const pageErrors: string[] = [];
  let broken = false;
  // The network cut as in door-journey.test.ts: the browser offline, and the server drops the browser's /api/ calls.
  let cut = false;
  async function setNetwork(online: boolean): Promise<void> {
    cut = !online;
    await context.setOffline(!online);
  }
  /** The phone's times of the two marks: a shift of `minutes` that ends no later than now, on today's China date. */
  let inAt: Date;
  let outAt: Date;
  let minutes: number;

  async function shot(name: string): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name}: page wider than the viewport`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(shotsDir, `door-volunteer-${name}.png`) });
  }
  const card = () => page.getByTestId('my-shift');
  const marksOf = (userId: number) =>
    server.database.db.select().from(staffDoorEvents).where(eq(staffDoorEvents.userId, userId));

  beforeAll(async () => {
    buildWebOnce();
    if (!fs.existsSync(path.join(repoRoot, 'dist/web/door/index.html')))
      throw new Error('dist/web/door/index.html was not built');
    server = await startServer('Initial-Admin-Pass-2026', {
      dataKey: 'ef'.repeat(32),
      beforeListen: (app) =>
        app.addHook('onRequest', async (req, reply) => {
          if (!cut || !req.url.startsWith('/api/') || req.headers['user-agent'] === 'lightMyRequest') return;
          reply.hijack();
          req.raw.socket.destroy();
        }),
    });
    const t = {
      app: server.app,
      database: server.database,
      rootId: server.rootId,
      clock: { now: new Date(), advance() {} },
      agent: (u: string, p: string) => signInAgent(server.app, u, p),
    } as unknown as TestApp;
    rc = await buildRunningClass(t, { children: 2, dailyStart: '00:00', dailyEnd: '23:59' });
    // A social volunteer accepted into the class: a `volunteer` grant on the unit and a roster row with the account.
    const db = server.database.db;
    const u = await buildUser(db, { role: 'volunteer', orgId: rc.unitId });
    volunteer = { id: u.id, username: u.username };
    await db.insert(classStaff).values({
      classId: rc.classId,
      userId: u.id,
      name: u.displayName,
      role: 'social_volunteer',
      healthCertDate: rc.startDate,
      backgroundChecked: true,
      backgroundCheckDate: rc.startDate,
      createdAt: new Date(),
    });
    // Up to 95 minutes ending a minute ago, never before today's China midnight.
    const now = Date.now();
    outAt = new Date(now - 60_000);
    inAt = new Date(Math.max(chinaMidnight(new Date(now)).getTime() + 1_000, outAt.getTime() - 95 * 60_000));
    minutes = Math.floor((outAt.getTime() - inAt.getTime()) / 60_000);
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      serviceWorkers: 'allow',
    });
    page = await context.newPage();
    watchPageErrors(page, pageErrors);
    fs.mkdirSync(shotsDir, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') broken = true;
    expect(pageErrors).toEqual([]);
  });

  it('the volunteer signs in, opens the class and sees their own check-in', async () => {
    await page.goto(`${server.baseUrl}/door`);
    await page.getByLabel('用户名或手机号').fill(volunteer.username);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.getByTestId('door-class').filter({ hasText: rc.className }).tap();
    await page.getByTestId('door-child').first().waitFor();
    await card().waitFor();
    expect(await card().textContent()).toContain('志愿者/工作人员签到');
    expect(await card().textContent()).toContain('社会志愿者');
    expect(await card().textContent()).toContain('今天尚未签到');
    expect(await page.getByTestId('my-shift-btn').textContent()).toBe('本人签到');
    await shot('01-not-yet');
  }, 90_000);

  it('offline: checks in, later out; the card counts the time and waits to sync', async () => {
    if (broken) return;
    await setNetwork(false);
    await page.clock.setFixedTime(inAt);
    await page.getByTestId('my-shift-btn').tap();
    await expect.poll(() => card().getAttribute('data-state')).toBe('in');
    expect(await card().textContent()).toContain('待同步');
    expect(await page.getByTestId('my-shift-btn').textContent()).toBe('本人签退');
    await expect.poll(() => page.getByTestId('sync-banner').textContent()).toContain('离线 · 1 条待同步');
    await shot('02-offline-in');
    await page.clock.setFixedTime(outAt);
    await page.getByTestId('my-shift-btn').tap();
    await expect.poll(() => card().getAttribute('data-state')).toBe('out');
    await expect.poll(() => page.getByTestId('my-shift-minutes').getAttribute('data-minutes')).toBe(String(minutes));
    expect(await page.getByTestId('my-shift-minutes').textContent()).toContain(
      `今日服务 ${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分`,
    );
    await expect.poll(() => page.getByTestId('sync-banner').textContent()).toContain('离线 · 2 条待同步');
    await shot('03-offline-out');
    expect(await marksOf(volunteer.id)).toEqual([]);
  }, 60_000);

  it('back online the marks sync, once, with the phone’s times; the hours record shows them', async () => {
    if (broken) return;
    await setNetwork(true);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => page.getByTestId('sync-banner').textContent(), { timeout: 30_000 }).toContain('已同步');
    await expect.poll(async () => (await marksOf(volunteer.id)).length, { timeout: 10_000 }).toBe(2);
    const marks = await marksOf(volunteer.id);
    expect(marks.map((m) => [m.kind, m.occurredAt.getTime()])).toEqual([
      ['in', inAt.getTime()],
      ['out', outAt.getTime()],
    ]);
    expect(marks.every((m) => m.clientId)).toBe(true);
    await expect.poll(() => card().textContent()).not.toContain('待同步');
    expect(await page.getByTestId('my-shift-minutes').getAttribute('data-minutes')).toBe(String(minutes));
    await shot('04-synced');

    const me = await signInAgent(server.app, volunteer.username, PASSWORD);
    const hours = (await me.get('/api/volunteers/me/hours')).json();
    expect(hours.total).toMatchObject({ days: minutes > 0 ? 1 : 0, minutes, openDays: 0 });
    expect(hours.days[0]).toMatchObject({ classId: rc.classId, minutes });
    const pdf = await me.get('/api/volunteers/me/hours.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    // The unit's view of the class's hours has the volunteer's time too.
    const unit = await signInAgent(server.app, rc.unitAdmin.username, PASSWORD);
    const rows = (await unit.get(`/api/volunteers/hours?classId=${rc.classId}`)).json().items;
    expect(rows.find((r: { userId: number | null }) => r.userId === volunteer.id)).toMatchObject({ minutes });
  }, 60_000);

  it('someone of the unit who is not on the class’s roster has no such card', async () => {
    if (broken) return;
    await page.clock.setFixedTime(new Date());
    await page.context().clearCookies();
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${server.baseUrl}/door/#/login`);
    await page.getByLabel('用户名或手机号').fill(rc.otherStaff.username);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.getByTestId('door-class').filter({ hasText: rc.className }).tap();
    await page.getByTestId('door-child').first().waitFor();
    // The roster list has answered (stored on the phone) before the card's absence means anything.
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('tuoguan.door.mine.v1') !== null), { timeout: 10_000 })
      .toBe(true);
    expect(await card().count()).toBe(0);
  }, 60_000);

  it('on a shared phone, a mark queued by someone else is not sent as the next person’s', async () => {
    if (broken) return;
    // The class head signs in on the same phone (what the phone stored stays), and finds a mark the volunteer
    // queued earlier still waiting: it stays queued, and the head's own card starts from the head's own day.
    await page.context().clearCookies();
    await page.goto(`${server.baseUrl}/door/#/login`);
    await page.getByLabel('用户名或手机号').fill(rc.head.username);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.getByTestId('door-class').filter({ hasText: rc.className }).tap();
    await card().waitFor();
    await expect.poll(() => card().textContent()).toContain('负责人');
    expect(await card().textContent()).toContain('今天尚未签到');
    const foreign = `foreign-${Date.now()}`;
    await page.evaluate(
      ({ clientId, classId, userId }) => {
        const now = new Date();
        const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
        const key = 'tuoguan.door.queue.v1';
        const q = JSON.parse(localStorage.getItem(key) ?? '[]');
        q.push({ type: 'mark', day, userId, mark: { clientId, classId, kind: 'in', occurredAt: now.toISOString() } });
        localStorage.setItem(key, JSON.stringify(q));
        window.dispatchEvent(new Event('online'));
      },
      { clientId: foreign, classId: rc.classId, userId: volunteer.id },
    );
    await expect.poll(() => page.getByTestId('sync-banner').getAttribute('data-pending')).toBe('1');
    // The head's own tap goes through meanwhile; the volunteer's mark does not, under anyone's name.
    await page.getByTestId('my-shift-btn').tap();
    await expect.poll(async () => (await marksOf(rc.head.userId)).length, { timeout: 10_000 }).toBe(1);
    expect((await marksOf(rc.head.userId))[0]?.clientId).not.toBe(foreign);
    const stored = await server.database.db.select().from(staffDoorEvents).where(eq(staffDoorEvents.clientId, foreign));
    expect(stored).toEqual([]);
    await expect.poll(() => page.getByTestId('sync-banner').getAttribute('data-pending')).toBe('1');
    await expect.poll(() => card().getAttribute('data-state')).toBe('in');
    await shot('05-shared-phone');
  }, 60_000);
});
