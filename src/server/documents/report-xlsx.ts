/**
 * The city-wide summary table (汇总表) of one report period as the .xlsx an official prints: a merged title and
 * subtitle, one header row (单位 | 上级工会 | 状态 | 报送时间 | 是否按时 | one column per figure with its unit), one
 * row per organisation grouped under its supervising union, and the 合计 row. Pure: a PeriodSheet in, bytes out.
 *
 * The totals are the values modules/stats computed, written as numbers, not formulas: a ratio's total is the ratio
 * of the units' summed numerators and denominators, which no formula over the visible percent column can give (an
 * AVERAGE would be the average of averages), and a count's total written as SUM() would silently change when an
 * official deletes or edits a row, so the printed sheet would no longer match the report it came from. A note under
 * the table says so.
 */
import ExcelJS from 'exceljs';
import type { FigureUnit } from '../../domain/stats/figures.js';
import { unitWord } from './figure-format.js';
import type { PeriodSheet } from './report-document.js';

const FIXED_HEADERS = ['单位', '上级工会', '状态', '报送时间', '是否按时'] as const;
const FIXED_WIDTHS = [30, 18, 10, 18, 10];
const HEADER_ROW = 3;
const FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** The header's unit: （%） for a percent column, whose cells show only the number; 天 and 元 as in the .docx. */
const headerUnit = (unit: FigureUnit) => (unit === 'percent' ? '%' : unitWord(unit));

/** A figure's number format; the percent is already 0–100, so the format only adds the sign. */
export function numberFormat(unit: FigureUnit, values: (number | null)[]): string {
  switch (unit) {
    case 'count':
      return '#,##0';
    case 'percent':
      return '0.0"%"';
    case 'days':
      return values.every((v) => v === null || Number.isInteger(v)) ? '#,##0' : '#,##0.0';
    case 'yuan':
      return '#,##0.00';
  }
}

/** Rows under their supervising union, the unions in the order they first appear (the caller's order is kept). */
function groupedByParent(rows: PeriodSheet['rows']): PeriodSheet['rows'] {
  const groups = new Map<string, PeriodSheet['rows']>();
  for (const r of rows) {
    const g = groups.get(r.parentName);
    if (g) g.push(r);
    else groups.set(r.parentName, [r]);
  }
  return [...groups.values()].flat();
}

const onTimeWord = (v: boolean | null) => (v === null ? '—' : v ? '是' : '否');

export async function periodSheetXlsx(sheet: PeriodSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tuoguan 爱心托管服务平台';
  wb.title = sheet.title;
  const ws = wb.addWorksheet('汇总表', {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `1:${HEADER_ROW}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW }],
  });
  const width = FIXED_HEADERS.length + sheet.columns.length;
  const firstFigure = FIXED_HEADERS.length + 1;

  const title = ws.addRow([sheet.title]);
  title.font = { name: '黑体', size: 16 };
  title.height = 30;
  ws.mergeCells(1, 1, 1, width);
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  const subtitle = ws.addRow([sheet.subtitle]);
  subtitle.font = { name: FONT, size: 10 };
  ws.mergeCells(2, 1, 2, width);
  subtitle.getCell(1).alignment = { horizontal: 'right' };

  const header = ws.addRow([
    ...FIXED_HEADERS,
    ...sheet.columns.map((c) => (headerUnit(c.unit) ? `${c.label}（${headerUnit(c.unit)}）` : c.label)),
  ]);
  header.height = 32;
  header.eachCell((c) => {
    c.font = { name: FONT, size: 11, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    c.border = THIN;
  });

  const formats = sheet.columns.map((c, i) =>
    numberFormat(c.unit, [...sheet.rows.map((r) => r.values[i] ?? null), sheet.totals[i] ?? null]),
  );
  const writeValues = (row: ExcelJS.Row, values: (number | null)[]) => {
    sheet.columns.forEach((_, i) => {
      const cell = row.getCell(firstFigure + i);
      const v = values[i] ?? null;
      // An empty cell would read as 0 to a SUM and as "forgot to fill in" to a reader; the dash says "no value".
      cell.value = v === null ? '—' : v;
      if (v !== null) cell.numFmt = formats[i] ?? 'General';
      cell.alignment = { horizontal: 'right' };
    });
  };

  for (const r of groupedByParent(sheet.rows)) {
    const row = ws.addRow([r.orgName, r.parentName, r.status, r.submittedAt ?? '—', onTimeWord(r.onTime)]);
    writeValues(row, r.values);
    for (const col of [3, 4, 5]) row.getCell(col).alignment = { horizontal: 'center' };
  }

  const totals = ws.addRow(['合计', `共 ${sheet.rows.length} 个单位`]);
  writeValues(totals, sheet.totals);
  totals.font = { name: FONT, size: 11, bold: true };

  for (let r = HEADER_ROW + 1; r <= totals.number; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.border = THIN;
      if (r !== totals.number) cell.font = { name: FONT, size: 11 };
    }
  }
  totals.eachCell({ includeEmpty: true }, (c) => {
    c.border = { ...THIN, top: { style: 'double' } };
  });

  const note = ws.addRow([
    '注：合计按统一口径由各单位数据汇总计算；比率类指标为各单位分子、分母分别相加后之比，不是各单位比率的平均值。“—”表示无数据。',
  ]);
  ws.mergeCells(note.number, 1, note.number, width);
  note.font = { name: FONT, size: 9, color: { argb: 'FF666666' } };
  note.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  note.height = 28;

  FIXED_WIDTHS.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  sheet.columns.forEach((c, i) => {
    // Chinese characters are about two widths each; the header wraps past 20.
    ws.getColumn(firstFigure + i).width = Math.min(20, Math.max(12, c.label.length * 2 + 4));
  });
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: width } };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
