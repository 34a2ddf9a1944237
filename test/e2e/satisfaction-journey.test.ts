/**
 * The satisfaction survey (#16) in a real browser: at phone size (375×667, touch) in the parents' app a guardian
 * opens the survey from the notice the class's closing sent, answers, submits and sees thanks; a second submit
 * (from a second tab opened before the first answer went in) is refused with the server's Chinese words. Then the
 * class page in the console shows 答卷不足5份 below five answers and the index from five on.
 * Screenshots: test-results/satisfaction-journey-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';
import { buildWebOnce, hasChromium, launchChromium, listenOn, repoRoot, shotsDir, watchPageErrors } from './harness.js';

const answer = (overall: number) => ({ overall, safety: 5, care: 4, activities: 4, communication: 5, happy: 2 });

describe.skipIf(!hasChromium)('satisfaction journey (parents app at 375×667, class page)', () => {
  let t: TestApp;
  let dataDir: string;
  let baseUrl: string;
  let rc: RunningClass;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  let guardian: Agent;
  let invitationId: number;

  async function shot(p: Page, name: string) {
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name}: page wider than the viewport`).toBeLessThanOrEqual(0);
    await p.evaluate(() => window.scrollTo(0, 0));
    await p.screenshot({ path: path.join(shotsDir, `satisfaction-journey-${name}.png`), fullPage: true });
  }
  const cookieOf = (a: Agent) => {
    const v = (a.cookie ?? '').replace(/^tg_sid=/, '');
    return [{ name: 'tg_sid', value: v, url: baseUrl }];
  };

  beforeAll(async () => {
    buildWebOnce();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-satisfaction-e2e-'));
    t = await createTestApp({ dataDir, webDist: path.join(repoRoot, 'dist/web') });
    rc = await buildRunningClass(t, { children: 6 });
    baseUrl = await listenOn(t);
    // The unit closes the class: every enrolled family is asked.
    const closed = await rc.unitAdmin.agent.post(`/api/classes/${rc.classId}/transition`, { action: 'close' });
    expect(closed.statusCode, closed.body).toBe(200);
    // Three other families answer first (four answers in all after the guardian's: still too few to show).
    for (let i = 1; i <= 3; i++) {
      const a = await rc.guardian(i).login();
      const id = (await a.get('/api/parent/satisfaction')).json().items[0].id;
      expect((await a.post(`/api/parent/satisfaction/${id}`, answer(4))).statusCode).toBe(201);
    }
    guardian = await rc.guardian(0).login();
    invitationId = (await guardian.get('/api/parent/satisfaction')).json().items[0].id;
    browser = await launchChromium();
    phone = await browser.newContext({
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    await phone.addCookies(cookieOf(guardian));
    page = await phone.newPage();
    watchPageErrors(page, pageErrors);
    fs.mkdirSync(shotsDir, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => expect(pageErrors).toEqual([]));

  it('home shows the survey waiting; the notice opens it', async () => {
    await page.goto(`${baseUrl}/m/#/`);
    await page.getByTestId('satisfaction-card').waitFor();
    await shot(page, '01-home');
    await page.goto(`${baseUrl}/m/#/inbox`);
    const item = page.getByTestId('inbox-item').filter({ hasText: '满意度调查' }).first();
    await item.waitFor();
    await shot(page, '02-inbox');
    await item.tap();
    await page.getByTestId('satisfaction-form').waitFor();
    expect(page.url()).toContain(`#/satisfaction/${invitationId}`);
    await shot(page, '03-survey');
  }, 60_000);

  it('answers, submits, sees thanks; a second submit is refused', async () => {
    // A second tab with the same survey open, to submit again after the first answer is in.
    const second = await phone.newPage();
    watchPageErrors(second, pageErrors);
    await second.goto(`${baseUrl}/m/#/satisfaction/${invitationId}`);
    await second.getByTestId('satisfaction-form').waitFor();

    const fill = async (p: Page) => {
      for (const [name, score] of [
        ['overall', 5],
        ['safety', 5],
        ['care', 4],
        ['activities', 5],
        ['communication', 4],
      ] as const)
        await p
          .getByTestId(`rate-${name}`)
          .locator('label')
          .nth(score - 1)
          .tap();
      await p.getByTestId('rate-happy').locator('input').first().tap();
    };
    // Submitting with a question left out says how many are missing.
    await page.getByTestId('satisfaction-submit').tap();
    await page.getByText(/还有 \d+ 项没有选/).waitFor();
    await fill(page);
    await page.locator('textarea').fill('老师很细心，孩子每天都想去。');
    await shot(page, '04-filled');
    await page.getByTestId('satisfaction-submit').tap();
    await page.getByTestId('satisfaction-thanks').waitFor();
    await shot(page, '05-thanks');

    await fill(second);
    await second.getByTestId('satisfaction-submit').tap();
    await second.getByText('已经提交过', { exact: false }).waitFor();
    await shot(second, '06-refused');
    await second.close();
    // Opened again from the home page (the app's own navigation, its stored copy), the survey says it was answered.
    await page.goto(`${baseUrl}/m/#/`);
    await page.goto(`${baseUrl}/m/#/satisfaction/${invitationId}`);
    await page.getByTestId('satisfaction-answered').waitFor();
    await shot(page, '07-answered');
  }, 60_000);

  it('the class page shows the notice below 5 answers and the index from 5 on', async () => {
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await desk.addCookies(cookieOf(rc.unitAdmin.agent));
    const p = await desk.newPage();
    watchPageErrors(p, pageErrors);
    await p.goto(`${baseUrl}/classes/${rc.classId}?tab=satisfaction`);
    await p.getByTestId('satisfaction-too-few').first().waitFor();
    await p.screenshot({ path: path.join(shotsDir, 'satisfaction-journey-08-class-too-few.png'), fullPage: true });
    const a = await rc.guardian(4).login();
    const id = (await a.get('/api/parent/satisfaction')).json().items[0].id;
    expect(
      (await a.post(`/api/parent/satisfaction/${id}`, { ...answer(3), comment: '接孩子的时间太早了' })).statusCode,
    ).toBe(201);
    await p.reload();
    await p.getByTestId('satisfaction-parents').waitFor();
    // overall 4,4,4,5,3 → Σ(s−1) = 15 of 20 → 75.0
    await p.getByText('75.0').first().waitFor();
    await p.getByText('接孩子的时间太早了').waitFor();
    await p.screenshot({ path: path.join(shotsDir, 'satisfaction-journey-09-class-index.png'), fullPage: true });
    await desk.close();
  }, 60_000);
});
