/** The three targets (P-T1…P-T3): actual against the campaign's target, a progress bar and the forecast. */
import { Card, Col, Progress, Row, Statistic, Typography } from 'antd';
import type { Dashboard } from './api';

const UNIT: Record<string, string> = { units: '家', families: '户', demonstrationClasses: '个' };
const FORECAST_HOW: Record<string, string> = {
  units: '含已批准、报名中托管班的单位',
  families: '已服务家庭 + 报名中托管班的空余名额',
  demonstrationClasses: '',
};

const share = (n: number, d: number) => (d > 0 ? Math.min(100, Math.round((n / d) * 1000) / 10) : 0);

export function TargetCards({ targets, scoped }: { targets: Dashboard['targets']; scoped: boolean }) {
  return (
    <Row gutter={[16, 16]}>
      {targets.map((t) => {
        const done = share(t.actual, t.target);
        const forecast = share(t.forecast, t.target);
        return (
          <Col key={t.key} xs={24} md={8}>
            <Card className="dashboard-card dashboard-target">
              <Statistic
                title={<span style={{ fontSize: 18 }}>{t.label}</span>}
                value={t.actual}
                suffix={
                  <span style={{ fontSize: 18 }}>
                    {UNIT[t.key]} / 目标 {t.target}
                    {UNIT[t.key]}
                    {scoped ? '（全市）' : ''}
                  </span>
                }
                valueStyle={{ fontSize: 40, fontWeight: 600, color: done >= 100 ? '#389e0d' : '#d4380d' }}
              />
              <Progress
                percent={forecast}
                success={{ percent: done, strokeColor: '#d4380d' }}
                strokeColor="#ffbb96"
                format={() => `${done}%`}
                aria-label={`${t.label}完成 ${done}%`}
              />
              <Typography.Text style={{ fontSize: 15 }}>
                预计 <strong>{t.forecast}</strong>
                {UNIT[t.key]}（{forecast}%）
                {FORECAST_HOW[t.key] ? (
                  <Typography.Text type="secondary">：{FORECAST_HOW[t.key]}</Typography.Text>
                ) : null}
              </Typography.Text>
              {t.note && (
                <div>
                  <Typography.Text type="secondary">{t.note}</Typography.Text>
                </div>
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
