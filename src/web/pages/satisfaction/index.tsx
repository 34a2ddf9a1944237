/**
 * 家长满意度 (#16): the city's and districts' table of indices — one row per district or union (a district: per
 * unit; a unit: per class) with the surveys sent, answers, response rate, 家长满意度, 孩子开心指数 and each item.
 * Indices are the read layer's (docs/FIGURES.md, "Satisfaction"); fewer than 5 answers show 答卷不足5份，暂不显示.
 * Never who answered what.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Empty, Select, Space, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { campaignsKey, listCampaigns } from '../campaigns/api';
import { fetchIndices, type IndexRow, indicesKey } from './api';

const ITEMS = ['safety', 'care', 'activities', 'meals', 'communication'] as const;

export default function SatisfactionPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: listCampaigns });
  const list = campaigns.data ?? [];
  const chosen = Number(params.get('campaign')) || undefined;
  const campaign =
    list.find((c) => c.id === chosen) ??
    list.find((c) => c.status === 'active') ??
    list.find((c) => c.status !== 'draft') ??
    list[0];
  const campaignId = campaign?.id ?? 0;
  const orgId = Number(params.get('org')) || undefined;
  const q = useQuery({
    queryKey: indicesKey({ campaignId, orgId }),
    queryFn: () => fetchIndices({ campaignId, orgId }),
    enabled: campaignId > 0,
  });
  const href = (id: number) => {
    const next = new URLSearchParams(params);
    next.set('org', String(id));
    return `?${next.toString()}`;
  };
  const index = (answers: number, v: number | null) =>
    v !== null ? (
      v.toFixed(1)
    ) : answers > 0 ? (
      <Tooltip title={t('satisfaction.tooFew')}>
        <span className="muted">{t('satisfaction.tooFew')}</span>
      </Tooltip>
    ) : (
      '—'
    );
  const d = q.data;
  const columns: ColumnsType<IndexRow> = [
    {
      key: 'name',
      title: d?.orgKind === 'unit' ? t('satisfaction.class') : t('satisfaction.org'),
      fixed: 'left',
      width: 180,
      render: (_, r) =>
        r.kind === 'class' ? (
          <Link to={`/classes/${r.id}?tab=satisfaction`}>{r.name}</Link>
        ) : r.id === d?.orgId ? (
          <strong>{r.name}</strong>
        ) : (
          <Link to={href(r.id)}>{r.name}</Link>
        ),
    },
    { key: 'invited', title: t('satisfaction.invited'), dataIndex: 'invited', align: 'right' },
    { key: 'answers', title: t('satisfaction.answers'), dataIndex: 'answers', align: 'right' },
    {
      key: 'rate',
      title: t('satisfaction.responseRate'),
      align: 'right',
      render: (_, r) => (r.responseRate === null ? '—' : `${r.responseRate}%`),
    },
    {
      key: 'parents',
      title: t('satisfaction.parents'),
      align: 'right',
      render: (_, r) => index(r.answers, r.parents),
    },
    { key: 'happy', title: t('satisfaction.happy'), align: 'right', render: (_, r) => index(r.answers, r.happy) },
    ...ITEMS.map((k) => ({
      key: k,
      title: t(`satisfaction.item.${k}`),
      align: 'right' as const,
      render: (_: unknown, r: IndexRow) =>
        r.items[k] === null || r.items[k] === undefined ? '—' : r.items[k]?.toFixed(1),
    })),
  ];
  return (
    <PageContainer title={t('satisfaction.title')} subTitle={t('satisfaction.subtitle')}>
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <span>{t('satisfaction.campaign')}</span>
            <Select
              style={{ minWidth: 260 }}
              value={campaignId || undefined}
              options={list.map((c) => ({ value: c.id, label: c.name }))}
              onChange={(v) => setParams({ campaign: String(v) })}
            />
            {orgId ? (
              <Breadcrumb items={[{ title: <Link to={`?campaign=${campaignId}`}>{t('satisfaction.total')}</Link> }]} />
            ) : null}
          </Space>
          {q.error ? (
            <ApiErrorResult error={q.error} />
          ) : d && d.total.invited === 0 ? (
            <Empty description={t('satisfaction.noData')} />
          ) : (
            <Table<IndexRow>
              rowKey={(r) => `${r.kind}-${r.id}`}
              loading={q.isPending && campaignId > 0}
              columns={columns}
              dataSource={d ? [...d.rows, d.total] : []}
              pagination={false}
              scroll={{ x: 1100 }}
              size="small"
              data-testid="satisfaction-indices"
            />
          )}
          <span className="muted">{t('satisfaction.scaleNote')}</span>
        </Space>
      </Card>
    </PageContainer>
  );
}
