/**
 * The class page's 满意度 tab (#16): per round (end of class, and mid-point when asked) the surveys sent, the
 * answers and the response rate; from 5 answers on the indices, the distribution and the parents' remarks without
 * names — below that the notice 答卷不足5份，暂不显示. Nothing here says who answered what: the server sends
 * aggregates only. The owning unit's administrators switch the mid-point survey on or off until the class closes.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Col, Empty, List, Progress, Row, Space, Statistic, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiErrorResult } from '../../../app/components/ApiErrorResult';
import { fetchClassSatisfaction, type RoundResult, satisfactionKey, setMidPoint } from '../api';

const ITEMS = ['safety', 'care', 'activities', 'meals', 'communication'] as const;
const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));

function Round({ r }: { r: RoundResult }) {
  const { t } = useTranslation();
  return (
    <Card title={t(`satisfaction.${r.round}`)} size="small" data-testid={`satisfaction-${r.round}`}>
      <Row gutter={16}>
        <Col xs={8}>
          <Statistic title={t('satisfaction.invited')} value={r.invited} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('satisfaction.answers')} value={r.answers} />
        </Col>
        <Col xs={8}>
          <Statistic
            title={t('satisfaction.responseRate')}
            value={r.responseRate ?? '—'}
            suffix={r.responseRate === null ? undefined : '%'}
          />
        </Col>
      </Row>
      {r.invited === 0 ? (
        <Alert style={{ marginTop: 16 }} type="info" showIcon message={t('satisfaction.notSent')} />
      ) : !r.shown || !r.indices ? (
        <Alert
          style={{ marginTop: 16 }}
          type="warning"
          showIcon
          message={t('satisfaction.tooFew')}
          data-testid="satisfaction-too-few"
        />
      ) : (
        <>
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col xs={12}>
              <Statistic
                title={t('satisfaction.parents')}
                value={fmt(r.indices.parents)}
                data-testid="satisfaction-parents"
              />
            </Col>
            <Col xs={12}>
              <Statistic title={t('satisfaction.happy')} value={fmt(r.indices.happy)} />
            </Col>
          </Row>
          <Typography.Text type="secondary">{t('satisfaction.scaleNote')}</Typography.Text>
          <Row gutter={24} style={{ marginTop: 16 }}>
            <Col xs={24} md={12}>
              <Typography.Title level={5}>{t('satisfaction.items')}</Typography.Title>
              {ITEMS.map((k) => (
                <div key={k}>
                  {t(`satisfaction.item.${k}`)}
                  <Progress
                    percent={r.indices?.items[k] ?? 0}
                    format={() => fmt(r.indices?.items[k])}
                    status="normal"
                  />
                </div>
              ))}
            </Col>
            <Col xs={24} md={12}>
              <Typography.Title level={5}>{t('satisfaction.distribution')}</Typography.Title>
              {(r.overallDistribution ?? [])
                .map((n, i) => ({ score: i + 1, n }))
                .map(({ score, n }) => (
                  <div key={score}>
                    {t('satisfaction.score', { n: score })}
                    <Progress percent={r.answers ? Math.round((n / r.answers) * 100) : 0} format={() => n} />
                  </div>
                ))}
              {r.happyDistribution ? (
                <Typography.Paragraph style={{ marginTop: 8 }}>
                  {t('satisfaction.happyDist')}：{t('satisfaction.happyYes')} {r.happyDistribution.happy} ·{' '}
                  {t('satisfaction.happySoso')} {r.happyDistribution.soso} · {t('satisfaction.happyNo')}{' '}
                  {r.happyDistribution.unhappy}
                </Typography.Paragraph>
              ) : null}
            </Col>
          </Row>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('satisfaction.remarks')}
          </Typography.Title>
          {r.remarks?.length ? (
            <List size="small" bordered dataSource={r.remarks} renderItem={(x) => <List.Item>{x}</List.Item>} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('satisfaction.noRemarks')} />
          )}
        </>
      )}
    </Card>
  );
}

export function SatisfactionTab({ classId }: { classId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: satisfactionKey(classId), queryFn: () => fetchClassSatisfaction(classId) });
  if (q.error) return <ApiErrorResult error={q.error} />;
  const d = q.data;
  const toggle = async (on: boolean) => {
    await setMidPoint(classId, on);
    void message.success(t('satisfaction.saved'));
    void qc.invalidateQueries({ queryKey: satisfactionKey(classId) });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {d?.abilities.configure ? (
        <Space>
          <Switch checked={d.midPoint} onChange={(v) => void toggle(v)} data-testid="satisfaction-midpoint" />
          <span>{t('satisfaction.midPoint')}</span>
          <Typography.Text type="secondary">{t('satisfaction.midPointHint')}</Typography.Text>
        </Space>
      ) : null}
      {(d?.rounds ?? []).map((r) => (
        <Round key={r.round} r={r} />
      ))}
    </Space>
  );
}
