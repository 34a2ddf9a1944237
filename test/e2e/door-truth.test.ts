/**
 * The door tells the truth (issue 12), in a real browser at a phone viewport: a check-in outside the class's hours
 * opens a confirmation sheet and the confirmed check-in is stored with that confirmation; the check-out sheet offers
 * the child's registered guardian (not on the pickup list), a malformed pickup code is answered with the shape a
 * code has, and a well-formed unknown code with "接送码无效". Screenshots: test-results/door-truth-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { attendanceEvents } from '../../src/server/db/schema.js';
import type { App } from '../../src/server/deps.js';
import { Agent, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';
import { PASSWORD } from '../support/factories.js';
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

describe.skipIf(!hasChromium)('door: outside the hours, guardians and pickup codes (375×667, touch)', () => {
  let server: LiveServer;
  let browser: Browser;
  let page: Page;
  let rc: RunningClass;
  const pageErrors: string[] = [];

  const row = (i: number) => page.locator(`[data-testid="door-child"][data-child-id="${rc.children[i]?.id}"]`);
  const shot = (name: string) => page.screenshot({ path: path.join(shotsDir, `door-truth-${name}.png`) });

  beforeAll(async () => {
    buildWebOnce();
    if (!fs.existsSync(path.join(repoRoot, 'dist/web/door/index.html')))
      throw new Error('dist/web/door/index.html was not built');
    server = await startServer('Initial-Admin-Pass-2026', { dataKey: 'ef'.repeat(32) });
    const t = {
      app: server.app,
      database: server.database,
      rootId: server.rootId,
      clock: { now: new Date(), advance() {} },
      agent: (u: string, p: string) => signInAgent(server.app, u, p),
    } as unknown as TestApp;
    // Never open, whatever the hour of the real clock: every check-in is outside the hours (or not on a class day).
    rc = await buildRunningClass(t, {
      children: 2,
      paperwork: true,
      healthNotes: false,
      dailyStart: '23:59',
      dailyEnd: '23:59',
    });
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    page = await context.newPage();
    watchPageErrors(page, pageErrors);
    fs.mkdirSync(shotsDir, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('a check-in outside the hours asks first, and the record keeps the confirmation', async () => {
    await page.goto(`${server.baseUrl}/door`);
    await page.getByLabel('用户名或手机号').fill(rc.head.username);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.getByTestId('door-class').filter({ hasText: rc.className }).tap();
    await row(0).waitFor();
    await row(0).getByTestId('check-in').tap();
    const ask = page.getByTestId('hours-confirm');
    await ask.waitFor();
    expect(await ask.textContent()).toContain('不在托管时间内');
    expect(await ask.textContent()).toContain(rc.children[0]?.name ?? '?');
    await shot('01-confirm');
    // Cancel: nothing is queued or sent.
    await ask.getByRole('button', { name: '取消' }).tap();
    await ask.waitFor({ state: 'detached' });
    expect(await row(0).getAttribute('data-status')).toBe('expected');
    // Confirm: checked in, and the server stored who confirmed it.
    await row(0).getByTestId('check-in').tap();
    await page.getByTestId('hours-confirm-yes').tap();
    await expect.poll(() => row(0).getAttribute('data-status')).toBe('present');
    await expect
      .poll(async () => {
        const [ev] = await server.database.db
          .select()
          .from(attendanceEvents)
          .where(and(eq(attendanceEvents.childId, rc.children[0]?.id ?? 0), eq(attendanceEvents.kind, 'check_in')));
        return (ev?.data as { outsideHours?: { confirmed?: boolean } } | null)?.outsideHours?.confirmed ?? false;
      })
      .toBe(true);
    await shot('02-in');
  }, 90_000);

  it('check-out: the guardian is offered; a malformed code names the shape, an unknown one says 接送码无效', async () => {
    await row(0).getByTestId('check-out').tap();
    const sheet = page.getByTestId('checkout-sheet');
    await sheet.waitFor();
    await expect.poll(() => sheet.getByTestId('pickup-guardian').textContent()).toContain('家长1');
    await sheet.getByTestId('pickup-code').fill('AB12');
    await sheet.getByTestId('confirm-checkout').tap();
    await expect.poll(() => sheet.textContent()).toContain('ABCD-EFGH');
    await sheet.getByTestId('pickup-code').fill('ZZZZ-ZZZZ');
    await sheet.getByTestId('confirm-checkout').tap();
    const refused = sheet.getByTestId('checkout-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('接送码无效');
    await shot('03-unknown-code');
    await sheet.getByTestId('pickup-code').fill('');
    await sheet.getByTestId('pickup-guardian').tap();
    await sheet.getByTestId('confirm-checkout').tap();
    await sheet.waitFor({ state: 'detached' });
    await expect.poll(() => row(0).getAttribute('data-status')).toBe('left');
    const [out] = await server.database.db
      .select()
      .from(attendanceEvents)
      .where(and(eq(attendanceEvents.childId, rc.children[0]?.id ?? 0), eq(attendanceEvents.kind, 'check_out')));
    expect(out).toMatchObject({ pickupMethod: 'guardian', data: { guardian: { name: '家长1' } } });
    await shot('04-guardian-out');
  }, 90_000);
});
