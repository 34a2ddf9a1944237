/**
 * Browser-test harness: the real server (built web UI, real database, real clock) on a random port, Debian's
 * Chromium through playwright-core, and small helpers for Ant Design widgets. Waits are for elements, never for time.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { buildApp } from '../../src/server/app.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { loadConfig } from '../../src/server/config.js';
import type { Database } from '../../src/server/db/client.js';
import type { App } from '../../src/server/deps.js';
import type { MessageSender } from '../../src/server/messaging/sender.js';
import { createTestDatabase } from '../support/db.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const shotsDir = path.join(repoRoot, 'test-results');

/** Builds dist/web when it is missing or older than its sources (bin/build-web.js decides). */
export function buildWebOnce(): void {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin/build-web.js')], {
    cwd: repoRoot,
    stdio: 'inherit',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`bin/build-web.js failed with status ${r.status}`);
}

export interface LiveServer {
  app: App;
  database: Database;
  baseUrl: string;
  /** The root organisation (the city) made at bootstrap. */
  rootId: number;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Catch the texts the app sends (phone codes, offers); the configured sender otherwise. */
  sender?: MessageSender;
  /** Where uploads are stored; a journey that uploads passes a temporary directory. */
  dataDir?: string;
  /** A fixed key for sealed fields (children's ID numbers), so nothing is written to the working tree. */
  dataKey?: string;
  /** Adds to the app before it listens (hooks cannot be added later), e.g. a journey's network cut. */
  beforeListen?: (app: App) => void;
}

export async function startServer(adminPassword: string, opts: ServerOptions = {}): Promise<LiveServer> {
  const database = await createTestDatabase();
  const config = {
    ...loadConfig({}),
    adminPassword,
    webDist: path.join(repoRoot, 'dist/web'),
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.dataKey ? { dataKey: opts.dataKey } : {}),
  };
  const boot = await bootstrap(database.db, config);
  const app = await buildApp({
    database,
    config,
    clock: () => new Date(),
    ...(opts.sender ? { sender: opts.sender } : {}),
  });
  opts.beforeListen?.(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('server has no TCP address');
  return {
    app,
    database,
    baseUrl: `http://127.0.0.1:${addr.port}`,
    rootId: boot.rootId,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Fails the test on uncaught page errors instead of letting them pass silently. */
export function watchPageErrors(page: Page, sink: string[]): void {
  page.on('pageerror', (e) => sink.push(e.message));
}

/** Ant Design's enter/leave animations (rc-motion) mark the moving element with *-active classes. */
export async function animationsDone(page: Page): Promise<void> {
  // Only visible ones count: a closed modal can keep a stale *-leave-active class inside its hidden wrapper.
  const moving = () =>
    [...document.querySelectorAll('[class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"]')]
      // A button's loading spinner can sit in "leave" for good once the request is over; it is not a moving panel.
      .filter((e) => e.checkVisibility() && !e.classList.contains('ant-btn-loading-icon'))
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
  // Polled from here rather than compiled in the page: the product's Content-Security-Policy forbids eval there.
  const deadline = Date.now() + 10_000;
  let left = await page.evaluate(moving);
  while (left.length > 0 && Date.now() < deadline) {
    await page.waitForTimeout(50);
    left = await page.evaluate(moving);
  }
  if (left.length > 0) throw new Error(`animations did not finish: ${JSON.stringify(left)}`);
}

/**
 * Waits until `check` (run in the page) is truthy, polled from here: Playwright's waitForFunction compiles its
 * predicate in the page, which the product's Content-Security-Policy (no eval) refuses.
 */
export async function waitInPage(page: Page, check: () => unknown, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(check))) {
    if (Date.now() > deadline) throw new Error(`waitInPage: timed out after ${timeoutMs} ms`);
    await page.waitForTimeout(50);
  }
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shotsDir, { recursive: true });
  await animationsDone(page);
  // A modal's mask covers only the viewport: capture the whole page only when no modal is open.
  const modalOpen = (await page.locator('.ant-modal-wrap:visible').count()) > 0;
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: !modalOpen });
}

/**
 * A whole tall page without the artefacts of a full-page capture (fixed sider and footer bars painted mid-page,
 * the layout reacting to the capture's resize): the viewport is made as tall as the page, the page settles, and
 * the viewport is captured; then the viewport is put back.
 */
export async function tallShot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shotsDir, { recursive: true });
  await animationsDone(page);
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const modalOpen = (await page.locator('.ant-modal-wrap:visible').count()) > 0;
  if (height > size.height && !modalOpen) {
    await page.setViewportSize({ width: size.width, height: Math.min(height, 6000) });
    await animationsDone(page);
  }
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
  if (height > size.height && !modalOpen) await page.setViewportSize(size);
}

/** Ant Design puts a space between two CJK characters on buttons ("登 录"): match with or without it. */
export function cjk(text: string): RegExp {
  return new RegExp(`^\\s*${[...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}\\s*$`);
}

/**
 * A button by its label. Ant Design keeps the loading spinner (aria-label "loading") inside a button while its leave
 * animation runs — sometimes long after the request — which puts "loading" in front of the accessible name.
 */
export const button = (scope: Page | Locator, text: string) =>
  scope.getByRole('button', { name: new RegExp(`^\\s*(loading\\s*)?${cjk(text).source.slice(1)}`) });

/** The open modal dialog whose title contains `title`. */
export function dialog(page: Page, title: string | RegExp): Locator {
  return page.locator('.ant-modal-content').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });
}

/** The form item (label + control) labelled exactly `label` inside `scope`. */
export function formItem(scope: Locator | Page, label: string): Locator {
  return scope.locator(`.ant-form-item:has(label[title="${label}"])`);
}

/** Opens an antd Select in a form item and picks the option with this title. */
export async function pickOption(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await formItem(scope, label).locator('.ant-select-selector').click();
  await page
    .locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`)
    .click();
}

/** Opens an OrgTreeSelect in a form item, types to filter and picks the organisation. */
export async function pickOrg(page: Page, scope: Locator, label: string, orgName: string): Promise<void> {
  const item = formItem(scope, label);
  await item.locator('.ant-select-selector').click();
  await item.locator('input').fill(orgName);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper')
    .filter({ hasText: orgName })
    .first()
    .click();
}

/** Picks a path ending at a leaf in an antd Cascader in a form item, e.g. 北京市 › 市辖区 › 朝阳区. */
export async function pickCascader(page: Page, scope: Locator, label: string, path: string[]): Promise<void> {
  await formItem(scope, label).locator('.ant-select-selector').click();
  const menus = page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu');
  for (const [i, name] of path.entries()) {
    await menus.nth(i).locator(`.ant-cascader-menu-item[title="${name}"]`).click();
  }
  // Choosing a leaf closes the menu (Escape would close the whole modal).
  await page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
}

/** Signs in through the login form (the caller checks where it lands). */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名或手机号').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await button(page, '登录').click();
}

/** Fills and submits the (forced) change-password form. */
export async function changePassword(page: Page, current: string, next: string): Promise<void> {
  await page.getByLabel('初始密码（管理员提供的密码）').fill(current);
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('确认新密码').fill(next);
  await button(page, '修改密码').click();
}

export async function signOut(page: Page): Promise<void> {
  // A closing modal and the opening drop-down both move: a click during their animations can land beside the item
  // (seen in CI under load: the menu stayed open and sign-out never happened).
  await animationsDone(page);
  await page.getByTestId('user-menu').click();
  const item = page.getByRole('menuitem', { name: '退出登录' });
  await item.waitFor();
  await animationsDone(page);
  await item.click();
  await page.getByText('账号登录').waitFor();
}

/** Waits until no ProTable/Spin on the page is loading. */
export async function settled(page: Page): Promise<void> {
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
}

/** Serves a test app (createTestApp) on a random local port; its base URL. */
export async function listenOn(t: { app: App }): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return `http://127.0.0.1:${addr.port}`;
}

/**
 * A Chinese page at a viewport, signed in as an API agent's session when one is given (its cookie, no login form),
 * failing on page errors into `errors`; the screenshots' folder made.
 */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  viewport: { width: number; height: number },
  errors: string[],
  as?: { cookie: string | null },
): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN' });
  if (as) await ctx.addCookies([{ name: 'tg_sid', value: (as.cookie ?? '').replace(/^tg_sid=/, ''), url: baseUrl }]);
  const page = await ctx.newPage();
  watchPageErrors(page, errors);
  fs.mkdirSync(shotsDir, { recursive: true });
  return page;
}
