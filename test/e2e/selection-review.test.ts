import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectionScores } from '../../src/server/db/tables/selection.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { buildReportingCampaign } from '../support/reports.js';
import { eligibleClass, submittedApplication } from '../support/selection.js';
import { buildWebOnce, hasChromium, launchChromium, listenOn, openPage, repoRoot, shotsDir } from './harness.js';

describe.skipIf(!hasChromium)('selection: the reviewer scores an application', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let appId: number;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebOnce();
    t = await createTestApp({ webDist: path.join(repoRoot, 'dist/web') });
    const db = t.database.db;
    const now = t.clock.now;
    const district = await buildOrg(db, { parentId: t.rootId, name: '甲区总工会' });
    const unit = await buildOrg(db, { parentId: district.id, name: '甲一单位' });
    const campaignId = (await buildReportingCampaign(db, t.rootId, now)).id;
    const cls = await eligibleClass(db, { campaignId, unitId: unit.id, now, name: '甲一单位暑期托管班' });
    const ua = await buildUser(db, { role: 'unit_admin', orgId: unit.id });
    appId = await submittedApplication(await t.agent(ua.username, PASSWORD), campaignId, cls.id, {
      practices: '劳模讲堂、非遗剪纸、安全小课堂，每周亲子开放日',
      outcomes: '服务职工子女 30 名，全程无安全事故',
    });
    const c = await buildUser(db, { role: 'city_admin', orgId: t.rootId });
    const city = await t.agent(c.username, PASSWORD);
    const panelId = (await city.post(`/api/campaigns/${campaignId}/selection/panels`, { name: '市级评审组' })).json()
      .id;
    const rv = await buildUser(db, { role: 'reviewer', orgId: t.rootId });
    const assign = await city.post(`/api/campaigns/${campaignId}/selection/panels/${panelId}/assign`, {
      reviewerIds: [rv.id],
      applicationIds: [appId],
    });
    expect(assign.json().assigned).toHaveLength(1);
    const reviewer = await t.agent(rv.username, PASSWORD);
    baseUrl = await listenOn(t);
    browser = await launchChromium();
    page = await openPage(browser, baseUrl, { width: 1366, height: 900 }, pageErrors, reviewer);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists the application, shows dossier and rubric, and saves the scores', async () => {
    await page.goto(`${baseUrl}/selection/review`);
    const home = page.getByTestId('reviewer-home');
    await home.getByText('甲一单位暑期托管班').waitFor();
    await home.getByText('待评分').waitFor();
    await page.screenshot({ path: path.join(shotsDir, 'selection-review-list.png') });
    await home.getByText('去评分').click();
    await page.getByTestId('rubric').waitFor();
    await page.getByText('出勤率 × 100').waitFor();
    await page.getByText('劳模讲堂', { exact: false }).first().waitFor();
    for (const [k, v] of [
      ['safety', '86'],
      ['features', '90'],
      ['exemplary', '78'],
    ] as const)
      await page.locator(`input[data-testid="score-${k}"], [data-testid="score-${k}"] input`).fill(v);
    await page.getByTestId('save-scores').click();
    await page.getByText('评分已保存').waitFor();
    await page.getByTestId('rubric').getByText('已评分').first().waitFor();
    expect(await page.getByTestId('rubric').getByText('已评分').count()).toBe(3);
    await page.screenshot({ path: path.join(shotsDir, 'selection-review-scored.png'), fullPage: true });
    const rows = await t.database.db.select().from(selectionScores);
    expect(rows.map((r) => [r.criterion, r.score]).sort()).toEqual([
      ['exemplary', 78],
      ['features', 90],
      ['safety', 86],
    ]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
