// The roster template (buildRosterTemplate): its shape — bold header, text-formatted ID and phone columns, the
// 填写说明 sheet — and that the parser reads it back, empty and filled in.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../people/residentId.js';
import { buildRosterTemplate, parseRosterWorkbook } from './xlsx.js';

type Cell = ExcelJS.CellValue;
const BOY_2015 = `11010520150307123${residentIdCheckChar('11010520150307123')}`;
const STANDARD = [
  '姓名*',
  '性别',
  '出生日期*',
  '身份证号',
  '学校',
  '年级*',
  '自理能力',
  '过敏与健康',
  '监护人姓名*',
  '监护人手机*',
  '紧急联系人',
  '紧急联系电话',
];
const FILLED: Cell[] = [
  '王小明',
  '男',
  '2015-03-07',
  BOY_2015,
  '实验小学',
  '一年级',
  null,
  null,
  '王大明',
  '13800138000',
  null,
  null,
];
const parse = (buf: Buffer) => parseRosterWorkbook(buf, { asOf: '2021-07-10' });

describe('buildRosterTemplate', () => {
  it('has the bold header, text-formatted ID and phone columns and a 填写说明 sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildRosterTemplate()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    const header = (ws.getRow(1).values as Cell[]).slice(1);
    expect(header).toEqual(STANDARD);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    for (const col of ['D', 'J', 'L']) expect(ws.getCell(`${col}2`).numFmt).toBe('@');
    const help = wb.getWorksheet('填写说明');
    expect(help).toBeDefined();
    const helpText = JSON.stringify(help?.getSheetValues());
    for (const h of STANDARD) expect(helpText).toContain(h.replace('*', ''));
  });

  it('the empty template parses to "no data rows"; filled in, it parses clean', async () => {
    const empty = await parse(await buildRosterTemplate());
    expect(empty.errors).toEqual([expect.objectContaining({ row: 0 })]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildRosterTemplate()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    FILLED.forEach((v, i) => {
      ws.getRow(2).getCell(i + 1).value = v;
    });
    const filled = await parse(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(filled.errors).toEqual([]);
    expect(filled.rows).toEqual([
      {
        row: 2,
        name: '王小明',
        gender: 'M',
        birthDate: '2015-03-07',
        idNumber: BOY_2015,
        school: '实验小学',
        grade: 1,
        selfCare: null,
        healthNotes: null,
        guardianName: '王大明',
        guardianPhone: '13800138000',
        emergencyName: null,
        emergencyPhone: null,
      },
    ]);
  });
});
