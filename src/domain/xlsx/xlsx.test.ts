// The workbook reader's limits, on hand-built zips (test/support/zip.ts): the directory is judged before anything
// inflates, a directory that lies is caught while inflating, and rows are counted in the raw XML before ExcelJS.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildZip, sheetXml, xlsxBomb, xlsxParts } from '../../../test/support/zip.js';
import {
  columnLetter,
  countSheet,
  inspectWorkbookZip,
  readWorkbook,
  readZipDirectory,
  XLSX_LIMITS,
  type XlsxLimits,
  XlsxRefusal,
} from './index.js';

const limits: XlsxLimits = { ...XLSX_LIMITS, maxRows: 100 };

async function refusalOf(p: Promise<unknown> | (() => unknown)): Promise<XlsxRefusal> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof XlsxRefusal) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('the zip directory', () => {
  it('lists what a real workbook holds, sizes as declared', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名册').addRow(['姓名', '年级']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const entries = readZipDirectory(bytes, 1000);
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml');
    expect(sheet?.method).toBe(8);
    expect(sheet?.uncompressedSize).toBeGreaterThan(100);
  });

  it('a bomb is refused from its declared size alone, in microseconds, without inflating', async () => {
    const bomb = xlsxBomb(64 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const t0 = performance.now();
    const r = await refusalOf(() => inspectWorkbookZip(bomb, limits));
    expect(performance.now() - t0).toBeLessThan(50);
    expect(r.reason).toBe('too-large');
    expect(r.localized.zh).toContain('超过上限 20 MB');
    expect(r.localized.en).toContain('64 MB');
  });

  it('an entry compressed like a bomb is refused even under the size cap', async () => {
    const r = await refusalOf(() => inspectWorkbookZip(xlsxBomb(10 * 1024 * 1024), limits));
    expect(r.reason).toBe('ratio');
    expect(r.localized.zh).toContain('xl/worksheets/sheet1.xml');
  });

  it('a directory that declares less than the entry inflates to is caught while inflating', async () => {
    const liar = xlsxBomb(64 * 1024 * 1024, true);
    expect(() => inspectWorkbookZip(liar, limits)).not.toThrow();
    const t0 = performance.now();
    expect((await refusalOf(readWorkbook(liar, limits))).reason).toBe('unreadable');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('not a zip, a truncated one, an old .xls, an encrypted entry: each refused, none a crash', async () => {
    const good = buildZip(xlsxParts(sheetXml(3, (r) => [`甲${r}`])));
    const cases: [Buffer, string][] = [
      [Buffer.from('姓名,年级\n张三,一年级\n'), 'unreadable'],
      [Buffer.alloc(0), 'unreadable'],
      [good.subarray(0, Math.floor(good.length / 2)), 'unreadable'],
      [good.subarray(0, good.length - 30), 'unreadable'],
      [Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), 'ole'],
    ];
    const encrypted = Buffer.from(good);
    const dir = encrypted.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted.writeUInt16LE(encrypted.readUInt16LE(dir + 8) | 1, dir + 8);
    cases.push([encrypted, 'unreadable']);
    for (const [bytes, reason] of cases) expect((await refusalOf(readWorkbook(bytes, limits))).reason).toBe(reason);
    expect((await readWorkbook(good, limits)).sheets[0]?.rows).toHaveLength(3);
  });
});

describe('counting rows in the sheet XML', () => {
  it('counts rows with content, not formatted empty rows, and names the first row past the cap', () => {
    const xml = Buffer.from(
      '<worksheet><sheetData>' +
        '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>' +
        '<row r="2" spans="1:3"><c r="A2" s="1"/><c r="B2" s="1"/></row>' +
        '<row r="3"/>' +
        '<row r="7"><c r="A7"><v>1</v></c></row>' +
        '<row><c><f>SUM(A1:A7)</f></c></row>' +
        '<row r="9"><c r="A9" t="s"><v>0</v></c></row>' +
        '</sheetData><rowBreaks count="1"><brk id="3"/></rowBreaks></worksheet>',
    );
    expect(countSheet(xml, 10)).toEqual({ valueRows: 4, rowElements: 6, cells: 6, firstOverRow: null });
    expect(countSheet(xml, 2).firstOverRow).toBe(8);
  });

  it('a sheet past the row cap is refused before ExcelJS, with the limit, the row and the count', async () => {
    const book = buildZip(xlsxParts(sheetXml(250, (r) => [`单位${r}`, '企业'])));
    const r = await refusalOf(readWorkbook(book, limits));
    expect(r.reason).toBe('rows');
    expect(r.localized.zh).toBe(
      '工作表“Sheet1”第 101 行起超出上限：每个工作表最多读取 100 行（含表头），该表有 250 行有内容。请分批导入',
    );
    expect(r.localized.en).toContain('from row 101');
    // Under the cap it reads, every row with its cells.
    const ok = await readWorkbook(book, { ...limits, maxRows: 250 });
    expect(ok.sheets[0]?.rows.at(-1)).toEqual({
      number: 250,
      cells: [
        [1, '单位250'],
        [2, '企业'],
      ],
    });
  });

  it('formatted empty rows and cells have their own caps', async () => {
    const empty = (n: number) =>
      Buffer.from(
        `<worksheet><sheetData>${Array.from({ length: n }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" s="1"/></row>`).join('')}</sheetData></worksheet>`,
      );
    const rows = await refusalOf(readWorkbook(buildZip(xlsxParts(empty(600))), { ...limits, maxRowElements: 500 }));
    expect(rows.reason).toBe('row-elements');
    const cells = await refusalOf(readWorkbook(buildZip(xlsxParts(empty(600))), { ...limits, maxCells: 500 }));
    expect(cells.reason).toBe('cells');
  });

  it('column letters as Excel names them', () => {
    expect([1, 12, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(['A', 'L', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
