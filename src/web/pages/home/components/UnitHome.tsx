/** A unit administrator's home: the unit's classes, each with its status and what to do next. */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CLASS_STATUS_COLORS, classStatusLabel } from '../../../app/careLabels';
import { listClasses } from '../../classes/api';

const ORDER = ['returned', 'draft', 'running', 'open', 'approved', 'submitted', 'closed', 'archived'];

export function UnitHome({ unitId, canCreate }: { unitId: number; canCreate: boolean }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['classes', 'unit-home', unitId],
    queryFn: () => listClasses({ orgId: unitId, pageSize: 100 }),
  });
  const items = (q.data?.items ?? [])
    .filter((c) => c.status !== 'archived')
    .sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
  return (
    <Card
      title={t('roleHome.unitTitle')}
      data-testid="unit-home"
      extra={
        canCreate && (
          <Link to="/classes/new">
            <Button icon={<PlusOutlined />}>{t('roleHome.newClass')}</Button>
          </Link>
        )
      }
    >
      <List
        loading={q.isLoading}
        dataSource={items}
        locale={{ emptyText: t('roleHome.unitEmpty') }}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Link key="open" to={`/classes/${c.id}`}>
                {t('roleHome.openClass')}
              </Link>,
            ]}
          >
            <Space wrap>
              <Typography.Text strong>{c.name}</Typography.Text>
              <Tag color={CLASS_STATUS_COLORS[c.status]}>{classStatusLabel(c.status)}</Tag>
              <Typography.Text type={c.status === 'returned' ? 'danger' : 'secondary'}>
                {t(`roleHome.todo.${c.status}`)}
              </Typography.Text>
              {c.failingRules.length > 0 && c.status !== 'closed' && (
                <Tag color="red">{t('roleHome.todo.failing', { count: c.failingRules.length })}</Tag>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
