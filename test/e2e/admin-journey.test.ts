/**
 * The admin journey in a real browser (Debian's Chromium), against the real server and a real database:
 * the city administrator signs in with the initial password, must change it, creates a district, a unit under it
 * and a unit administrator; the unit administrator signs in, must change their password, and sees only their unit.
 * Then: a bad .xlsx upload lists every row error and imports nothing; the unit admin enables two-factor sign-in
 * and signs in with a code; the city admin requires two-factor sign-in for administrators and must enrol at once.
 * The tests run in order and build on each other (one server, one database).
 * Screenshots of each page go to test-results/.
 */
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { creditCodeCheckChar } from '../../src/domain/org/creditCode.js';
import { totpNow } from '../../src/server/auth/totp.js';
import {
  button,
  buildWebOnce,
  changePassword,
  dialog,
  formItem,
  hasChromium,
  type LiveServer,
  launchChromium,
  pickCascader,
  pickOption,
  pickOrg,
  settled,
  shot,
  signIn,
  signOut,
  startServer,
  watchPageErrors,
} from './harness.js';

const ADMIN_INITIAL = 'Initial-Admin-Pass-2026';
const ADMIN_NEW = 'City-Admin-Chosen-77';
const UNIT_ADMIN_NEW = 'Unit-Admin-Chosen-88';
const CITY = '示例市总工会';
const DISTRICT = '测试区总工会';
const UNIT = '测试科技有限公司';

/** A valid unified social credit code: 17 characters and their check character. */
function creditCode(n: number): string {
  const first17 = `91110105MA${String(n).padStart(7, '0')}`;
  const check = creditCodeCheckChar(first17);
  if (!check) throw new Error(`no check character for ${first17}`);
  return first17 + check;
}

if (!hasChromium) {
  console.warn(
    '[e2e] /usr/bin/chromium is missing: skipping the browser journey (apt-get install -y chromium fonts-noto-cjk).',
  );
}

describe.skipIf(!hasChromium)('admin journey in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebOnce();
    server = await startServer(ADMIN_INITIAL);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function freshPage(): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const p = await context.newPage();
    watchPageErrors(p, pageErrors);
    // What the browser showed when a step failed is the first thing one wants to see.
    onTestFailed(async ({ task }) => {
      await shot(p, `FAILED-${task.name.slice(0, 40).replace(/[^\w\u4e00-\u9fa5]+/g, '-')}`);
    });
    return p;
  }

  it('city admin creates a district, a unit and a unit admin; the unit admin sees only their unit', async () => {
    page = await freshPage();
    const base = server.baseUrl;

    // Sign-in with the initial password lands on the forced change-password page.
    await page.goto(`${base}/`);
    await page.getByText('账号登录').waitFor();
    await shot(page, 'admin-journey-01-login');
    await signIn(page, base, 'admin', ADMIN_INITIAL);
    await page.getByText('首次登录请修改密码').waitFor();
    await shot(page, 'admin-journey-02-forced-change-password');
    await changePassword(page, ADMIN_INITIAL, ADMIN_NEW);
    await page.getByText('您好，系统管理员').waitFor();
    await shot(page, 'admin-journey-03-home');

    // The organisation tree: only the city so far.
    await page.getByRole('menuitem', { name: '组织架构' }).click();
    await page.getByTestId('org-detail').getByText(CITY).waitFor();
    await page.getByText('暂无下级组织').waitFor();
    await shot(page, 'admin-journey-04-org-tree-empty');

    // A district under the city.
    await page.getByTestId('org-create-child').click();
    const createDistrict = dialog(page, `在「${CITY}」下新建组织`);
    await createDistrict.waitFor();
    await formItem(createDistrict, '名称').locator('input').fill(DISTRICT);
    await formItem(createDistrict, '联系人').locator('input').fill('张主席');
    await formItem(createDistrict, '联系电话').locator('input').fill('010-12345678');
    await shot(page, 'admin-journey-05-create-district-dialog');
    await button(createDistrict, '创建').click();
    await createDistrict.waitFor({ state: 'detached' });
    const tree = page.getByTestId('org-tree');
    await tree.getByText(DISTRICT).waitFor();

    // A unit under the district, with a valid credit code and an administrative division.
    await tree.getByText(DISTRICT).click();
    await page.getByTestId('org-detail').getByText(DISTRICT).waitFor();
    await page.getByTestId('org-create-child').click();
    const createUnit = dialog(page, `在「${DISTRICT}」下新建组织`);
    await createUnit.waitFor();
    await formItem(createUnit, '名称').locator('input').fill(UNIT);
    await pickOption(page, createUnit, '单位类型', '企业');
    // A wrong check character is caught in the form before anything is sent.
    const code = creditCode(4242);
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    await formItem(createUnit, '统一社会信用代码').locator('input').fill(wrong);
    await formItem(createUnit, '统一社会信用代码').getByText('统一社会信用代码无效（须 18 位且校验位正确）').waitFor();
    await formItem(createUnit, '统一社会信用代码').locator('input').fill(code);
    await pickCascader(page, createUnit, '所在行政区划', ['北京市', '市辖区', '朝阳区']);
    await formItem(createUnit, '所在行政区划').getByText('行政区划代码：110105').waitFor();
    await formItem(createUnit, '地址').locator('input').fill('朝阳区建国路 1 号');
    await formItem(createUnit, '联系人').locator('input').fill('王经理');
    await formItem(createUnit, '联系电话').locator('input').fill('13800138000');
    await shot(page, 'admin-journey-06-create-unit-dialog');
    await button(createUnit, '创建').click();
    await createUnit.waitFor({ state: 'detached' });
    await page.locator('.ant-pro-table').getByText(UNIT).waitFor();
    await settled(page);
    await shot(page, 'admin-journey-07-org-tree-with-unit');

    // A unit administrator for the unit; the initial password is shown once.
    await page.getByRole('menuitem', { name: '人员与角色' }).click();
    await page.getByText('系统管理员').first().waitFor();
    await settled(page);
    await page.getByTestId('user-create').click();
    const createUser = dialog(page, '新建人员');
    await createUser.waitFor();
    await formItem(createUser, '用户名').locator('input').fill('unitadmin1');
    await formItem(createUser, '姓名').locator('input').fill('李单位');
    await formItem(createUser, '手机号').locator('input').fill('13912345678');
    await pickOrg(page, createUser, '所在组织', UNIT);
    await pickOption(page, createUser, '角色', '基层单位管理员');
    await shot(page, 'admin-journey-08-create-user-dialog');
    await button(createUser, '创建').click();
    const secret = dialog(page, '已创建「李单位」');
    await secret.waitFor();
    const unitAdminInitial = (await page.getByTestId('secret-password').locator('code').textContent())?.trim() ?? '';
    expect(unitAdminInitial).toMatch(/^\S{8,}$/);
    await shot(page, 'admin-journey-09-initial-password');
    await button(secret, '我已记下').click();
    await secret.waitFor({ state: 'detached' });
    const row = page.locator('.ant-table-row').filter({ hasText: 'unitadmin1' });
    await row.getByText(`基层单位管理员 · ${UNIT}`).waitFor();
    await row.getByText('139****5678').waitFor();
    await settled(page);
    await shot(page, 'admin-journey-10-people');

    // The audit log has the changes; the hash chain verifies.
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.locator('.ant-table-row').filter({ hasText: '新建人员' }).first().waitFor();
    await settled(page);
    await page
      .locator('.ant-table-row')
      .filter({ hasText: '新建组织' })
      .first()
      .locator('.ant-table-row-expand-icon')
      .click();
    await page.getByTestId('audit-change').getByText('变更后').waitFor();
    await shot(page, 'admin-journey-11-audit');
    await page.getByTestId('audit-verify').click();
    await page.locator('.ant-modal-confirm-title', { hasText: '哈希链完整' }).waitFor();
    await shot(page, 'admin-journey-12-audit-verified');
    await button(page.locator('.ant-modal-confirm'), '知道了').click();

    await signOut(page);

    // The unit administrator: forced password change, then only their own unit.
    await signIn(page, base, 'unitadmin1', unitAdminInitial);
    await page.getByText('首次登录请修改密码').waitFor();
    await changePassword(page, unitAdminInitial, UNIT_ADMIN_NEW);
    await page.getByText('您好，李单位').waitFor();
    await shot(page, 'admin-journey-13-unit-admin-home');
    const menu = (await page.locator('.ant-pro-sider').textContent()) ?? '';
    expect(menu).toContain('组织架构');
    expect(menu).not.toContain('审计日志');
    expect(menu).not.toContain('系统设置');

    await page.getByRole('menuitem', { name: '组织架构' }).click();
    await page.getByTestId('org-tree').getByText(UNIT).waitFor();
    await page.getByTestId('org-detail').getByText(UNIT).waitFor();
    await page.getByText('基层单位是组织树的末级，没有下级组织').waitFor();
    await settled(page);
    const visibleTree = (await page.getByTestId('org-tree').textContent()) ?? '';
    expect(visibleTree).toContain(UNIT);
    expect(visibleTree).not.toContain(DISTRICT);
    expect(visibleTree).not.toContain(CITY);
    expect(await page.getByTestId('org-tree').locator('[data-org-id]').count()).toBe(1);
    // A unit admin cannot create below a unit nor move or close their own unit.
    expect(await page.getByTestId('org-create-child').count()).toBe(0);
    expect(await button(page, '停用').count()).toBe(0);
    await shot(page, 'admin-journey-14-unit-admin-orgs');

    await page.getByRole('menuitem', { name: '人员与角色' }).click();
    await page.locator('.ant-table-row').filter({ hasText: 'unitadmin1' }).waitFor();
    await settled(page);
    const people = (await page.locator('.ant-table-tbody').textContent()) ?? '';
    expect(people).not.toContain('系统管理员');
    await shot(page, 'admin-journey-15-unit-admin-people');

    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('a bad .xlsx import lists every row error and imports nothing', async () => {
    page = await freshPage();
    const base = server.baseUrl;
    await signIn(page, base, 'admin', ADMIN_NEW);
    await page.getByText('您好，系统管理员').waitFor();
    await page.getByRole('menuitem', { name: '组织架构' }).click();
    const tree = page.getByTestId('org-tree');
    await tree.getByText(DISTRICT).click();
    await page.getByTestId('org-detail').getByText(DISTRICT).waitFor();
    await page.locator('.ant-pro-table').getByText(UNIT).waitFor();

    // The template from the page, filled with one good row and three bad ones.
    const template = await page.request.get(`${base}/api/orgs/import-template`);
    expect(template.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await template.body()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('the template has no worksheet');
    const good = creditCode(5001);
    ws.getRow(2).values = ['导入测试甲公司', '企业', good, '', '110105', '地址甲', '赵一', '13800000001'];
    ws.getRow(3).values = ['导入测试乙公司', '企业', '91110105MA00000000', '', '', '', '', ''];
    ws.getRow(4).values = ['', '学校', creditCode(5002), '', '', '', '', ''];
    ws.getRow(5).values = ['导入测试丁公司', '社区', good, '', '', '', '', ''];
    const bad = Buffer.from(await wb.xlsx.writeBuffer());

    await page.getByTestId('org-import').click();
    const importDialog = dialog(page, `导入基层单位到「${DISTRICT}」`);
    await importDialog.waitFor();
    await shot(page, 'admin-journey-16-import-dialog');
    await importDialog.locator('input[type=file]').setInputFiles({
      name: '基层单位-有错误.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bad,
    });
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    await errors.getByText('文件有 3 处错误，未导入任何数据').waitFor();
    const rows = await errors.locator('.ant-table-tbody .ant-table-row').allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^3C.*校验失败/);
    expect(rows[1]).toMatch(/^4A单位名称必填/);
    expect(rows[2]).toMatch(/^5C.*与第 2 行重复/);
    await shot(page, 'admin-journey-17-import-errors');
    await button(importDialog, '关闭').click();
    await importDialog.waitFor({ state: 'detached' });

    // Nothing was imported: the district still has only the unit made in the journey.
    await page.locator('.ant-pro-table').getByText(UNIT).waitFor();
    await settled(page);
    expect(await page.locator('.ant-pro-table .ant-table-row').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  /** Sets up two-factor sign-in on the TOTP page shown now and returns the secret. */
  async function enrolTotp(p: Page, shotName: string): Promise<string> {
    await button(p, '开始设置').click();
    const secretText = (await p.getByTestId('totp-secret').textContent()) ?? '';
    const secret = secretText.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await shot(p, shotName);
    await p.getByPlaceholder('000000').fill(await totpNow(secret, new Date()));
    await button(p, '启用').click();
    return secret;
  }

  /** The next code after the one just used: each code is accepted once, so sign-in waits for a new one. */
  async function freshTotp(p: Page, secret: string): Promise<string> {
    const used = await totpNow(secret, new Date());
    for (;;) {
      const code = await totpNow(secret, new Date());
      if (code !== used) return code;
      await p.waitForTimeout(1000);
    }
  }

  it('the unit admin turns on two-factor sign-in and then signs in with a code', async () => {
    page = await freshPage();
    const base = server.baseUrl;
    await signIn(page, base, 'unitadmin1', UNIT_ADMIN_NEW);
    await page.getByText('您好，李单位').waitFor();
    await page.getByRole('menuitem', { name: '双因素认证' }).click();
    const secret = await enrolTotp(page, 'admin-journey-18-totp-setup');
    await page.getByText('登录时需要输入身份验证器上的动态验证码').waitFor();
    await shot(page, 'admin-journey-19-totp-enabled');
    await signOut(page);

    await signIn(page, base, 'unitadmin1', UNIT_ADMIN_NEW);
    await page.getByText('该账号已启用双因素认证').waitFor();
    await shot(page, 'admin-journey-20-login-totp-step');
    await page.getByLabel('动态验证码').fill('000000' === (await totpNow(secret, new Date())) ? '111111' : '000000');
    await button(page, '登录').click();
    await page.getByTestId('login-error').getByText('动态验证码错误').waitFor();
    await page.getByLabel('动态验证码').fill(await freshTotp(page, secret));
    await button(page, '登录').click();
    await page.getByText('您好，李单位').waitFor();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('the city admin requires two-factor sign-in for administrators and must enrol at once', async () => {
    page = await freshPage();
    const base = server.baseUrl;
    await signIn(page, base, 'admin', ADMIN_NEW);
    await page.getByText('您好，系统管理员').waitFor();
    await page.getByRole('menuitem', { name: '系统设置' }).click();
    const toggle = page.getByTestId('setting-require-totp');
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await shot(page, 'admin-journey-21-settings');
    await toggle.click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.locator('.ant-modal-confirm-title', { hasText: '您本人尚未启用双因素认证' }).waitFor();
    await button(confirm, '开启').click();
    // The console holds the administrator back until they enrol.
    await page.getByText('请启用双因素认证').waitFor();
    await page.getByText('市总要求所有管理员启用双因素认证').waitFor();
    await shot(page, 'admin-journey-22-forced-totp');
    await enrolTotp(page, 'admin-journey-23-forced-totp-setup');
    await page.getByText('您好，系统管理员').waitFor();
    await page.getByRole('menuitem', { name: '系统设置' }).click();
    await page.getByTestId('setting-require-totp').waitFor();
    expect(await page.getByTestId('setting-require-totp').getAttribute('aria-checked')).toBe('true');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
