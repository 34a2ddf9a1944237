/**
 * The parents' phone app (/m/) in a real browser (Debian's Chromium at 375×667 with touch), against the real
 * server and a real database: a parent registers with the code texted to them, waits for their unit to verify
 * them, adds a child, applies to an open class, signs the custody agreement and uploads the insurance policy;
 * the unit confirms the policy and the class counts the child as enrolled. Then the second-guardian invitation,
 * English, the child's record, and a withdrawal. The tests run in order and build on each other.
 * Screenshots of every screen go to test-results/parent-journey-NN-*.png; each checks that nothing is wider
 * than the phone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src/domain/people/residentId.js';
import { careClasses, insuranceProofs } from '../../src/server/db/schema.js';
import type { App } from '../../src/server/deps.js';
import { LogSender } from '../../src/server/messaging/sender.js';
import { Agent } from '../support/app.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';
import { buildOpenClass } from '../support/families.js';
import {
  buildWebOnce,
  hasChromium,
  type LiveServer,
  launchChromium,
  repoRoot,
  shotsDir,
  startServer,
  watchPageErrors,
} from './harness.js';

const UNIT = '测试科技有限公司';
const PHONE = '13912340001';
const PARENT_NAME = '王芳';
const PARENT_PASSWORD = 'Parent-Chosen-2026';
const CHILD = '李小明';
const CLASS_NAME = '寒假爱心托管班（科技园）';

/** A small real PNG (stripes), generated so that no binary fixture lives in the repository. */
function makePng(width = 240, height = 160): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    const band = Math.floor(y / 20) % 2 === 0 ? [250, 250, 245] : [220, 60, 60];
    for (let x = 0; x < width; x++) row.set(band, 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

async function signInAgent(app: App, username: string, password: string): Promise<Agent> {
  const a = new Agent(app);
  const res = await a.post('/api/auth/login', { username, password });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  a.csrf = res.json().csrfToken;
  return a;
}

if (!hasChromium) {
  console.warn(
    '[e2e] /usr/bin/chromium is missing: skipping the parent journey (apt-get install -y chromium fonts-noto-cjk).',
  );
}

describe.skipIf(!hasChromium)('parent journey on a phone (375×667, touch)', () => {
  let server: LiveServer;
  let app: App;
  let baseUrl: string;
  let dataDir: string;
  const sender = new LogSender(() => {});
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  /** The steps build on each other: after a failure the later ones are skipped, not timed out one by one. */
  let broken = false;
  let unitId: number;
  let classId: number;
  let unitAdmin: Agent;
  let classStart: string;
  let classEnd: string;

  /** Full-page screenshot; first checks that no element makes the page wider than the phone. */
  async function shot(name: string): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name}: page wider than the viewport`).toBeLessThanOrEqual(0);
    // From the top: a full-page capture of a scrolled page would paint the sticky bar in the middle.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(shotsDir, `parent-journey-${name}.png`), fullPage: true });
  }

  const tapButton = (name: string | RegExp) => page.getByRole('button', { name }).tap();

  beforeAll(async () => {
    buildWebOnce();
    if (!fs.existsSync(path.join(repoRoot, 'dist/web/m/index.html')))
      throw new Error('dist/web/m/index.html was not built');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-parent-e2e-'));
    // Texts are caught to read the phone code; uploads go to a temporary directory; a fixed key seals ID numbers.
    server = await startServer('Initial-Admin-Pass-2026', { sender, dataDir, dataKey: 'cd'.repeat(32) });
    app = server.app;
    baseUrl = server.baseUrl;

    // The unit, its administrator, a campaign, an open class starting in a month, and the unit's agreement.
    const db = server.database.db;
    const city = await signInAgent(
      app,
      (await buildUser(db, { role: 'city_admin', orgId: server.rootId })).username,
      PASSWORD,
    );
    const district = await buildOrg(db, { parentId: server.rootId, name: '科技园区总工会' });
    unitId = (await buildOrg(db, { parentId: district.id, name: UNIT })).id;
    unitAdmin = await signInAgent(app, (await buildUser(db, { role: 'unit_admin', orgId: unitId })).username, PASSWORD);
    const year = new Date().getFullYear() + 1;
    const campaign = await city.post('/api/campaigns', { from: 'template', year, name: `${year}年爱心托管` });
    expect(campaign.statusCode, campaign.body).toBe(201);
    const start = new Date(Date.now() + 30 * 86_400_000);
    classStart = isoDay(start);
    classEnd = isoDay(new Date(start.getTime() + 18 * 86_400_000));
    const cls = await buildOpenClass(db, {
      campaignId: campaign.json().id,
      orgId: unitId,
      capacity: 30,
      startDate: classStart,
      endDate: classEnd,
      name: CLASS_NAME,
    });
    classId = cls.id;
    await db
      .update(careClasses)
      .set({
        dailyStart: '08:30',
        dailyEnd: '17:30',
        meals: 'contracted',
        gradesOffered: [1, 2, 3, 4, 5, 6],
        publicDescription: '作业辅导、阅读、科普和体育活动。',
      })
      .where(eq(careClasses.id, classId));
    const template = (await unitAdmin.get('/api/agreements/template')).json().body as string;
    const published = await unitAdmin.post(`/api/orgs/${unitId}/agreements`, {
      title: '职工子女爱心托管服务协议',
      body: template.replace('{unit}', UNIT),
    });
    expect(published.statusCode, published.body).toBe(201);

    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    page = await context.newPage();
    watchPageErrors(page, pageErrors);
    fs.mkdirSync(shotsDir, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    // Uncaught errors in the page fail the step they happened in.
    expect(pageErrors).toEqual([]);
  });

  /**
   * One step of the journey. The steps build on each other: after a failure the later ones are skipped rather
   * than timing out one by one, and the failing one keeps a screenshot of what the browser showed.
   */
  function journeyStep(name: string, body: () => Promise<void>): void {
    it(name, { timeout: 60_000 }, async (ctx) => {
      if (broken) ctx.skip();
      try {
        await body();
      } catch (e) {
        broken = true;
        const file = `parent-journey-FAILED-${name.slice(0, 30).replace(/\W+/g, '-')}.png`;
        await page.screenshot({ path: path.join(shotsDir, file), fullPage: true });
        throw e;
      }
    });
  }

  journeyStep('a parent registers with the texted code and waits for their unit', async () => {
    await page.goto(`${baseUrl}/m/`);
    await page.getByRole('heading', { name: '家长登录' }).waitFor();
    await shot('01-sign-in');

    // A wrong password is refused in plain words.
    await page.getByLabel('手机号').fill(PHONE);
    await page.getByLabel('密码').fill('whatever-123');
    await tapButton('登录');
    await page.getByRole('alert').getByText('手机号或密码不正确').waitFor();
    await shot('02-sign-in-error');

    await page.getByRole('link', { name: '注册' }).tap();
    await page.getByRole('heading', { name: '家长注册' }).waitFor();
    await page.getByTestId('privacy-notice').getByText('个人信息保护告知书').waitFor();
    await shot('03-register-empty');

    // Submitting an empty form marks every missing field.
    await tapButton('注册');
    await page.getByText('请按提示修改上面标红的内容').waitFor();
    await page.getByText('请输入正确的 11 位手机号').waitFor();
    await page.getByText('请阅读并勾选同意个人信息保护告知书').waitFor();
    await shot('04-register-errors');

    await page.getByLabel('手机号').fill(PHONE);
    await page.getByTestId('send-code').tap();
    await page.getByText('验证码已发送至 139****0001').waitFor();
    const code = /验证码是 (\d{6})/.exec(sender.lastTo(PHONE)?.text ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await page.getByLabel('短信验证码').fill(code ?? '');
    await page.getByLabel('您的姓名').fill(PARENT_NAME);
    await page.getByLabel('密码', { exact: true }).fill(PARENT_PASSWORD);
    await page.getByLabel('再次输入密码').fill(PARENT_PASSWORD);
    await page.getByLabel('工作单位').fill('测试科技');
    await page.getByRole('option', { name: UNIT }).waitFor();
    await shot('05-register-employer-search');
    await page.getByRole('option', { name: UNIT }).tap();
    await page.getByTestId('employer-chosen').getByText(UNIT).waitFor();
    await page.getByTestId('privacy-consent').tap();
    await shot('06-register-filled');

    await tapButton('注册');
    await page.getByText(`您好，${PARENT_NAME}`).waitFor();
    await expect.poll(() => page.getByTestId('verification-status').textContent()).toBe('待单位审核');
    await page.getByText('注册成功！请等待单位审核您的职工身份。').waitFor();
    await page.getByText('还没有添加孩子').waitFor();
    await shot('07-home-pending');

    // No classes until the unit has verified the parent: a plain explanation instead of an empty page.
    await page.getByTestId('browse-classes').tap();
    await page.getByText('单位审核通过您的职工身份后，这里会显示可报名的托管班').waitFor();
    await shot('08-classes-pending');
  });

  journeyStep('the unit verifies the parent; the parent adds a child', async () => {
    const pending = (await unitAdmin.get('/api/guardians?status=pending')).json().items as {
      userId: number;
      displayName: string;
    }[];
    const guardian = pending.find((g) => g.displayName === PARENT_NAME);
    expect(guardian).toBeDefined();
    const verified = await unitAdmin.post(`/api/guardians/${guardian?.userId}/verify`, { decision: 'approve' });
    expect(verified.statusCode, verified.body).toBe(200);

    await page.goto(`${baseUrl}/m/#/`);
    await expect.poll(() => page.getByTestId('verification-status').textContent()).toBe('已通过');
    await page.getByText('还没有报名，去看看可报名的托管班吧').waitFor();
    await shot('09-home-verified');

    await page.getByRole('link', { name: '添加孩子' }).first().tap();
    await page.getByRole('heading', { name: '添加孩子' }).waitFor();
    await shot('10-child-empty');

    await page.getByLabel('孩子姓名').fill(CHILD);
    await page.getByRole('radio', { name: '男' }).tap();
    await page.getByLabel('出生日期').fill('2017-03-07');
    await page.getByLabel('学校').fill('科技园实验小学');
    await page.getByRole('radio', { name: '三年级' }).tap();
    // An ID number with a wrong check character is caught on the phone, in words.
    const body = '11010520170307123';
    const check = residentIdCheckChar(body) ?? '0';
    await page.getByLabel('身份证号').fill(body + (check === '1' ? '2' : '1'));
    await page.getByTestId('health-consent').tap();
    await page.getByLabel('过敏史').fill('花生');
    const contacts = page.getByTestId('contacts-editor');
    await contacts.getByLabel('姓名').fill('李强');
    await contacts.getByLabel('关系').fill('父亲');
    await contacts.getByLabel('手机号').fill('13800001111');
    const allowed = page.getByTestId('pickup-allowed');
    await allowed.getByLabel('姓名').fill('张秀兰');
    await allowed.getByLabel('关系').fill('外婆');
    await allowed.getByLabel('手机号').fill('13700002222');
    const denied = page.getByTestId('pickup-denied');
    await denied.getByRole('button', { name: '添加不允许接送的人' }).tap();
    await denied.getByLabel('姓名').fill('赵某');
    await denied.getByLabel('关系').fill('邻居');
    await page.getByTestId('child-privacy').tap();
    await tapButton('保存');
    await page.getByText('请按提示修改上面标红的内容').waitFor();
    await page.getByText('身份证号校验位不正确，请核对号码是否录入有误').waitFor();
    await shot('11-child-id-error');

    await page.getByLabel('身份证号').fill(body + check);
    await shot('12-child-filled');
    await tapButton('保存');
    await page.getByText('已添加孩子信息').waitFor();
    await page.getByTestId('child-row').getByText(CHILD).waitFor();
    await shot('13-home-with-child');
  });

  journeyStep('the parent applies for a place, signs the agreement and uploads the insurance policy', async () => {
    await page.getByTestId('browse-classes').tap();
    const card = page.getByTestId('class-card').filter({ hasText: CLASS_NAME });
    await card.getByText('剩余名额').waitFor();
    await card.getByText('配餐企业供餐').waitFor();
    await card.getByText('先报先得，额满后排候补').waitFor();
    await shot('14-classes');

    await card.getByRole('link', { name: '为孩子报名' }).tap();
    await page.getByRole('heading', { name: '为哪个孩子报名？' }).waitFor();
    await page.getByText(CHILD).tap();
    await shot('15-apply');
    await tapButton('提交报名');
    await page.getByTestId('apply-result').getByText('报名成功，已获得名额').waitFor();
    await expect.poll(() => page.getByTestId('enrolment-status').textContent()).toBe('已获名额');
    await page.getByTestId('next-step').getByText('下一步：签署托管协议').waitFor();
    await shot('16-apply-result');

    await page.getByRole('button', { name: '阅读并签署' }).tap();
    await page.getByTestId('agreement-body').getByText(`甲方（托管单位）：${UNIT}`).waitFor();
    await shot('17-agreement');
    await page.getByTestId('agreement-read').tap();
    await page.getByLabel('请输入监护人姓名作为签名').fill(PARENT_NAME);
    // Signing asks for a fresh code sent to the guardian's own phone (issue 12).
    await page.getByTestId('sign-send-code').tap();
    await page.getByText('验证码已发送至 139****0001').waitFor();
    const signCode = /验证码 (\d{6})/.exec(sender.lastTo(PHONE)?.text ?? '')?.[1];
    await page.getByLabel('手机验证码').fill(signCode ?? '');
    await tapButton('确认签署');
    await page.getByText('协议已签署', { exact: true }).waitFor();
    await page.getByTestId('next-step').getByText('下一步：上传意外险保单').waitFor();
    await shot('18-agreement-signed');

    // The signed agreement reads as signed and downloads as a PDF.
    await page.getByRole('button', { name: '查看协议' }).tap();
    await page.getByTestId('agreement-signed').getByText('您已签署本版本协议').waitFor();
    await shot('19-agreement-signed-view');
    const pdfUrl = await page.getByTestId('agreement-pdf').getAttribute('href');
    const pdf = await page.request.get(`${baseUrl}${pdfUrl}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByRole('button', { name: '返回' }).tap();

    await page.getByRole('button', { name: '上传保单' }).tap();
    await page.getByRole('heading', { name: '上传保单' }).waitFor();
    // The form refuses a period that does not cover the class.
    await page
      .getByTestId('insurance-file')
      .setInputFiles({ name: '保单.png', mimeType: 'image/png', buffer: makePng() });
    await page.getByRole('img', { name: '保单照片预览' }).waitFor();
    await page.getByLabel('保险公司').fill('中国人寿');
    await page.getByLabel('保单号').fill('PICC-2027-000123');
    await page.getByLabel('保险截止日').fill(isoDay(new Date(Date.parse(classEnd) - 86_400_000)));
    await tapButton('提交保单');
    await page.locator('.field-error', { hasText: '保险期间须覆盖托管期' }).waitFor();
    await page.getByLabel('保险截止日').fill(classEnd);
    await shot('20-insurance-filled');
    await tapButton('提交保单');
    await page.getByText('保单已提交，等待单位确认').first().waitFor();
    await page.getByTestId('next-step').getByText('保单已提交，等待单位确认').waitFor();
    await shot('21-insurance-sent');
  });

  journeyStep('the unit confirms the policy: the class counts the child enrolled, and the home shows it', async () => {
    const before = (await unitAdmin.get(`/api/classes/${classId}/enrolments`)).json();
    const row = before.readiness.find((r: { childName: string }) => r.childName === CHILD);
    expect(row).toMatchObject({ agreementSigned: true, insurance: 'pending', enrolled: false, missing: ['insurance'] });
    const [proof] = await server.database.db
      .select()
      .from(insuranceProofs)
      .where(eq(insuranceProofs.enrolmentId, row.enrolmentId));
    expect(proof).toMatchObject({ insurer: '中国人寿', policyNo: 'PICC-2027-000123', periodEnd: classEnd });
    expect(proof?.fileId).toBeGreaterThan(0);
    const reviewed = await unitAdmin.post(`/api/insurance/${proof?.id}/review`, { decision: 'confirmed' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const after = (await unitAdmin.get(`/api/classes/${classId}/enrolments`)).json();
    expect(after.readiness.find((r: { childName: string }) => r.childName === CHILD)).toMatchObject({
      enrolled: true,
      missing: [],
    });

    // The home shows what GET /api/parent/enrolments says. It does not yet carry the readiness (requested from
    // the server side), so the phone can only know that the policy was sent; once it does, the card says 报名完成.
    const parent = await signInAgent(app, PHONE, PARENT_PASSWORD);
    const mine = (await parent.get('/api/parent/enrolments')).json().items[0];
    const expected = 'enrolled' in mine ? '✓ 报名完成，材料齐全' : '保单已提交，等待单位确认';
    await page.goto(`${baseUrl}/m/#/`);
    const card = page.getByTestId('enrolment-card').filter({ hasText: CLASS_NAME });
    await card.getByTestId('next-step').getByText(expected).waitFor();
    await card.getByText('已获名额').waitFor();
    await shot('22-home-enrolled');
  });

  journeyStep('invite, English, the child record and a withdrawal', async () => {
    await page.getByRole('link', { name: '邀请家人' }).tap();
    await tapButton('生成邀请码');
    await expect
      .poll(async () => (await page.getByTestId('invite-code').textContent())?.trim())
      .toMatch(/^[A-Z2-9]{8}$/);
    await shot('23-invite');

    await page.getByRole('button', { name: '返回' }).tap();
    await page.getByTestId('child-row').tap();
    await page.getByRole('heading', { name: '孩子信息' }).waitFor();
    await page.getByText(/已登记：110105\*{8}/).waitFor();
    await page.getByRole('button', { name: '撤回健康信息授权' }).waitFor();
    await shot('24-child-edit');

    await page.getByTestId('lang-switch').tap();
    await page.getByRole('heading', { name: 'Child' }).waitFor();
    await page.getByRole('button', { name: 'Back' }).tap();
    await page.getByText(`Hello, ${PARENT_NAME}`).waitFor();
    await shot('25-home-english');
    await page.getByTestId('lang-switch').first().tap();
    await page.getByText(`您好，${PARENT_NAME}`).waitFor();

    await page.getByTestId('enrolment-card').getByRole('link').first().tap();
    await page.getByRole('link', { name: '退出报名' }).tap();
    await tapButton('确认退出');
    await page.getByText('请填写退出原因（至少 2 个字）').waitFor();
    await tapButton('家庭行程有变');
    await shot('26-withdraw');
    await tapButton('确认退出');
    await page.getByText('已退出报名').first().waitFor();
    await page.getByTestId('enrolment-card').getByText('已退出').first().waitFor();
    await shot('27-home-withdrawn');
    const readiness = (await unitAdmin.get(`/api/classes/${classId}/enrolments`)).json().readiness;
    expect(readiness).toEqual([]);

    // Offline, a screen says so in plain words and offers a retry.
    await context.setOffline(true);
    await page.getByTestId('browse-classes').tap();
    await page.getByText('网络连接失败，请检查网络后重试').waitFor();
    await shot('28-offline');
    await context.setOffline(false);
    await tapButton('重试');
    await page.getByTestId('class-card').filter({ hasText: CLASS_NAME }).waitFor();

    // Signing out and in again lands on the same home.
    await page.getByRole('button', { name: '返回' }).tap();
    await page.getByTestId('sign-out').tap();
    await page.getByRole('heading', { name: '家长登录' }).waitFor();
    await page.getByLabel('手机号').fill(PHONE);
    await page.getByLabel('密码').fill(PARENT_PASSWORD);
    await tapButton('登录');
    await page.getByText(`您好，${PARENT_NAME}`).waitFor();
    await page.getByTestId('enrolment-card').getByText('已退出').first().waitFor();
  });
});
