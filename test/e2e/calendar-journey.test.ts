/**
 * The official calendar for next year (issue 12) in a real browser: a 2027 class says plainly that 2027's holidays
 * are missing (a banner linking to the calendar page); the city pastes the State Council's schedule on
 * /system/calendar, previews and saves it; the banner is gone and the class's working-day rule counts real days.
 * Screenshots go to test-results/calendar-journey-NN-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { systemContext } from '../../src/server/context.js';
import { evaluateClassById } from '../../src/server/modules/compliance/compliance.service.js';
import { Agent } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { buildOpenClass } from '../support/families.js';
import {
  buildWebOnce,
  hasChromium,
  type LiveServer,
  launchChromium,
  shotsDir,
  signIn,
  startServer,
  watchPageErrors,
} from './harness.js';

describe.skipIf(!hasChromium)('the holiday calendar in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  let page: Page;
  let classId: number;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebOnce();
    server = await startServer('Admin-Initial-2026');
    browser = await launchChromium();
    const db = server.database.db;
    const city = await buildUser(db, { role: 'city_admin', orgId: server.rootId, username: 'city_calendar' });
    const d = await buildOrg(db, { parentId: server.rootId });
    const unit = await buildOrg(db, { parentId: d.id, name: '测试科技有限公司' });
    // A 2027 campaign made through the API as the city (the campaign form is another journey's subject).
    const agent = new Agent(server.app);
    const login = await agent.post('/api/auth/login', { username: city.username, password: PASSWORD });
    agent.csrf = login.json().csrfToken;
    const created = await agent.post('/api/campaigns', { from: 'template', year: 2027, name: '2027年度托管' });
    if (created.statusCode !== 201) throw new Error(`campaign: ${created.body}`);
    const campaignId = created.json().id as number;
    const cls = await buildOpenClass(db, {
      campaignId,
      orgId: unit.id,
      capacity: 20,
      startDate: '2027-09-27',
      endDate: '2027-10-22',
      name: '2027秋季托管班',
    });
    classId = cls.id;
    await db.transaction((tx) => evaluateClassById(tx, systemContext(), cls.id, 'test'));
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page = await context.newPage();
    watchPageErrors(page, pageErrors);
    await signIn(page, server.baseUrl, city.username, PASSWORD);
  }, 300_000);

  /** A screenshot once Ant Design's visible enter/leave animations are over (polled, no fixed wait). */
  async function snap(name: string): Promise<void> {
    const moving = () =>
      page.evaluate(
        () =>
          [
            ...document.querySelectorAll(
              '[class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"]',
            ),
          ].filter((e) => e.checkVisibility() && !e.classList.contains('ant-btn-loading-icon')).length,
      );
    await expect.poll(moving, { timeout: 10_000 }).toBe(0);
    const modalOpen = (await page.locator('.ant-modal-wrap:visible').count()) > 0;
    await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: !modalOpen });
  }

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the class says 2027 is missing; the city enters it; the banner goes', async () => {
    onTestFailed(async () => {
      await snap('calendar-journey-FAILED');
    });
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${server.baseUrl}/classes/${classId}`);
    const banner = page.getByTestId('calendar-banner');
    await banner.getByText('2027 年的国家法定节假日安排尚未录入').waitFor();
    await snap('calendar-journey-01-class-banner');

    await banner.getByRole('link', { name: '前往节假日日历录入' }).click();
    await page.getByTestId('calendar-edit-2027').waitFor();
    await page.locator('[data-row-key="2027"]').getByText('缺少节假日安排').waitFor();
    await snap('calendar-journey-02-calendar-page');

    await page.getByTestId('calendar-edit-2027').click();
    await page.getByTestId('calendar-text').fill('2027-10-01~2027-10-07 休\n2027-09-26 班\n2027-10-09 上午');
    await page.getByTestId('calendar-preview').click();
    await page.getByText('第 3 行（2027-10-09 上午）').waitFor();
    await snap('calendar-journey-03-problem');
    await page
      .getByTestId('calendar-text')
      .fill('2027-01-01 休\n2027-10-01~2027-10-07 休\n2027-09-26 班\n2027-10-09 班');
    await page.getByTestId('calendar-preview').click();
    await page.getByText('将保存的日期').waitFor();
    await snap('calendar-journey-04-preview');
    await page.getByTestId('calendar-save').click();
    await page.getByText('已保存；已重新核算 1 个活动的托管班').waitFor();
    await page.locator('[data-row-key="2027"]').getByText('可准确计算').waitFor();
    await snap('calendar-journey-05-saved');

    await page.goto(`${server.baseUrl}/classes/${classId}`);
    await page.getByTestId('class-status').waitFor();
    await page.getByRole('tab', { name: /规则与检查表/ }).click();
    await page
      .getByText(/共 16 个工作日/)
      .first()
      .waitFor();
    if ((await page.getByTestId('calendar-banner').count()) !== 0) throw new Error('the banner is still shown');
    await snap('calendar-journey-06-class-after');
    if (pageErrors.length) throw new Error(pageErrors.join('\n'));
  }, 180_000);
});
