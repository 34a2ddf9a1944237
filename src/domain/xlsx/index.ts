/**
 * Reading uploaded .xlsx files within limits (issue 13): the zip directory checked before anything inflates, rows
 * and cells counted before ExcelJS builds them, plain data out. The server runs `readWorkbook` off its event loop
 * (src/server/xlsx); the CLI runs it directly. The public surface of src/domain/xlsx.
 */
export { refusals, XLSX_LIMITS, type XlsxLimits, XlsxRefusal, type XlsxRefusalReason } from './limits.js';
export { countSheet, type SheetCount } from './scan.js';
export {
  type CellValue,
  cellAt,
  columnLetter,
  inspectWorkbookZip,
  type PlainRow,
  type PlainSheet,
  type PlainWorkbook,
  readWorkbook,
} from './workbook.js';
export { readZipDirectory, type ZipEntry } from './zip.js';
