/**
 * The dashboard as the workbook an official takes to a 推进会: 目标 (targets with forecasts), 分区统计 (one row per
 * organisation or class, with the totals), 风险清单 (the risk list) and 合规热力 (rule × row, classes failing and
 * the share). Values are the read layer's numbers, written as numbers (no formulas: a percent's total is not the
 * average of the rows). Pure: a DashboardDto in, bytes out.
 */
import ExcelJS from 'exceljs';
import { ruleTitleZh } from '../../../domain/stats/rule-titles.js';
import type { DashboardDto, DashboardRow } from './dashboard.schema.js';

const FONT = '宋体';
const RISK_WORDS: Record<DashboardDto['risks'][number]['kind'], string> = {
  attendance: '出勤率偏低',
  records: '台账缺记',
  incident: '安全事件未结案',
  overdue: '整改逾期',
};

function sheet(wb: ExcelJS.Workbook, name: string, title: string, headers: string[], widths: number[]) {
  const ws = wb.addWorksheet(name, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
  ws.addRow([title]).font = { name: FONT, bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, Math.max(1, headers.length));
  const head = ws.addRow(headers);
  head.font = { name: FONT, bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  return ws;
}

const rowCells = (r: DashboardRow) => [
  r.name,
  r.classes.total,
  r.classes.enrolling,
  r.classes.running,
  r.classes.finished,
  r.capacity,
  r.placesTaken,
  r.children,
  r.families,
  r.attendanceRate,
  r.failingClasses,
  r.openItems,
  r.overdueItems,
  r.reportingRate,
];

export async function dashboardXlsx(v: DashboardDto): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = `${v.campaignName} · ${v.org.name}（截至 ${v.asOf}）`;

  const t = sheet(
    wb,
    '目标',
    `${title} 目标完成情况`,
    ['指标', '目标', '实际', '预计', '完成率（%）', '说明'],
    [18, 10, 10, 10, 12, 40],
  );
  for (const x of v.targets)
    t.addRow([
      x.label,
      x.target,
      x.actual,
      x.forecast,
      x.target ? Math.round((x.actual / x.target) * 1000) / 10 : null,
      x.note ?? '',
    ]);

  const headers = [
    v.org.kind === 'unit' ? '托管班' : '组织',
    '托管班',
    '报名中',
    '运行中',
    '已结束',
    '名额',
    '在托',
    '儿童',
    '家庭',
    '出勤率（%）',
    '不合规班',
    '整改未结',
    '整改逾期',
    '报送率（%）',
  ];
  const d = sheet(wb, '分区统计', `${title} 分项统计`, headers, [28, ...headers.slice(1).map(() => 10)]);
  for (const r of v.rows) d.addRow(rowCells(r));
  const total = d.addRow(['合计', ...rowCells(v.totals).slice(1)]);
  total.font = { name: FONT, bold: true };
  d.addRow([]);
  d.addRow(['注：家庭、儿童按去重计数，合计不等于各行相加；比率为分子分母分别汇总后重新计算。']);

  const r = sheet(
    wb,
    '风险清单',
    `${title} 风险清单`,
    ['类型', '托管班', '托管班编号', '单位', '情况'],
    [16, 28, 12, 28, 40],
  );
  for (const x of v.risks) r.addRow([RISK_WORDS[x.kind], x.className, x.classId, x.unitName, x.detail]);
  if (v.risks.length === 0) r.addRow(['无']);

  const h = sheet(
    wb,
    '合规热力',
    `${title} 规则不合规占比（不合规班 / 已批准班）`,
    ['组织', '已批准班', ...v.heatmap.rules.map(ruleTitleZh)],
    [28, 10, ...v.heatmap.rules.map(() => 14)],
  );
  for (const row of v.heatmap.rows)
    h.addRow([
      row.name,
      row.classes,
      ...row.failing.map((n) => (row.classes ? `${n}（${Math.round((n / row.classes) * 1000) / 10}%）` : '—')),
    ]);
  if (v.heatmap.rules.length === 0) h.addRow(['截至统计日无不合规规则']);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
