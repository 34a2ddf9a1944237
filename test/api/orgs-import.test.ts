import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../../src/server/db/schema.js';
import { createTestApp, type Agent, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, makeCreditCode, PASSWORD } from '../support/factories.js';
import { multipart, xlsxFrom } from '../support/xlsx.js';

const HEADER = [
  '单位名称*',
  '单位类型*',
  '统一社会信用代码*',
  '上级工会',
  '行政区划代码',
  '地址',
  '联系人',
  '联系电话',
];

describe('importing units from .xlsx', () => {
  let t: TestApp;
  let city: Agent;
  let districtId: number;
  const upload = async (a: Agent, parentId: number, file: Buffer) => {
    const { body, contentType } = multipart(file);
    return a.request('POST', `/api/orgs/${parentId}/import`, body, { 'content-type': contentType });
  };
  const unitCount = async () =>
    (await t.database.db.select({ n: count() }).from(organizations).where(eq(organizations.kind, 'unit')))[0]?.n;

  beforeAll(async () => {
    t = await createTestApp();
    const c = await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId });
    city = await t.agent(c.username, PASSWORD);
    districtId = (await buildOrg(t.database.db, { parentId: t.rootId, name: '导入区总工会' })).id;
  });
  afterAll(() => t.close());

  it('401 without a session, 403 for a unit admin, 404 for a parent outside scope', async () => {
    const file = await xlsxFrom([HEADER]);
    expect((await upload(t.anonymous(), districtId, file)).statusCode).toBe(401);
    const unit = await buildOrg(t.database.db, { parentId: districtId });
    const ua = await t.agent(
      (await buildUser(t.database.db, { role: 'unit_admin', orgId: unit.id })).username,
      PASSWORD,
    );
    expect((await upload(ua, unit.id, file)).statusCode).toBe(403);
    expect((await upload(ua, districtId, file)).statusCode).toBe(404);
  });

  it('offers the template for download, and the template itself imports once filled in', async () => {
    const r = await city.get('/api/orgs/import-template');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(ws.getRow(1).values).toEqual([undefined, ...HEADER]);
    ws.addRow(['模板电力公司', '企业', makeCreditCode(700001), '', '370102', '人民路 8 号', '王工', '13800138000']);
    ws.addRow(['模板社区居委会', '社区', makeCreditCode(700002), '导入区总工会', '', '', '', '010-12345678']);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await unitCount();
    const imp = await upload(city, districtId, filled);
    expect(imp.statusCode).toBe(200);
    expect(imp.json().imported).toBe(2);
    expect(await unitCount()).toBe((before ?? 0) + 2);
    const kids = (await city.get(`/api/orgs?parentId=${districtId}&q=模板`)).json();
    expect(kids.items.map((o: { name: string }) => o.name).sort()).toEqual(['模板电力公司', '模板社区居委会']);
  });

  it('a bad credit code, a missing name and a duplicate: all three rows reported, nothing imported', async () => {
    const good = makeCreditCode(800001);
    const file = await xlsxFrom([
      HEADER,
      ['好单位一', '企业', makeCreditCode(800002), '', '', '', '', ''],
      ['坏代码单位', '企业', '91350100M000100Y44', '', '', '', '', ''],
      [null, '机关', makeCreditCode(800003), '', '', '', '', ''],
      ['重复单位甲', '园区', good, '', '', '', '', ''],
      ['重复单位乙', '园区', good, '', '', '', '', ''],
    ]);
    const before = await unitCount();
    const r = await upload(city, districtId, file);
    expect(r.statusCode).toBe(422);
    const body = r.json();
    expect(body.code).toBe('IMPORT_INVALID');
    expect(body.message).toContain('3');
    expect(body.details).toEqual([
      { row: 3, column: 'C', message: expect.stringContaining('校验') },
      { row: 4, column: 'A', message: expect.stringContaining('单位名称') },
      { row: 6, column: 'C', message: expect.stringContaining('第 5 行') },
    ]);
    expect(await unitCount()).toBe(before);
  });

  it('a code already in the database and an unknown parent union are reported by row', async () => {
    const existing = await buildOrg(t.database.db, { parentId: districtId });
    const file = await xlsxFrom([
      HEADER,
      ['已有代码单位', '企业', existing.creditCode, '', '', '', '', ''],
      ['无上级单位', '企业', makeCreditCode(800010), '不存在的工会', '', '', '', ''],
      ['坏电话单位', '企业', makeCreditCode(800011), '', '', '', '', '12345'],
    ]);
    const r = await upload(city, districtId, file);
    expect(r.statusCode).toBe(422);
    expect(r.json().details.map((d: { row: number; column: string }) => [d.row, d.column])).toEqual([
      [2, 'C'],
      [3, 'D'],
      [4, 'H'],
    ]);
  });

  it('a file that is not a spreadsheet gets a clear error', async () => {
    const r = await upload(city, districtId, Buffer.from('MZ this is not a zip'));
    expect(r.statusCode).toBe(422);
    expect(r.json().details[0].message).toContain('.xlsx');
    const empty = await upload(city, districtId, await xlsxFrom([HEADER]));
    expect(empty.statusCode).toBe(422);
    const wrongHeaders = await upload(
      city,
      districtId,
      await xlsxFrom([
        ['名字', '类型'],
        ['甲', '企业'],
      ]),
    );
    expect(wrongHeaders.json().details[0].message).toContain('模板');
  });
});
