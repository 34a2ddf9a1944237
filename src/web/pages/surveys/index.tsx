/**
 * 需求调研: the needs surveys the person can see (opened by them or above them), each with its units and answers
 * in their part of the tree; administrators open a new one for their organisation.
 */
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../../app/auth/session';
import { TableEmpty } from '../../app/components/useTableRequest';
import { useNarrow } from '../../app/components/useNarrow';
import { listSurveys, type Survey, surveysKey } from './api';
import { OpenSurveyModal } from './components/OpenSurveyModal';

export function SurveyStatusTag({ status }: { status: Survey['status'] }) {
  const { t } = useTranslation();
  return <Tag color={status === 'open' ? 'green' : 'default'}>{t(`surveys.status.${status}`)}</Tag>;
}

export default function SurveysPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [opening, setOpening] = useState(false);
  const list = useQuery({ queryKey: surveysKey(), queryFn: () => listSurveys() });

  const columns: ProColumns<Survey>[] = [
    {
      title: t('surveys.title'),
      dataIndex: 'title',
      render: (_, s) => (
        <Link to={`/surveys/${s.id}`} data-testid="survey-link">
          {s.title}
        </Link>
      ),
    },
    { title: t('surveys.campaign'), dataIndex: 'campaignName', width: 160 },
    { title: t('surveys.openedBy'), dataIndex: 'orgName', width: 160 },
    { title: t('surveys.closesOn'), dataIndex: 'closesOn', width: 110 },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (_, s) => <SurveyStatusTag status={s.status} />,
    },
    { title: t('surveys.units'), dataIndex: 'units', width: 90, align: 'right' },
    { title: t('surveys.respondents'), dataIndex: 'respondents', width: 100, align: 'right' },
    {
      title: t('surveys.createdAt'),
      dataIndex: 'createdAt',
      width: 120,
      render: (_, s) => dayjs(s.createdAt).format('YYYY-MM-DD'),
    },
  ];

  return (
    <PageContainer title={t('surveys.menu')} subTitle={narrow ? undefined : t('surveys.subtitle')}>
      <ProTable<Survey>
        rowKey="id"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isLoading}
        search={false}
        size="small"
        headerTitle={t('surveys.listTitle')}
        options={{ density: false, setting: false, reload: () => void list.refetch() }}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <TableEmpty error={list.error} text={t('surveys.empty')} /> }}
        onRow={(s) => ({ onDoubleClick: () => navigate(`/surveys/${s.id}`) })}
        toolBarRender={() =>
          me.abilities.manageOrgs
            ? [
                <Button
                  key="open"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setOpening(true)}
                  data-testid="survey-open"
                >
                  {t('surveys.open')}
                </Button>,
              ]
            : []
        }
      />
      <OpenSurveyModal
        open={opening}
        onClose={() => setOpening(false)}
        onOpened={(s) => {
          void qc.invalidateQueries({ queryKey: ['needs-surveys'] });
          navigate(`/surveys/${s.id}`);
        }}
      />
    </PageContainer>
  );
}
