/**
 * A simple spreadsheet of the national calendar: one date (or a range) per row and a cell saying 休 or 班, in any
 * columns. Each row becomes one line of the pasted-list format (cells joined by tabs), so both imports are read
 * by the same parser and report problems the same way (by row number).
 */
import ExcelJS from 'exceljs';
import { invalid } from '../../errors.js';

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  // Excel stores a typed date as a UTC midnight: the civil date is its UTC day.
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return v.result === undefined ? '' : cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
};

export async function readOfficialXlsx(bytes: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw invalid(
      '无法读取该文件，请上传 .xlsx 表格',
      'The file could not be read; upload an .xlsx spreadsheet',
      'file',
    );
  }
  const ws = wb.worksheets[0];
  if (!ws) throw invalid('表格是空的', 'The spreadsheet is empty', 'file');
  const lines: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const cells: string[] = [];
    ws.getRow(r).eachCell((cell) => {
      cells.push(cellText(cell.value).trim());
    });
    const line = cells.filter(Boolean).join('\t');
    // A heading row (no digits) reads as a comment, so "日期 | 类型" at the top does not count as a problem.
    lines.push(/\d{4}/.test(line) ? line : line ? `# ${line}` : '');
  }
  return lines.join('\n');
}
