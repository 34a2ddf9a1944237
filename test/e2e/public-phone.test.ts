/**
 * The public site on a phone, and the photo widgets that decide what reaches it (#17), in a real browser:
 * - every page linked from /public/ (two levels of links) at 375×667 has nothing wider than the screen: the document
 *   does not scroll sideways and the header's menu shows every item (no strip that hides its last links);
 * - the news console's status filter fits a 375-px phone;
 * - the city records the children in a case photo: the class's children with each guardian's publicity consent,
 *   the photo marked "not shown publicly" while a recorded child has no consent (and the public page leaves it
 *   out), and shown once the guardian consents.
 * Screenshots: test-results/public-phone-*.png, public-desktop-*.png, photo-children-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { PASSWORD } from '../support/factories.js';
import { buildPublicWorld, type PublicWorld } from '../support/public-world.js';
import {
  animationsDone,
  buildWebOnce,
  hasChromium,
  launchChromium,
  listenOn,
  repoRoot,
  shotsDir,
  watchPageErrors,
} from './harness.js';

const PHONE = { width: 375, height: 667 };
const DESKTOP = { width: 1440, height: 900 };

/** What sticks out sideways on the page now: the document's width and the menu's hidden or cut items. */
function sideways() {
  const vw = window.innerWidth;
  const nav = document.querySelector('.site-nav');
  const cut = [...document.querySelectorAll('.site-nav a')]
    .filter((a) => {
      const r = a.getBoundingClientRect();
      return r.left < 0 || r.right > vw + 0.5;
    })
    .map((a) => a.textContent);
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: vw,
    navScrolls: nav ? nav.scrollWidth > nav.clientWidth + 1 : false,
    cut,
  };
}

describe.skipIf(!hasChromium)('the public site on a phone, and the children in a case photo', () => {
  let t: TestApp;
  let w: PublicWorld;
  let baseUrl: string;
  let browser: Browser;
  const pageErrors: string[] = [];

  const contextFor = async (viewport: { width: number; height: number }, who?: Agent): Promise<BrowserContext> => {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN' });
    if (who)
      await ctx.addCookies([{ name: 'tg_sid', value: (who.cookie ?? '').replace(/^tg_sid=/, ''), url: baseUrl }]);
    return ctx;
  };
  const shot = (p: Page, name: string, fullPage = false) =>
    p.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage });

  beforeAll(async () => {
    buildWebOnce();
    t = await createTestApp({ webDist: path.join(repoRoot, 'dist/web') });
    w = await buildPublicWorld(t);
    baseUrl = await listenOn(t);
    browser = await launchChromium();
    fs.mkdirSync(shotsDir, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('every page linked from /public/ fits 375 px: no sideways scroll, every menu item on screen', async () => {
    const ctx = await contextFor(PHONE);
    const page = await ctx.newPage();
    watchPageErrors(page, pageErrors);
    const seen = new Set<string>();
    let level = ['/public/'];
    for (let depth = 0; depth < 3 && level.length; depth++) {
      const next: string[] = [];
      for (const url of level) {
        if (seen.has(url)) continue;
        seen.add(url);
        const res = await page.goto(`${baseUrl}${url}`);
        expect(res?.status(), url).toBe(200);
        const s = await page.evaluate(sideways);
        expect(s.scrollWidth, `${url}: document wider than the phone`).toBeLessThanOrEqual(s.innerWidth);
        expect(s.navScrolls, `${url}: the menu scrolls sideways`).toBe(false);
        expect(s.cut, `${url}: menu items off screen`).toEqual([]);
        if (depth === 2) continue;
        for (const href of await page.$$eval('a[href^="/public/"]', (as) => as.map((a) => a.getAttribute('href'))))
          if (href && !href.startsWith('/public/photos/') && !seen.has(href)) next.push(href);
      }
      level = [...new Set(next)];
    }
    // It reached the kinds of page there are.
    for (const p of ['/public/programme', '/public/classes', `/public/cases/${w.caseId}`, '/public/news'])
      expect(seen, p).toContain(p);
    for (const [name, url] of [
      ['home', '/public/'],
      ['classes', '/public/classes'],
      ['case', `/public/cases/${w.caseId}`],
      ['class', `/public/classes/${w.rc.classId}`],
    ] as const) {
      await page.goto(`${baseUrl}${url}`);
      await shot(page, `public-phone-${name}`);
    }
    const desk = await (await contextFor(DESKTOP)).newPage();
    for (const [name, url] of [
      ['home', '/public/'],
      ['case', `/public/cases/${w.caseId}`],
    ] as const) {
      await desk.goto(`${baseUrl}${url}`);
      const s = await desk.evaluate(sideways);
      expect(s.scrollWidth).toBeLessThanOrEqual(s.innerWidth);
      expect(s.cut).toEqual([]);
      await shot(desk, `public-desktop-${name}`);
    }
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it("the news console's status filter fits a 375-px phone", async () => {
    const page = await (await contextFor(PHONE, w.cityA)).newPage();
    watchPageErrors(page, pageErrors);
    await page.goto(`${baseUrl}/news`);
    await page.getByTestId('news-status-filter').waitFor();
    await page.getByText('全市爱心托管班陆续开班').first().waitFor();
    await animationsDone(page);
    const filter = await page.getByTestId('news-status-filter').boundingBox();
    expect(filter && filter.x + filter.width).toBeLessThanOrEqual(PHONE.width);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'public-phone-news-console');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('the city records the children in a case photo; without consent it is "not shown publicly"', async () => {
    const page = await (await contextFor({ width: 1366, height: 900 }, w.cityA)).newPage();
    watchPageErrors(page, pageErrors);
    const kid = w.rc.children[2];
    if (!kid) throw new Error('no third child');
    await page.goto(`${baseUrl}/supervision/cases`);
    const tile = page.getByTestId(`case-photo-${w.photos.unrecorded}`);
    const status = tile.getByTestId('photo-public-status');
    await status.getByText('不公开展示：未登记照片中的儿童').waitFor();
    await page
      .getByTestId(`case-photo-${w.photos.noChildren}`)
      .getByTestId('photo-public-status')
      .getByText('公开展示中')
      .waitFor();
    await shot(page, 'photo-children-cases');
    await tile.getByRole('button', { name: '照片中的儿童' }).click();
    const modal = page.getByRole('dialog');
    await modal.getByText('照片中的儿童与宣传同意').waitFor();
    await animationsDone(page);
    // Every child of the class is offered, each with the guardian's consent.
    for (const c of w.rc.children) await modal.getByText(c.name, { exact: true }).waitFor();
    await expect(modal.getByTestId(`consent-${kid.id}`).textContent()).resolves.toBe('未同意');
    await modal.getByRole('checkbox', { name: kid.name }).check();
    await modal.getByText('所选儿童中有监护人未同意宣传：此照片不会在公开网站展示。').waitFor();
    await animationsDone(page);
    await shot(page, 'photo-children-modal');
    await modal.getByRole('button', { name: '登记所选儿童' }).click();
    await status.getByText('不公开展示：有儿童未获宣传同意').waitFor();
    const publicCase = async () => (await t.anonymous().get(`/public/cases/${w.caseId}`)).body;
    expect(await publicCase()).not.toContain(`/public/photos/${w.photos.unrecorded}"`);

    // The guardian consents in the parents' app: the photo is on the site, and the console says so.
    const guardian = await t.agent(kid.guardianUsername, PASSWORD);
    const g = await guardian.post('/api/family/consents/grant', {
      childId: kid.id,
      kind: 'publicity',
      privacyNoticeVersion: '2026-1',
    });
    expect(g.statusCode, g.body).toBe(200);
    await page.reload();
    await page
      .getByTestId(`case-photo-${w.photos.unrecorded}`)
      .getByTestId('photo-public-status')
      .getByText('公开展示中')
      .waitFor();
    expect(await publicCase()).toContain(`/public/photos/${w.photos.unrecorded}"`);
    await shot(page, 'photo-children-shown');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
