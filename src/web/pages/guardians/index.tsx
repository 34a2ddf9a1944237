/**
 * 家长审核: parents who registered naming a unit as their employer, waiting for the unit to confirm they are its
 * employees (职工). Approving grants them the parent role; rejecting needs a reason they will see. The list is
 * scoped by the server to the units this administrator covers, so every row shown is one they may decide on.
 */
import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api/client';
import type { Guardian } from '../../app/api/types';
import { OrgTreeSelect } from '../../app/components/OrgTreeSelect';
import { ReasonModal } from '../../app/components/ReasonModal';
import { TableEmpty } from '../../app/components/useTableRequest';
import { useNarrow } from '../../app/components/useNarrow';
import { type GuardianStatus, listGuardians, verifyGuardian } from './api';
import { formatChina } from '../../app/chinaTime';

const COLORS: Record<GuardianStatus, string> = { pending: 'orange', verified: 'green', rejected: 'red' };

export default function GuardiansPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<GuardianStatus | 'all'>('pending');
  const [orgId, setOrgId] = useState<number | undefined>();
  const [rejecting, setRejecting] = useState<Guardian | null>(null);
  const key = ['guardians', status, orgId] as const;
  const list = useQuery({
    queryKey: key,
    queryFn: () => listGuardians({ status: status === 'all' ? undefined : status, orgId }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['guardians'] });

  const columns: ProColumns<Guardian>[] = [
    {
      title: t('guardians.person'),
      dataIndex: 'displayName',
      render: (_, g) => (
        <div>
          <Typography.Text strong>{g.displayName}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
              {g.phoneMasked ?? '—'}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('guardians.employer'), dataIndex: 'employerName' },
    {
      title: t('guardians.registeredAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (_, g) => formatChina(g.createdAt, 'YYYY-MM-DD HH:mm'),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 200,
      render: (_, g) => (
        <Space direction="vertical" size={0}>
          <Tag color={COLORS[g.status]}>{t(`guardians.status.${g.status}`)}</Tag>
          {g.reason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {g.reason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 150,
      render: (_, g) => (
        <Space size={0}>
          {g.status !== 'verified' && (
            <Popconfirm
              title={t('guardians.approveConfirm', { name: g.displayName, employer: g.employerName })}
              okText={t('guardians.approve')}
              onConfirm={async () => {
                try {
                  await verifyGuardian(g.userId, 'approve');
                  void message.success(t('guardians.approved', { name: g.displayName }));
                  await refresh();
                } catch (e) {
                  void message.error(errorMessage(e));
                }
              }}
            >
              <Button type="link" size="small" data-testid="guardian-approve">
                {t('guardians.approve')}
              </Button>
            </Popconfirm>
          )}
          {g.status !== 'rejected' && (
            <Button type="link" size="small" danger onClick={() => setRejecting(g)} data-testid="guardian-reject">
              {t('guardians.reject')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('menu.guardians')} subTitle={narrow ? undefined : t('guardians.subtitle')}>
      <ProTable<Guardian>
        rowKey="userId"
        columns={columns}
        size="small"
        search={false}
        dataSource={list.data ?? []}
        loading={list.isFetching}
        pagination={{ defaultPageSize: 20 }}
        scroll={{ x: 'max-content' }}
        headerTitle={
          <Radio.Group
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            optionType="button"
            size="small"
            data-testid="guardian-status-filter"
          >
            {(['pending', 'verified', 'rejected', 'all'] as const).map((s) => (
              <Radio.Button key={s} value={s}>
                {s === 'all' ? t('common.all') : t(`guardians.status.${s}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        }
        toolBarRender={() => [
          <div key="org" style={{ width: 240 }}>
            <OrgTreeSelect
              allowClear
              value={orgId}
              onChange={(id) => setOrgId(id)}
              disabled={(n) => n.kind !== 'unit'}
              placeholder={t('guardians.allUnits')}
            />
          </div>,
        ]}
        options={{ density: false, setting: false, reload: () => void list.refetch() }}
        locale={{
          emptyText: (
            <TableEmpty
              error={list.error}
              text={status === 'pending' ? t('guardians.emptyPending') : t('guardians.empty')}
            />
          ),
        }}
      />
      <ReasonModal
        open={rejecting !== null}
        title={rejecting ? t('guardians.rejectTitle', { name: rejecting.displayName }) : ''}
        warning={t('guardians.rejectWarning')}
        okText={t('guardians.reject')}
        danger
        onClose={() => setRejecting(null)}
        onSubmit={async (reason) => {
          if (!rejecting) return;
          await verifyGuardian(rejecting.userId, 'reject', reason);
          void message.success(t('guardians.rejected', { name: rejecting.displayName }));
          await refresh();
        }}
      />
    </PageContainer>
  );
}
