/**
 * 居民身份证号 (citizen identity number, GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence
 * number (odd = male) and an ISO 7064 MOD 11-2 check character (0-9 or X). Owns normalising what people and
 * spreadsheets hand us, validating it, and reading the birth date and gender out of it. Pure: no I/O, no clock.
 *
 * The number is optional on a child's record (issue 5), so every failure says precisely what to fix instead of a
 * generic "invalid": the people reading the message are unit staff with an Excel file in front of them.
 */
import type { Localized } from '../rules/types.js';

export type ResidentIdProblem =
  | 'empty'
  | 'lostDigits'
  | 'fifteenDigits'
  | 'format'
  | 'region'
  | 'birthDate'
  | 'birthDateMismatch'
  | 'checksum';

export type ResidentIdResult = { ok: true; id: string } | { ok: false; problem: ResidentIdProblem; message: Localized };

/** Weights 2^(17-i) mod 11 of ISO 7064 MOD 11-2, as printed in GB 11643. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for (sum mod 11) = 0..10. */
const CHECK_CHARS = '10X98765432';

/**
 * Province-level prefixes of GB/T 2260 (31 mainland provinces) plus 81/82/83, which the residence permits of
 * Hong Kong, Macao and Taiwan residents use with the same 18-character structure. Only the first two digits are
 * checked: prefecture and county codes are renumbered over the years, while numbers issued under the old codes
 * stay valid for life, so a full lookup would reject real people.
 */
const PROVINCE_PREFIXES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(' '),
);

/** The check character for a 17-digit body, or null when the body is not 17 ASCII digits. */
export function residentIdCheckChar(body: string): string | null {
  if (!/^\d{17}$/.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? null;
}

const fail = (problem: ResidentIdProblem, zh: string, en: string): ResidentIdResult => ({
  ok: false,
  problem,
  message: { zh, en },
});

const LOST_DIGITS = {
  zh: '身份证号被 Excel 存成了数字（显示为 1.10105E+17 或末尾变成 000），Excel 只保留 15 位有效数字，后几位已经丢失。请把该列设为“文本”格式后重新录入完整的 18 位号码',
  en: 'The ID number was stored by Excel as a number (shown as 1.10105E+17 or ending in 000); Excel keeps only 15 significant digits, so the last digits are lost. Format the column as Text and type the full 18-character number again',
};

/**
 * Turns what a person typed or a spreadsheet stored into the canonical 18-character form (upper-case X), checking
 * only the shape; `validateResidentId` checks the meaning. Accepts full-width digits and letters, spaces anywhere,
 * a lower-case x, and the apostrophe Excel users type to force text.
 *
 * Numbers: Excel stores every number as a double and keeps at most 15 significant digits, so an 18-digit number
 * typed into a General/Number cell is saved as e.g. 110105201503071000 and shown as 1.10105E+17 — the sequence
 * number and check character are gone and cannot be recovered. Scientific notation (as text, or as a number cell
 * whose shortest form has ≤ 15 significant digits) is therefore always an error with a message saying how to fix
 * the file. A plain 18-digit string without an X ("110105201503071234", typed in a Text cell or coming from a
 * system export) is fine. A number cell of 18-digit size is rejected too: even when a program wrote all 18 digits
 * into the file, reading it as a double (ExcelJS, like Excel) rounds it to a multiple of 16, and the rounded
 * value still passes the checksum one time in eleven — accepting it would store a wrong ID silently.
 */
export function normalizeResidentId(raw: string | number | null | undefined): ResidentIdResult {
  if (raw === null || raw === undefined) return fail('empty', '身份证号为空', 'The ID number is empty');
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0 || !Number.isInteger(raw)) {
      return fail('format', '身份证号不是有效的号码', 'The ID number is not a valid number');
    }
    if (raw >= 1e16) return { ok: false, problem: 'lostDigits', message: LOST_DIGITS };
    // Small numbers are exact; they simply have the wrong length, which the string path reports.
    return normalizeResidentId(String(raw));
  }
  const s = raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\u00A0\u200B\uFEFF]/g, '')
    .replace(/^['‘’`]/, '')
    .toUpperCase();
  if (s === '') return fail('empty', '身份证号为空', 'The ID number is empty');
  if (/^\d+(\.\d+)?E\+?\d+$/.test(s)) return { ok: false, problem: 'lostDigits', message: LOST_DIGITS };
  if (/^\d{15}$/.test(s)) {
    return fail(
      'fifteenDigits',
      '这是 15 位的第一代身份证号，请填写 18 位号码',
      'This is a 15-digit first-generation ID number; enter the 18-character number',
    );
  }
  if (!/^\d{17}[\dX]$/.test(s)) {
    return fail(
      'format',
      `身份证号应为 18 位：17 位数字加 1 位数字或 X（现为 ${s.length} 位）`,
      `An ID number has 18 characters: 17 digits and a digit or X (this one has ${s.length})`,
    );
  }
  return { ok: true, id: s };
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/**
 * YYYY-MM-DD from positions 7–14 when they form a real date, else null. The floor is 1800 rather than 1900 only
 * because GB 11643's own worked example is born in 1880; callers judge plausibility (a roster checks the age).
 */
export function birthDateFromId(id: string): string | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/.exec(id);
  if (!m) return null;
  const [, ys = '', ms = '', ds = ''] = m;
  const y = Number(ys);
  if (y < 1800 || !isRealDate(y, Number(ms), Number(ds))) return null;
  return `${ys}-${ms}-${ds}`;
}

/** The 17th character (last of the sequence number): odd = male, even = female. */
export function genderFromId(id: string): 'M' | 'F' | null {
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  return Number(id[16]) % 2 === 1 ? 'M' : 'F';
}

export interface ResidentIdOptions {
  /** The birth date recorded separately (YYYY-MM-DD); the ID must carry the same one. */
  birthDate?: string | null;
  /** Today (YYYY-MM-DD): a birth date after it is rejected. Omitted, only the calendar is checked. */
  asOf?: string;
}

/** Checks region, birth date and check character (normalising first, so any accepted spelling may be passed). */
export function validateResidentId(raw: string, opts: ResidentIdOptions = {}): ResidentIdResult {
  const n = normalizeResidentId(raw);
  if (!n.ok) return n;
  const id = n.id;
  if (!PROVINCE_PREFIXES.has(id.slice(0, 2))) {
    return fail(
      'region',
      `身份证号前 2 位 ${id.slice(0, 2)} 不是有效的省级行政区划代码`,
      `The first two digits ${id.slice(0, 2)} are not a province code`,
    );
  }
  const born = birthDateFromId(id);
  if (born === null || (opts.asOf !== undefined && born > opts.asOf)) {
    return fail(
      'birthDate',
      `身份证号第 7–14 位 ${id.slice(6, 14)} 不是有效的出生日期`,
      `Characters 7–14 (${id.slice(6, 14)}) are not a valid birth date`,
    );
  }
  const expected = residentIdCheckChar(id.slice(0, 17));
  if (expected !== id[17]) {
    return fail(
      'checksum',
      '身份证号校验位不正确，请核对号码是否录入有误',
      'The check character does not match; the number was probably mistyped',
    );
  }
  if (opts.birthDate && opts.birthDate !== born) {
    return fail(
      'birthDateMismatch',
      `身份证号中的出生日期 ${born} 与填写的出生日期 ${opts.birthDate} 不一致`,
      `The birth date in the ID number (${born}) differs from the birth date given (${opts.birthDate})`,
    );
  }
  return { ok: true, id };
}

/** `normalizeResidentId` then `validateResidentId`: the one call forms and importers need. */
export function parseResidentId(
  raw: string | number | null | undefined,
  opts: ResidentIdOptions = {},
): ResidentIdResult {
  const n = normalizeResidentId(raw);
  return n.ok ? validateResidentId(n.id, opts) : n;
}

export function isValidResidentId(raw: string | number | null | undefined): boolean {
  return parseResidentId(raw).ok;
}
