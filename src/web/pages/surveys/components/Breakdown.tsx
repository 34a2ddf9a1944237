/** The answers' shares (grades, lunch, hours, distance, a share of the cost) as labelled progress bars. */
import { Card, Col, Progress, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Results } from '../api';

type Tally = Results['total'];

function Bars({ title, entries, of }: { title: string; entries: [string, number][]; of: number }) {
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      {entries.map(([label, n]) => (
        <div key={label} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <Typography.Text style={{ width: 92, flex: 'none', fontSize: 13 }} ellipsis>
            {label}
          </Typography.Text>
          <Progress
            percent={of > 0 ? Math.round((n / of) * 100) : 0}
            format={() => String(n)}
            size="small"
            style={{ margin: 0, flex: 1 }}
          />
        </div>
      ))}
    </Card>
  );
}

export function Breakdown({ tally, survey }: { tally: Tally; survey: Results['survey'] }) {
  const { t } = useTranslation();
  const keyed = (group: string, rec: Record<string, number>) =>
    Object.entries(rec).map(([k, n]) => [t(`surveys.${group}.${k}`), n] as [string, number]);
  const grades = Object.entries(tally.byGrade).map(
    ([g, n]) => [g === 'K' ? t('surveys.kindergarten') : t('surveys.gradeN', { n: g }), n] as [string, number],
  );
  const r = tally.respondents;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={12} xl={8}>
        <Bars title={t('surveys.byGrade', { count: tally.children })} entries={grades} of={tally.children} />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Bars
          title={t('surveys.meals')}
          entries={[
            [t('surveys.lunchYes'), tally.lunch],
            [t('surveys.lunchNo'), r - tally.lunch],
          ]}
          of={r}
        />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Bars title={t('surveys.payShareTitle')} entries={keyed('pay', tally.payShare)} of={r} />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Bars title={t('surveys.startTitle')} entries={keyed('start', tally.start)} of={r} />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Bars title={t('surveys.endTitle')} entries={keyed('end', tally.end)} of={r} />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Bars title={t('surveys.distanceTitle')} entries={keyed('distance', tally.distance)} of={r} />
      </Col>
      {survey.questions.map((q) => {
        const e = tally.extra[q.id];
        if (!e) return null;
        return (
          <Col xs={24} md={12} xl={8} key={q.id}>
            {q.kind === 'choice' ? (
              <Bars title={q.label} entries={Object.entries(e.counts)} of={e.answered} />
            ) : (
              <Card size="small" title={q.label} style={{ height: '100%' }}>
                <Typography.Text>
                  {t('surveys.answered', { count: e.answered })}
                  {q.kind === 'number' && e.answered > 0
                    ? ` · ${t('surveys.average', { value: (e.sum / e.answered).toFixed(1) })}`
                    : ''}
                </Typography.Text>
              </Card>
            )}
          </Col>
        );
      })}
    </Row>
  );
}
