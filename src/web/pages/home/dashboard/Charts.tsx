/** Bar charts of the rows: classes by status (stacked) and families served with children enrolled. Chinese labels, large type for a projector. */
import { useMemo } from 'react';
import type { DashboardRow } from './api';
import { EChart, type EChartOption } from './EChart';

const TEXT = { fontSize: 15, color: '#262626' };
const base = (rows: DashboardRow[]) => ({
  tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const }, textStyle: { fontSize: 15 } },
  legend: { top: 0, textStyle: TEXT },
  grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
  xAxis: {
    type: 'category' as const,
    data: rows.map((r) => r.name),
    axisLabel: { ...TEXT, interval: 0, rotate: rows.length > 6 ? 30 : 0, width: 110, overflow: 'truncate' as const },
  },
  yAxis: { type: 'value' as const, minInterval: 1, axisLabel: TEXT },
});

export function ClassesChart({ rows }: { rows: DashboardRow[] }) {
  const option = useMemo<EChartOption>(
    () => ({
      ...base(rows),
      color: ['#ffa940', '#d4380d', '#8c8c8c', '#d9d9d9'],
      series: (
        [
          ['报名中', (r: DashboardRow) => r.classes.enrolling],
          ['运行中', (r: DashboardRow) => r.classes.running],
          ['已结束', (r: DashboardRow) => r.classes.finished],
          ['其他', (r: DashboardRow) => r.classes.other],
        ] as const
      ).map(([name, f]) => ({ name, type: 'bar' as const, stack: 'classes', barMaxWidth: 48, data: rows.map(f) })),
    }),
    [rows],
  );
  return <EChart option={option} />;
}

export function FamiliesChart({ rows }: { rows: DashboardRow[] }) {
  const option = useMemo<EChartOption>(
    () => ({
      ...base(rows),
      color: ['#d4380d', '#ffbb96'],
      series: [
        {
          name: '服务家庭',
          type: 'bar' as const,
          barMaxWidth: 36,
          label: { show: rows.length <= 8, position: 'top' as const, fontSize: 14 },
          data: rows.map((r) => r.families),
        },
        {
          name: '在托儿童',
          type: 'bar' as const,
          barMaxWidth: 36,
          label: { show: rows.length <= 8, position: 'top' as const, fontSize: 14 },
          data: rows.map((r) => r.children),
        },
      ],
    }),
    [rows],
  );
  return <EChart option={option} />;
}
