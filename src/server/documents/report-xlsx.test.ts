/** The 汇总表 read back with ExcelJS: headers, rows grouped by supervising union, the given totals, formats, print setup. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { PeriodSheet } from './report-document.js';
import { periodSheetXlsx } from './report-xlsx.js';

const sheet: PeriodSheet = {
  title: '2026年暑期爱心托管 6月报送情况汇总表',
  subtitle: '数据截至 2026-06-30，导出于 2026-07-01 09:00',
  columns: [
    { key: 'classes.running', label: '开班数', unit: 'count' },
    { key: 'families.served', label: '服务家庭数', unit: 'count' },
    { key: 'attendance.rate', label: '出勤率', unit: 'percent' },
    { key: 'funding.spent', label: '经费支出', unit: 'yuan' },
  ],
  rows: [
    {
      orgName: '东城区教育工会',
      parentName: '东城区总工会',
      status: '已通过',
      submittedAt: '2026-07-03 16:20',
      onTime: true,
      values: [7, 1200, 90.2, 30000],
    },
    {
      orgName: '西城区卫健工会',
      parentName: '西城区总工会',
      status: '已报送',
      submittedAt: '2026-07-06 10:00',
      onTime: false,
      values: [3, 480, 85, 12000.5],
    },
    {
      orgName: '东城区商务工会',
      parentName: '东城区总工会',
      status: '未报送',
      submittedAt: null,
      onTime: null,
      values: [null, null, null, null],
    },
  ],
  totals: [10, 1680, 88.7, 42000.5],
};

async function readBack(): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  // A copy into a plain ArrayBuffer: what ExcelJS's typings accept, without a cast.
  await wb.xlsx.load(new Uint8Array(await periodSheetXlsx(sheet)).buffer);
  const ws = wb.getWorksheet('汇总表');
  if (!ws) throw new Error('no sheet 汇总表');
  return ws;
}

const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as ExcelJS.CellValue[]).slice(1);

describe('periodSheetXlsx', () => {
  it('writes the title, subtitle and a header with one column per figure and its unit', async () => {
    const ws = await readBack();
    expect(ws.getCell('A1').value).toBe(sheet.title);
    expect(ws.getCell('A2').value).toBe(sheet.subtitle);
    expect(rowValues(ws, 3)).toEqual([
      '单位',
      '上级工会',
      '状态',
      '报送时间',
      '是否按时',
      '开班数',
      '服务家庭数',
      '出勤率（%）',
      '经费支出（元）',
    ]);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:I1', 'A2:I2']));
  });

  it('groups the organisations under their supervising union, keeping the caller order', async () => {
    const ws = await readBack();
    expect(rowValues(ws, 4)).toEqual([
      '东城区教育工会',
      '东城区总工会',
      '已通过',
      '2026-07-03 16:20',
      '是',
      7,
      1200,
      90.2,
      30000,
    ]);
    expect(rowValues(ws, 5)).toEqual(['东城区商务工会', '东城区总工会', '未报送', '—', '—', '—', '—', '—', '—']);
    expect(rowValues(ws, 6)).toEqual([
      '西城区卫健工会',
      '西城区总工会',
      '已报送',
      '2026-07-06 10:00',
      '否',
      3,
      480,
      85,
      12000.5,
    ]);
  });

  it('writes the given totals as values (no formulas) with number formats', async () => {
    const ws = await readBack();
    expect(rowValues(ws, 7)).toEqual(
      ['合计', '共 3 个单位', '', '', '', 10, 1680, 88.7, 42000.5].map((v) => (v === '' ? undefined : v)),
    );
    const totals = ws.getRow(7);
    expect(totals.getCell(6).formula).toBeUndefined();
    expect(totals.getCell(6).numFmt).toBe('#,##0');
    expect(totals.getCell(8).numFmt).toBe('0.0"%"');
    expect(totals.getCell(9).numFmt).toBe('#,##0.00');
    expect(ws.getRow(4).getCell(8).numFmt).toBe('0.0"%"');
    expect(totals.font?.bold).toBe(true);
    expect(String(ws.getCell('A8').value)).toMatch(/^注：合计/);
  });

  it('freezes the header, sets widths and prints landscape A4 fit to width with the header repeated', async () => {
    const ws = await readBack();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 3 });
    expect(ws.getColumn(1).width).toBe(30);
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:3',
    });
    expect(ws.getCell('F4').border?.top?.style).toBe('thin');
  });
});
