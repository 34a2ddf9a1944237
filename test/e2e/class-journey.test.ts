/**
 * The care-class journey in a real browser (Debian's Chromium), against the real server and a real database:
 * the city administrator creates a campaign from the 2021 template, sees the server's field errors on a bad
 * parameter change, fixes it with a reason, starts the campaign and reads the rules in force. A unit
 * administrator attaches fire-safety evidence to a venue, records a provider's qualification review, verifies a
 * parent, publishes the custody agreement, then creates a class with the step form; a caterer whose licence
 * ends before the class is refused at submission with the failing rule and its fix; with the other caterer the
 * class is submitted. The district confirms the venue checklist and returns the class with a reason; the unit
 * adds the missing daily hours and resubmits; the district approves; the timeline shows every step. The unit
 * opens enrolment, a parent applies, and the class's enrolment tab shows who is missing what; the city filters
 * all classes and exports them to Excel.
 * Seeded through the factories and the API: the org tree, the accounts, the venue, the caterers, the provider
 * and the parent. Screenshots of every page go to test-results/class-journey-NN-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LogSender } from '../../src/server/messaging/sender.js';
import { PRIVACY_NOTICE } from '../../src/server/modules/families/families.schema.js';
import { Agent } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import {
  button,
  buildWebOnce,
  dialog,
  formItem,
  hasChromium,
  type LiveServer,
  launchChromium,
  pickOption,
  settled,
  shotsDir,
  signIn,
  startServer,
  tallShot,
  watchPageErrors,
  waitInPage,
} from './harness.js';

const DISTRICT = '测试区总工会';
const UNIT = '测试电力有限公司';
const VENUE = '职工之家活动室';
const VENUE_ADDRESS = '建设路 8 号';
const GOOD_CATERER = '放心餐饮有限公司';
const EXPIRING_CATERER = '将到期餐饮有限公司';
const PROVIDER = '阳光托育服务中心';
const CLASS_NAME = '电力公司暑期爱心托管班';
const RETURN_REASON = '请补充每日托管时间（如 08:30–17:30），家长需要据此安排接送。';
const PARENT_PHONE = '13912345601';
const PARENT_NAME = '王芳';
const CHILD = '李小明';
/** Next summer: the campaign's year, and a class inside its holiday window. */
const YEAR = new Date().getFullYear() + 1;
const CLASS_START = `${YEAR}-07-05`;
const CLASS_END = `${YEAR}-08-13`;

const CLASS_MENU = ['我的托管班', '全部托管班', '审批队列'];
/** A minimal real PDF (the server checks the magic bytes). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

async function signInAgent(server: LiveServer, username: string, password = PASSWORD): Promise<Agent> {
  const a = new Agent(server.app);
  const res = await a.post('/api/auth/login', { username, password });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  a.csrf = res.json().csrfToken;
  return a;
}

async function ok<T>(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 201): Promise<T> {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`HTTP ${r.statusCode}: ${r.body}`);
  return r.json() as T;
}

if (!hasChromium) {
  console.warn(
    '[e2e] /usr/bin/chromium is missing: skipping the class journey (apt-get install -y chromium fonts-noto-cjk).',
  );
}

describe.skipIf(!hasChromium)('care-class journey in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  const sessions = new Map<string, Page>();
  let page: Page;
  let dataDir: string;
  const sender = new LogSender(() => {});
  const pageErrors: string[] = [];
  let broken = false;
  const users = { city: '', district: '', unit: '' };
  let unitId: number;
  let classId = 0;
  let parentUserId: number;
  let parent: Agent;

  beforeAll(async () => {
    buildWebOnce();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-class-e2e-'));
    server = await startServer('Initial-Admin-Pass-2026', { sender, dataDir, dataKey: 'ef'.repeat(32) });
    const db = server.database.db;
    const district = await buildOrg(db, { parentId: server.rootId, name: DISTRICT });
    unitId = (await buildOrg(db, { parentId: district.id, name: UNIT })).id;
    users.city = (await buildUser(db, { role: 'city_admin', orgId: server.rootId, username: 'city_e2e' })).username;
    users.district = (
      await buildUser(db, { role: 'district_admin', orgId: district.id, username: 'district_e2e' })
    ).username;
    users.unit = (await buildUser(db, { role: 'unit_admin', orgId: unitId, username: 'unit_e2e' })).username;

    // The unit's library: a venue whose checklist is answered, two caterers (one licence ends mid-class), a provider.
    const unit = await signInAgent(server, users.unit);
    await ok(
      unit.post('/api/venues', {
        orgId: unitId,
        name: VENUE,
        address: VENUE_ADDRESS,
        location: 'ground',
        buildingUse: 'office',
        areaM2: 120,
        capacity: 40,
        checklist: {
          independent: true,
          nearHazard: false,
          ventilationLighting: true,
          fireSafety: true,
          surveillance: true,
          notes: {},
          evidence: {},
        },
      }),
    );
    const caterer = { kind: 'caterer', orgId: unitId, agreementStart: `${YEAR}-06-01`, agreementEnd: `${YEAR}-09-30` };
    await ok(
      unit.post('/api/counterparties', {
        ...caterer,
        name: GOOD_CATERER,
        licenceNo: 'JY13701020012345',
        licenceExpiry: `${YEAR + 1}-12-31`,
      }),
    );
    await ok(
      unit.post('/api/counterparties', {
        ...caterer,
        name: EXPIRING_CATERER,
        licenceNo: 'JY13701020054321',
        licenceExpiry: `${YEAR}-07-31`,
      }),
    );
    await ok(
      unit.post('/api/counterparties', { kind: 'provider', orgId: unitId, name: PROVIDER, contactName: '周主任' }),
    );

    // A parent who registered naming the unit as employer and waits for verification.
    const anon = new Agent(server.app);
    await ok(anon.post('/api/parents/phone-code', { phone: PARENT_PHONE }), 200);
    const code = /(\d{6})/.exec(sender.lastTo(PARENT_PHONE)?.text ?? '')?.[1];
    parentUserId = (
      await ok<{ userId: number }>(
        anon.post('/api/parents/register', {
          phone: PARENT_PHONE,
          code,
          password: 'Parent-Pass-2026',
          displayName: PARENT_NAME,
          employerOrgId: unitId,
          privacyNoticeVersion: PRIVACY_NOTICE.version,
        }),
      )
    ).userId;

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

  /** A screenshot without the transient toasts ("已保存") that would cover the page header. */
  async function shot(name: string): Promise<void> {
    const toasts = (visibility: string) =>
      page.evaluate((v) => {
        for (const e of document.querySelectorAll<HTMLElement>('.ant-message')) e.style.visibility = v;
      }, visibility);
    const t0 = Date.now();
    await toasts('hidden');
    await tallShot(page, `class-journey-${name}`);
    await toasts('');
    if (process.env.E2E_TIMING) console.log(`shot ${name}: ${Date.now() - t0} ms`);
  }

  /** One step of the journey; after a failure the later steps are skipped, and the failure is photographed. */
  function step(name: string, body: () => Promise<void>, timeout = 60_000): void {
    it(name, { timeout }, async (ctx) => {
      if (broken) ctx.skip();
      try {
        await body();
      } catch (e) {
        broken = true;
        if (page)
          await page.screenshot({
            path: path.join(shotsDir, `class-journey-FAILED-${name.slice(0, 30).replace(/\W+/g, '-')}.png`),
          });
        throw e;
      }
    });
  }

  /**
   * Switches to `who`'s browser session, signing in the first time (argon2 makes every sign-in cost a second or
   * more); later switches reload the console so every screen starts from fresh data.
   */
  async function as(who: keyof typeof users): Promise<void> {
    const t0 = Date.now();
    const known = sessions.get(who);
    if (known) {
      page = known;
      await page.goto(`${server.baseUrl}/`);
    } else {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: 'zh-CN',
        acceptDownloads: true,
      });
      page = await context.newPage();
      watchPageErrors(page, pageErrors);
      sessions.set(who, page);
      await signIn(page, server.baseUrl, users[who], PASSWORD);
    }
    await page.getByTestId('current-user').waitFor();
    if (process.env.E2E_TIMING) console.log(`as ${who}: ${Date.now() - t0} ms`);
  }

  /** Clicks a side-menu entry; entries under 托管班 need their group opened when another page closed it. */
  async function menu(name: string): Promise<void> {
    // The accessible name starts with the icon's label ("bank 托管班"): match the entry's own words at the end.
    const entry = (text: string) => page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${text}$`) });
    const item = entry(name);
    // Ask the group whether it is open (its items may still be sliding in): clicking an open group would close it.
    if (CLASS_MENU.includes(name)) {
      const group = entry('托管班');
      if ((await group.getAttribute('aria-expanded')) !== 'true') await group.click();
    }
    await item.click();
  }
  // A modal's buttons move while its zoom-in animation runs; a click then can land beside the button. Wait for the
  // animation to end (a condition, not a sleep) before clicking.
  const modalOk = async (scope: Locator, text: string) => {
    await waitInPage(scope.page(), () => !document.querySelector('.ant-zoom-enter, .ant-zoom-appear'));
    await button(scope, text).click();
  };
  /** The OK button of the open Popconfirm, once its zoom-in has ended (it moves while it runs); it then closes. */
  const confirmPop = async (text: string) => {
    await waitInPage(page, () => !document.querySelector('.ant-zoom-big-enter, .ant-zoom-big-appear'));
    await button(page.locator('.ant-popover:visible'), text).click();
    await page.locator('.ant-popover:visible').waitFor({ state: 'hidden' });
  };

  async function typeDate(scope: Locator, value: string): Promise<void> {
    await scope.click();
    await scope.fill(value);
    await scope.press('Enter');
  }

  step(
    'the city creates a campaign from the template, sees field errors, fixes them with a reason and starts it',
    async () => {
      await as('city');
      await menu('项目管理');
      await page.getByText('暂无项目，点击「新建项目」从 2021 年政策模板开始').waitFor();
      await shot('01-campaigns-empty');

      await page.getByTestId('campaign-create').click();
      const create = dialog(page, '新建项目');
      await create.waitFor();
      await formItem(create, '年度').locator('input').fill(String(YEAR));
      await expect
        .poll(() => formItem(create, '项目名称').locator('input').inputValue())
        .toBe(`${YEAR}年职工子女暑期爱心托管服务`);
      await shot('02-campaign-create');
      await modalOk(create, '创建');
      await page.getByTestId('campaign-edit').waitFor();
      await page.getByText(`${YEAR}-07-01`).first().waitFor();
      await shot('03-campaign-detail');

      // Two bad values: the server names both fields, and each message shows under its field.
      await page.getByTestId('campaign-edit').click();
      await formItem(page, '最少托管人数').locator('input').fill('-5');
      await typeDate(formItem(page, '假期结束日期').locator('input'), `${YEAR}-06-15`);
      await formItem(page, '原因').locator('textarea').fill('按本市实际调整托管规模');
      await page.getByTestId('campaign-save').click();
      await page.getByTestId('campaign-form-error').getByText('有 2 处参数不符合要求').waitFor();
      await formItem(page, '最少托管人数').locator('.ant-form-item-explain-error').waitFor();
      expect(await formItem(page, '最少托管人数').locator('.ant-form-item-explain-error').textContent()).toMatch(/0/);
      await formItem(page, '假期结束日期').locator('.ant-form-item-explain-error').waitFor();
      await shot('04-campaign-params-errors');

      await formItem(page, '最少托管人数').locator('input').fill('15');
      await typeDate(formItem(page, '假期结束日期').locator('input'), `${YEAR}-08-31`);
      await page.getByTestId('campaign-save').click();
      await page.getByTestId('campaign-status').waitFor();
      await page.locator('.ant-descriptions-item', { hasText: '最少托管人数' }).getByText('15').waitFor();

      await page.getByTestId('campaign-status').click();
      const start = dialog(page, '启动项目');
      await start.locator('textarea').fill('各单位开始筹备暑期托管');
      await modalOk(start, '启动项目');
      await start.waitFor({ state: 'detached' });
      await page.locator('.ant-page-header-heading-tags').getByText('进行中').waitFor();

      await page.getByTestId('campaign-rules').click();
      const rules = page.getByTestId('rules-in-force');
      await rules.getByText('托管规模不少于 15 人（含 15 人）。').waitFor();
      expect(await rules.locator('.ant-list-item').count()).toBe(20);
      await page.getByTestId('deadlines').getByText('P-K1').waitFor();
      await shot('05-rules-in-force');
    },
  );

  step(
    'the unit keeps evidence with its venue, reviews a provider, verifies a parent and publishes its agreement',
    async () => {
      await as('unit');
      await menu('场地库');
      await page.locator('.ant-table-row', { hasText: VENUE }).waitFor();
      await settled(page);
      await shot('06-venues');
      await page.getByTestId('venue-link').filter({ hasText: VENUE }).click();
      await page.getByTestId('checklist-editor').waitFor();
      await page.getByTestId('evidence-files').locator('input[type=file]').setInputFiles({
        name: '消防检查合格证.pdf',
        mimeType: 'application/pdf',
        buffer: PDF,
      });
      await page.getByTestId('evidence-files').locator('.ant-table-row', { hasText: '消防检查合格证.pdf' }).waitFor();
      await page.locator('[data-row-key="fireSafety"] .ant-select-selector').click();
      await page
        .locator(
          '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="消防检查合格证.pdf"]',
        )
        .click();
      await page.locator('[data-row-key="fireSafety"] input.ant-input').fill('消防验收合格');
      await page.getByTestId('checklist-save').click();
      await page.getByText('检查表已保存').waitFor();
      await shot('07-venue-checklist-evidence');

      await menu('配餐/合作/服务机构');
      await page.locator('.ant-table-row', { hasText: EXPIRING_CATERER }).waitFor();
      await settled(page);
      await shot('08-caterers');
      await page.getByRole('tab', { name: '服务机构' }).click();
      await page.getByTestId('counterparty-link').filter({ hasText: PROVIDER }).click();
      await page.getByTestId('provider-review').waitFor();
      // A provider's documents default to 资质材料 (qualification papers).
      await page.getByTestId('evidence-files').locator('.ant-select-selection-item[title="资质材料"]').waitFor();
      await page.getByTestId('evidence-files').locator('input[type=file]').setInputFiles({
        name: '营业执照及资质.pdf',
        mimeType: 'application/pdf',
        buffer: PDF,
      });
      await page.getByTestId('evidence-files').locator('.ant-table-row', { hasText: '营业执照及资质.pdf' }).waitFor();
      await page.getByTestId('provider-review').locator('textarea').fill('营业执照、从业人员资质齐全');
      await page.getByTestId('review-save').click();
      await page.getByTestId('provider-review').locator('.ant-descriptions').getByText('通过').waitFor();
      await shot('09-provider-review');

      await menu('家长审核');
      const row = page.locator('.ant-table-row', { hasText: PARENT_NAME });
      await row.getByText('139****5601').waitFor();
      await shot('10-guardians-pending');
      await row.getByTestId('guardian-approve').click();
      await confirmPop('通过');
      await page.getByText('没有待审核的家长').waitFor();

      await menu('托管协议');
      const body = page.getByTestId('agreement-preview');
      await body.getByText(`甲方（托管单位）：${UNIT}`).waitFor();
      await page.getByTestId('agreement-publish').click();
      await confirmPop('发布');
      await page.getByTestId('agreement-published').getByText(`已发布「${UNIT}」托管协议第 1 版`).waitFor();
      await shot('11-agreement-published');
    },
  );

  step(
    'the unit creates a class with the step form; a caterer whose licence ends mid-class blocks submission',
    async () => {
      await menu('我的托管班');
      await page.getByText('本单位还没有托管班，点击「新建托管班」开始').waitFor();
      await settled(page);
      await shot('12-my-classes-empty');

      await page.getByTestId('class-create').click();
      const basics = page.getByTestId('step-basics');
      await basics.waitFor();
      await expect
        .poll(() => formItem(basics, '所属项目').locator('.ant-select-selection-item').textContent())
        .toContain(`${YEAR}年`);
      await formItem(basics, '托管班名称').locator('input').fill(CLASS_NAME);
      const dates = formItem(basics, '托管日期');
      await typeDate(dates.getByPlaceholder('开始日期'), CLASS_START);
      await typeDate(dates.getByPlaceholder('结束日期'), CLASS_END);
      await formItem(basics, '名额').locator('input').fill('30');
      await formItem(basics, '面向家长的介绍')
        .locator('textarea')
        .fill('作业辅导、阅读、体育和科普活动，午餐由配餐企业供应。');
      await shot('13-step-basics');
      await page.getByTestId('step-next').click();

      const venue = page.getByTestId('step-venue');
      await venue.waitFor();
      classId = Number(/\/classes\/(\d+)\/edit/.exec(page.url())?.[1]);
      expect(classId).toBeGreaterThan(0);
      await pickOption(page, venue, '场地', `${VENUE}（${VENUE_ADDRESS}）`);
      await page.getByTestId('venue-preview').getByText('消防验收合格').waitFor();
      await shot('14-step-venue');
      await page.getByTestId('step-next').click();

      const meals = page.getByTestId('step-meals');
      await meals.waitFor();
      await meals.locator('.ant-radio-button-wrapper', { hasText: '委托配餐企业' }).click();
      await pickOption(page, meals, '选择配餐企业', EXPIRING_CATERER);
      await meals.getByText(`许可证有效期至：${YEAR}-07-31`).waitFor();
      await shot('15-step-meals');
      await page.getByTestId('step-next').click();

      const staff = page.getByTestId('step-staff');
      await staff.waitFor();
      await page.getByTestId('staff-add').click();
      const add = dialog(page, '添加工作人员');
      await formItem(add, '姓名').locator('input').fill('刘老师');
      await pickOption(page, add, '岗位', '负责人');
      await formItem(add, '联系电话').locator('input').fill('13800138001');
      await modalOk(add, '添加人员');
      await add.waitFor({ state: 'detached' });
      await page.getByTestId('roster').getByText('刘老师').waitFor();
      await page.getByTestId('staffing-short').getByText('还需 2 人').waitFor();
      await shot('16-step-staff');
      await page.getByTestId('step-next').click();

      const activities = page.getByTestId('step-activities');
      await activities.waitFor();
      await page.getByTestId('plan-add').click();
      await page.getByRole('button', { name: '将周一安排复制到周二至周五' }).click();
      await expect.poll(() => page.getByTestId('activity-plan').locator('.ant-table-row').count()).toBe(5);
      await shot('17-step-activities');
      await page.getByTestId('step-next').click();

      const review = page.getByTestId('step-review');
      await review.waitFor();
      await page.getByTestId('review-blocking').getByText('配餐与食品安全').waitFor();
      await shot('18-step-review-blocked');

      // The server refuses the submission and says which rule fails and what would fix it.
      await page.getByTestId('class-submit').click();
      const submit = dialog(page, `提交「${CLASS_NAME}」`);
      await modalOk(submit, '提交');
      const blocking = submit.getByTestId('blocking-rules');
      await blocking.locator('[data-rule="food.catering"]').waitFor();
      expect(await blocking.locator('[data-rule="food.catering"]').textContent()).toContain('如何通过');
      await submit.getByTestId('transition-error').getByText('有 1 条规则未通过，不能提交').waitFor();
      await shot('19-submit-blocked');
      await button(submit, '取消').click();
      await submit.waitFor({ state: 'detached' });
    },
  );

  step('with the other caterer the class is submitted', async () => {
    await page.getByTestId('class-steps').getByText('用餐').click();
    const meals = page.getByTestId('step-meals');
    await meals.waitFor();
    await pickOption(page, meals, '选择配餐企业', GOOD_CATERER);
    await page.getByTestId('step-next').click();
    await page.getByTestId('step-staff').waitFor();
    await page.getByTestId('class-steps').getByText('检查并提交').click();
    await page.getByText('可以提交').waitFor();
    await page.getByTestId('class-submit').click();
    const submit = dialog(page, `提交「${CLASS_NAME}」`);
    await modalOk(submit, '提交');
    await page.getByTestId('class-status').getByText('待审批').waitFor();
    await shot('20-class-submitted');
  });

  step(
    'the district confirms the venue checklist in the approval queue and returns the class with reasons',
    async () => {
      await as('district');
      await menu('审批队列');
      const row = page.locator('.ant-table-row', { hasText: CLASS_NAME });
      await row.waitFor();
      await settled(page);
      await row.locator('.ant-table-row-expand-icon').click();
      const review = page.getByTestId(`queue-review-${classId}`);
      await review.getByTestId('rules-panel').waitFor();
      // Before the checklist is confirmed and the written rules are on file, approve is disabled and says why.
      await review
        .getByTestId('approval-blockers')
        .getByText('检查表尚未经区县工会或督导员确认', { exact: false })
        .waitFor();
      await review.getByTestId('class-approve-blocked').waitFor();
      await review.getByTestId('checklist-confirm').click();
      await confirmPop('确认检查表');
      await review.getByTestId('checklist-confirmed').waitFor();
      await review.getByTestId('class-document-emergency').getByText('未提交').waitFor();
      await expect
        .poll(() => review.getByTestId('approval-blockers').textContent())
        .not.toContain('检查表尚未经区县工会或督导员确认');
      await shot('21-approval-queue');

      await review.getByTestId('class-return').click();
      const ret = dialog(page, `退回「${CLASS_NAME}」`);
      await ret.locator('textarea').fill(RETURN_REASON);
      await modalOk(ret, '退回');
      await ret.waitFor({ state: 'detached' });
      await page.getByText('没有待审批的托管班').waitFor();
      await shot('22-approval-queue-empty');
    },
  );

  step('the unit reads the reasons, adds the daily hours and resubmits', async () => {
    await as('unit');
    await menu('我的托管班');
    await page.getByTestId('class-link').filter({ hasText: CLASS_NAME }).click();
    const alert = page.getByTestId('returned-alert');
    await alert.getByText(RETURN_REASON).waitFor();
    await shot('23-class-returned');
    await alert.getByRole('button', { name: '去修改' }).click();
    const basics = page.getByTestId('step-basics');
    await basics.waitFor();
    const hours = formItem(basics, '每日时间');
    await typeDate(hours.getByPlaceholder('开始时间'), '08:30');
    await typeDate(hours.getByPlaceholder('结束时间'), '17:30');
    await page.getByTestId('step-next').click();
    await page.getByTestId('step-venue').waitFor();
    await page.getByTestId('class-steps').getByText('检查并提交').click();
    await page.getByTestId('class-overview').getByText('08:30 ~ 17:30').waitFor();
    await page.getByTestId('class-submit').click();
    const submit = dialog(page, `提交「${CLASS_NAME}」`);
    await modalOk(submit, '提交');
    await page.getByTestId('class-status').getByText('待审批').waitFor();

    // The written rules (issue 12): the safety rules written from the template, the other two uploaded.
    await page.getByRole('tab', { name: '书面管理制度' }).click();
    await page.getByTestId('document-write-safety').click();
    const write = dialog(page, '编写「安全管理制度」');
    await expect.poll(() => write.locator('textarea').inputValue()).toContain(CLASS_NAME);
    await modalOk(write, '保存为 PDF');
    await write.waitFor({ state: 'detached' });
    await page.getByTestId('class-document-safety').getByTestId('class-document-file').waitFor();
    for (const [kind, name] of [
      ['emergency', '应急预案.pdf'],
      ['duty', '值班表.pdf'],
    ] as const) {
      const item = page.getByTestId(`class-document-${kind}`);
      await item.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: PDF });
      await item.getByText(name).waitFor();
    }
    await shot('23b-class-documents');
  });

  step('the district approves it; the timeline shows each step with the reasons', async () => {
    await as('district');
    await page.goto(`${server.baseUrl}/classes/${classId}`);
    await page.getByTestId('class-approve').click();
    const approve = dialog(page, `批准「${CLASS_NAME}」`);
    await modalOk(approve, '批准');
    await approve.waitFor({ state: 'detached' });
    await page.getByTestId('class-status').getByText('已批准').waitFor();
    await page.getByRole('tab', { name: '进度' }).click();
    const entries = page.getByTestId('class-timeline').getByTestId('timeline-entry');
    await expect.poll(() => entries.count()).toBe(4);
    expect(await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-to')))).toEqual([
      'submitted',
      'returned',
      'submitted',
      'approved',
    ]);
    expect(await entries.nth(1).textContent()).toContain(RETURN_REASON);
    await shot('24-class-approved-timeline');
    await page.getByRole('tab', { name: '规则与检查表' }).click();
    await page.getByTestId('rules-panel').waitFor();
    await shot('25-class-rules');
  });

  step('the unit opens enrolment; a parent applies; the enrolment tab shows who is missing what', async () => {
    await as('unit');
    await page.goto(`${server.baseUrl}/classes/${classId}`);
    await page.getByTestId('class-open').click();
    const open = dialog(page, `开放「${CLASS_NAME}」报名`);
    await modalOk(open, '开放报名');
    await page.getByTestId('class-status').getByText('报名中').waitFor();

    parent = await signInAgent(server, PARENT_PHONE, 'Parent-Pass-2026');
    const child = await ok<{ id: number }>(
      parent.post('/api/family/children', {
        name: CHILD,
        gender: 'M',
        birthDate: `${YEAR - 9}-03-07`,
        grade: '3',
        school: '建设路小学',
        consents: { privacyNoticeVersion: PRIVACY_NOTICE.version, health: true, photo: false },
      }),
    );
    await ok(parent.post('/api/enrolments', { classId, childId: child.id }));
    expect(parentUserId).toBeGreaterThan(0);

    await page.getByRole('tab', { name: '报名' }).click();
    const tab = page.getByTestId('enrolment-tab');
    await tab.getByTestId('applications').getByText(CHILD).waitFor();
    const readiness = tab.getByTestId('readiness').locator('.ant-table-row', { hasText: CHILD });
    await readiness.getByText('签署协议').waitFor();
    await readiness.getByText('保险凭证').waitFor();
    await tab.getByTestId('send-reminders').click();
    await confirmPop('提醒家长');
    await page.getByText(/已发送 \d+ 条提醒/).waitFor();
    await shot('26-enrolment-tab');
    await tab.getByTestId('child-link').click();
    await page.getByTestId('child-record').getByText('建设路小学').waitFor();
    await shot('27-child-record');
  });

  step('the city filters all classes and exports them to Excel', async () => {
    await as('city');
    await menu('全部托管班');
    await page.locator('.ant-table-row', { hasText: CLASS_NAME }).waitFor();
    await pickOption(page, page.locator('.ant-pro-table-search'), '状态', '报名中');
    // Not `button()`: once the first search is over, the button's name can keep a stale "loading" prefix.
    await page.getByRole('button', { name: /查\s*询$/ }).click();
    await settled(page);
    await page.locator('.ant-table-row', { hasText: CLASS_NAME }).waitFor();
    await shot('28-all-classes');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('classes-export').click()]);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('托管班名称');
    expect(sheet?.getRow(2).getCell(1).value).toBe(CLASS_NAME);
    expect(sheet?.getRow(2).getCell(9).value).toBe('报名中');
    expect(sheet?.rowCount).toBe(2);
  });
});
