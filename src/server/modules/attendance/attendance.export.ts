/**
 * The child × day grid as the sheet a district prints and stamps: a title with the class and its unit, one row
 * per child, one column per class day (✓ present, 病 sick, 事 personal leave, 缺 absent without notice; blank for
 * days still to come), each child's present days, a totals row per day, the rate, and room for the stamp.
 */
import ExcelJS from 'exceljs';

export const MARKS = { present: '✓', left: '✓', sick: '病', absent: '事', missing: '缺' } as const;

export interface GridForExport {
  className: string;
  unitName: string;
  from: string;
  to: string;
  today: string;
  days: string[];
  children: { name: string; cells: Record<string, { status: string }> }[];
  rate: number | null;
  presentChildDays: number;
  scheduledChildDays: number;
  rateAsOf: string;
}

export function markOf(status: string, day: string, today: string): string {
  if (status === 'present' || status === 'left') return MARKS.present;
  if (status === 'sick') return MARKS.sick;
  if (status === 'absent') return MARKS.absent;
  return day <= today ? MARKS.missing : '';
}

export async function attendanceWorkbook(g: GridForExport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('出勤表');
  const width = 3 + g.days.length + 1;
  const title = ws.addRow([`${g.unitName} ${g.className} 出勤登记表（${g.from} 至 ${g.to}）`]);
  title.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, width);
  ws.addRow(['图例：✓ 出勤  病 病假  事 事假  缺 缺勤']);
  ws.mergeCells(2, 1, 2, width);
  const header = ws.addRow(['序号', '姓名', ...g.days.map((d) => d.slice(5)), '出勤天数']);
  header.font = { bold: true };
  const totals = g.days.map(() => 0);
  g.children.forEach((c, i) => {
    let n = 0;
    const marks = g.days.map((d, j) => {
      const m = markOf(c.cells[d]?.status ?? 'expected', d, g.today);
      if (m === MARKS.present) {
        n++;
        totals[j] = (totals[j] ?? 0) + 1;
      }
      return m;
    });
    ws.addRow([i + 1, c.name, ...marks, n]);
  });
  const sum = ws.addRow(['', '合计（出勤人数）', ...totals, totals.reduce((a, b) => a + b, 0)]);
  sum.font = { bold: true };
  ws.addRow([]);
  ws.addRow([
    '',
    `出勤率（截至 ${g.rateAsOf}）`,
    g.rate === null
      ? '暂无'
      : `${(Math.floor(g.rate * 1000) / 10).toFixed(1)}%（${g.presentChildDays}/${g.scheduledChildDays} 人次）`,
  ]);
  ws.addRow([]);
  ws.addRow(['', '填报单位（盖章）：', '', '', '', '负责人签字：', '', '', '日期：']);
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 16;
  for (let i = 0; i < g.days.length; i++) ws.getColumn(3 + i).width = 6;
  ws.getColumn(3 + g.days.length).width = 10;
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 3 }];
  ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
