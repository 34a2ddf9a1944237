/**
 * The city dashboard's district table in English at 1440×900 (#15): all fourteen columns fit beside the menu — the
 * table does not scroll sideways (it did once the satisfaction column joined: the in-flow sorters made it ~1,330 px
 * wide in a 1,100 px card). And a national risk list (the server lists the worst 100 of each kind and counts them
 * all): the card's title counts them all, a note says what is listed and where the full list is.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCampaign,
  type Campaign,
  mergeOver,
  rollCampaignToYear,
  TEMPLATE_2021,
} from '../../src/domain/campaign/index.js';
import { campaigns } from '../../src/server/db/schema.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import {
  buildWebOnce,
  hasChromium,
  type LiveServer,
  launchChromium,
  shot,
  signIn,
  startServer,
  watchPageErrors,
} from './harness.js';

describe.skipIf(!hasChromium)('the English city dashboard at 1440×900', () => {
  let server: LiveServer;
  let browser: Browser;
  let city: string;

  beforeAll(async () => {
    buildWebOnce();
    server = await startServer('Initial-Admin-Pass-2026');
    browser = await launchChromium();
    const db = server.database.db;
    for (let i = 0; i < 3; i++) await buildOrg(db, { parentId: server.rootId, kind: 'district' });
    city = (await buildUser(db, { role: 'city_admin', orgId: server.rootId })).username;
    const built = buildCampaign(mergeOver(rollCampaignToYear(TEMPLATE_2021, 2026), { name: '看板宽度测试项目' }));
    if (!built.ok) throw new Error('campaign');
    const params = built.campaign as Campaign;
    await db.insert(campaigns).values({
      orgId: server.rootId,
      name: params.name,
      year: 2026,
      holidayType: params.holidayType,
      status: 'active',
      params,
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the district table fits beside the menu without scrolling sideways', async () => {
    const errors: string[] = [];
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    watchPageErrors(page, errors);
    await signIn(page, server.baseUrl, city, PASSWORD);
    await page.locator('.dashboard-table thead th').first().waitFor();
    await page.evaluate(() => localStorage.setItem('tuoguan.lang', 'en'));
    await page.reload();
    await page.locator('.dashboard-table-en thead th').first().waitFor();
    const box = await page.evaluate(() => {
      const scroller = document.querySelector('.dashboard-table-en .ant-table-content') as HTMLElement;
      return {
        columns: document.querySelectorAll('.dashboard-table-en thead th').length,
        scroll: scroller.scrollWidth,
        width: scroller.clientWidth,
      };
    });
    await shot(page, 'dashboard-english-1440');
    expect(box.columns).toBe(14);
    expect(box.scroll).toBeLessThanOrEqual(box.width);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a national risk list says how many there are and that only the worst of each kind are listed', async () => {
    const errors: string[] = [];
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    watchPageErrors(page, errors);
    // The server's answer as a national campaign gives it: 250 classes owe records, the first of them listed.
    await page.route('**/api/stats/dashboard?**', async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      body.risks = [
        {
          kind: 'records',
          classId: 1,
          className: '某单位2026年暑期职工子女爱心托管班',
          unitId: 1,
          unitName: '某单位',
          value: 12,
          detail: '日常台账缺 12 项',
        },
      ];
      body.riskCounts = { incident: 0, overdue: 0, attendance: 0, records: 250 };
      await route.fulfill({ response: res, json: body });
    });
    await signIn(page, server.baseUrl, city, PASSWORD);
    await page.getByText('风险提示（250）').waitFor();
    await page.getByText('共 250 条风险提示，这里每类只列最严重的：台账缺记 1/250。完整名单请导出 Excel。').waitFor();
    await page.getByRole('link', { name: '某单位2026年暑期职工子女爱心托管班' }).waitFor();
    await shot(page, 'dashboard-risks-truncated-1440');
    expect(errors).toEqual([]);
    await context.close();
  });
});
