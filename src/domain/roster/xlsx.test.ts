// The roster parser end to end: workbooks built here with ExcelJS the way real files come in (numbers, serial and
// Date cells, scientific-notation IDs, full-width digits, messy headers, reordered columns, title rows), and every
// error checked for its sheet row and column letter. The template has its own file, template.test.ts.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../people/residentId.js';
import { type RosterRow, RosterFileError } from './index.js';
import { parseRosterWorkbook } from './xlsx.js';

const asOf = '2021-07-10';
const withCheck = (body: string) => `${body}${residentIdCheckChar(body)}`;
const BOY_2015 = withCheck('11010520150307123'); // 110105201503071235, born 2015-03-07, 17th digit 3 → male
const GIRL_2013 = withCheck('31011520130520018'); // 31011520130520018X, born 2013-05-20, 17th digit 8 → female
const KID_2016 = withCheck('44030520160901567'); // born 2016-09-01, male

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

type Cell = ExcelJS.CellValue;
async function book(headers: string[], rows: Cell[][], setup?: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  setup?.(wb, ws);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A clean standard row, with overrides by header (without the `*`). */
function row(over: Record<string, Cell> = {}): Cell[] {
  const base: Record<string, Cell> = {
    姓名: '王小明',
    性别: '男',
    出生日期: '2015-03-07',
    身份证号: BOY_2015,
    学校: '实验小学',
    年级: '一年级',
    自理能力: null,
    过敏与健康: null,
    监护人姓名: '王大明',
    监护人手机: '13800138000',
    紧急联系人: null,
    紧急联系电话: null,
  };
  const merged = { ...base, ...over };
  return STANDARD.map((h) => merged[h.replace('*', '')] ?? null);
}

const parse = (buf: Buffer) => parseRosterWorkbook(buf, { asOf });

describe('parseRosterWorkbook: what real files contain', () => {
  it('reads every tolerated variant into normalised rows', async () => {
    // Reordered columns, headers with stray (also full-width) spaces and `*`/`＊`, an extra 序号 column.
    const headers = [
      '序号',
      ' 年级 ＊',
      '姓\u3000名*',
      '出生日期',
      '监护人手机 *',
      '监护人姓名',
      '身份证号码',
      '性别',
      '自理能力',
      '学校',
      '过敏与健康',
      '紧急联系人',
      '紧急联系电话',
    ];
    const rows: Cell[][] = [
      [
        1,
        '一年级',
        '张  三',
        '2015/3/7',
        '138 0013 8000',
        '张父',
        '110105 20150307 1235',
        '男',
        null,
        null,
        null,
        null,
        null,
      ],
      [
        2,
        '1年级',
        '李四',
        42070,
        '+86 139-0013-9000',
        '李母',
        null,
        'F',
        null,
        null,
        '花生过敏',
        '李奶奶',
        '010-12345678',
      ],
      [
        3,
        '小学二年级',
        '赵五',
        new Date(Date.UTC(2014, 5, 1)),
        13700137000,
        '赵父',
        null,
        'M',
        null,
        null,
        null,
        null,
        null,
      ],
      [4, 1, '钱六', '2015-03-07', '13600136000', '钱父', null, '女', null, null, null, null, null],
      [5, '一', '孙七', '2015.3.7', '13500135000', '孙父', null, null, null, null, null, null, null],
      [6, '六年级', '周八', '2009年3月7日', '13400134000', '周父', null, null, null, null, null, null, null],
      [7, '三年级', '吴九', '2013-05-20', '13300133000', '吴母', `'${GIRL_2013}`, null, null, null, null, null, null],
      [8, '大班', '郑十', '2016-09-01', '13200132000', '郑父', KID_2016, null, '是', '阳光幼儿园', null, null, null],
      [9, '中班', '陈一', '2017-01-02', '13100131000', '陈母', null, '女', '否', null, null, null, null],
      [
        10,
        '幼儿园',
        '林二',
        '２０１６－１０－０１',
        '１３０００１３００００',
        '林父',
        null,
        '男',
        '√',
        null,
        null,
        null,
        null,
      ],
      [11, '学前', '黄三', 20161101, '+8615000150000', '黄父', null, '男', true, null, null, null, null],
      [
        12,
        '３年级',
        '刘四',
        '２０１３年５月２０日',
        '18600186000',
        '刘母',
        '３１０１１５２０１３０５２００２６ｘ',
        null,
        null,
        null,
        null,
        null,
        null,
      ],
    ];
    const r = await parse(await book(headers, rows));
    expect(r.errors).toEqual([]);
    const pick = (x: RosterRow) => [
      x.row,
      x.name,
      x.gender,
      x.birthDate,
      x.idNumber,
      x.grade,
      x.selfCare,
      x.guardianPhone,
    ];
    expect(r.rows.map(pick)).toEqual([
      [2, '张三', 'M', '2015-03-07', BOY_2015, 1, null, '13800138000'],
      [3, '李四', 'F', '2015-03-07', null, 1, null, '13900139000'],
      [4, '赵五', 'M', '2014-06-01', null, 2, null, '13700137000'],
      [5, '钱六', 'F', '2015-03-07', null, 1, null, '13600136000'],
      [6, '孙七', null, '2015-03-07', null, 1, null, '13500135000'],
      [7, '周八', null, '2009-03-07', null, 6, null, '13400134000'],
      [8, '吴九', 'F', '2013-05-20', GIRL_2013, 3, null, '13300133000'],
      [9, '郑十', 'M', '2016-09-01', KID_2016, 'K', true, '13200132000'],
      [10, '陈一', 'F', '2017-01-02', null, 'K', false, '13100131000'],
      [11, '林二', 'M', '2016-10-01', null, 'K', true, '13000130000'],
      [12, '黄三', 'M', '2016-11-01', null, 'K', true, '15000150000'],
      [13, '刘四', 'F', '2013-05-20', '31011520130520026X', 3, null, '18600186000'],
    ]);
    expect(r.rows[1]).toMatchObject({
      healthNotes: '花生过敏',
      emergencyName: '李奶奶',
      emergencyPhone: '010-12345678',
    });
    expect(r.rows[7]).toMatchObject({
      school: '阳光幼儿园',
      healthNotes: null,
      emergencyName: null,
      emergencyPhone: null,
    });
  });

  it('finds the header under a title row and keeps sheet row numbers', async () => {
    const buf = await book(STANDARD, [row()], (_wb, ws) => {
      ws.addRow(['XX公司2021年暑期爱心托管班报名表']);
      ws.addRow([]);
    });
    const r = await parse(buf);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.row)).toEqual([4]);
  });

  it('skips empty rows (also ones with only a pre-filled 序号) without renumbering', async () => {
    const headers = ['序号', ...STANDARD];
    const buf = await book(headers, [
      [1, ...row()],
      [2],
      [],
      [4, ...row({ 姓名: '李四', 身份证号: null, 性别: '女' })],
      [5, '  ', '\u3000'],
    ]);
    const r = await parse(buf);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.row, x.name])).toEqual([
      [2, '王小明'],
      [5, '李四'],
    ]);
  });

  it('reads rich text, hyperlinks and formula results', async () => {
    const buf = await book(STANDARD, [
      row({
        姓名: { richText: [{ text: '王' }, { text: '小明', font: { bold: true } }] },
        监护人手机: { formula: '"13800138000"', result: '13800138000' },
        学校: { text: '实验小学', hyperlink: 'https://example.org' },
      }),
    ]);
    const r = await parse(buf);
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({ name: '王小明', guardianPhone: '13800138000', school: '实验小学' });
  });

  it('counts serial dates from 1904 in a 1904-system workbook', async () => {
    const buf = await book(STANDARD, [row({ 出生日期: 40608 })], (wb) => {
      wb.properties.date1904 = true;
    });
    const r = await parse(buf);
    expect(r.errors).toEqual([]);
    expect(r.rows[0]?.birthDate).toBe('2015-03-07');
  });
});

describe('parseRosterWorkbook: every bad cell is reported with its row and column', () => {
  async function errorsOf(rows: Cell[][], headers = STANDARD) {
    const r = await parse(await book(headers, rows));
    return r.errors.map((e) => ({ row: e.row, column: e.column, zh: e.message.zh, en: e.message.en }));
  }

  it('an ID stored in scientific notation has lost digits (numeric cell or text)', async () => {
    const errors = await errorsOf([
      row({ 身份证号: 1.10105201503071e17 }),
      row({ 姓名: '李四', 身份证号: '1.10105E+17' }),
    ]);
    expect(errors).toHaveLength(2);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'D'],
      [3, 'D'],
    ]);
    for (const e of errors) {
      expect(e.zh).toContain('15 位有效数字');
      expect(e.zh).toContain('文本');
      expect(e.en).toContain('lost');
    }
  });

  it('each kind of bad cell, in the right column', async () => {
    const errors = await errorsOf([
      row({ 身份证号: '110105201503071234' }), // 2: check character
      row({ 出生日期: '2015-03-08' }), // 3: ID says 2015-03-07
      row({ 性别: '女' }), // 4: ID says male
      row({ 年级: '大班', 身份证号: null, 出生日期: '2016-09-01' }), // 5: kindergarten without 自理能力
      row({ 年级: '七年级', 身份证号: null }), // 6
      row({ 出生日期: '2015/2/30', 身份证号: null }), // 7
      row({ 监护人手机: '12345', 身份证号: null }), // 8
      row({ 姓名: null, 身份证号: null }), // 9
      row({ 紧急联系人: '王奶奶', 身份证号: null }), // 10: name without phone
      row({ 性别: '未知', 自理能力: '一般', 身份证号: null }), // 11: two errors on one row
      row({ 出生日期: '2022-01-01', 身份证号: null }), // 12: future
      row({ 监护人手机: '010-12345678', 身份证号: null }), // 13: a landline is not a mobile
    ]);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'D'],
      [3, 'D'],
      [4, 'B'],
      [5, 'G'],
      [6, 'F'],
      [7, 'C'],
      [8, 'J'],
      [9, 'A'],
      [10, 'L'],
      [11, 'B'],
      [11, 'G'],
      [12, 'C'],
      [13, 'J'],
    ]);
    const at = (r: number, c: string) => errors.find((e) => e.row === r && e.column === c);
    expect(at(2, 'D')?.zh).toContain('校验位');
    expect(at(3, 'D')?.zh).toContain('2015-03-07');
    expect(at(3, 'D')?.en).toContain('2015-03-08');
    expect(at(5, 'G')?.zh).toContain('自理能力');
    expect(at(6, 'F')?.zh).toContain('不在招收范围');
    expect(at(9, 'A')?.zh).toContain('必填');
    for (const e of errors) expect(e.en.length).toBeGreaterThan(0);
  });

  it('a duplicate ID is an error on the second row only', async () => {
    const errors = await errorsOf([row(), row({ 姓名: '李四' }), row({ 姓名: '王五', 身份证号: null })]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 3, column: 'D' });
    expect(errors[0]?.zh).toContain('第 2 行');
  });

  it('the same child without an ID twice is an error on the second row', async () => {
    const errors = await errorsOf([row({ 身份证号: null }), row({ 身份证号: null })]);
    expect(errors).toEqual([expect.objectContaining({ row: 3, column: 'A' })]);
  });

  it('an empty 出生日期 says what the ID number carries', async () => {
    const errors = await errorsOf([row({ 出生日期: null })]);
    expect(errors).toEqual([expect.objectContaining({ row: 2, column: 'C' })]);
    expect(errors[0]?.zh).toContain('2015-03-07');
  });

  it('a file with no data rows is an error', async () => {
    const r = await parse(await book(STANDARD, [[], [null, '  ']]));
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ row: 0, column: '' })]);
    expect(r.errors[0]?.message.zh).toContain('没有儿童数据');
  });

  it('a missing required column or a sheet without a header is reported once, not per row', async () => {
    const noPhone = STANDARD.filter((h) => h !== '监护人手机*');
    const r = await parse(await book(noPhone, [row().slice(0, 9), row().slice(0, 9)]));
    expect(r.errors).toEqual([expect.objectContaining({ row: 1, column: '' })]);
    expect(r.errors[0]?.message.zh).toContain('监护人手机');

    const none = await parse(await book(['a', 'b', 'c'], [[1, 2, 3]]));
    expect(none.errors).toEqual([expect.objectContaining({ row: 1, column: '' })]);
    expect(none.errors[0]?.message.zh).toContain('表头');
  });

  it('a column named twice is an error on the second header cell', async () => {
    const r = await parse(await book([...STANDARD, '身份证号码'], [[...row(), BOY_2015]]));
    expect(r.errors).toEqual([expect.objectContaining({ row: 1, column: 'M' })]);
  });

  it('bytes that are not a workbook throw RosterFileError (the CLI exits 2 on it)', async () => {
    await expect(parse(Buffer.from('姓名,年级\n张三,一年级\n'))).rejects.toBeInstanceOf(RosterFileError);
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    await expect(parse(xls)).rejects.toThrow(/\.xls/);
  });
});
