/** The selected organisation: its details and the actions the caller may take on it. */
import { TeamOutlined } from '@ant-design/icons';
import { Badge, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Org } from '../../../app/api/types';
import { ApiErrorResult } from '../../../app/components/ApiErrorResult';
import { ORG_KIND_COLORS, orgKindLabel, unitTypeLabel } from '../../../app/labels';
import { type OrgActionHandlers, OrgActions } from './OrgActions';
import { formatChina } from '../../../app/chinaTime';

export function OrgDetailCard({
  org,
  loading,
  error,
  onRetry,
  handlers,
}: {
  org: Org | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  handlers: OrgActionHandlers;
}) {
  const { t } = useTranslation();
  if (error) {
    return (
      <Card size="small">
        <ApiErrorResult error={error} onRetry={onRetry} />
      </Card>
    );
  }
  if (loading || !org) {
    return (
      <Card size="small">
        <Skeleton active />
      </Card>
    );
  }
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Card
      size="small"
      data-testid="org-detail"
      title={
        <Space wrap size={8}>
          <span style={{ fontSize: 16 }}>{org.name}</span>
          <Tag color={ORG_KIND_COLORS[org.kind]}>{orgKindLabel(org.kind)}</Tag>
          {org.active ? (
            <Badge status="success" text={t('common.active')} />
          ) : (
            <Badge status="default" text={t('common.inactive')} />
          )}
        </Space>
      }
      extra={
        <Link to={`/users?orgId=${org.id}`}>
          <TeamOutlined /> {t('orgs.people')}
        </Link>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 3 }} style={{ marginBottom: 12 }}>
        {org.kind === 'unit' && (
          <Descriptions.Item label={t('orgs.unitType')}>
            {org.unitType ? unitTypeLabel(org.unitType) : dash}
          </Descriptions.Item>
        )}
        {org.kind === 'unit' && (
          <Descriptions.Item label={t('orgs.creditCode')}>
            {org.creditCode ? (
              <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                {org.creditCode}
              </Typography.Text>
            ) : (
              dash
            )}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('orgs.divisionCode')}>{org.divisionCode ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.address')}>{org.address ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.contactName')}>{org.contactName ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.contactPhone')}>{org.contactPhone ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('common.updatedAt')}>
          {formatChina(org.updatedAt, 'YYYY-MM-DD HH:mm')}
        </Descriptions.Item>
      </Descriptions>
      <OrgActions org={org} h={handlers} />
    </Card>
  );
}
