/** The class list as an .xlsx sheet (the city's overview), with the same columns and order as the screen. */
import ExcelJS from 'exceljs';
import { STATUS_LABELS } from '../../../domain/classes/lifecycle.js';
import type { ClassSummary } from './classes.schema.js';

const MODE = { standalone: '单独开办', joint: '联合开办', partner: '依托学校/机构' } as const;
const MANAGEMENT = { union: '工会人员', volunteers: '志愿者', purchased: '购买服务' } as const;

export const EXPORT_COLUMNS = [
  '托管班名称',
  '开办单位',
  '所属工会',
  '建设模式',
  '管理方式',
  '开始日期',
  '结束日期',
  '容量',
  '状态',
  '未通过规则',
];

export function exportRow(c: ClassSummary): (string | number)[] {
  return [
    c.name,
    c.orgName,
    c.districtName ?? '',
    MODE[c.mode],
    MANAGEMENT[c.management],
    c.startDate ?? '',
    c.endDate ?? '',
    c.capacity ?? '',
    STATUS_LABELS[c.status].zh,
    c.failingRules.join('、'),
  ];
}

export async function classesWorkbook(items: ClassSummary[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('托管班');
  ws.addRow(EXPORT_COLUMNS).font = { bold: true };
  for (const c of items) ws.addRow(exportRow(c));
  ws.columns.forEach((col, i) => {
    col.width = [28, 24, 16, 14, 10, 12, 12, 8, 10, 40][i] ?? 12;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
