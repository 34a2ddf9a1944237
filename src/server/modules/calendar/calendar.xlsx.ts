/**
 * A simple spreadsheet of the national calendar: one date (or a range) per row and a cell saying 休 or 班, in any
 * columns. Each row becomes one line of the pasted-list format (cells joined by tabs), so both imports are read
 * by the same parser and report problems the same way (by row number).
 */
import {
  type CellValue,
  type PlainSheet,
  XLSX_LIMITS,
  type XlsxLimits,
  XlsxRefusal,
} from '../../../domain/xlsx/index.js';
import { invalid } from '../../errors.js';
import { readUploadedWorkbook } from '../../xlsx/read.js';

/**
 * A year has 366 days and the official notice lists a few dozen lines; 1,000 rows with content (headings
 * included) holds a day-per-row calendar twice over.
 */
export const CALENDAR_READ_LIMITS: XlsxLimits = { ...XLSX_LIMITS, maxRows: 1000 };

const cellText = (v: CellValue): string => {
  if (v === null || v === undefined) return '';
  // Excel stores a typed date as a UTC midnight: the civil date is its UTC day.
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return v.result === undefined ? '' : cellText(v.result as CellValue);
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
};

/** The first sheet as pasted-list text: one line per sheet row, up to the last row with content. */
export function officialSheetText(ws: PlainSheet): string {
  const byNumber = new Map(ws.rows.map((r) => [r.number, r]));
  const last = ws.rows.at(-1)?.number ?? 0;
  const lines: string[] = [];
  for (let r = 1; r <= last; r++) {
    const line = (byNumber.get(r)?.cells ?? [])
      .map(([, value]) => cellText(value).trim())
      .filter(Boolean)
      .join('\t');
    // A heading row (no digits) reads as a comment, so "日期 | 类型" at the top does not count as a problem.
    lines.push(/\d{4}/.test(line) ? line : line ? `# ${line}` : '');
  }
  return lines.join('\n');
}

/** Reads the upload off the event loop (src/server/xlsx) within CALENDAR_READ_LIMITS; refusals are 400s. */
export async function readOfficialXlsx(bytes: Buffer): Promise<string> {
  let ws: PlainSheet | undefined;
  try {
    ws = (await readUploadedWorkbook(bytes, CALENDAR_READ_LIMITS)).sheets[0];
  } catch (e) {
    if (!(e instanceof XlsxRefusal)) throw e;
    if (e.reason !== 'unreadable') throw invalid(e.localized.zh, e.localized.en, 'file');
    throw invalid(
      '无法读取该文件，请上传 .xlsx 表格',
      'The file could not be read; upload an .xlsx spreadsheet',
      'file',
    );
  }
  if (!ws) throw invalid('表格是空的', 'The spreadsheet is empty', 'file');
  return officialSheetText(ws);
}
