/**
 * What an uploaded workbook may cost to read, and the refusals when it would cost more (issue 13, "Availability").
 * An .xlsx is a zip of XML: a few hundred kilobytes can inflate to gigabytes, and a legal-looking million-row sheet
 * takes ExcelJS seconds and gigabytes. Every importer reads through these limits; each picks its own row cap.
 */
import type { Localized } from '../rules/types.js';

export interface XlsxLimits {
  /** Rows with content in one sheet, header and title lines included. Each importer sets its own. */
  maxRows: number;
  /** The whole workbook once inflated, as its zip directory declares it (and as it really inflates). */
  maxUncompressedBytes: number;
  /** One entry's inflated size over its compressed size; real sheets stay far below, a bomb sits near 1000. */
  maxRatio: number;
  /** Entries over this many inflated bytes are held to `maxRatio`; small parts compress as they like. */
  ratioFloorBytes: number;
  /** Files in the zip. */
  maxEntries: number;
  /** `<row>` elements across the sheets, empty formatted rows included (each costs ExcelJS an object). */
  maxRowElements: number;
  /** `<c>` elements across the sheets, empty formatted cells included. */
  maxCells: number;
}

const MB = 1024 * 1024;

/** The limits every importer shares; an importer spreads these and sets `maxRows`. */
export const XLSX_LIMITS: Omit<XlsxLimits, 'maxRows'> = {
  maxUncompressedBytes: 20 * MB,
  maxRatio: 200,
  ratioFloorBytes: 1 * MB,
  maxEntries: 1000,
  maxRowElements: 50_000,
  // A full units sheet (5,000 rows × 8 columns) is 40,000 cells and needs ~40 MB of heap to read; 100,000 cells
  // keep the largest legal read well inside the reader's 128 MB.
  maxCells: 100_000,
};

export type XlsxRefusalReason =
  /** Not a zip, a truncated one, or one whose directory and data disagree. */
  | 'unreadable'
  /** An OLE compound document: an old .xls, or an .xlsx with a password (Excel encrypts into OLE). */
  | 'ole'
  | 'too-large'
  | 'ratio'
  | 'too-many-entries'
  | 'rows'
  | 'row-elements'
  | 'cells'
  /** The reader ran out of its memory or its time (only the server's off-thread reader enforces these). */
  | 'memory'
  | 'timeout';

/** The bytes are refused before or while reading them; the message says why and, for a limit, the limit. */
export class XlsxRefusal extends Error {
  constructor(
    readonly reason: XlsxRefusalReason,
    readonly localized: Localized,
  ) {
    super(localized.en);
    this.name = 'XlsxRefusal';
  }
}

const mb = (bytes: number) => (bytes / MB).toFixed(1).replace(/\.0$/, '');

export const refusals = {
  unreadable: () =>
    new XlsxRefusal('unreadable', {
      zh: '无法读取文件：不是 .xlsx 工作簿，或文件不完整',
      en: 'Cannot read the file: it is not an .xlsx workbook, or it is incomplete',
    }),
  ole: () =>
    new XlsxRefusal('ole', {
      zh: '这是旧版 .xls 文件或加密的工作簿，无法读取：请在 Excel/WPS 中取消密码并“另存为 .xlsx”后再上传',
      en: 'This is an old .xls file or a password-protected workbook: remove the password and save it as .xlsx',
    }),
  tooLarge: (bytes: number, cap: number) =>
    new XlsxRefusal('too-large', {
      zh: `文件解压后有 ${mb(bytes)} MB，超过上限 ${mb(cap)} MB：内容过多，请删除多余的工作表或分批导入`,
      en: `The workbook inflates to ${mb(bytes)} MB, over the ${mb(cap)} MB limit: remove extra sheets or import in batches`,
    }),
  ratio: (name: string, ratio: number, cap: number) =>
    new XlsxRefusal('ratio', {
      zh: `文件中的“${name}”压缩比异常（${Math.round(ratio)}:1，上限 ${cap}:1），不像正常的表格，已拒绝读取`,
      en: `The part "${name}" is compressed ${Math.round(ratio)}:1 (limit ${cap}:1), unlike any real spreadsheet; refused`,
    }),
  tooManyEntries: (count: number, cap: number) =>
    new XlsxRefusal('too-many-entries', {
      zh: `文件内含 ${count} 个部件，超过上限 ${cap} 个，不像正常的表格，已拒绝读取`,
      en: `The file holds ${count} parts, over the limit of ${cap}; refused`,
    }),
  rows: (sheet: string, firstOver: number, count: number, cap: number) =>
    new XlsxRefusal('rows', {
      zh: `工作表“${sheet}”第 ${firstOver} 行起超出上限：每个工作表最多读取 ${cap} 行（含表头），该表有 ${count} 行有内容。请分批导入`,
      en: `Sheet "${sheet}" passes the limit from row ${firstOver}: at most ${cap} rows (header included) are read per sheet, this one has ${count} rows with content. Import in batches`,
    }),
  rowElements: (count: number, cap: number) =>
    new XlsxRefusal('row-elements', {
      zh: `工作表共有 ${count} 行（含设置了格式的空行），超过上限 ${cap} 行：请删除多余的空行后重试`,
      en: `The sheets hold ${count} rows (formatted empty rows included), over the limit of ${cap}: delete the extra rows`,
    }),
  cells: (count: number, cap: number) =>
    new XlsxRefusal('cells', {
      zh: `工作表共有 ${count} 个单元格（含设置了格式的空单元格），超过上限 ${cap} 个：请删除多余的行列后重试`,
      en: `The sheets hold ${count} cells (formatted empty cells included), over the limit of ${cap}: delete the extra rows and columns`,
    }),
  memory: (capMb: number) =>
    new XlsxRefusal('memory', {
      zh: `文件过于复杂，读取时超出内存上限（${capMb} MB）：请删除多余的工作表、格式和空行后重试`,
      en: `The workbook is too complex: reading it passed the ${capMb} MB memory limit; remove extra sheets, formatting and empty rows`,
    }),
  timeout: (seconds: number) =>
    new XlsxRefusal('timeout', {
      zh: `读取文件超过 ${seconds} 秒仍未完成：文件过于复杂，请删除多余的工作表、格式和空行后重试`,
      en: `Reading the file took over ${seconds} s: the workbook is too complex; remove extra sheets, formatting and empty rows`,
    }),
};
