import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CampaignStatus } from '../api';

const COLORS: Record<CampaignStatus, string> = { draft: 'default', active: 'green', closed: 'purple' };

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`campaigns.status.${status}`)}</Tag>;
}
