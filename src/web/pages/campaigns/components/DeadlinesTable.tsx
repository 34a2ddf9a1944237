/** The reporting calendar (P-K1…P-K4): what goes upward and by when; past dates are marked. */
import { Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail } from '../../../app/api/types';
import { currentLang } from '../../../app/i18n';

export function DeadlinesTable({ deadlines }: { deadlines: CampaignDetail['deadlines'] }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(d) => `${d.kind}-${d.due}`}
      dataSource={deadlines}
      data-testid="deadlines"
      columns={[
        {
          title: t('campaigns.policyRef'),
          dataIndex: 'policyRef',
          width: 90,
          render: (p) => <Tag color="volcano">{p}</Tag>,
        },
        {
          title: t('campaigns.report'),
          dataIndex: 'title',
          render: (_, d) => (lang === 'en' ? d.title.en : d.title.zh),
        },
        { title: t('campaigns.due'), dataIndex: 'due', width: 120 },
        {
          title: '',
          dataIndex: 'due',
          width: 90,
          render: (due: string) =>
            due < today ? <Tag>{t('campaigns.past')}</Tag> : <Tag color="orange">{t('campaigns.upcoming')}</Tag>,
        },
      ]}
    />
  );
}
