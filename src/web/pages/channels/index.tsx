/**
 * 通知渠道: the group robots (企业微信 / 钉钉) of an organisation the administrator covers, with their delivery
 * health, a test send, and the send log (the outbox rows the administrator may see; the city sees every row).
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api/client';
import { useCurrentUser } from '../../app/auth/session';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { OrgTreeSelect } from '../../app/components/OrgTreeSelect';
import {
  type Channel,
  deactivateChannel,
  listChannels,
  listOutbox,
  type OutboxItem,
  testChannel,
  updateChannel,
} from './api';
import { ChannelFormModal } from './ChannelFormModal';
import { formatChina } from '../../app/chinaTime';

const STATUS_COLOR = { pending: 'gold', sent: 'green', dead: 'red' } as const;
const fmt = (d: string | null) => (d ? formatChina(d, 'MM-DD HH:mm:ss') : '—');

function SendLog() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | undefined>();
  const q = useInfiniteQuery({
    queryKey: ['outbox', status],
    queryFn: ({ pageParam }) => listOutbox({ status, cursor: pageParam }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: ColumnsType<OutboxItem> = [
    { title: t('notif.createdAt'), dataIndex: 'createdAt', width: 130, render: (v: string) => fmt(v) },
    {
      title: t('notif.channel'),
      dataIndex: 'channelName',
      width: 170,
      render: (_, r) => (r.channel === 'sms' ? <Tag>{t('notif.sms')}</Tag> : (r.channelName ?? '—')),
    },
    { title: t('notif.title'), dataIndex: 'title', ellipsis: true },
    {
      title: t('notif.status'),
      dataIndex: 'status',
      width: 100,
      render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`notif.outboxStatus.${r.status}`)}</Tag>,
    },
    { title: t('notif.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
    {
      title: t('notif.sentAt'),
      dataIndex: 'sentAt',
      width: 130,
      render: (_, r) => (r.status === 'pending' ? `${t('notif.nextAttempt')} ${fmt(r.nextAttemptAt)}` : fmt(r.sentAt)),
    },
    {
      title: t('notif.lastError'),
      dataIndex: 'lastError',
      ellipsis: true,
      render: (v: string | null) =>
        v ? (
          <Tooltip title={v}>
            <Typography.Text type="danger">{v}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Card
      title={t('notif.log')}
      style={{ marginTop: 16 }}
      extra={
        <Space>
          <Select
            allowClear
            placeholder={t('notif.allStatuses')}
            style={{ width: 130 }}
            value={status}
            onChange={setStatus}
            options={(['pending', 'sent', 'dead'] as const).map((s) => ({
              value: s,
              label: t(`notif.outboxStatus.${s}`),
            }))}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()}>
            {t('notif.refresh')}
          </Button>
        </Space>
      }
    >
      {q.isError ? (
        <ApiErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={q.isPending}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t('notif.logEmpty')} /> }}
          data-testid="send-log"
        />
      )}
      {q.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
            {t('notif.more')}
          </Button>
        </div>
      )}
    </Card>
  );
}

export default function ChannelsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const [orgId, setOrgId] = useState<number | undefined>(me.abilities.channelOrgIds[0]);
  const [editing, setEditing] = useState<Channel | null | undefined>(undefined);
  const channels = useQuery({
    queryKey: ['channels', orgId],
    queryFn: () => listChannels(orgId as number),
    enabled: orgId !== undefined,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['channels'] });
    void qc.invalidateQueries({ queryKey: ['outbox'] });
  };
  const onError = (e: unknown) => void message.error(errorMessage(e));
  const test = useMutation({
    mutationFn: testChannel,
    onSuccess: () => {
      void message.success(t('notif.testQueued'));
      // The dispatcher sends shortly after the request; look again in a moment.
      setTimeout(refresh, 1500);
      refresh();
    },
    onError,
  });
  const deactivate = useMutation({ mutationFn: deactivateChannel, onSuccess: refresh, onError });
  const reactivate = useMutation({
    mutationFn: (id: number) => updateChannel(id, { active: true }),
    onSuccess: refresh,
    onError,
  });

  const columns: ColumnsType<Channel> = [
    {
      title: t('notif.name'),
      dataIndex: 'name',
      render: (_, c) => (
        <div>
          <Typography.Text delete={!c.active}>{c.name}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={false}>
              {c.urlMasked}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('notif.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (_, c) => (
        <Space size={4} wrap>
          <Tag color={c.kind === 'wecom' ? 'green' : 'blue'}>{t(`notif.kinds.${c.kind}`)}</Tag>
          {c.hasSecret && <Tag>{t('notif.secret')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('notif.filter'),
      dataIndex: 'filter',
      width: 170,
      render: (_, c) =>
        c.filter.length ? (
          <Space size={2} wrap>
            {c.filter.map((f) => (
              <Tag key={f}>{f}</Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('notif.filterDefault')}</Typography.Text>
        ),
    },
    {
      title: t('notif.health'),
      width: 160,
      render: (_, c) => (
        <Space size={2} wrap>
          {!c.active && <Tag>{t('notif.inactive')}</Tag>}
          {c.pending > 0 && <Tag color="gold">{t('notif.pending', { count: c.pending })}</Tag>}
          {c.dead > 0 && (
            <Tooltip title={c.lastError}>
              <Tag color="red">{t('notif.dead', { count: c.dead })}</Tag>
            </Tooltip>
          )}
          {c.active && !c.pending && !c.dead && <Tag color="green">{t('notif.healthy')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('notif.actions'),
      width: 220,
      render: (_, c) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing(c)}>
            {t('notif.edit')}
          </Button>
          {c.active ? (
            <>
              <Button type="link" size="small" onClick={() => test.mutate(c.id)} loading={test.isPending}>
                {t('notif.test')}
              </Button>
              <Popconfirm title={t('notif.deactivateConfirm')} onConfirm={() => deactivate.mutate(c.id)}>
                <Button type="link" size="small" danger>
                  {t('notif.deactivate')}
                </Button>
              </Popconfirm>
            </>
          ) : (
            <Button type="link" size="small" onClick={() => reactivate.mutate(c.id)}>
              {t('notif.reactivate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('notif.channelsTitle')} subTitle={t('notif.channelsSubtitle')}>
      <Card
        title={
          <Space wrap>
            <span>{t('notif.org')}</span>
            <OrgTreeSelect
              value={orgId ?? null}
              onChange={(id) => setOrgId(id)}
              placeholder={t('notif.pickOrg')}
              style={{ minWidth: 260 }}
            />
          </Space>
        }
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={orgId === undefined}
            onClick={() => setEditing(null)}
            data-testid="add-channel"
          >
            {t('notif.addChannel')}
          </Button>
        }
      >
        {channels.isError ? (
          <ApiErrorResult error={channels.error} onRetry={() => void channels.refetch()} />
        ) : (
          <Table
            rowKey="id"
            loading={channels.isFetching}
            columns={columns}
            dataSource={channels.data ?? []}
            pagination={false}
            scroll={{ x: 800 }}
            locale={{ emptyText: <Empty description={t('notif.emptyChannels')} /> }}
          />
        )}
      </Card>
      <SendLog />
      {editing !== undefined && orgId !== undefined && (
        <ChannelFormModal
          orgId={orgId}
          channel={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            refresh();
          }}
        />
      )}
    </PageContainer>
  );
}
