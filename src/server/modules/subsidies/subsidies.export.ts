/**
 * A disbursement list (拨付清单) as an .xlsx sheet: one row per class with why it got what (tier, children,
 * child-days, rate, supplement, cap, conditions), paid and pending; then the payments. Amounts in yuan to 2 decimals
 * from exact 分.
 */
import ExcelJS from 'exceljs';
import { formatFen, SOURCE_LABELS, type FundingSource } from '../../../domain/funding/index.js';
import type { ListDto } from './subsidies.schema.js';

const yuan = (fen: number) => Number(formatFen(fen));

const CONDITION_ZH: Record<string, string> = {
  classFinished: '托管班已结束',
  attendanceMinimum: '出勤率达标',
  noOpenSeriousIncident: '无未结较重及以上突发事件',
};

/** Why a class got its amount, in one sentence for the sheet. */
export function reasonZh(i: ListDto['items'][number]): string {
  const s = i.computation;
  const unmet = s.conditions.filter((c) => !c.met).map((c) => CONDITION_ZH[c.key] ?? c.key);
  if (unmet.length > 0) return `未满足：${unmet.join('、')}`;
  if (s.tier === null) return `在托儿童 ${s.children} 人，未达最低档`;
  const parts = [`第 ${s.tier + 1} 档（${s.children} 人），${s.childDays} 人日 × ${formatFen(s.perChildDayFen)} 元`];
  if (s.supplementFen > 0) parts.push(`示范班补助 ${formatFen(s.supplementFen)} 元`);
  if (s.capped) parts.push('已按上限封顶');
  return parts.join('；');
}

export const LIST_COLUMNS = [
  '序号',
  '基层单位',
  '托管班',
  '在托儿童',
  '出勤人日',
  '档次',
  '每人日（元）',
  '示范班补助（元）',
  '核定金额（元）',
  '已拨付（元）',
  '待拨付（元）',
  '核定说明',
];

export async function listWorkbook(l: ListDto): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('拨付清单');
  const source = SOURCE_LABELS[l.source as FundingSource]?.zh ?? l.source;
  ws.addRow([`${l.orgName} 工会补贴拨付清单（第 ${l.version} 版）`]).font = { bold: true, size: 14 };
  ws.addRow([
    `资金来源：${source}；补贴政策第 ${l.policyVersion} 版；数据截至 ${l.asOf}；核定人：${l.approvedByName ?? ''}`,
  ]);
  ws.addRow(LIST_COLUMNS).font = { bold: true };
  l.items.forEach((i, n) => {
    const s = i.computation;
    ws.addRow([
      n + 1,
      i.unitName,
      i.className,
      s.children,
      s.childDays,
      s.tier === null ? '—' : `第 ${s.tier + 1} 档`,
      yuan(s.perChildDayFen),
      yuan(s.supplementFen),
      yuan(i.amountFen),
      yuan(i.paidFen),
      yuan(i.pendingFen),
      reasonZh(i),
    ]);
  });
  ws.addRow([]);
  ws.addRow(['', '合计', '', '', '', '', '', '', yuan(l.totalFen), yuan(l.paidFen), yuan(l.pendingFen)]).font = {
    bold: true,
  };
  for (const c of [7, 8, 9, 10, 11]) ws.getColumn(c).numFmt = '#,##0.00';
  ws.columns.forEach((col, i) => {
    col.width = [6, 22, 26, 10, 10, 10, 12, 14, 14, 14, 14, 48][i] ?? 12;
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];

  const ps = wb.addWorksheet('拨付记录');
  ps.addRow(['序号', '日期', '托管班', '金额（元）', '备注', '冲销', '登记人']).font = { bold: true };
  const className = new Map(l.items.map((i) => [i.id, i.className]));
  for (const p of l.payments) {
    const reversal = p.reversesPaymentId !== null;
    ps.addRow([
      p.id,
      p.date,
      className.get(p.itemId) ?? '',
      yuan(reversal ? -p.amountFen : p.amountFen),
      p.note ?? '',
      reversal
        ? `冲销第 ${p.reversesPaymentId} 笔：${p.reason ?? ''}`
        : p.reversedByPaymentId !== null
          ? `已被第 ${p.reversedByPaymentId} 笔冲销`
          : '',
      p.createdByName ?? '',
    ]);
  }
  ps.getColumn(4).numFmt = '#,##0.00';
  ps.columns.forEach((col, i) => {
    col.width = [6, 12, 26, 14, 30, 30, 12][i] ?? 12;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
