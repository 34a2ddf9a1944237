/**
 * 项目管理: the city's campaigns (one programme run each: a year and a holiday). The city administrator creates
 * one from the 2021 template or an earlier campaign; everyone else reads them and their rules in force.
 */
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { CampaignSummary } from '../../app/api/types';
import { useCurrentUser } from '../../app/auth/session';
import { holidayLabel } from '../../app/careLabels';
import { TableEmpty } from '../../app/components/useTableRequest';
import { useNarrow } from '../../app/components/useNarrow';
import { campaignsKey, listCampaigns } from './api';
import { CampaignStatusTag } from './components/CampaignStatusTag';
import { CreateCampaignModal } from './components/CreateCampaignModal';
import { formatChina } from '../../app/chinaTime';

export default function CampaignsPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: campaignsKey, queryFn: listCampaigns });
  const items = list.data ?? [];

  const columns: ProColumns<CampaignSummary>[] = [
    {
      title: t('campaigns.name'),
      dataIndex: 'name',
      render: (_, c) => (
        <Link to={`/campaigns/${c.id}`} data-testid="campaign-link">
          {c.name}
        </Link>
      ),
    },
    { title: t('campaigns.year'), dataIndex: 'year', width: 80 },
    {
      title: t('campaigns.holidayType'),
      dataIndex: 'holidayType',
      width: 100,
      render: (_, c) => holidayLabel(c.holidayType),
    },
    {
      title: t('campaigns.season'),
      dataIndex: 'season',
      width: 210,
      render: (_, c) => `${c.season.start} ~ ${c.season.end}`,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (_, c) => <CampaignStatusTag status={c.status} />,
    },
    {
      title: t('common.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      responsive: ['lg'],
      render: (_, c) => formatChina(c.updatedAt, 'YYYY-MM-DD HH:mm'),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 200,
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/campaigns/${c.id}/rules`)}>
            {t('campaigns.rulesInForce')}
          </Button>
          {c.abilities.update && (
            <Button type="link" size="small" onClick={() => navigate(`/campaigns/${c.id}/edit`)}>
              {t('campaigns.editParams')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('menu.campaigns')} subTitle={narrow ? undefined : t('campaigns.subtitle')}>
      <ProTable<CampaignSummary>
        rowKey="id"
        columns={columns}
        size="small"
        search={false}
        headerTitle={t('campaigns.listTitle')}
        dataSource={items}
        loading={list.isFetching}
        pagination={false}
        options={{ density: false, setting: false, reload: () => void list.refetch() }}
        scroll={{ x: 'max-content' }}
        toolBarRender={() =>
          me.abilities.createCampaign
            ? [
                <Button
                  key="create"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setCreating(true)}
                  data-testid="campaign-create"
                >
                  {t('campaigns.create')}
                </Button>,
              ]
            : []
        }
        locale={{
          emptyText: (
            <TableEmpty
              error={list.error}
              text={me.abilities.createCampaign ? t('campaigns.emptyCity') : t('campaigns.empty')}
            />
          ),
        }}
      />
      <CreateCampaignModal
        open={creating}
        campaigns={items}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          void qc.invalidateQueries({ queryKey: campaignsKey });
          navigate(`/campaigns/${c.id}`);
        }}
      />
    </PageContainer>
  );
}
