/** The three targets (P-T1…P-T3): actual against the campaign's target, a progress bar and the forecast. */
import { Card, Col, Progress, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from './api';

const share = (n: number, d: number) => (d > 0 ? Math.min(100, Math.round((n / d) * 1000) / 10) : 0);

export function TargetCards({ targets, scoped }: { targets: Dashboard['targets']; scoped: boolean }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      {targets.map((x) => {
        const done = share(x.actual, x.target);
        const forecast = share(x.forecast, x.target);
        // The server sends Chinese labels and notes; they are worded here by the target's key in the user's language.
        const label = t(`dashboard.target.label.${x.key}`);
        const unit = t(`dashboard.target.unit.${x.key}`);
        const how = t(`dashboard.target.how.${x.key}`);
        const note =
          x.note && x.key === 'demonstrationClasses' ? t('dashboard.target.note.demonstrationClasses') : x.note;
        return (
          <Col key={x.key} xs={24} md={8}>
            <Card className="dashboard-card dashboard-target">
              <Statistic
                title={<span style={{ fontSize: 18 }}>{label}</span>}
                value={x.actual}
                suffix={
                  <span style={{ fontSize: 18 }}>
                    {t('dashboard.target.of', { unit, target: x.target })}
                    {scoped ? t('dashboard.target.cityWide') : ''}
                  </span>
                }
                valueStyle={{ fontSize: 40, fontWeight: 600, color: done >= 100 ? '#389e0d' : '#d4380d' }}
              />
              <Progress
                percent={forecast}
                success={{ percent: done, strokeColor: '#d4380d' }}
                strokeColor="#ffbb96"
                format={() => `${done}%`}
                aria-label={t('dashboard.target.done', { label, share: done })}
              />
              <Typography.Text style={{ fontSize: 15 }}>
                {t('dashboard.target.forecast')} <strong>{x.forecast}</strong>
                {t('dashboard.target.forecastShare', { unit, share: forecast })}
                {how ? <Typography.Text type="secondary">{how}</Typography.Text> : null}
              </Typography.Text>
              {note && (
                <div>
                  <Typography.Text type="secondary">{note}</Typography.Text>
                </div>
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
