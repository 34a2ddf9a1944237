/**
 * 站内消息: the signed-in person's own notifications, newest first, with unread ones marked; opening one marks it
 * read and follows its link when it points into the console.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../app/api/client';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { consoleLink, fetchInbox, type InboxItem, markAllRead, markRead } from './api';
import { formatChina } from '../../app/chinaTime';

const SEVERITY_COLOR = { info: 'blue', warning: 'orange', critical: 'red' } as const;

export default function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const q = useInfiniteQuery({
    queryKey: ['inbox', 'list', unreadOnly],
    queryFn: ({ pageParam }) => fetchInbox({ unreadOnly, cursor: pageParam }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['inbox'] });
  const read = useMutation({ mutationFn: markRead, onSuccess: refresh });
  const readAll = useMutation({
    mutationFn: markAllRead,
    onSuccess: (r) => {
      void message.success(t('notif.readAllDone', { count: r.updated }));
      void refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = q.data?.pages[0]?.unread ?? 0;

  const open = (n: InboxItem) => {
    if (!n.readAt) read.mutate(n.id);
    const to = consoleLink(n.link);
    if (to) navigate(to);
  };

  return (
    <PageContainer title={t('notif.inboxTitle')} subTitle={t('notif.inboxSubtitle')}>
      <Card
        title={
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => setUnreadOnly(v === 'unread')}
            options={[
              { value: 'all', label: t('notif.all') },
              {
                value: 'unread',
                label: (
                  <Space size={4}>
                    {t('notif.unread')}
                    <Badge count={unread} size="small" />
                  </Space>
                ),
              },
            ]}
          />
        }
        extra={
          <Button onClick={() => readAll.mutate()} disabled={!unread} loading={readAll.isPending}>
            {t('notif.readAll')}
          </Button>
        }
      >
        {q.isError ? (
          <ApiErrorResult error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <List
            loading={q.isPending}
            dataSource={items}
            locale={{
              emptyText: <Empty description={unreadOnly ? t('notif.emptyUnread') : t('notif.empty')} />,
            }}
            renderItem={(n) => (
              <List.Item
                data-testid="inbox-item"
                style={{ background: n.readAt ? undefined : '#fff7e6', paddingInline: 12, cursor: 'pointer' }}
                onClick={() => open(n)}
                actions={
                  n.readAt
                    ? []
                    : [
                        <Button
                          key="read"
                          size="small"
                          type="link"
                          onClick={(e) => {
                            e.stopPropagation();
                            read.mutate(n.id);
                          }}
                        >
                          {t('notif.markRead')}
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  avatar={<Badge dot={!n.readAt} offset={[-2, 4]} />}
                  title={
                    <Space wrap size={6}>
                      <Tag color={SEVERITY_COLOR[n.severity]}>{t(`notif.severity.${n.severity}`)}</Tag>
                      <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                    </Space>
                  }
                  description={
                    <>
                      <div style={{ color: 'rgba(0,0,0,0.75)' }}>{n.body}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatChina(n.createdAt, 'YYYY-MM-DD HH:mm')}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
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
    </PageContainer>
  );
}
