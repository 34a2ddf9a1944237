/**
 * 公示与命名: the city's notices of a campaign (phase, objections waiting, classes named), publishing a new one
 * (prefilled from the review ranking when it answers), and the named classes with their certificates. A unit's
 * administrators see their own named classes and download the certificate.
 */
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { TableEmpty } from '../../app/components/useTableRequest';
import {
  certificateUrl,
  listCampaignOptions,
  listNamings,
  listNotices,
  type Naming,
  namingsKey,
  type NoticeSummary,
  noticesKey,
} from './api';
import { PublishModal } from './PublishModal';

export function PhaseTag({ phase }: { phase: NoticeSummary['phase'] }) {
  const { t } = useTranslation();
  const color = phase === 'open' ? 'red' : phase === 'closed' ? 'green' : 'default';
  return <Tag color={color}>{t(`naming.phase.${phase}`)}</Tag>;
}

export function NamingTable({
  items,
  loading,
  error,
  onRevoke,
}: {
  items: Naming[];
  loading?: boolean;
  error?: unknown;
  onRevoke?: (id: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table<Naming>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <TableEmpty error={error} text={t('naming.noNamings')} /> }}
      columns={[
        { title: t('naming.className'), dataIndex: 'className' },
        { title: t('naming.unitName'), dataIndex: 'unitName' },
        { title: t('naming.district'), dataIndex: 'districtName' },
        {
          title: t('naming.decisionNo'),
          dataIndex: 'decisionNo',
          render: (_, x) => (
            <span>
              {x.decisionNo} · {x.decisionDate}
            </span>
          ),
        },
        {
          title: '',
          key: 'actions',
          render: (_, x) =>
            x.revocation ? (
              <Tag color="default">
                {t('naming.revoked')} {x.revocation.revokedOn}
              </Tag>
            ) : (
              <Space>
                {x.abilities.certificate && <a href={certificateUrl(x.id)}>{t('naming.certificate')}</a>}
                <a href={x.verifyPath} target="_blank" rel="noreferrer">
                  {t('naming.verify')}
                </a>
                {onRevoke && x.abilities.revoke && (
                  <Button type="link" danger size="small" style={{ padding: 0 }} onClick={() => onRevoke(x.id)}>
                    {t('naming.revoke')}
                  </Button>
                )}
              </Space>
            ),
        },
      ]}
    />
  );
}

export default function NamingPage() {
  const { t } = useTranslation();
  const campaigns = useQuery({ queryKey: ['naming', 'campaigns'], queryFn: listCampaignOptions });
  const [campaignId, setCampaignId] = useState<number | undefined>();
  const [publishing, setPublishing] = useState(false);
  useEffect(() => {
    if (campaignId === undefined && campaigns.data?.[0]) setCampaignId(campaigns.data[0].id);
  }, [campaignId, campaigns.data]);
  const notices = useQuery({
    queryKey: noticesKey(campaignId),
    queryFn: () => listNotices(campaignId),
    enabled: campaignId !== undefined,
  });
  const namings = useQuery({
    queryKey: namingsKey(campaignId),
    queryFn: () => listNamings(campaignId),
    enabled: campaignId !== undefined,
  });

  return (
    <PageContainer
      title={t('naming.menu')}
      subTitle={t('naming.subtitle')}
      extra={
        <Select
          style={{ minWidth: 200 }}
          aria-label={t('naming.campaign')}
          value={campaignId}
          onChange={setCampaignId}
          options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card
          title={t('naming.notices')}
          extra={
            notices.data?.abilities.publish && campaignId !== undefined ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setPublishing(true)}>
                {t('naming.publish')}
              </Button>
            ) : null
          }
        >
          {notices.data && notices.data.items.length === 0 ? (
            <Empty description={t('naming.noNotices')} />
          ) : (
            <Table<NoticeSummary>
              rowKey="id"
              size="small"
              loading={notices.isLoading}
              dataSource={notices.data?.items ?? []}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <TableEmpty error={notices.error} text={t('naming.noNotices')} /> }}
              columns={[
                {
                  title: t('naming.title'),
                  dataIndex: 'title',
                  render: (_, n) => <Link to={`/naming/${n.id}`}>{n.title}</Link>,
                },
                {
                  title: t('naming.period'),
                  key: 'period',
                  render: (_, n) => (
                    <span style={{ whiteSpace: 'nowrap' }}>
                      {n.startsOn} ~ {n.endsOn} <Typography.Text type="secondary">({n.workdays})</Typography.Text>
                    </span>
                  ),
                },
                { title: '', dataIndex: 'phase', render: (_, n) => <PhaseTag phase={n.phase} /> },
                { title: t('naming.entries'), dataIndex: 'entries', align: 'right' },
                {
                  title: t('naming.objections'),
                  dataIndex: 'objections',
                  align: 'right',
                  render: (_, n) =>
                    n.unanswered > 0 ? (
                      <Tag color="orange">
                        {n.objections} · {t('naming.unanswered')} {n.unanswered}
                      </Tag>
                    ) : (
                      n.objections
                    ),
                },
                { title: t('naming.named'), dataIndex: 'named', align: 'right' },
                {
                  title: t('naming.publicPage'),
                  dataIndex: 'publicPath',
                  render: (_, n) => (
                    <a href={n.publicPath} target="_blank" rel="noreferrer">
                      {n.publicPath}
                    </a>
                  ),
                },
              ]}
            />
          )}
        </Card>
        <Card title={t('naming.namings')}>
          <NamingTable items={namings.data ?? []} loading={namings.isLoading} error={namings.error} />
        </Card>
      </Space>
      {publishing && campaignId !== undefined && (
        <PublishModal campaignId={campaignId} onClose={() => setPublishing(false)} />
      )}
    </PageContainer>
  );
}
