/**
 * 排名 (city): the submitted applications ranked by the rubric — total, the reviewers' part with how it was
 * aggregated (mean, or trimmed mean from five reviewers), the disagreement flag — with the tie rules spelled out.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { fetchRanking, type RankingItem, rankingKey } from './api';
import { useSelectionCampaign } from './useCampaign';

export default function RankingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { campaign } = useSelectionCampaign();
  const id = campaign?.id ?? 0;
  const q = useQuery({ queryKey: rankingKey(id), queryFn: () => fetchRanking(id), enabled: id > 0, retry: false });
  return (
    <PageContainer title={t('selection.ranking')} subTitle={campaign?.name} onBack={() => navigate('/selection')}>
      <Card size="small">
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('selection.tieRule')} />
        {q.error && <Alert type="error" message={(q.error as Error).message} />}
        <Table<RankingItem>
          size="small"
          rowKey="applicationId"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('selection.noApplications')} /> }}
          pagination={false}
          columns={[
            { title: t('selection.rank'), dataIndex: 'rank', width: 60 },
            { title: t('selection.className'), dataIndex: 'className' },
            { title: t('selection.unitName'), dataIndex: 'unitName' },
            { title: t('selection.districtName'), dataIndex: 'districtName' },
            { title: t('selection.total'), render: (_, r) => r.score ?? '—' },
            {
              title: t('selection.reviewers'),
              render: (_, r) => {
                const methods = new Set(r.criteria.flatMap((c) => (c.aggregate ? [c.aggregate.method] : [])));
                return (
                  <Tooltip title={methods.has('trimmed_mean') ? t('selection.trimmedMean') : t('selection.mean')}>
                    {r.reviewerPart ?? '—'}（{r.reviewers}）
                  </Tooltip>
                );
              },
            },
            {
              title: t('selection.recommended'),
              render: (_, r) => (r.recommended ? <Tag color="green">{t('selection.statuses.recommended')}</Tag> : '—'),
            },
            {
              title: t('selection.flagLabel'),
              render: (_, r) => (r.flagged ? <Tag color="red">{t('selection.flagged')}</Tag> : null),
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
