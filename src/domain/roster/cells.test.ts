// One cell at a time: the spellings real rosters contain, and the messages for the ones we refuse.
import { describe, expect, it } from 'vitest';
import {
  type CellInput,
  type Parsed,
  parseDateCell,
  parseGenderCell,
  parseGradeCell,
  parseMobileCell,
  parseNameCell,
  parsePhoneCell,
  parseTextCell,
  parseYesNoCell,
} from './cells.js';
import { columnForHeader } from './columns.js';

const value = <T>(p: Parsed<T>): T | 'ERROR' => (p.ok ? p.value : 'ERROR');

describe('parseDateCell', () => {
  it.each<[CellInput, string]>([
    ['2015/3/7', '2015-03-07'],
    ['2015-03-07', '2015-03-07'],
    ['2015.3.7', '2015-03-07'],
    ['2015年3月7日', '2015-03-07'],
    ['2015年03月07号', '2015-03-07'],
    [' 2015 / 3 / 7 ', '2015-03-07'],
    ['２０１５－０３－０７', '2015-03-07'],
    ['２０１５年３月７日', '2015-03-07'],
    ['2015/3/7 0:00:00', '2015-03-07'],
    ['2015-03-07T00:00:00Z', '2015-03-07'],
    ['20150307', '2015-03-07'],
    ['42070', '2015-03-07'],
    [42070, '2015-03-07'],
    [42070.75, '2015-03-07'],
    [20150307, '2015-03-07'],
    [42429, '2016-02-29'],
    [new Date(Date.UTC(2015, 2, 7)), '2015-03-07'],
  ])('%j → %s', (input, expected) => {
    expect(value(parseDateCell(input))).toBe(expected);
  });

  it('counts serials from 1904 when the workbook says so', () => {
    expect(value(parseDateCell(40608, true))).toBe('2015-03-07');
  });

  it.each<CellInput>(['2015/2/30', '2015-13-01', '3/7/2015', '15/3/7', '2015年3月', 'abc', 0, -5, 3_000_000, true])(
    'refuses %j with a message in both languages',
    (input) => {
      const p = parseDateCell(input);
      expect(p.ok).toBe(false);
      if (!p.ok) {
        expect(p.message.zh).toMatch(/日期/);
        expect(p.message.en).toMatch(/date/);
      }
    },
  );
});

describe('parseGradeCell', () => {
  it.each<[CellInput, number | 'K']>([
    ['一年级', 1],
    ['1年级', 1],
    ['小学一年级', 1],
    ['1', 1],
    [1, 1],
    ['一', 1],
    ['二年级', 2],
    ['３年级', 3],
    ['小学 4 年级', 4],
    ['五年级（下）', 5],
    ['六年级', 6],
    [6, 6],
    ['G2', 2],
    ['大班', 'K'],
    ['中班', 'K'],
    ['小班', 'K'],
    ['幼儿园', 'K'],
    ['幼儿园大班', 'K'],
    ['学前', 'K'],
    ['学前班', 'K'],
    ['K', 'K'],
  ])('%j → %s', (input, expected) => {
    expect(value(parseGradeCell(input))).toBe(expected);
  });

  it.each<CellInput>(['七年级', '初一', 7, '高二'])('%j is outside grades 1–6 (P-R1)', (input) => {
    const p = parseGradeCell(input);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.message.zh).toContain('不在招收范围');
  });

  it.each<CellInput>(['托班', '一二年级', 0, 1.5, 'abc'])('%j is unreadable', (input) => {
    const p = parseGradeCell(input);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.message.zh).toContain('无法识别');
  });
});

describe('gender and yes/no', () => {
  it.each<[CellInput, 'M' | 'F' | 'ERROR']>([
    ['男', 'M'],
    ['女', 'F'],
    ['M', 'M'],
    ['f', 'F'],
    ['Ｍ', 'M'],
    [' 男 ', 'M'],
    ['Female', 'F'],
    ['未知', 'ERROR'],
  ])('gender %j → %s', (input, expected) => {
    expect(value(parseGenderCell(input))).toBe(expected);
  });

  it.each<[CellInput, boolean | 'ERROR']>([
    ['是', true],
    ['否', false],
    ['能自理', true],
    ['不能', false],
    ['√', true],
    ['×', false],
    [true, true],
    ['Y', true],
    ['是（能独立进食、如厕）', true],
    ['一般', 'ERROR'],
  ])('yes/no %j → %s', (input, expected) => {
    expect(value(parseYesNoCell(input))).toBe(expected);
  });
});

describe('phones', () => {
  it.each<[CellInput, string | 'ERROR']>([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+86-13800138000', '13800138000'],
    ['(+86)13800138000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['＋８６ １３８００１３８０００', '13800138000'],
    [13800138000, '13800138000'],
    ['1380013800', 'ERROR'],
    ['12800138000', 'ERROR'],
    ['010-12345678', 'ERROR'],
  ])('mobile %j → %s', (input, expected) => {
    expect(value(parseMobileCell(input))).toBe(expected);
  });

  it.each<[CellInput, string | 'ERROR']>([
    ['13800138000', '13800138000'],
    ['010-12345678', '010-12345678'],
    ['(010)12345678', '010-12345678'],
    ['0755 8765 4321', '0755-87654321'],
    ['021-6543210', '021-6543210'],
    ['0311-8123456', '0311-8123456'],
    ['12345', 'ERROR'],
  ])('phone %j → %s', (input, expected) => {
    expect(value(parsePhoneCell(input))).toBe(expected);
  });
});

describe('names and text', () => {
  it('drops padding spaces inside Chinese names and keeps one in Latin names', () => {
    expect(value(parseNameCell('张  三'))).toBe('张三');
    expect(value(parseNameCell('张\u3000三'))).toBe('张三');
    expect(value(parseNameCell(' 买买提·艾力 '))).toBe('买买提·艾力');
    expect(value(parseNameCell('Anna   Li'))).toBe('Anna Li');
    expect(value(parseNameCell('13800138000'))).toBe('ERROR');
    expect(value(parseNameCell('x'.repeat(41)))).toBe('ERROR');
  });

  it('keeps Chinese punctuation in free text, normalises full-width digits only', () => {
    expect(value(parseTextCell('对花生过敏，每天１次服药（午饭后）', 500))).toBe('对花生过敏，每天1次服药（午饭后）');
    expect(value(parseTextCell('x'.repeat(101), 100))).toBe('ERROR');
  });
});

describe('columnForHeader', () => {
  it.each<[string, string | null]>([
    ['姓名*', 'name'],
    [' 姓 名 ', 'name'],
    ['姓\u3000名＊', 'name'],
    ['出生日期（年-月-日）', 'birthDate'],
    ['身份证号码', 'idNumber'],
    ['监护人手机*', 'guardianPhone'],
    ['家长手机号', 'guardianPhone'],
    ['紧急联系电话', 'emergencyPhone'],
    ['自理能力(幼儿园必填)', 'selfCare'],
    ['序号', null],
    ['备注', null],
  ])('%j → %s', (header, key) => {
    expect(columnForHeader(header)).toBe(key);
  });
});
