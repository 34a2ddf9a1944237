import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/server/db/schema.js';
import { selectionAssignments, selectionSettings } from '../../src/server/db/tables/selection.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { buildReportingCampaign } from '../support/reports.js';
import { eligibleClass, submittedApplication } from '../support/selection.js';
import {
  animationsDone,
  button,
  buildWebOnce,
  hasChromium,
  launchChromium,
  listenOn,
  openPage,
  repoRoot,
  shotsDir,
  signIn,
  tallShot,
} from './harness.js';

const numberInput = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);

describe.skipIf(!hasChromium)('selection: the city sets up the selection and its panels', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let campaignId: number;
  let districtA: number;
  let revAId: number;
  let revCityId: number;
  const apps: Record<string, number> = {};
  let cityUsername = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebOnce();
    t = await createTestApp({ webDist: path.join(repoRoot, 'dist/web') });
    const db = t.database.db;
    const now = t.clock.now;
    const dA = await buildOrg(db, { parentId: t.rootId, name: '甲区总工会' });
    const dB = await buildOrg(db, { parentId: t.rootId, name: '乙区总工会' });
    districtA = dA.id;
    campaignId = (await buildReportingCampaign(db, t.rootId, now)).id;
    for (const [k, d, name] of [
      ['a1', dA.id, '甲一单位'],
      ['b1', dB.id, '乙一单位'],
    ] as const) {
      const unit = await buildOrg(db, { parentId: d, name });
      const cls = await eligibleClass(db, { campaignId, unitId: unit.id, now, name: `${name}暑期托管班` });
      const ua = await buildUser(db, { role: 'unit_admin', orgId: unit.id });
      apps[k] = await submittedApplication(await t.agent(ua.username, PASSWORD), campaignId, cls.id);
    }
    const named = async (role: 'reviewer' | 'city_admin', orgId: number, displayName: string) => {
      const u = await buildUser(db, { role, orgId });
      await db.update(users).set({ displayName }).where(eq(users.id, u.id));
      return u;
    };
    cityUsername = (await named('city_admin', t.rootId, '市总管理员')).username;
    revCityId = (await named('reviewer', t.rootId, '王评审')).id;
    revAId = (await named('reviewer', dA.id, '李评审')).id;
    baseUrl = await listenOn(t);
    browser = await launchChromium();
    page = await openPage(browser, baseUrl, { width: 1440, height: 900 }, pageErrors);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('edits the rubric (a wrong sum is refused in words), a district quota, and saves', async () => {
    await signIn(page, baseUrl, cityUsername, PASSWORD);
    await page.getByRole('menuitem', { name: '评选设置' }).click();
    await page.getByTestId('rubric-card').waitFor();
    await page.getByTestId('weight-sum').getByText('权重合计 100 / 100').waitFor();
    await tallShot(page, 'selection-settings-zh');

    // 服务规模 10 → 15: the weights add up to 105.
    await numberInput(page, 'weight-1').fill('15');
    await page.getByTestId('weight-sum').getByText('权重合计 105 / 100').waitFor();
    await button(page, '保存设置').click();
    await page
      .getByTestId('rubric-error')
      .getByText('各评分项「权重」之和须为 100，现为 105。请调整「权重」一栏。')
      .waitFor();
    await animationsDone(page);
    await page.getByTestId('rubric-card').screenshot({ path: path.join(shotsDir, 'selection-settings-sum-error.png') });
    expect(await t.database.db.select().from(selectionSettings)).toEqual([]);

    // 出勤率 15 → 10: 100 again; the district quota comes from the campaign's own districts.
    await numberInput(page, 'weight-0').fill('10');
    await page.getByTestId('weight-sum').getByText('权重合计 100 / 100').waitFor();
    await page.getByTestId('rubric-error').waitFor({ state: 'detached' });
    await page.getByTestId('quota-card').getByText('乙区总工会').waitFor();
    await numberInput(page, `quota-${districtA}`).fill('3');
    await button(page, '保存设置').click();
    await page.getByText('评选设置已保存').waitFor();
    const [saved] = await t.database.db.select().from(selectionSettings);
    expect(((saved?.rubric ?? []) as { key: string; weight: number }[]).slice(0, 2)).toMatchObject([
      { key: 'attendance', weight: 10 },
      { key: 'scale', weight: 15 },
    ]);
    expect(saved?.quotas).toEqual({ [String(districtA)]: 3 });

    // A second save works on the new version (no "changed by someone else").
    await page.getByTestId('blind').click();
    await button(page, '保存设置').click();
    await page.getByText('评选设置已保存').last().waitFor();
    await expect.poll(async () => (await t.database.db.select().from(selectionSettings))[0]?.blind).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('creates a panel, adds reviewers, and shows the one from the applicant’s district excluded with the reason', async () => {
    await page.getByRole('menuitem', { name: '评审组与分配' }).click();
    await page.getByTestId('reviewers').getByText('李评审').waitFor();
    const reason = '本人在「甲区总工会」任职，申报单位在其辖下，自动回避';
    await page.getByTestId(`excluded-${revAId}`).getByText(reason).waitFor();

    await page.getByTestId('panel-name').fill('第一评审组');
    await button(page, '创建').click();
    const panel = page.getByTestId('panel-第一评审组');
    await panel.getByTestId('assign-form').waitFor();
    await panel.getByTestId('pick-reviewers').click();
    for (const name of ['王评审', '李评审'])
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .filter({ hasText: name })
        .click();
    await page.keyboard.press('Escape');
    await panel.getByTestId('will-skip').getByText(reason).waitFor();
    await animationsDone(page);
    await tallShot(page, 'selection-panels-assign-zh');
    await button(panel, '分配').click();
    await panel.getByTestId('assign-result').getByText('已分配 3 人次，自动回避 1 人次').waitFor();
    await panel.getByRole('cell', { name: '李评审' }).waitFor();
    const rows = await t.database.db.select().from(selectionAssignments);
    expect(rows.map((r) => [r.applicationId, r.reviewerId]).sort()).toEqual(
      [
        [apps.a1, revCityId],
        [apps.b1, revCityId],
        [apps.b1, revAId],
      ].sort(),
    );

    // A reviewer declares a conflict: the city sees it with the reason.
    const rv = (await t.database.db.select().from(users).where(eq(users.id, revCityId)))[0];
    const reviewer = await t.agent(rv?.username ?? '', PASSWORD);
    expect(
      (await reviewer.post(`/api/selection/review/${apps.b1}/recuse`, { reason: '曾为该单位授课' })).statusCode,
    ).toBe(200);
    await page.reload();
    await page.getByTestId('recusals').getByText('曾为该单位授课').waitFor();
    await tallShot(page, 'selection-panels-zh');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('the application shows its summary report status in words', async () => {
    await page.goto(`${baseUrl}/selection/applications/${apps.a1}`);
    await page.getByTestId('summary-report-status').getByText('已报送').waitFor();
    expect(await page.getByTestId('dossier').textContent()).not.toMatch(/\bsubmitted\b/);
    await tallShot(page, 'selection-application-zh');
  }, 60_000);

  it('reads in English', async () => {
    await page.evaluate(() => localStorage.setItem('tuoguan.lang', 'en'));
    await page.goto(`${baseUrl}/selection-settings?campaign=${campaignId}`);
    await page.getByTestId('weight-sum').getByText('Weights total 100 / 100').waitFor();
    await tallShot(page, 'selection-settings-en');
    await page.goto(`${baseUrl}/selection-panels?campaign=${campaignId}`);
    await page
      .getByTestId(`excluded-${revAId}`)
      .getByText('which the applying unit belongs to; excluded automatically')
      .waitFor();
    await tallShot(page, 'selection-panels-en');
    await page.goto(`${baseUrl}/selection/applications/${apps.a1}`);
    await page.getByTestId('summary-report-status').getByText('Submitted').waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
