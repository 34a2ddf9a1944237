/**
 * Issue 18 in Chromium: each person lands where their work is. A parent who signs in at /login goes to the phone
 * app (/m/); class staff see today's class and the door screen; a unit administrator their classes; nobody with
 * a menu is told "暂无可用的管理功能". A dialog whose form fails validation shows its errors and raises no page
 * error (it used to leave an unhandled promise rejection, "pageerror Object").
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import {
  button,
  buildWebOnce,
  dialog,
  hasChromium,
  type LiveServer,
  launchChromium,
  shot,
  signIn,
  startServer,
  watchPageErrors,
} from './harness.js';

describe.skipIf(!hasChromium)('role homes and dialogs in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  const names: Record<string, string> = {};

  beforeAll(async () => {
    buildWebOnce();
    server = await startServer('Initial-Admin-Pass-2026');
    browser = await launchChromium();
    const db = server.database.db;
    const district = await buildOrg(db, { parentId: server.rootId });
    const unit = await buildOrg(db, { parentId: district.id });
    names.city = (await buildUser(db, { role: 'city_admin', orgId: server.rootId })).username;
    names.unit = (await buildUser(db, { role: 'unit_admin', orgId: unit.id })).username;
    names.staff = (await buildUser(db, { role: 'class_staff', orgId: unit.id })).username;
    names.parent = (await buildUser(db, { role: 'parent', orgId: unit.id, phone: '17700000009' })).username;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function page(errors: string[]): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const p = await context.newPage();
    watchPageErrors(p, errors);
    return p;
  }

  it('a parent who signs in at /login lands in the parents’ app', async () => {
    const errors: string[] = [];
    const p = await page(errors);
    await signIn(p, server.baseUrl, '17700000009', PASSWORD);
    await p.waitForURL(/\/m\//);
    expect(new URL(p.url()).pathname).toBe('/m/');
    await p.context().close();
  });

  it('class staff see today’s class and the door screen, never “nothing here”', async () => {
    const errors: string[] = [];
    const p = await page(errors);
    await signIn(p, server.baseUrl, names.staff as string, PASSWORD);
    await p.getByTestId('staff-home').waitFor();
    await p.getByTestId('open-door').waitFor();
    expect(await p.getByText('当前账号暂无可用的管理功能').count()).toBe(0);
    await shot(p, 'role-home-staff');
    expect(errors).toEqual([]);
    await p.context().close();
  });

  it('a unit administrator sees their classes and what to do', async () => {
    const errors: string[] = [];
    const p = await page(errors);
    await signIn(p, server.baseUrl, names.unit as string, PASSWORD);
    await p.getByTestId('unit-home').waitFor();
    expect(await p.getByText('当前账号暂无可用的管理功能').count()).toBe(0);
    expect(errors).toEqual([]);
    await p.context().close();
  });

  it('an empty new-user dialog shows its errors and raises no page error', async () => {
    const errors: string[] = [];
    const p = await page(errors);
    await signIn(p, server.baseUrl, names.city as string, PASSWORD);
    await p.getByTestId('approvals-card').waitFor({ timeout: 60_000 });
    await shot(p, 'role-home-city');
    await p.goto(`${server.baseUrl}/users`);
    await p.getByTestId('user-create').click();
    const d = dialog(p, '新建人员');
    await d.waitFor();
    await button(d, '创建').click();
    await d.locator('.ant-form-item-explain-error').first().waitFor();
    // An unhandled rejection surfaces a moment after the click.
    await p.waitForTimeout(300);
    expect(errors).toEqual([]);
    await p.context().close();
  }, 120_000);
});
