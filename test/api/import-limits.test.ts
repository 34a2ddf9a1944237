// Spreadsheet imports cannot exhaust memory or block the server (issue 13, "Availability"): every route that reads
// an uploaded .xlsx (units, class roster, official calendar) refuses a zip bomb before inflating it, a sheet past
// its row cap with the limit and the count, and an unreadable file with a clear message; reading happens off the
// event loop, so /healthz answers while imports run, and a third import at once hears 503 IMPORT_BUSY.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, makeCreditCode, PASSWORD } from '../support/factories.js';
import { buildOpenClass } from '../support/families.js';
import { multipart } from '../support/xlsx.js';
import { buildZip, sheetXml, xlsxBomb, xlsxParts } from '../support/zip.js';

const UNIT_HEADER = ['单位名称*', '单位类型*', '统一社会信用代码*'];
const ROSTER_HEADER = ['姓名*', '出生日期*', '年级*', '监护人姓名*', '监护人手机*'];

/** A workbook of `rows` rows after the header, built by hand (ExcelJS takes seconds to write thousands of rows). */
const workbook = (header: string[], rows: number, row: (r: number) => string[]) =>
  buildZip(xlsxParts(sheetXml(rows + 1, (r) => (r === 1 ? header : row(r)))));

describe('import limits', () => {
  let t: TestApp;
  let city: Agent;
  let unitAdmin: Agent;
  let districtId: number;
  let classId: number;

  const send = (agent: Agent, url: string, file: Buffer) => {
    const { body, contentType } = multipart(file);
    return agent.request('POST', url, body, { 'content-type': contentType });
  };
  const importUnits = (file: Buffer) => send(city, `/api/orgs/${districtId}/import`, file);
  const importRoster = (file: Buffer) => send(unitAdmin, `/api/classes/${classId}/roster`, file);
  const importCalendar = (file: Buffer) => send(city, '/api/calendar/2029/xlsx', file);
  /** The file-level message each importer gives: row 0 of IMPORT_INVALID, or the calendar's VALIDATION_FAILED. */
  const fileMessage = (r: LightMyRequestResponse) => {
    const body = r.json();
    if (body.code === 'IMPORT_INVALID') {
      expect(body.details).toHaveLength(1);
      expect(body.details[0]).toMatchObject({ row: 0, column: '' });
      return body.details[0].message as string;
    }
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details).toEqual([{ path: 'file', message: expect.any(String) }]);
    return body.details[0].message as string;
  };
  /** /healthz over a real socket: it answers only when the event loop gets round to I/O. */
  let base = '';
  const healthz = async () => {
    const t0 = performance.now();
    const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) });
    expect(r.status).toBe(200);
    return performance.now() - t0;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    city = await t.agent((await buildUser(db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    districtId = (await buildOrg(db, { parentId: t.rootId, name: '限额区总工会' })).id;
    const unitId = (await buildOrg(db, { parentId: districtId, name: '限额电力公司' })).id;
    unitAdmin = await t.agent((await buildUser(db, { role: 'unit_admin', orgId: unitId })).username, PASSWORD);
    const campaignId = (await city.post('/api/campaigns', { from: 'template', year: 2026, name: '2026暑期' })).json()
      .id;
    classId = (await buildOpenClass(db, { campaignId, orgId: unitId, capacity: 5, name: '限额班' })).id;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('a zip bomb (200 KB declaring 200 MB) is refused by every importer before inflating, and /healthz answers', async () => {
    const bomb = xlsxBomb(200 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(250 * 1024);
    for (const [upload, status] of [
      [importUnits, 422],
      [importRoster, 422],
      [importCalendar, 400],
    ] as const) {
      const t0 = performance.now();
      const r = await upload(bomb);
      // Refused from the directory alone: well under the time a reader process takes to start, let alone to inflate.
      expect(performance.now() - t0).toBeLessThan(500);
      expect(r.statusCode, r.body).toBe(status);
      expect(fileMessage(r)).toBe('文件解压后有 200 MB，超过上限 20 MB：内容过多，请删除多余的工作表或分批导入');
      expect(await healthz()).toBeLessThan(1000);
    }
    // A bomb under the size cap is refused for its ratio; one whose directory lies, while inflating (in the reader).
    expect(fileMessage(await importUnits(xlsxBomb(10 * 1024 * 1024)))).toContain('压缩比异常');
    const liar = await importUnits(xlsxBomb(200 * 1024 * 1024, true));
    expect(fileMessage(liar)).toBe('无法读取文件：请上传 .xlsx 格式的模板文件');
  });

  it('a sheet over the row cap is refused with the limit, the first row past it and the count found', async () => {
    const units = await importUnits(workbook(UNIT_HEADER, 5200, (r) => [`单位${r}`, '企业', makeCreditCode(r)]));
    expect(units.statusCode).toBe(422);
    expect(fileMessage(units)).toBe(
      '工作表“Sheet1”第 5001 行起超出上限：每个工作表最多读取 5000 行（含表头），该表有 5201 行有内容。请分批导入',
    );
    const roster = await importRoster(
      workbook(ROSTER_HEADER, 2000, (r) => [`孩子${r}`, '2016-03-07', '三年级', '家长', '13900000101']),
    );
    expect(roster.statusCode).toBe(422);
    expect(fileMessage(roster)).toContain('第 2001 行起超出上限：每个工作表最多读取 2000 行（含表头），该表有 2001 行');
    city.lang = 'en';
    const calendar = await importCalendar(workbook(['日期', '类型'], 1200, () => ['2029-10-01', '休']));
    city.lang = 'zh-CN';
    expect(calendar.statusCode).toBe(400);
    expect(fileMessage(calendar)).toContain(
      'Sheet "Sheet1" passes the limit from row 1001: at most 1000 rows (header included) are read per sheet, this one has 1201 rows with content',
    );
  });

  it('a file that is not a workbook, or a truncated one, gets each importer\'s clear "cannot read"', async () => {
    const whole = workbook(UNIT_HEADER, 2, (r) => [`单位${r}`, '企业', makeCreditCode(900 + r)]);
    for (const bytes of [Buffer.from('单位名称,单位类型\n甲,企业\n'), whole.subarray(0, whole.length - 40)]) {
      expect(fileMessage(await importUnits(bytes))).toBe('无法读取文件：请上传 .xlsx 格式的模板文件');
      expect(fileMessage(await importRoster(bytes))).toBe('无法读取文件：请上传 .xlsx 格式的名册（可先下载模板填写）');
      expect(fileMessage(await importCalendar(bytes))).toBe('无法读取该文件，请上传 .xlsx 表格');
    }
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect(fileMessage(await importUnits(xls))).toContain('旧版 .xls 文件或加密的工作簿');
  });

  it('three large legal imports at once: /healthz answers within a second throughout, the third hears IMPORT_BUSY', async () => {
    // 4,900 rows: under every cap, a second or so of reading each; every credit code is wrong, so nothing is written.
    const large = workbook(UNIT_HEADER, 4900, (r) => [`并发单位${r}`, '企业', `BAD${r}`]);
    let running = true;
    const latencies: number[] = [];
    const probe = (async () => {
      while (running) {
        latencies.push(await healthz());
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const results = await Promise.all([importUnits(large), importUnits(large), importUnits(large)]);
    running = false;
    await probe;
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([422, 422, 503]);
    const busy = results.find((r) => r.statusCode === 503);
    expect(busy?.json()).toMatchObject({ code: 'IMPORT_BUSY', message: '服务器正在处理其他表格导入，请 10 秒后重试' });
    expect(busy?.headers['retry-after']).toBe('10');
    const read = results.find((r) => r.statusCode === 422)?.json();
    expect(read.details).toHaveLength(4900);
    expect(read.details[0]).toMatchObject({ row: 2, column: 'C' });
    expect(latencies.length).toBeGreaterThan(3);
    expect(Math.max(...latencies)).toBeLessThan(1000);
  });

  it('a good file still imports through the reader, on every route', async () => {
    const units = await importUnits(
      workbook(UNIT_HEADER, 3, (r) => [`限额好单位${r}`, '企业', makeCreditCode(610_000 + r)]),
    );
    expect(units.statusCode, units.body).toBe(200);
    expect(units.json().imported).toBe(3);
    const roster = await importRoster(
      workbook(ROSTER_HEADER, 2, (r) => [`限额孩子${'甲乙丙'[r]}`, '2016-03-07', '三年级', '家长', `1390000020${r}`]),
    );
    expect(roster.json()).toEqual({ imported: 2 });
    const calendar = await importCalendar(
      buildZip(
        xlsxParts(
          sheetXml(
            3,
            (r) =>
              [
                ['日期', '类型'],
                ['2029-10-01~2029-10-07', '休'],
                ['2029-10-08', '班'],
              ][r - 1] ?? [],
          ),
        ),
      ),
    );
    expect(calendar.statusCode, calendar.body).toBe(200);
    expect(calendar.json().entered).toMatchObject({ workdays: ['2029-10-08'] });
  });
});
