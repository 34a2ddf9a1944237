/**
 * 今日托管: the home of class staff and volunteers — each of their classes today (children expected, present, gone
 * home, absent, not arrived; the daily records still to fill) and the door screen (签到屏) a tap away.
 */
import { QrcodeOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, List, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../app/api/client';
import { fetchMissingToday } from '../../daily/api';

interface DoorClass {
  id: number;
  name: string;
  orgName: string;
  status: string;
  today: { enrolled: number; present: number; left: number; absent: number; missing: number };
}

const listDoorClasses = () => api.get<{ items: DoorClass[] }>('/api/door/classes');

function RecordsToFill({ classId }: { classId: number }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['classes', classId, 'daily', 'missing-today'],
    queryFn: () => fetchMissingToday(classId),
  });
  if (!q.data) return null;
  if (!q.data.classDay) return <Tag>{t('roleHome.notClassDay')}</Tag>;
  if (q.data.missing.length === 0) return <Tag color="green">{t('roleHome.recordsDone')}</Tag>;
  return (
    <Space wrap size={4} data-testid="staff-home-missing">
      <Typography.Text type="danger">{t('roleHome.recordsToFill')}：</Typography.Text>
      {q.data.missing.map((k) => (
        <Tag key={k} color="red">
          {t(`daily.kinds.${k}`)}
        </Tag>
      ))}
    </Space>
  );
}

export function StaffHome() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['door', 'classes'], queryFn: listDoorClasses });
  const items = (q.data?.items ?? []).filter((c) => c.status === 'running' || c.status === 'open');
  return (
    <Card
      title={t('roleHome.today')}
      data-testid="staff-home"
      extra={
        <Link to="/classes/mine">
          <Button icon={<TeamOutlined />}>{t('roleHome.myClasses')}</Button>
        </Link>
      }
    >
      <Space direction="vertical" size={16} style={{ display: 'flex' }}>
        <Space wrap align="center">
          <Button type="primary" size="large" icon={<QrcodeOutlined />} href="/door/" data-testid="open-door">
            {t('roleHome.openDoor')}
          </Button>
          <Typography.Text type="secondary">{t('roleHome.todayHint')}</Typography.Text>
        </Space>
        <List
          loading={q.isLoading}
          dataSource={items}
          locale={{ emptyText: <Empty description={t('roleHome.noClassToday')} /> }}
          renderItem={(c) => (
            <List.Item
              actions={[
                <Link key="open" to={`/classes/${c.id}`}>
                  {t('roleHome.openClass')}
                </Link>,
              ]}
            >
              <Space direction="vertical" size={8} style={{ display: 'flex' }}>
                <Space wrap>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {c.name}
                  </Typography.Text>
                  <Typography.Text type="secondary">{c.orgName}</Typography.Text>
                </Space>
                <Space wrap size={32}>
                  <Statistic title={t('roleHome.expected')} value={c.today.enrolled} />
                  <Statistic title={t('roleHome.present')} value={c.today.present} valueStyle={{ color: '#389e0d' }} />
                  <Statistic title={t('roleHome.left')} value={c.today.left} />
                  <Statistic title={t('roleHome.absent')} value={c.today.absent} />
                  <Statistic
                    title={t('roleHome.missing')}
                    value={c.today.missing}
                    valueStyle={c.today.missing > 0 ? { color: '#cf1322' } : undefined}
                  />
                </Space>
                <RecordsToFill classId={c.id} />
              </Space>
            </List.Item>
          )}
        />
      </Space>
    </Card>
  );
}
