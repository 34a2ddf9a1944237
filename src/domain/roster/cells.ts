/**
 * Reading one roster cell into a domain value: dates, grades, gender, yes/no, phone numbers, names and free text,
 * written the many ways real spreadsheets hold them. Pure; knows nothing about ExcelJS (the reader hands over a
 * `CellInput`) and nothing about rows (cross-field checks are in rows.ts).
 */
import type { IsoDate } from '../calendar/dates.js';
import { isValidMobile } from '../people/mask.js';
import type { Grade, Localized } from '../rules/types.js';

/** What a cell holds once the spreadsheet's wrappers (rich text, hyperlinks, formulas) are peeled off. */
export type CellInput = string | number | boolean | Date | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: Localized };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(zh: string, en: string): Parsed<T> => ({ ok: false, message: { zh, en } });

/** Full-width ASCII (０-９, Ａ-Ｚ, ＋, （, …) and the ideographic space → half-width. For structured values. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * Only digits and the ideographic space → half-width. For free text: Chinese prose rightly uses full-width
 * punctuation (，；（）), which toHalfWidth would mangle.
 */
export function digitsToHalfWidth(s: string): string {
  return s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const INVISIBLE = /[\u00A0\u200B\uFEFF]/g;

/** Display text of a cell for text columns; '' when empty. Numbers print without exponent where exact. */
export function cellText(v: CellInput): string {
  if (v === null) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v).replace(INVISIBLE, ' ').trim();
}

export function isBlank(v: CellInput): boolean {
  return toHalfWidth(cellText(v)).trim() === '';
}

// --- dates -------------------------------------------------------------------------------------------------

function isoOf(y: number, m: number, d: number): IsoDate | null {
  if (!Number.isInteger(y) || y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;
/** Serial 1 is 1900-01-01 but Excel counts a 1900-02-29 that never was, so from serial 61 on the epoch is 1899-12-30. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
/** Workbooks saved with the 1904 date system (old Mac Excel) count from 1904-01-01. */
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function fromSerial(serial: number, date1904: boolean): IsoDate | null {
  // The largest serial Excel accepts is 9999-12-31 (2958465).
  if (!(serial >= 1 && serial < 2_958_466)) return null;
  const d = new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + Math.floor(serial) * DAY_MS);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const TEXT_DATE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;

/**
 * A date as real files hold it: a Date cell (Excel stores a serial; the reader gives it back as UTC midnight, and
 * we keep the date Excel displays — the UTC calendar day — rather than shifting by the local time zone), a bare
 * serial number, a yyyymmdd number, or text 2015-03-07 / 2015/3/7 / 2015.3.7 / 2015年3月7日 / 20150307.
 * Day-first and two-digit-year forms are refused: 3/7/15 cannot be read safely.
 */
export function parseDateCell(v: CellInput, date1904 = false): Parsed<IsoDate> {
  const unreadable = (shown: string) =>
    bad<IsoDate>(
      `日期“${shown}”无法识别，请写成 2015-03-07 的格式`,
      `Cannot read the date "${shown}"; write it as 2015-03-07`,
    );
  if (v instanceof Date) {
    const iso = Number.isNaN(v.getTime()) ? null : isoOf(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
    return iso ? ok(iso) : unreadable(String(v));
  }
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 10_000_101 && v <= 99_991_231) {
      const iso = isoOf(Math.floor(v / 10_000), Math.floor(v / 100) % 100, v % 100);
      return iso ? ok(iso) : unreadable(String(v));
    }
    const iso = fromSerial(v, date1904);
    return iso ? ok(iso) : unreadable(String(v));
  }
  const text = toHalfWidth(cellText(v)).trim();
  let m = TEXT_DATE.exec(text);
  if (m) {
    const iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso
      ? ok(iso)
      : bad(`日期“${text}”不存在（请核对月份和日期）`, `The date "${text}" does not exist (check month and day)`);
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? ok(iso) : unreadable(text);
  }
  // A date column pasted as values sometimes keeps the serial as text.
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const iso = fromSerial(Number(text), date1904);
    if (iso) return ok(iso);
  }
  return unreadable(text);
}

// --- grade -------------------------------------------------------------------------------------------------

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/**
 * 一年级 / 1年级 / 小学一年级 / 1 / 一 / G1 → 1…6; 大班 / 中班 / 小班 / 幼儿园 / 学前(班) / K → "K". Grades above
 * six (七年级, 初一) are out of the programme (P-R1) and get their own message.
 */
export function parseGradeCell(v: CellInput): Parsed<Grade> {
  const shown = cellText(v);
  const outOfRange = bad<Grade>(
    `年级“${shown}”不在招收范围：只招收小学一至六年级和幼儿园儿童`,
    `Grade "${shown}" is not admitted: only primary grades 1–6 and kindergarten children`,
  );
  const unreadable = bad<Grade>(
    `年级“${shown}”无法识别，请填写“一年级”至“六年级”或“大班”“中班”“幼儿园”`,
    `Cannot read the grade "${shown}"; write 一年级…六年级, or 大班/中班/幼儿园 for kindergarten`,
  );
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1 && v <= 6) return ok(v as Grade);
    return Number.isInteger(v) && v > 6 && v <= 12 ? outOfRange : unreadable;
  }
  const s = toHalfWidth(shown)
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)/g, '')
    .toLowerCase();
  if (/幼|学前|学龄前/.test(s) || /^(大|中|小)班$/.test(s) || /^(k|kg)$/.test(s)) return ok('K');
  const core = s
    .replace(/^小学/, '')
    .replace(/^(grade|g)/, '')
    .replace(/(年级|年|级)$/, '');
  const n = /^\d+$/.test(core) ? Number(core) : core.length === 1 ? (CN_DIGITS[core] ?? Number.NaN) : Number.NaN;
  if (n >= 1 && n <= 6) return ok(n as Grade);
  if ((n >= 7 && n <= 12) || /^(初|高|初中|高中)/.test(core)) return outOfRange;
  return unreadable;
}

// --- small vocabularies ------------------------------------------------------------------------------------

/** 男/女, M/F, male/female; 1/2 as in GB/T 2261.1. */
export function parseGenderCell(v: CellInput): Parsed<'M' | 'F'> {
  const s = toHalfWidth(cellText(v)).replace(/\s+/g, '').toLowerCase();
  if (['男', '男性', '男孩', '男童', 'm', 'male', '1'].includes(s)) return ok('M');
  if (['女', '女性', '女孩', '女童', 'f', 'female', '2'].includes(s)) return ok('F');
  return bad(
    `性别“${cellText(v)}”无法识别，请填写“男”或“女”`,
    `Cannot read the gender "${cellText(v)}"; write 男 or 女`,
  );
}

const YES = new Set(['是', '有', '能', '会', '可以', '具备', '具有', '对', 'y', 'yes', 'true', '1', '√', '✓', '✔']);
const NO = new Set([
  '否',
  '无',
  '没有',
  '不能',
  '不会',
  '不可以',
  '不具备',
  '不',
  'n',
  'no',
  'false',
  '0',
  '×',
  'x',
  '✗',
  '✘',
]);

/** 是/否 and the other ways people answer "able to look after themselves?" ("能自理", "不能", √, ×, TRUE). */
export function parseYesNoCell(v: CellInput): Parsed<boolean> {
  if (typeof v === 'boolean') return ok(v);
  const s = toHalfWidth(cellText(v))
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/自理|独立|[。.!！]$/g, '')
    .toLowerCase();
  if (YES.has(s)) return ok(true);
  if (NO.has(s)) return ok(false);
  return bad(`“${cellText(v)}”无法识别，请填写“是”或“否”`, `Cannot read "${cellText(v)}"; write 是 (yes) or 否 (no)`);
}

// --- phones ------------------------------------------------------------------------------------------------

/** Strips what people put around a number: spaces, dashes, dots, brackets, a +86 / 0086 / 86 prefix. */
function phoneDigits(v: CellInput): string {
  const s = toHalfWidth(typeof v === 'number' ? String(v) : cellText(v)).replace(/[\s\-.()]/g, '');
  return s.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
}

/** An 11-digit mainland mobile number, as SMS notices and pickup codes need one. */
export function parseMobileCell(v: CellInput): Parsed<string> {
  const digits = phoneDigits(v);
  if (isValidMobile(digits)) return ok(digits);
  return bad(
    `手机号“${cellText(v)}”无效：应为 11 位手机号码（可带 +86）`,
    `Invalid mobile number "${cellText(v)}": 11 digits expected (a +86 prefix is fine)`,
  );
}

/** A mobile number, or a landline with area code written back as 010-12345678. */
export function parsePhoneCell(v: CellInput): Parsed<string> {
  const digits = phoneDigits(v);
  if (isValidMobile(digits)) return ok(digits);
  // 010 and 02x are the only three-digit area codes; every other one has four digits.
  const land = /^(010|02\d|0[3-9]\d{2})([1-9]\d{6,7})$/.exec(digits);
  if (land) return ok(`${land[1]}-${land[2]}`);
  return bad(
    `电话“${cellText(v)}”无效：应为 11 位手机号或带区号的座机号（如 010-12345678）`,
    `Invalid phone number "${cellText(v)}": a mobile number or a landline with area code (010-12345678)`,
  );
}

// --- names and free text -----------------------------------------------------------------------------------

/**
 * A person's name: spaces used to pad two-character names ("张  三") are dropped between Chinese characters,
 * other runs of spaces become one (Latin names). Digits mean a phone number or ID landed in the wrong column.
 */
export function parseNameCell(v: CellInput): Parsed<string> {
  const name = digitsToHalfWidth(cellText(v))
    .replace(INVISIBLE, ' ')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/(?<=[\u3400-\u9FFF·]) (?=[\u3400-\u9FFF·])/g, '');
  if (/\d/.test(name)) {
    return bad(
      `姓名“${name}”中含有数字，请核对是否填错列`,
      `The name "${name}" contains digits; is it in the wrong column?`,
    );
  }
  if (name.length > 40) return bad('姓名过长（最多 40 个字）', 'The name is too long (at most 40 characters)');
  return ok(name);
}

/** Free text (school, health notes): full-width digits normalised, whitespace tidied, length capped. */
export function parseTextCell(v: CellInput, max: number): Parsed<string> {
  const text = digitsToHalfWidth(cellText(v))
    .replace(INVISIBLE, ' ')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .trim();
  if (text.length > max) return bad(`内容过长（最多 ${max} 个字）`, `Too long (at most ${max} characters)`);
  return ok(text);
}
