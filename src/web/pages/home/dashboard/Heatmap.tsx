/** Compliance heatmap: rule × row, the share of the row's approved classes failing the rule (0 % white, 100 % red). */
import { Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ruleTitle } from '../../../app/careLabels';
import type { Dashboard } from './api';
import { EChart, type EChartOption } from './EChart';

export function Heatmap({ heatmap }: { heatmap: Dashboard['heatmap'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const rows = heatmap.rows;
  const option = useMemo<EChartOption>(() => {
    const data: [number, number, number | '-'][] = [];
    rows.forEach((r, y) => {
      heatmap.rules.forEach((_, x) => {
        const n = r.failing[x] ?? 0;
        data.push([x, y, r.classes ? Math.round((n / r.classes) * 1000) / 10 : '-']);
      });
    });
    return {
      tooltip: {
        textStyle: { fontSize: 15 },
        formatter: (p: unknown) => {
          const [x, y, v] = (p as { value: [number, number, number | '-'] }).value;
          const row = rows[y];
          const rule = heatmap.rules[x] ?? '';
          if (!row) return '';
          const line = t('dashboard.heatmap.tooltip', {
            rule: ruleTitle(rule, lang),
            failing: row.failing[x] ?? 0,
            classes: row.classes,
          });
          return `${row.name}<br/>${line}${v === '-' ? '' : t('dashboard.heatmap.tooltipShare', { share: v })}`;
        },
      },
      grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
      xAxis: {
        type: 'category' as const,
        data: heatmap.rules.map((r) => ruleTitle(r, lang)),
        axisLabel: { fontSize: 14, interval: 0, rotate: heatmap.rules.length > 4 ? 30 : 0 },
        splitArea: { show: true },
      },
      yAxis: {
        type: 'category' as const,
        data: rows.map((r) => r.name),
        inverse: true,
        axisLabel: { fontSize: 14, width: 120, overflow: 'truncate' as const },
        splitArea: { show: true },
      },
      visualMap: {
        min: 0,
        max: 100,
        calculable: false,
        orient: 'horizontal' as const,
        left: 'center',
        bottom: 0,
        text: ['100%', '0%'],
        textStyle: { fontSize: 13 },
        inRange: { color: ['#fff7e6', '#ff7a45', '#a8071a'] },
      },
      series: [
        {
          type: 'heatmap' as const,
          data,
          label: {
            show: true,
            fontSize: 14,
            formatter: (p: unknown) => {
              const v = (p as { value: [number, number, number | '-'] }).value[2];
              return v === '-' ? '—' : `${v}%`;
            },
          },
          emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } },
        },
      ],
    };
  }, [heatmap, rows, t, lang]);
  if (heatmap.rules.length === 0 || rows.length === 0) return <Empty description={t('dashboard.heatmap.none')} />;
  return <EChart option={option} style={{ height: Math.max(240, 56 * rows.length + 120) }} />;
}
