/**
 * Two submitted versions side by side: the figures (a changed value highlighted) and the narrative heading by
 * heading, where lines only the older version has are struck through in red and lines only the newer one has are
 * marked green — a simple line comparison, enough to see what a resubmission changed.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Select, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { fetchReport, type ReportVersion, reportKey } from './api';
import { figureWords, useFigureText, useReportName } from './components/states';
import { formatChina } from '../../app/chinaTime';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function DiffText({ text, other, side }: { text: string; other: string; side: 'old' | 'new' }) {
  const { t } = useTranslation();
  const theirs = new Set(lines(other));
  const mine = lines(text).map((line, n) => ({ line, key: `l${n}`, changed: !theirs.has(line) }));
  if (mine.length === 0) return <Typography.Text type="secondary">{t('reports.editor.emptySection')}</Typography.Text>;
  return (
    <div>
      {mine.map(({ line, key, changed }) => {
        const style = !changed
          ? {}
          : side === 'old'
            ? { background: '#fff1f0', textDecoration: 'line-through', color: '#a8071a' }
            : { background: '#f6ffed', color: '#135200' };
        return (
          <p
            key={key}
            style={{ margin: '0 0 6px', padding: '1px 4px', borderRadius: 3, ...style }}
            data-changed={changed}
          >
            {line}
          </p>
        );
      })}
    </div>
  );
}

function VersionHead({ v }: { v: ReportVersion }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Typography.Text strong>{t('reports.editor.version', { version: v.version })}</Typography.Text>
      <Typography.Text type="secondary">
        {formatChina(v.submittedAt, 'YYYY-MM-DD HH:mm')} {v.submittedByName ?? ''}
      </Typography.Text>
      {v.decision && (
        <Tag color={v.decision === 'accepted' ? 'green' : 'magenta'}>
          {t(`reports.versions.decisions.${v.decision}`)}
        </Tag>
      )}
    </Space>
  );
}

export default function ReportComparePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const name = useReportName();
  const text = useFigureText();
  // Unchanged figures are hidden at first: what a resubmission changed is what the reader came for.
  const [onlyChanged, setOnlyChanged] = useState(true);
  const report = useQuery({ queryKey: reportKey(id), queryFn: () => fetchReport(id) });
  if (report.error) return <ApiErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  const versions = r?.versions ?? [];
  const pick = (key: string, fallback: number) => {
    const n = Number(params.get(key));
    return versions.find((v) => v.version === n) ?? versions.at(fallback);
  };
  const a = pick('a', -2);
  const b = pick('b', -1);
  const choose = (key: 'a' | 'b', v: number) => {
    const next = new URLSearchParams(params);
    next.set(key, String(v));
    setParams(next, { replace: true });
  };
  const options = versions.map((v) => ({
    value: v.version,
    label: t('reports.editor.version', { version: v.version }),
  }));

  let body: ReactNode;
  if (!r) body = <Skeleton active />;
  else if (!a || !b || versions.length < 2) body = <Empty description={t('reports.versions.pickTwo')} />;
  else {
    const keys = [...new Set([...a.figures.map((f) => f.key), ...b.figures.map((f) => f.key)])];
    const rows = keys.map((key) => {
      const fa = a.figures.find((f) => f.key === key);
      const fb = b.figures.find((f) => f.key === key);
      const any = fb ?? fa;
      return { key, label: any ? figureWords(any).label : key, fa, fb, changed: fa?.value !== fb?.value };
    });
    const headings = [...new Set([...a.sections.map((s) => s.heading), ...b.sections.map((s) => s.heading)])];
    const textOf = (v: ReportVersion, h: string) => v.sections.find((s) => s.heading === h)?.text ?? '';
    body = (
      <Space direction="vertical" size={16} style={{ display: 'flex' }} data-testid="versions-side-by-side">
        <Card size="small" title={t('reports.editor.narrative')}>
          <Row gutter={16} style={{ marginBottom: 8 }}>
            <Col span={12}>
              <VersionHead v={a} />
            </Col>
            <Col span={12}>
              <VersionHead v={b} />
            </Col>
          </Row>
          {headings.map((h) => {
            const ta = textOf(a, h);
            const tb = textOf(b, h);
            const same = ta.trim() === tb.trim();
            return (
              <div key={h} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8, marginBottom: 8 }}>
                <Space style={{ marginBottom: 6 }}>
                  <Typography.Text strong>{h}</Typography.Text>
                  <Tag color={same ? 'default' : 'gold'}>
                    {same ? t('reports.versions.same') : t('reports.versions.changed')}
                  </Tag>
                </Space>
                <Row gutter={16}>
                  <Col span={12}>
                    <DiffText text={ta} other={tb} side="old" />
                  </Col>
                  <Col span={12}>
                    <DiffText text={tb} other={ta} side="new" />
                  </Col>
                </Row>
              </div>
            );
          })}
        </Card>
        <Card
          size="small"
          title={t('reports.editor.figures')}
          extra={
            <Space>
              <Typography.Text type="secondary">
                {t('reports.versions.changedCount', { count: rows.filter((x) => x.changed).length })}
              </Typography.Text>
              <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} />
              <Typography.Text>{t('reports.versions.onlyChanged')}</Typography.Text>
            </Space>
          }
        >
          <Table
            size="small"
            bordered
            rowKey="key"
            pagination={false}
            dataSource={onlyChanged ? rows.filter((x) => x.changed) : rows}
            locale={{ emptyText: t('reports.versions.noChangedFigures') }}
            onRow={(x) => (x.changed ? { style: { background: '#fffbe6' } } : {})}
            columns={[
              { title: t('reports.print.figure'), dataIndex: 'label' },
              {
                title: <VersionHead v={a} />,
                key: 'a',
                align: 'right',
                width: '28%',
                render: (_, x) => (x.fa ? text(x.fa) : '—'),
              },
              {
                title: <VersionHead v={b} />,
                key: 'b',
                align: 'right',
                width: '28%',
                render: (_, x) => (
                  <Space>
                    {x.changed && <Tag color="gold">{t('reports.versions.changed')}</Tag>}
                    {x.fb ? text(x.fb) : '—'}
                  </Space>
                ),
              },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reports.editor.figuresFrozen', { date: a.asOf })} /{' '}
            {t('reports.editor.figuresFrozen', { date: b.asOf })}
          </Typography.Text>
        </Card>
        {(a.comment || b.comment) && (
          <Card size="small" title={t('reports.editor.decisions')}>
            <Row gutter={16}>
              <Col span={12} style={{ whiteSpace: 'pre-wrap' }}>
                {a.comment ?? '—'}
              </Col>
              <Col span={12} style={{ whiteSpace: 'pre-wrap' }}>
                {b.comment ?? '—'}
              </Col>
            </Row>
          </Card>
        )}
      </Space>
    );
  }

  return (
    <PageContainer
      title={t('reports.versions.compareTitle')}
      subTitle={r ? `${name(r)} · ${r.orgName}` : undefined}
      onBack={() => navigate(`/reports/${id}`)}
      extra={
        versions.length >= 2 && a && b ? (
          <Space>
            <Select
              style={{ width: 120 }}
              value={a.version}
              options={options}
              onChange={(v) => choose('a', v)}
              aria-label={t('reports.versions.left')}
            />
            <Typography.Text type="secondary">↔</Typography.Text>
            <Select
              style={{ width: 120 }}
              value={b.version}
              options={options}
              onChange={(v) => choose('b', v)}
              aria-label={t('reports.versions.right')}
            />
          </Space>
        ) : undefined
      }
    >
      {body}
    </PageContainer>
  );
}
