/**
 * Demand by week next to planned places: one bar per campaign week (children needing it), with the planned
 * places drawn as a line across, so a week short of places stands out in red. Plain elements, no chart library.
 */
import { Empty, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Results } from '../api';

export function WeekDemand({
  weeks,
  byWeek,
  planned,
}: {
  weeks: Results['weeks'];
  byWeek: Record<string, number>;
  planned: number;
}) {
  const { t } = useTranslation();
  const values = weeks.map((w) => byWeek[w.monday] ?? 0);
  const top = Math.max(1, planned, ...values);
  if (weeks.length === 0) return <Empty description={t('surveys.noWeeks')} />;
  const H = 180;
  const md = (iso: string) => `${Number(iso.slice(5, 7))}/${Number(iso.slice(8, 10))}`;
  return (
    <div data-testid="week-demand">
      <div
        style={{ position: 'relative', height: H + 8, display: 'flex', alignItems: 'flex-end', gap: 6, paddingTop: 8 }}
      >
        {planned > 0 ? (
          <div
            style={{
              position: 'absolute',
              left: 0,
              right: 0,
              bottom: (planned / top) * H,
              borderTop: '2px dashed #1677ff',
              zIndex: 1,
            }}
          >
            <Typography.Text
              style={{
                position: 'absolute',
                left: 0,
                top: -20,
                fontSize: 12,
                color: '#1677ff',
                background: '#fff',
                padding: '0 4px',
              }}
            >
              {t('surveys.plannedPlaces')} {planned}
            </Typography.Text>
          </div>
        ) : null}
        {weeks.map((w, i) => {
          const v = values[i] ?? 0;
          const short = v > planned;
          return (
            <Tooltip key={w.monday} title={`${md(w.from)}–${md(w.to)}：${t('surveys.childrenCount', { count: v })}`}>
              <div style={{ flex: 1, minWidth: 18, display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
                <span style={{ fontSize: 12, color: '#595959' }}>{v}</span>
                <div
                  style={{
                    width: '100%',
                    maxWidth: 48,
                    height: Math.max(2, (v / top) * H),
                    background: v === 0 ? '#d9d9d9' : short ? '#ff7875' : '#95de64',
                    borderRadius: '3px 3px 0 0',
                  }}
                />
              </div>
            </Tooltip>
          );
        })}
      </div>
      <div style={{ display: 'flex', gap: 6, borderTop: '1px solid #d9d9d9', paddingTop: 4 }}>
        {weeks.map((w, i) => (
          <div key={w.monday} style={{ flex: 1, minWidth: 18, textAlign: 'center', fontSize: 12, color: '#8c8c8c' }}>
            {weeks.length <= 12 ? (
              <>
                {t('surveys.weekShort', { n: i + 1 })}
                <br />
              </>
            ) : null}
            {md(w.from)}
          </div>
        ))}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {t('surveys.weekLegend')}
      </Typography.Paragraph>
    </div>
  );
}
