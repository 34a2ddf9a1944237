/**
 * Reading an uploaded workbook within its limits, into plain data the importers check: every sheet's rows with
 * content and their cells' values as ExcelJS gives them (rich text, hyperlinks, formulas with their cached result,
 * dates). Plain data crosses a process boundary (the server reads off its event loop, src/server/xlsx) and keeps
 * ExcelJS's objects inside the reader. Bytes in, data out: no file system, no clock.
 *
 * The order is the point: the zip directory is checked before anything inflates, every entry inflates no larger
 * than it declared while the sheets' rows and cells are counted, and only then does ExcelJS build its objects.
 */
import ExcelJS from 'exceljs';
import { refusals, type XlsxLimits } from './limits.js';
import { scanWorkbook } from './scan.js';
import { checkDeclaredSizes, readZipDirectory, type ZipEntry } from './zip.js';

export type CellValue = ExcelJS.CellValue;

/** A row with content: its sheet row number and its non-empty cells as [column number (A = 1), value]. */
export interface PlainRow {
  number: number;
  cells: [number, CellValue][];
}

export interface PlainSheet {
  name: string;
  /** ExcelJS's row count: the last row number, formatted empty rows included. */
  rowCount: number;
  /** Rows with content, in order. */
  rows: PlainRow[];
}

export interface PlainWorkbook {
  /** In the workbook's order, as Excel shows the tabs. */
  sheets: PlainSheet[];
  /** Serial dates count from 1904 (old Mac Excel). */
  date1904: boolean;
}

/** The checks that need no inflating (microseconds): cheap enough for a request's own thread. */
export function inspectWorkbookZip(bytes: Uint8Array, limits: XlsxLimits): ZipEntry[] {
  const entries = readZipDirectory(bytes, limits.maxEntries);
  checkDeclaredSizes(entries, limits);
  return entries;
}

/** Reads a workbook within `limits`; throws XlsxRefusal when the bytes are refused or unreadable. */
export async function readWorkbook(bytes: Uint8Array, limits: XlsxLimits): Promise<PlainWorkbook> {
  const entries = inspectWorkbookZip(bytes, limits);
  scanWorkbook(bytes, entries, limits);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw refusals.unreadable();
  }
  return {
    date1904: wb.properties.date1904 === true,
    sheets: wb.worksheets.map((ws) => {
      const rows: PlainRow[] = [];
      ws.eachRow({ includeEmpty: false }, (row, number) => {
        const cells: PlainRow['cells'] = [];
        row.eachCell((cell, col) => {
          cells.push([col, cell.value]);
        });
        rows.push({ number, cells });
      });
      return { name: ws.name, rowCount: ws.rowCount, rows };
    }),
  };
}

/** The column's letters as Excel names them: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The value in a row's column, or null. */
export function cellAt(row: PlainRow | undefined, col: number): CellValue {
  return row?.cells.find(([c]) => c === col)?.[1] ?? null;
}
