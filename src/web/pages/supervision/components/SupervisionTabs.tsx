/** The four supervision pages as tabs over one area (visits, rectification, meetings, cases). */
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

const PATHS = {
  visits: '/supervision',
  items: '/supervision/items',
  meetings: '/supervision/meetings',
  cases: '/supervision/cases',
} as const;

export function SupervisionTabs({ active }: { active: keyof typeof PATHS }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Tabs
      activeKey={active}
      onChange={(k) => navigate(PATHS[k as keyof typeof PATHS])}
      items={[
        { key: 'visits', label: t('supervision.visitsMenu') },
        { key: 'items', label: t('supervision.itemsMenu') },
        { key: 'meetings', label: t('supervision.meetingsMenu') },
        { key: 'cases', label: t('supervision.casesMenu') },
      ]}
    />
  );
}
