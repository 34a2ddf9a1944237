import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { PNG } from '../support/public-world.js';
import { buildClassFor, buildReportingCampaign } from '../support/reports.js';
import {
  animationsDone,
  buildWebOnce,
  hasChromium,
  launchChromium,
  listenOn,
  openPage,
  repoRoot,
  shotsDir,
} from './harness.js';

describe.skipIf(!hasChromium)('selection: photos of an application', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let unitAgent: Agent;
  let appId: number;
  const pageErrors: string[] = [];
  const photoIds = async () =>
    (await unitAgent.get(`/api/selection/applications/${appId}`)).json().application.photoIds as number[];

  beforeAll(async () => {
    buildWebOnce();
    t = await createTestApp({ webDist: path.join(repoRoot, 'dist/web') });
    const db = t.database.db;
    const now = t.clock.now;
    const district = await buildOrg(db, { parentId: t.rootId, name: '乙区总工会' });
    const unit = await buildOrg(db, { parentId: district.id, name: '乙一单位' });
    const campaignId = (await buildReportingCampaign(db, t.rootId, now)).id;
    const cls = await buildClassFor(db, {
      campaignId,
      unitId: unit.id,
      status: 'closed',
      now,
      name: '乙一单位暑期托管班',
    });
    const ua = await buildUser(db, { role: 'unit_admin', orgId: unit.id });
    unitAgent = await t.agent(ua.username, PASSWORD);
    const created = await unitAgent.post(`/api/campaigns/${campaignId}/selection/applications`, { classId: cls.id });
    expect(created.statusCode, created.body).toBe(201);
    appId = created.json().id;
    baseUrl = await listenOn(t);
    browser = await launchChromium();
    page = await openPage(browser, baseUrl, { width: 1366, height: 900 }, pageErrors, unitAgent);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('uploads two photos, previews one and removes the other before submission', async () => {
    await page.goto(`${baseUrl}/selection/applications/${appId}`);
    const widget = page.getByTestId('application-photos');
    await widget.getByText('还没有照片').waitFor();
    const input = widget.locator('input[type="file"]');
    await input.setInputFiles({ name: '剪纸课.png', mimeType: 'image/png', buffer: PNG });
    await widget.getByText('1 张照片将随申报提交').waitFor();
    await input.setInputFiles({ name: '安全课.png', mimeType: 'image/png', buffer: PNG });
    await widget.getByText('2 张照片将随申报提交').waitFor();
    const ids = await photoIds();
    expect(ids).toHaveLength(2);
    const [first, second] = ids as [number, number];
    await widget.getByTestId(`application-photo-${second}`).waitFor();
    await animationsDone(page);
    await page.screenshot({ path: path.join(shotsDir, 'application-photos-two.png'), fullPage: true });

    // Preview: the photo opens large.
    await widget.getByTestId(`application-photo-${second}`).locator('.ant-image').click();
    await page.locator('.ant-image-preview-img').waitFor();
    await animationsDone(page);
    await page.screenshot({ path: path.join(shotsDir, 'application-photos-preview.png') });
    await page.keyboard.press('Escape');
    await page.locator('.ant-image-preview-img').waitFor({ state: 'hidden' });

    // Remove the first: it no longer goes with the application.
    await widget.getByTestId(`application-photo-${first}`).getByRole('button', { name: '移除' }).click();
    await widget.getByText('1 张照片将随申报提交').waitFor();
    await widget.getByTestId(`application-photo-${first}`).waitFor({ state: 'detached' });
    expect(await photoIds()).toEqual([second]);
    await animationsDone(page);
    await page.screenshot({ path: path.join(shotsDir, 'application-photos-removed.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
