/**
 * The reports journey in a real browser (issue 14): a unit administrator opens 工作报送, starts the June progress
 * report from the reporting calendar, writes its sections (figures are filled in, read only), saves and submits it;
 * the district administrator finds it in the timeliness grid and returns it with a comment; the unit administrator
 * sees the comment, revises and resubmits, and compares the two versions side by side; the city administrator sees
 * the grid with that cell submitted, and opens the printable view.
 * Seeded through the factories and the API: the tree, the accounts, the campaign (next summer, so nothing is due
 * yet and the submission is on time) and a submitted class, which makes the unit a participating one.
 * Screenshots go to test-results/reports-journey-NN-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { roleGrants } from '../../src/server/db/schema.js';
import { Agent } from '../support/app.js';
import { buildApprovableClass, PDF_BYTES } from '../support/classes.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import {
  button,
  buildWebOnce,
  hasChromium,
  type LiveServer,
  launchChromium,
  shotsDir,
  signIn,
  startServer,
  tallShot,
  waitInPage,
  watchPageErrors,
} from './harness.js';

const DISTRICT = '报送测试区总工会';
const UNIT = '报送测试电力公司';
const OTHER_UNIT = '报送测试燃气公司';
const SECOND_DISTRICT = '报送测试二区总工会';
const SECOND_UNIT = '报送测试机械厂';
/** Next summer: every deadline is ahead, so a submission today is on time. */
const YEAR = new Date().getFullYear() + 1;
const JUNE = `${YEAR}-06`;
const FIRST_TEXT = '本月完成场地布置和报名，共开设托管班 1 个。';
const RETURN_COMMENT = '请补充安全检查的次数和发现的问题，以及整改情况。';
const SECOND_TEXT = '本月开展消防安全检查 2 次，发现灭火器过期 1 处，已于 6 月 20 日更换。';

async function signInAgent(server: LiveServer, username: string): Promise<Agent> {
  const a = new Agent(server.app);
  const res = await a.post('/api/auth/login', { username, password: PASSWORD });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  a.csrf = res.json().csrfToken;
  return a;
}

if (!hasChromium) {
  console.warn(
    '[e2e] /usr/bin/chromium is missing: skipping the reports journey (apt-get install -y chromium fonts-noto-cjk).',
  );
}

describe.skipIf(!hasChromium)('reports journey in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  const sessions = new Map<string, Page>();
  const pageErrors: string[] = [];
  let broken = false;
  let shotNo = 0;
  const users = {
    city: 'city_reports_e2e',
    district: 'district_reports_e2e',
    unit: 'unit_reports_e2e',
    twoUnits: 'two_units_reports_e2e',
  };
  let otherUnit = 0;
  let unitId = 0;
  let reportId = 0;

  beforeAll(async () => {
    buildWebOnce();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-reports-e2e-'));
    server = await startServer('Initial-Admin-Pass-2026', { dataDir, dataKey: 'cd'.repeat(32) });
    const db = server.database.db;
    const district = await buildOrg(db, { parentId: server.rootId, name: DISTRICT });
    unitId = (await buildOrg(db, { parentId: district.id, name: UNIT })).id;
    const otherUnitId = (await buildOrg(db, { parentId: district.id, name: OTHER_UNIT })).id;
    await buildUser(db, { role: 'city_admin', orgId: server.rootId, username: users.city });
    await buildUser(db, { role: 'district_admin', orgId: district.id, username: users.district });
    await buildUser(db, { role: 'unit_admin', orgId: unitId, username: users.unit });
    const otherAdmin = await buildUser(db, { role: 'unit_admin', orgId: otherUnitId });
    otherUnit = otherUnitId;
    // One person administering two units: both calendars are theirs.
    const twoUnits = await buildUser(db, { role: 'unit_admin', orgId: unitId, username: users.twoUnits });
    await db.insert(roleGrants).values({ userId: twoUnits.id, role: 'unit_admin', orgId: otherUnitId });
    // A second district with one participating unit, so the city's grid has a district filter.
    const district2 = await buildOrg(db, { parentId: server.rootId, name: SECOND_DISTRICT });
    const secondUnitId = (await buildOrg(db, { parentId: district2.id, name: SECOND_UNIT })).id;
    const district2Admin = await buildUser(db, { role: 'district_admin', orgId: district2.id });
    const secondAdmin = await buildUser(db, { role: 'unit_admin', orgId: secondUnitId });

    const city = await signInAgent(server, users.city);
    const created = await city.post('/api/campaigns', { from: 'template', year: YEAR, name: `${YEAR}年暑期爱心托管` });
    if (created.statusCode !== 201) throw new Error(`campaign: ${created.body}`);
    const campaignId = created.json().id as number;
    const started = await city.post(`/api/campaigns/${campaignId}/status`, {
      status: 'active',
      reason: '启动报送测试',
    });
    if (started.statusCode !== 200) throw new Error(`activate: ${started.body}`);
    // A submitted class makes a unit a participating one (it owes the calendar's reports); two units, so the
    // district's grid and breakdown show one that has not reported.
    const districtAgent = await signInAgent(server, users.district);
    const classFields = (name: string) => ({
      campaignId,
      name,
      mode: 'standalone',
      management: 'union',
      startDate: `${YEAR}-07-05`,
      endDate: `${YEAR}-08-13`,
      capacity: 40,
      gradesOffered: [1, 2, 3, 4, 5, 6],
      meals: 'self',
    });
    await buildApprovableClass(
      { unitAdmin: await signInAgent(server, users.unit), district: districtAgent, unitId },
      classFields('电力公司暑期爱心托管班'),
    );
    await buildApprovableClass(
      { unitAdmin: await signInAgent(server, otherAdmin.username), district: districtAgent, unitId: otherUnitId },
      classFields('燃气公司暑期爱心托管班'),
    );
    await buildApprovableClass(
      {
        unitAdmin: await signInAgent(server, secondAdmin.username),
        district: await signInAgent(server, district2Admin.username),
        unitId: secondUnitId,
      },
      classFields('机械厂暑期爱心托管班'),
    );

    browser = await launchChromium();
    fs.mkdirSync(shotsDir, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  async function shot(name: string): Promise<void> {
    shotNo++;
    await page.evaluate(() => {
      for (const e of document.querySelectorAll<HTMLElement>('.ant-message')) e.style.visibility = 'hidden';
    });
    await tallShot(page, `reports-journey-${String(shotNo).padStart(2, '0')}-${name}`);
    await page.evaluate(() => {
      for (const e of document.querySelectorAll<HTMLElement>('.ant-message')) e.style.visibility = '';
    });
  }

  /** One step; after a failure the later steps are skipped and the failure is photographed. */
  function step(name: string, body: () => Promise<void>, timeout = 60_000): void {
    it(name, { timeout }, async (ctx) => {
      if (broken) ctx.skip();
      try {
        await body();
      } catch (e) {
        broken = true;
        if (page)
          await page.screenshot({
            path: path.join(shotsDir, `reports-journey-FAILED-${name.slice(0, 30).replace(/\W+/g, '-')}.png`),
          });
        throw e;
      }
    });
  }

  async function as(who: keyof typeof users): Promise<void> {
    const known = sessions.get(who);
    if (known) {
      page = known;
      await page.goto(`${server.baseUrl}/`);
    } else {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      page = await context.newPage();
      watchPageErrors(page, pageErrors);
      page.on('response', async (r) => {
        if (process.env.E2E_DEBUG && r.url().includes('/api/') && r.status() >= 400)
          console.log(r.request().method(), r.url(), r.status(), await r.text().catch(() => ''));
      });
      sessions.set(who, page);
      await signIn(page, server.baseUrl, users[who], PASSWORD);
    }
    await page.getByTestId('current-user').waitFor();
  }

  async function openReports(): Promise<void> {
    await page.getByRole('menuitem', { name: /(^|\s)工作报送$/ }).click();
    await page.locator('.ant-page-header-heading-title', { hasText: '工作报送' }).waitFor();
  }

  /** The OK button of the open confirm dialog, once its zoom-in has ended (a click during it can miss). */
  async function confirmDialog(text: string): Promise<void> {
    const dialog = page.locator('.ant-modal-content:visible').last();
    await dialog.waitFor();
    await waitInPage(page, () => !document.querySelector('.ant-zoom-enter, .ant-zoom-appear'));
    await button(dialog, text).click();
  }

  const juneRow = () => page.locator(`[data-testid="report-calendar"] tr[data-row-key="${unitId}-monthly-${JUNE}"]`);
  const juneCell = (org: string) =>
    page.locator(`[data-testid="grid-cell"][data-org="${org}"][data-report="monthly-${JUNE}"]`);
  const sectionText = (n: number): Locator => page.getByTestId('section-text').nth(n);

  step('the unit administrator starts the June progress report from the reporting calendar', async () => {
    await as('unit');
    await openReports();
    await juneRow().waitFor();
    await expect(juneRow().getByTestId('report-state').textContent()).resolves.toBe('未到期');
    // A unit sees its own calendar only: no grid of other organisations.
    await expect(page.getByTestId('timeliness-grid').count()).resolves.toBe(0);
    await shot('unit-calendar');
    await juneRow().getByTestId('report-start').click();
    await page.getByTestId('report-sections').waitFor();
    reportId = Number(/\/reports\/(\d+)/.exec(page.url())?.[1]);
    expect(reportId).toBeGreaterThan(0);
    // The monthly headings are there, and the figures are filled in (read only) with the day they are as of.
    for (const h of ['本月工作开展情况', '安全卫生消防监管', '存在问题及整改落实', '下月工作安排']) {
      await page.getByText(h, { exact: true }).first().waitFor();
    }
    await expect(page.getByTestId('figures-as-of').textContent()).resolves.toMatch(/^数据截至 \d{4}-\d{2}-\d{2}/);
  });

  step('the unit fills the sections, saves the draft and submits (the figures are frozen)', async () => {
    await sectionText(0).fill(FIRST_TEXT);
    await sectionText(1).fill('每周开展一次安全巡查。');
    await sectionText(2).fill('暂无。');
    await sectionText(3).fill('- 7 月开班\n- 组织家长会');
    // An attachment is uploaded and cited in the draft at once (the text typed so far is saved with it).
    await page
      .getByTestId('report-attachments')
      .locator('input[type=file]')
      .setInputFiles({ name: '安全检查记录.pdf', mimeType: 'application/pdf', buffer: PDF_BYTES });
    await page.getByTestId('report-attachments').getByText('安全检查记录.pdf').waitFor();
    await button(page, '保存草稿').click();
    await page.getByText('草稿已保存').waitFor();
    await expect(sectionText(0).inputValue()).resolves.toBe(FIRST_TEXT);
    await shot('unit-editor');
    await page.getByTestId('report-submit').click();
    await page.locator('.ant-modal-confirm-title', { hasText: '确认报送？' }).waitFor();
    await confirmDialog('报送');
    await page.locator('[data-testid="report-state"]', { hasText: '已报送' }).waitFor();
    // Submitted: the text is read only and the version list has version 1 waiting for review.
    await expect(page.getByTestId('report-sections').count()).resolves.toBe(0);
    await page.getByTestId('report-sections-view').getByText(FIRST_TEXT).waitFor();
    await page.getByTestId('report-versions').getByText('待审核').waitFor();
    await page.getByTestId('report-attachments').getByText('安全检查记录.pdf').waitFor();
  });

  step('the district administrator finds it in the grid and returns it with a comment', async () => {
    await as('district');
    await openReports();
    await juneCell(UNIT).waitFor();
    await expect(juneCell(UNIT).getAttribute('data-kind')).resolves.toBe('submitted');
    await expect(juneCell(OTHER_UNIT).getAttribute('data-kind')).resolves.toBe('notDue');
    await shot('district-grid');
    await juneCell(UNIT).click();
    await page.getByTestId('report-return').waitFor();
    await page.getByTestId('report-sections-view').getByText(FIRST_TEXT).waitFor();
    await page.getByTestId('report-return').click();
    await page.getByTestId('return-comment').fill(RETURN_COMMENT);
    await confirmDialog('退回');
    await page.locator('[data-testid="report-state"]', { hasText: '已退回' }).waitFor();
    await page.getByTestId('report-versions').getByText(RETURN_COMMENT).waitFor();
  });

  step('the unit administrator reads the comment, revises and resubmits', async () => {
    await as('unit');
    await openReports();
    await expect(juneRow().getByTestId('report-state').textContent()).resolves.toBe('已退回');
    await juneRow().getByTestId('report-edit').click();
    await page.getByTestId('return-comment-shown').getByText(RETURN_COMMENT).waitFor();
    await expect(sectionText(0).inputValue()).resolves.toBe(FIRST_TEXT);
    await sectionText(1).fill(SECOND_TEXT);
    await sectionText(2).fill('灭火器过期问题已整改。');
    await page.getByTestId('report-submit').click();
    await confirmDialog('报送');
    await page.locator('[data-testid="report-state"]', { hasText: '已报送' }).waitFor();
    await page.getByTestId('report-sections-view').getByText(SECOND_TEXT).waitFor();
    await shot('unit-resubmitted');
  });

  step('the two versions compare side by side, the change highlighted', async () => {
    await page.getByTestId('versions-compare').click();
    const side = page.getByTestId('versions-side-by-side');
    await side.waitFor();
    await side.locator('p[data-changed="true"]', { hasText: SECOND_TEXT }).waitFor();
    await side.locator('p[data-changed="true"]', { hasText: '每周开展一次安全巡查。' }).waitFor();
    await side.locator('p[data-changed="false"]', { hasText: FIRST_TEXT }).first().waitFor();
    await shot('versions-side-by-side');
  });

  step('the city administrator sees the grid with that cell submitted', async () => {
    await as('city');
    await openReports();
    const grid = page.getByTestId('timeliness-grid');
    await grid.waitFor();
    await grid.getByText(DISTRICT).first().waitFor();
    await expect(juneCell(UNIT).getAttribute('data-kind')).resolves.toBe('submitted');
    await expect(juneCell(UNIT).textContent()).resolves.toBe('已报送');
    await expect(juneCell(OTHER_UNIT).getAttribute('data-kind')).resolves.toBe('notDue');
    await grid.getByTestId('grid-legend').waitFor();
    await juneCell(SECOND_UNIT).waitFor();
    const expected = () => grid.getByTestId('count-expected').first().textContent();
    // Two districts and three units owe the plan.
    await expect(expected()).resolves.toBe('5');
    await shot('city-grid');
    // The district filter shows that district's grid, with its own counts.
    await grid.getByTestId('grid-district').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: DISTRICT })
      .click();
    await juneCell(SECOND_UNIT).waitFor({ state: 'detached' });
    await expect(juneCell(UNIT).getAttribute('data-kind')).resolves.toBe('submitted');
    await expect(expected()).resolves.toBe('2');
  });

  step('the printable view is an A4 document without the menu', async () => {
    await juneCell(UNIT).click();
    await page.getByTestId('report-print').click();
    const view = page.getByTestId('report-print-view');
    await view.waitFor();
    await view.getByText(SECOND_TEXT).waitFor();
    await expect(page.getByTestId('print-title').textContent()).resolves.toContain(UNIT);
    await shot('print-view');
  });

  step("a person administering two units sees both units' reporting calendars", async () => {
    await as('twoUnits');
    await openReports();
    for (const [id, name] of [
      [unitId, UNIT],
      [otherUnit, OTHER_UNIT],
    ] as const) {
      const card = page.getByTestId(`own-calendar-${id}`);
      await card.waitFor();
      await card.getByText(`${name} 的报送日历`).waitFor();
      await card.locator(`tr[data-row-key="${id}-monthly-${JUNE}"]`).waitFor();
    }
  });
});
