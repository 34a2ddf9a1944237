/**
 * Money in a real browser (#16): on a running class's 经费 tab the unit administrator records ledger entries; an
 * insurance expense from union money is refused with the rule's words; the rules panel's
 * funding.noUnionFundsForInsurance goes from 待判定 to 通过. Then, the class closed, the city approves its union
 * subsidy list on 工会补贴 (its reasons readable at 1440 px) and records a payment, which shows on the class's 经费
 * tab as 市级工会补贴 income; 经费汇总 drills from the district to the unit to the class.
 * The budget is set through the API (the editor has its own suite). Screenshots: test-results/funding-journey-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../src/domain/calendar/dates.js';
import { attendanceDays, careClasses } from '../../src/server/db/schema.js';
import { reevaluateRunning } from '../../src/server/modules/compliance/compliance.service.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';
import { buildUser, PASSWORD } from '../support/factories.js';
import {
  button,
  buildWebOnce,
  cjk,
  dialog,
  formItem,
  hasChromium,
  launchChromium,
  listenOn,
  pickOption,
  repoRoot,
  shotsDir,
  watchPageErrors,
} from './harness.js';

describe.skipIf(!hasChromium)('funding journey (经费 tab, rules panel, 工会补贴)', () => {
  let t: TestApp;
  let dataDir: string;
  let baseUrl: string;
  let rc: RunningClass;
  let city: Agent;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const shot = (name: string) =>
    page.screenshot({ path: path.join(shotsDir, `funding-journey-${name}.png`), fullPage: true });
  const signInAs = async (a: Agent) => {
    await ctx.clearCookies();
    await ctx.addCookies([{ name: 'tg_sid', value: (a.cookie ?? '').replace(/^tg_sid=/, ''), url: baseUrl }]);
  };
  const ruleRow = () => page.locator('[data-rule="funding.noUnionFundsForInsurance"]');
  /** A button whose icon's aria-label ("plus 登记收支") comes before its text, which `button` anchors against. */
  const iconButton = (text: string) => page.getByRole('button', { name: new RegExp(cjk(text).source.slice(1)) });

  beforeAll(async () => {
    buildWebOnce();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-funding-e2e-'));
    t = await createTestApp({ dataDir, webDist: path.join(repoRoot, 'dist/web') });
    const today = todayInChina(t.clock.now);
    rc = await buildRunningClass(t, { children: 3, startDate: addDays(today, -14), endDate: addDays(today, 7) });
    const rows = [];
    for (let d = rc.startDate; d < today; d = addDays(d, 1))
      for (const c of rc.children)
        rows.push({
          classId: rc.classId,
          childId: c.id,
          day: d,
          status: 'present',
          updatedAt: new Date(`${d}T10:00:00+08:00`),
        });
    await t.database.db.insert(attendanceDays).values(rows);
    // The factory writes the class as running without the verdicts that submission, approval and the nightly
    // re-evaluation leave on a real one; without one the rules tab says 尚未判定 and lists no rule at all.
    await reevaluateRunning(t.database.db, t.clock.now);
    city = await t.agent((await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    baseUrl = await listenOn(t);
    browser = await launchChromium();
    ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page = await ctx.newPage();
    watchPageErrors(page, pageErrors);
    fs.mkdirSync(shotsDir, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => expect(pageErrors).toEqual([]));

  it('the rule is 待判定 before any money is recorded', async () => {
    await signInAs(rc.unitAdmin.agent);
    await page.goto(`${baseUrl}/classes/${rc.classId}?tab=rules`);
    await ruleRow().waitFor();
    await expect.poll(() => ruleRow().getAttribute('data-status')).toBe('unknown');
    expect(await ruleRow().textContent()).toContain('待判定');
    await shot('01-rule-pending');
  }, 60_000);

  it('the unit records entries on the 经费 tab; union money for insurance is refused with the rule', async () => {
    const budget = await rc.unitAdmin.agent.put(`/api/classes/${rc.classId}/budget`, {
      lines: [
        { source: 'unit', purpose: 'staff', amountFen: 800000 },
        { source: 'cityUnion', purpose: 'meals', amountFen: 300000 },
      ],
    });
    expect(budget.statusCode).toBe(200);
    await page.goto(`${baseUrl}/classes/${rc.classId}?tab=funding`);
    await iconButton('登记收支').click();
    const modal = dialog(page, '登记收支');
    await modal.waitFor();
    await formItem(modal, '收支').getByText('支出').click();
    await pickOption(page, modal, '资金来源', '市级工会补贴');
    await pickOption(page, modal, '用途', '意外伤害保险');
    await formItem(modal, '金额（元）').locator('input').fill('300');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.getByText('不得用于购买托管对象人身意外伤害保险', { exact: false }).waitFor();
    await shot('02-refused');
    // A proper expense from the unit's money goes in.
    await pickOption(page, modal, '资金来源', '单位行政');
    await pickOption(page, modal, '用途', '人员');
    await formItem(modal, '金额（元）').locator('input').fill('1234.56');
    // Dated on the server's (test clock's) day, inside the class: the browser's own today is months later, and
    // the 经费汇总 below counts entries dated up to the server's day.
    await formItem(modal, '日期').locator('input').fill(todayInChina(t.clock.now));
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByText('1,234.56').first().waitFor();
    await shot('03-ledger');
  }, 60_000);

  it('the rules panel now says 通过', async () => {
    await page.goto(`${baseUrl}/classes/${rc.classId}?tab=rules`);
    await ruleRow().waitFor();
    await expect.poll(() => ruleRow().getAttribute('data-status')).toBe('pass');
    expect(await ruleRow().textContent()).toContain('通过');
    expect(await ruleRow().textContent()).not.toContain('待判定');
    await shot('04-rule-pass');
  }, 60_000);

  it('the city approves the subsidy list and records a payment that lands in the class’s ledger', async () => {
    // A name as long as real ones (the demo's): the reasons column must still be readable beside it.
    await t.database.db
      .update(careClasses)
      .set({ status: 'closed', name: `${rc.className}（2026年暑期职工子女爱心托管班·演示）` })
      .where(eq(careClasses.id, rc.classId));
    const policy = await city.put('/api/subsidies/policy', {
      campaignId: rc.campaignId,
      orgId: t.rootId,
      rules: {
        source: 'cityUnion',
        tiers: [{ minChildren: 1, maxChildren: null, perChildDayFen: 1000 }],
        demonstrationSupplementFen: 0,
        capFen: null,
        conditions: { classFinished: true, attendanceMinimum: true, noOpenSeriousIncident: true },
      },
    });
    expect(policy.statusCode).toBe(200);
    await signInAs(city);
    await page.goto(`${baseUrl}/subsidies`);
    await page.getByText(rc.className).first().waitFor();
    // The reasons are read whole at 1440 px: the table does not run off the card (no sideways scroll), and each
    // reason wraps inside the column (before, the column was as wide as its longest line and was cut off).
    const computed = page.locator('.ant-card', { hasText: '核定结果' }).locator('.ant-table-content');
    expect(await computed.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
    const box = await computed.boundingBox();
    for (const r of await page.getByTestId('subsidy-reasons').all()) {
      const rb = await r.boundingBox();
      expect(rb && box && rb.x + rb.width <= box.x + box.width).toBe(true);
    }
    await shot('05-computed');
    await button(page, '审批并生成拨付清单').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /审批并生成拨付清单/ })
      .click();
    await page.getByText('拨付清单 · 第 1 版').waitFor();
    await button(page, '登记拨付').click();
    const modal = dialog(page, '登记拨付');
    await modal.waitFor();
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByText('已登记拨付').first().waitFor();
    await shot('06-paid');
    const ledger = (await city.get(`/api/classes/${rc.classId}/ledger`)).json();
    const income = ledger.items.find(
      (e: { source: string; kind: string }) => e.source === 'cityUnion' && e.kind === 'income',
    );
    expect(income?.note).toContain('工会补贴');
    await page.goto(`${baseUrl}/classes/${rc.classId}?tab=funding`);
    await page.getByText('工会补贴（拨付清单第 1 版）', { exact: false }).first().waitFor();
    await shot('07-ledger-subsidy');
  }, 90_000);

  it('经费汇总 drills from the district to the unit to the class, with budget against actual at each level', async () => {
    await page.goto(`${baseUrl}/funding/summary`);
    await page.getByTestId(`drill-district-${rc.districtId}`).click();
    await page.getByTestId(`drill-unit-${rc.unitId}`).click();
    await page.getByTestId('summary-drill').waitFor();
    const row = page.locator('.ant-tabs-tabpane-active .ant-table-row', { hasText: rc.className });
    await row.waitFor();
    // The budget set above and the expense recorded on the 经费 tab.
    expect(await row.textContent()).toContain('11,000.00');
    expect(await row.textContent()).toContain('1,234.56');
    await shot('08-summary-drill');
    await row.getByRole('link').click();
    await page.getByText('经费台账').first().waitFor();
    expect(page.url()).toContain(`/classes/${rc.classId}?tab=funding`);
  }, 60_000);
});
