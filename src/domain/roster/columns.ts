/**
 * The roster template (儿童名册模板) a unit fills in to import children into a class, and the vocabulary shared by
 * the parser, the template writer, the CLI and the upload. Owns the column list and how headers are recognised.
 *
 * Columns, in template order (* = required):
 *   姓名*         child's name
 *   性别          男/女 (also M/F); empty → taken from the ID number's 17th digit when one is given
 *   出生日期*     a date cell, an Excel serial, or text 2015-03-07 / 2015/3/7 / 2015.3.7 / 2015年3月7日 / 20150307
 *   身份证号      optional, 18 characters, checksum and birth date checked (GB 11643); text format in the template
 *   学校          optional
 *   年级*         一年级…六年级 / 1…6 / 小学一年级, or kindergarten (大班/中班/小班/幼儿园/学前) → "K"
 *   自理能力      是/否; required for kindergarten children (P-R1: they are admitted only with self-care ability)
 *   过敏与健康    optional free text (allergies, conditions, medicines)
 *   监护人姓名*   guardian's name
 *   监护人手机*   11-digit mainland mobile (+86, spaces and dashes tolerated): notices and pickup codes go by SMS
 *   紧急联系人    optional; if one of the pair is given, the other is required
 *   紧急联系电话  mobile or landline (010-12345678)
 * Headers are matched after removing spaces (also full-width), `*`/`＊` marks, notes in brackets and case, and a
 * few aliases seen in units' own lists (身份证号码, 家长手机号, …); unknown columns such as 序号 or 备注 are ignored.
 */
import type { Localized } from '../rules/types.js';

export interface RosterColumn {
  key: RosterColumnKey;
  header: string;
  en: string;
  required: boolean;
  /** Stored as text in the template, so Excel does not turn IDs and phone numbers into numbers. */
  text: boolean;
  width: number;
  aliases: readonly string[];
  /** One line for the 填写说明 sheet. */
  help: string;
}

export const ROSTER_COLUMN_KEYS = [
  'name',
  'gender',
  'birthDate',
  'idNumber',
  'school',
  'grade',
  'selfCare',
  'healthNotes',
  'guardianName',
  'guardianPhone',
  'emergencyName',
  'emergencyPhone',
] as const;
export type RosterColumnKey = (typeof ROSTER_COLUMN_KEYS)[number];

const col = (
  key: RosterColumnKey,
  header: string,
  en: string,
  opts: { required?: boolean; text?: boolean; width?: number; aliases?: readonly string[]; help: string },
): RosterColumn => ({
  key,
  header,
  en,
  required: opts.required ?? false,
  text: opts.text ?? false,
  width: opts.width ?? 14,
  aliases: opts.aliases ?? [],
  help: opts.help,
});

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  col('name', '姓名', 'Name', {
    required: true,
    width: 12,
    aliases: ['儿童姓名', '学生姓名', '孩子姓名', '幼儿姓名'],
    help: '必填。儿童的姓名。',
  }),
  col('gender', '性别', 'Gender', {
    width: 8,
    help: '选填，填“男”或“女”。留空且填写了身份证号时，按身份证号第 17 位推断。',
  }),
  col('birthDate', '出生日期', 'Date of birth', {
    required: true,
    width: 14,
    aliases: ['出生年月日', '出生年月', '生日'],
    help: '必填。如 2015-03-07，也可写 2015/3/7、2015.3.7、2015年3月7日。填写身份证号时须与其中的出生日期一致。',
  }),
  col('idNumber', '身份证号', 'Resident ID number', {
    text: true,
    width: 22,
    aliases: ['身份证号码', '身份证', '居民身份证号', '居民身份证号码', '公民身份号码', '证件号码'],
    help: '选填，18 位。本列已设为文本格式；请勿改成数字格式，否则 Excel 会丢失后 3 位。',
  }),
  col('school', '学校', 'School', {
    width: 20,
    aliases: ['就读学校', '所在学校', '学校名称', '就读学校/幼儿园'],
    help: '选填。就读的学校或幼儿园。',
  }),
  col('grade', '年级', 'Grade', {
    required: true,
    width: 10,
    aliases: ['就读年级', '所在年级'],
    help: '必填。小学填“一年级”至“六年级”（或 1–6）；幼儿园儿童填“大班”“中班”或“幼儿园”。',
  }),
  col('selfCare', '自理能力', 'Self-care ability', {
    width: 10,
    aliases: ['生活自理能力', '是否具备自理能力', '是否能自理', '能否自理'],
    help: '幼儿园儿童必填“是”或“否”（幼儿园儿童须具备生活自理能力方可参加）；小学生可不填。',
  }),
  col('healthNotes', '过敏与健康', 'Allergies and health', {
    width: 30,
    aliases: ['过敏史', '健康状况', '健康情况', '过敏及健康情况', '过敏与健康情况', '过敏与健康状况'],
    help: '选填。过敏（食物、药物）、疾病、需服用的药物等，托管班工作人员需要知道的情况。',
  }),
  col('guardianName', '监护人姓名', "Guardian's name", {
    required: true,
    width: 12,
    aliases: ['家长姓名', '监护人', '职工姓名'],
    help: '必填。职工本人（家长）的姓名。',
  }),
  col('guardianPhone', '监护人手机', "Guardian's mobile", {
    required: true,
    text: true,
    width: 16,
    aliases: ['监护人手机号', '监护人手机号码', '监护人电话', '监护人联系电话', '家长手机', '家长手机号', '家长电话'],
    help: '必填。11 位手机号码，用于接收通知和接送码；可带 +86、空格或短横线。',
  }),
  col('emergencyName', '紧急联系人', 'Emergency contact', {
    width: 12,
    aliases: ['紧急联系人姓名'],
    help: '选填。与紧急联系电话成对填写。',
  }),
  col('emergencyPhone', '紧急联系电话', 'Emergency phone', {
    text: true,
    width: 16,
    aliases: ['紧急联系人电话', '紧急联系人手机', '紧急联系方式'],
    help: '选填。手机号或座机（如 010-12345678）。',
  }),
];

export function columnSpec(key: RosterColumnKey): RosterColumn {
  const c = ROSTER_COLUMNS.find((x) => x.key === key);
  if (!c) throw new Error(`unknown roster column ${key}`);
  return c;
}

/** The template header as written in row 1: required columns carry a trailing `*`. */
export const templateHeader = (c: RosterColumn) => (c.required ? `${c.header}*` : c.header);

/**
 * Header cell text → comparison key: full-width → half-width, no whitespace of any kind, no notes in brackets
 * ("出生日期（年-月-日）"), no required-marks or trailing colon, lower case.
 */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\u00A0\u200B\uFEFF]/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, '')
    .replace(/[*※:]/g, '')
    .toLowerCase();
}

const BY_HEADER = new Map<string, RosterColumnKey>(
  ROSTER_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [normalizeHeader(h), c.key] as const)),
);

/** Which template column a header cell names, or null for a column we do not read (序号, 备注, …). */
export function columnForHeader(text: string): RosterColumnKey | null {
  return BY_HEADER.get(normalizeHeader(text)) ?? null;
}

/** One problem with one cell (or with the file: row 0, or the header row with column ""). */
export interface RosterError {
  /** 1-based sheet row as Excel shows it; 0 for the file as a whole. */
  row: number;
  /** Column letter as Excel shows it ("D"); the header name when the column is missing; "" for the whole row/file. */
  column: string;
  message: Localized;
}
