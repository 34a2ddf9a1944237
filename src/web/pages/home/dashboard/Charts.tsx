/** Bar charts of the rows: classes by status (stacked) and families served with children enrolled. Labels in the user's language, large type for a projector. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  const option = useMemo<EChartOption>(
    () => ({
      ...base(rows),
      color: ['#ffa940', '#d4380d', '#8c8c8c', '#d9d9d9'],
      series: (
        [
          [t('dashboard.col.enrolling'), (r: DashboardRow) => r.classes.enrolling],
          [t('dashboard.col.running'), (r: DashboardRow) => r.classes.running],
          [t('dashboard.col.finished'), (r: DashboardRow) => r.classes.finished],
          [t('dashboard.col.other'), (r: DashboardRow) => r.classes.other],
        ] as const
      ).map(([name, f]) => ({ name, type: 'bar' as const, stack: 'classes', barMaxWidth: 48, data: rows.map(f) })),
    }),
    [rows, t],
  );
  return <EChart option={option} />;
}

export function FamiliesChart({ rows }: { rows: DashboardRow[] }) {
  const { t } = useTranslation();
  const option = useMemo<EChartOption>(
    () => ({
      ...base(rows),
      color: ['#d4380d', '#ffbb96'],
      series: [
        {
          name: t('dashboard.col.families'),
          type: 'bar' as const,
          barMaxWidth: 36,
          label: { show: rows.length <= 8, position: 'top' as const, fontSize: 14 },
          data: rows.map((r) => r.families),
        },
        {
          name: t('dashboard.col.children'),
          type: 'bar' as const,
          barMaxWidth: 36,
          label: { show: rows.length <= 8, position: 'top' as const, fontSize: 14 },
          data: rows.map((r) => r.children),
        },
      ],
    }),
    [rows, t],
  );
  return <EChart option={option} />;
}
