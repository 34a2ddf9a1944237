/**
 * The inspector's phone form (/inspect/, 督导检查) in a real browser at 375×812 against the real server: the
 * district plans a visit (API), the inspector signs in on the phone, answers the checklist with a failed fire item
 * and a photo, loses the network, submits — the form stays on the phone ("1 份检查待发送") — and when the network is
 * back it is sent once: the server has the visit done with one rectification item and the photo attached. Then the
 * district's rectification board shows the item. Screenshots: test-results/supervision-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/domain/calendar/dates.js';
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
  signIn,
  startServer,
  waitInPage,
  watchPageErrors,
} from './harness.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function signInAgent(app: App, username: string, password: string): Promise<Agent> {
  const a = new Agent(app);
  const res = await a.post('/api/auth/login', { username, password });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  a.csrf = res.json().csrfToken;
  return a;
}

describe.skipIf(!hasChromium)('inspector on a phone (375×812): the offline visit form', () => {
  let server: LiveServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let rc: RunningClass;
  let inspectorName = '';
  let visitId = 0;
  let dataDir = '';
  const pageErrors: string[] = [];
  // As in the door journey: while the network is cut the server also drops the browser's /api/ requests.
  let cut = false;
  const setNetwork = async (online: boolean) => {
    cut = !online;
    await context.setOffline(!online);
  };
  const shot = (p: Page, name: string) => p.screenshot({ path: path.join(shotsDir, `supervision-${name}.png`) });

  beforeAll(async () => {
    buildWebOnce();
    if (!fs.existsSync(path.join(repoRoot, 'dist/web/inspect/index.html')))
      throw new Error('dist/web/inspect/index.html was not built');
    fs.mkdirSync(shotsDir, { recursive: true });
    dataDir = fs.mkdtempSync(path.join(shotsDir, 'sv-'));
    server = await startServer('Initial-Admin-Pass-2026', {
      dataKey: 'ef'.repeat(32),
      dataDir,
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
    const inspector = await buildUser(server.database.db, {
      role: 'inspector',
      orgId: rc.districtId,
      username: 'inspector_e2e',
    });
    inspectorName = inspector.displayName;
    const district = await signInAgent(server.app, rc.districtAdmin.username, PASSWORD);
    const planned = await district.post('/api/supervision/visits', {
      classId: rc.classId,
      kind: 'unannounced',
      plannedDate: todayInChina(new Date()),
      inspectorIds: [inspector.id],
    });
    expect(planned.statusCode, planned.body).toBe(201);
    visitId = planned.json().id;
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 375, height: 812 },
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
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in, fills the checklist, submits offline and sends once when back online', async () => {
    await page.goto(`${server.baseUrl}/inspect`);
    await page.getByLabel('用户名').fill('inspector_e2e');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.getByText(rc.className).waitFor();
    expect(await page.getByText(inspectorName).count()).toBe(1);
    await shot(page, 'phone-list');
    await page.getByText(rc.className).tap();
    await page.getByTestId('visit-form').waitFor();
    const pick = (key: string, label: string) =>
      page.getByTestId(`check-${key}`).getByRole('button', { name: label, exact: true }).tap();
    for (const key of ['safety', 'hygiene', 'food', 'records', 'staffing']) await pick(key, '合格');
    await pick('fire', '不合格');
    await pick('fire', '严重');
    await page.getByTestId('check-fire').locator('textarea').fill('安全出口被杂物堵塞');
    await page
      .getByTestId('check-fire')
      .locator('input[type=file]')
      .setInputFiles({ name: 'exit.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('check-fire').getByText('1 张照片').waitFor();
    await page.getByTestId('check-headcount').locator('input[type=number]').fill('0');
    await pick('headcount', '合格');
    await shot(page, 'phone-form');
    // The draft is on the phone already.
    expect(await page.evaluate((id) => localStorage.getItem(`tuoguan.inspect.draft.${id}`), visitId)).toContain(
      '安全出口',
    );

    await setNetwork(false);
    await page.getByTestId('submit-visit').tap();
    await page.getByTestId('queue').waitFor();
    expect(await page.getByTestId('queue').textContent()).toContain('1 份检查待发送');
    await shot(page, 'phone-queued');
    const stillPlanned = await (await signInAgent(server.app, rc.districtAdmin.username, PASSWORD)).get(
      `/api/supervision/visits/${visitId}`,
    );
    expect(stillPlanned.json().status).toBe('planned');

    await setNetwork(true);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await waitInPage(page, () => (localStorage.getItem('tuoguan.inspect.queue') ?? '[]') === '[]', 20_000);
    const district = await signInAgent(server.app, rc.districtAdmin.username, PASSWORD);
    const done = (await district.get(`/api/supervision/visits/${visitId}`)).json();
    expect(done).toMatchObject({ status: 'done', findings: 1, headCount: 0 });
    const fire = done.results.find((r: { key: string }) => r.key === 'fire');
    expect(fire).toMatchObject({ result: 'fail', severity: 'high' });
    expect(fire.fileIds).toHaveLength(1);
    const items = (await district.get(`/api/supervision/items?classId=${rc.classId}`)).json().items;
    expect(items).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("the district's board shows the new item to rectify", async () => {
    const desk = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
    const p = await desk.newPage();
    await signIn(p, server.baseUrl, rc.districtAdmin.username, PASSWORD);
    await p.waitForURL((u) => !u.pathname.startsWith('/login'));
    await p.goto(`${server.baseUrl}/supervision/items`);
    await p.getByTestId('rectification-board').getByText('安全出口被杂物堵塞').waitFor();
    await p.screenshot({ path: path.join(shotsDir, 'supervision-board.png') });
    await desk.close();
  }, 60_000);
});
