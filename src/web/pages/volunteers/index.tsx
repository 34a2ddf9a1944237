/**
 * 志愿者 (issue 17, P-F): for a volunteer, their own check-in/out and hours with the PDF record; for a unit and a
 * class head, the calls for help with the applications to review; for the unit, hours per person of a class. What
 * each person sees and may do comes from the server (the calls' abilities, `canCreate`, their roster).
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { listCalls, myClasses, volunteerKeys } from './api';
import { CallsPanel } from './components/CallsPanel';
import { HoursPanel } from './components/HoursPanel';
import { MyService } from './components/MyService';

export default function VolunteersPage() {
  const { t } = useTranslation();
  const calls = useQuery({ queryKey: volunteerKeys.calls, queryFn: listCalls });
  const mine = useQuery({ queryKey: volunteerKeys.myClasses, queryFn: myClasses });
  const reviewer = !!calls.data && (calls.data.canCreate || calls.data.items.some((c) => c.abilities.review));
  const onRoster = (mine.data?.length ?? 0) > 0;
  return (
    <PageContainer
      title={t('volunteers.title')}
      content={
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('volunteers.intro')}{' '}
          <a href="/public/volunteers" target="_blank" rel="noreferrer">
            {t('volunteers.publicLink')}
          </a>
        </Typography.Paragraph>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {(onRoster || !reviewer) && <MyService classes={mine.data ?? []} loading={mine.isPending} />}
        {calls.data && (reviewer || calls.data.items.length > 0) && <CallsPanel list={calls.data} />}
        {reviewer && calls.data && <HoursPanel calls={calls.data.items} />}
      </Space>
    </PageContainer>
  );
}
