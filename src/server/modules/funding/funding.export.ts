/** A class's ledger as an .xlsx sheet (经费台账): every entry with reversals shown, amounts in yuan to 2 decimals. */
import ExcelJS from 'exceljs';
import { formatFen, KIND_LABELS, PURPOSE_LABELS, SOURCE_LABELS } from '../../../domain/funding/index.js';
import type { LedgerDto } from './funding.schema.js';

export const LEDGER_COLUMNS = [
  '序号',
  '日期',
  '收支',
  '资金来源',
  '用途',
  '金额（元）',
  '收付款方',
  '备注',
  '冲销',
  '登记人',
];

/** Yuan as a number for the cell, from exact 分 through the decimal string (no float arithmetic on money). */
const yuan = (fen: number) => Number(formatFen(fen));

export async function ledgerWorkbook(className: string, l: LedgerDto): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('经费台账');
  ws.addRow([`${className} 经费台账`]).font = { bold: true, size: 14 };
  ws.addRow(LEDGER_COLUMNS).font = { bold: true };
  for (const e of l.items) {
    const reversal = e.reversesEntryId !== null;
    ws.addRow([
      e.id,
      e.date,
      KIND_LABELS[e.kind].zh,
      SOURCE_LABELS[e.source].zh,
      PURPOSE_LABELS[e.purpose].zh,
      yuan(reversal ? -e.amountFen : e.amountFen),
      e.counterparty ?? '',
      e.note ?? '',
      reversal
        ? `冲销第 ${e.reversesEntryId} 笔：${e.reason ?? ''}`
        : e.reversedByEntryId !== null
          ? `已被第 ${e.reversedByEntryId} 笔冲销`
          : '',
      e.createdByName ?? (e.fromEnrolment ? '报名缴费' : ''),
    ]);
  }
  ws.addRow([]);
  ws.addRow(['', '', '收入合计', '', '', yuan(l.totals.incomeFen)]).font = { bold: true };
  ws.addRow(['', '', '支出合计', '', '', yuan(l.totals.expenseFen)]).font = { bold: true };
  ws.addRow(['', '', '结余', '', '', yuan(l.totals.balanceFen)]).font = { bold: true };
  ws.getColumn(6).numFmt = '#,##0.00';
  ws.columns.forEach((col, i) => {
    col.width = [6, 12, 8, 14, 14, 14, 18, 30, 30, 12][i] ?? 12;
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
