/**
 * The roster's .xlsx side, and the only roster file that touches ExcelJS: writing the template a unit downloads,
 * and checking a filled-in workbook (read within its limits by src/domain/xlsx) row by row for rows.ts. Finding
 * the sheet and its header row, peeling ExcelJS's cell wrappers (rich text, hyperlinks, formulas) and naming column
 * letters happen here; what a value means is decided in cells.ts and rows.ts. No file system access: bytes in,
 * bytes out.
 */
import ExcelJS from 'exceljs';
import { type IsoDate, todayInChina } from '../calendar/dates.js';
import type { Localized } from '../rules/types.js';
import {
  type CellValue,
  cellAt,
  columnLetter,
  type PlainSheet,
  type PlainWorkbook,
  readWorkbook,
  XLSX_LIMITS,
  type XlsxLimits,
  XlsxRefusal,
} from '../xlsx/index.js';
import type { CellInput } from './cells.js';
import {
  columnForHeader,
  columnSpec,
  ROSTER_COLUMNS,
  type RosterColumnKey,
  type RosterError,
  templateHeader,
} from './columns.js';
import { checkRosterRows, type RawRosterRow, type RosterCheckResult } from './rows.js';

export const ROSTER_SHEET = '儿童名册';
export const HELP_SHEET = '填写说明';
/** Rows formatted as text in the template: enough for a unit's whole list. */
const TEMPLATE_ROWS = 500;
/** A header may sit under a title line or two ("XX单位暑期托管班报名表"); look this far down for it. */
const HEADER_SEARCH_ROWS = 10;

/**
 * What a roster workbook may cost to read. A class holds tens of children, a few hundred at most, and the template
 * offers 500 rows: 2,000 rows with content per sheet (title and header lines included) leaves room for any real
 * roster and refuses a sheet of a whole district's children before it is parsed.
 */
export const ROSTER_READ_LIMITS: XlsxLimits = { ...XLSX_LIMITS, maxRows: 2000 };

/** The bytes are not a workbook we can read at all (as opposed to a workbook with bad cells). */
export class RosterFileError extends Error {
  constructor(readonly localized: Localized) {
    super(localized.en);
    this.name = 'RosterFileError';
  }
}

/** A refused workbook in the roster's words: the limits say their own reason; an unreadable file points at .xlsx. */
export function rosterFileError(refusal: XlsxRefusal): RosterFileError {
  if (refusal.reason !== 'unreadable') return new RosterFileError(refusal.localized);
  return new RosterFileError({
    zh: '无法读取文件：请上传 .xlsx 格式的名册（可先下载模板填写）',
    en: 'Cannot read the file: upload the roster as an .xlsx workbook (the template is a good start)',
  });
}

export async function buildRosterTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(ROSTER_SHEET);
  ws.columns = ROSTER_COLUMNS.map((c) => ({ header: templateHeader(c), key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ROSTER_COLUMNS.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    // Text format before anyone types: otherwise Excel keeps 15 digits of an ID and drops phones' leading +.
    if (c.text) column.numFmt = '@';
    if (c.key === 'birthDate') column.numFmt = 'yyyy-mm-dd';
  });
  const letterOf = (key: RosterColumnKey) => ws.getColumn(ROSTER_COLUMNS.findIndex((c) => c.key === key) + 1).letter;
  for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) {
    for (const c of ROSTER_COLUMNS) {
      if (c.text) ws.getCell(`${letterOf(c.key)}${r}`).numFmt = '@';
    }
    ws.getCell(`${letterOf('birthDate')}${r}`).numFmt = 'yyyy-mm-dd';
    ws.getCell(`${letterOf('gender')}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: ['"男,女"'] };
    ws.getCell(`${letterOf('selfCare')}${r}`).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"是,否"'],
    };
    // A suggestion list only: the parser accepts other spellings, so do not make Excel refuse them.
    ws.getCell(`${letterOf('grade')}${r}`).dataValidation = {
      type: 'list',
      allowBlank: true,
      showErrorMessage: false,
      formulae: ['"一年级,二年级,三年级,四年级,五年级,六年级,大班,中班"'],
    };
  }

  const help = wb.addWorksheet(HELP_SHEET);
  help.columns = [{ width: 16 }, { width: 8 }, { width: 90 }];
  help.addRow(['列名', '必填', '填写说明']);
  for (const c of ROSTER_COLUMNS) help.addRow([c.header, c.required ? '是' : '', c.help]);
  help.addRow([]);
  help.addRow([
    '',
    '',
    '第一行为表头，请勿修改列名；带 * 的列必填。列的顺序可以调整，多余的列（如序号、备注）会被忽略。',
  ]);
  help.addRow([
    '',
    '',
    '每行填写一名儿童；空行会被跳过。导入前系统会检查全部单元格，有错误时逐格列出，全部正确才会导入。',
  ]);
  help.addRow(['', '', '身份证号、手机号请保持“文本”格式，以免 Excel 将其改为科学计数法而丢失数字。']);
  help.getRow(1).font = { bold: true };
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** ExcelJS's value for a cell → the plain value cells.ts reads. Formulas count by their cached result. */
function plain(v: CellValue): CellInput {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : plain(v.text as CellValue);
  if ('formula' in v || 'sharedFormula' in v) return v.result === undefined ? null : plain(v.result);
  if ('error' in v) return v.error;
  return null;
}

function textOf(v: CellValue): string {
  const p = plain(v);
  return p === null || p instanceof Date ? '' : String(p);
}

interface HeaderHit {
  headerRow: number;
  columns: Map<RosterColumnKey, number>;
  duplicates: { col: number; key: RosterColumnKey }[];
}

/** The first row (of the first few) that names the 姓名 column and at least two more template columns. */
function findHeader(ws: PlainSheet): HeaderHit | null {
  const last = Math.min(ws.rowCount, HEADER_SEARCH_ROWS);
  for (const row of ws.rows) {
    if (row.number > last) break;
    const columns = new Map<RosterColumnKey, number>();
    const duplicates: HeaderHit['duplicates'] = [];
    for (const [col, value] of row.cells) {
      const key = columnForHeader(textOf(value));
      if (key === null) continue;
      if (columns.has(key)) duplicates.push({ col, key });
      else columns.set(key, col);
    }
    if (columns.has('name') && columns.size >= 3) return { headerRow: row.number, columns, duplicates };
  }
  return null;
}

export interface ParseRosterOptions {
  /** Today (YYYY-MM-DD) for the birth-date checks; defaults to today in China. */
  asOf?: IsoDate;
}

/**
 * Reads a filled-in roster workbook and checks every cell, on the caller's thread (the CLI; the server reads the
 * file off its event loop and calls `checkRosterWorkbook`). Throws RosterFileError only when the bytes are refused
 * or are not a readable .xlsx; a workbook without a recognisable header or without children comes back as errors.
 */
export async function parseRosterWorkbook(
  buf: Buffer | Uint8Array,
  options: ParseRosterOptions = {},
): Promise<RosterCheckResult> {
  let wb: PlainWorkbook;
  try {
    wb = await readWorkbook(buf, ROSTER_READ_LIMITS);
  } catch (e) {
    if (e instanceof XlsxRefusal) throw rosterFileError(e);
    throw e;
  }
  return checkRosterWorkbook(wb, options);
}

/** Checks every cell of a roster workbook already read (src/domain/xlsx `readWorkbook`). */
export function checkRosterWorkbook(wb: PlainWorkbook, options: ParseRosterOptions = {}): RosterCheckResult {
  let ws: PlainSheet | undefined;
  let header: HeaderHit | null = null;
  for (const sheet of wb.sheets) {
    if (sheet.name === HELP_SHEET) continue;
    header = findHeader(sheet);
    if (header) {
      ws = sheet;
      break;
    }
  }
  if (!ws || !header) {
    const message = {
      zh: `找不到表头：第一行应为“姓名、出生日期、年级、监护人姓名、监护人手机”等列名（请使用名册模板）`,
      en: 'No header row found: the first row should name the columns 姓名, 出生日期, 年级, 监护人姓名, 监护人手机… (use the template)',
    };
    return { rows: [], errors: [{ row: 1, column: '', message }] };
  }

  const sheet = ws;
  const { headerRow, columns, duplicates } = header;
  const letterOf = columnLetter;
  const errors: RosterError[] = duplicates.map(({ col, key }) => ({
    row: headerRow,
    column: letterOf(col),
    message: {
      zh: `“${columnSpec(key).header}”列出现了两次（另一列在 ${letterOf(columns.get(key) ?? col)} 列），请删除多余的一列`,
      en: `The column ${columnSpec(key).header} appears twice (also column ${letterOf(columns.get(key) ?? col)}); delete one`,
    },
  }));
  for (const c of ROSTER_COLUMNS) {
    if (c.required && !columns.has(c.key)) {
      errors.push({
        row: headerRow,
        column: '',
        message: { zh: `缺少必填列“${c.header}”`, en: `The required column ${c.header} (${c.en}) is missing` },
      });
    }
  }
  // Without a required column every row would repeat the same error; the header message says it once.
  if (errors.length > 0) return { rows: [], errors };

  const raw: RawRosterRow[] = [];
  for (const r of sheet.rows) {
    if (r.number <= headerRow) continue;
    const cells: RawRosterRow['cells'] = {};
    for (const [key, col] of columns) cells[key] = plain(cellAt(r, col));
    raw.push({ row: r.number, cells });
  }
  const columnLetters: Partial<Record<RosterColumnKey, string>> = {};
  for (const [key, col] of columns) columnLetters[key] = letterOf(col);
  return checkRosterRows(raw, {
    asOf: options.asOf ?? todayInChina(new Date()),
    date1904: wb.date1904,
    columnLetters,
  });
}
