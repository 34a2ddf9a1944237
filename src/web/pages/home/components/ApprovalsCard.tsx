/** District and city home: how many classes wait for their approval, one tap from the queue. */
import { AuditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { listClasses } from '../../classes/api';

export function ApprovalsCard() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['classes', 'pending-approvals'],
    queryFn: () => listClasses({ status: 'submitted', pageSize: 1 }),
  });
  const n = q.data?.total ?? 0;
  return (
    <Card size="small" className="dashboard-nonprint" data-testid="approvals-card">
      <Space wrap size={24} align="center">
        <Statistic
          title={t('roleHome.approvalsTitle')}
          value={q.isLoading ? '—' : n}
          prefix={<AuditOutlined />}
          valueStyle={n > 0 ? { color: '#d4380d' } : undefined}
        />
        <span>{n > 0 ? t('roleHome.approvalsCount', { count: n }) : t('roleHome.approvalsNone')}</span>
        {n > 0 && (
          <Link to="/classes/approvals">
            <Button type="primary">{t('roleHome.approvalsOpen')}</Button>
          </Link>
        )}
      </Space>
    </Card>
  );
}
