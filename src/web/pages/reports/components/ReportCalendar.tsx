/**
 * 报送日历: the reports one organisation owes in the campaign — type, period, due date, state, on time or late —
 * with the actions its row abilities allow (start or edit the draft, view). Starting creates the draft and opens it.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../../app/api/client';
import { type ReportSlot, reportKey, startReport } from '../api';
import { ReportStateTag, Timeliness, useReportName } from './states';
import { formatChina } from '../../../app/chinaTime';

export function ReportCalendar({ slots, loading, today }: { slots: ReportSlot[]; loading: boolean; today: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const name = useReportName();
  const start = useMutation({
    mutationFn: (s: ReportSlot) =>
      startReport({ campaignId: s.campaignId, orgId: s.orgId, type: s.type, period: s.period }),
    onSuccess: (r) => {
      qc.setQueryData(reportKey(r.id), r);
      void qc.invalidateQueries({ queryKey: ['reports', 'slots'] });
      navigate(`/reports/${r.id}`);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  return (
    <Table<ReportSlot>
      size="small"
      loading={loading}
      rowKey={(s) => `${s.orgId}-${s.type}-${s.period}`}
      dataSource={slots}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="report-calendar"
      locale={{
        emptyText: (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <>
                <div>{t('reports.nothingExpected')}</div>
                <Typography.Text type="secondary">{t('reports.nothingExpectedHint')}</Typography.Text>
              </>
            }
          />
        ),
      }}
      columns={[
        {
          title: t('reports.type'),
          key: 'type',
          render: (_, s) => <Typography.Text strong>{name(s)}</Typography.Text>,
        },
        { title: t('reports.dueDate'), dataIndex: 'dueDate', width: 110 },
        {
          title: t('reports.state'),
          key: 'state',
          width: 110,
          render: (_, s) => <ReportStateTag status={s.status} state={s.state} />,
        },
        {
          title: t('reports.timeliness'),
          key: 'timeliness',
          width: 140,
          render: (_, s) => <Timeliness state={s.state} dueDate={s.dueDate} today={today} />,
        },
        {
          title: t('reports.submittedAt'),
          dataIndex: 'submittedAt',
          width: 150,
          render: (d: string | null) => (d ? formatChina(d, 'YYYY-MM-DD HH:mm') : '—'),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 150,
          render: (_, s) => (
            <Space size={0}>
              {s.reportId === null && s.abilities.edit && (
                <Button
                  type="link"
                  size="small"
                  loading={start.isPending && start.variables === s}
                  onClick={() => start.mutate(s)}
                  data-testid="report-start"
                >
                  {t('reports.start')}
                </Button>
              )}
              {s.reportId !== null && s.abilities.edit && (
                <Button
                  type="link"
                  size="small"
                  onClick={() => navigate(`/reports/${s.reportId}`)}
                  data-testid="report-edit"
                >
                  {s.status === 'returned' ? t('reports.continue') : t('reports.editDraft')}
                </Button>
              )}
              {s.reportId !== null && !s.abilities.edit && (
                <Button
                  type="link"
                  size="small"
                  onClick={() => navigate(`/reports/${s.reportId}`)}
                  data-testid="report-view"
                >
                  {t('reports.view')}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
