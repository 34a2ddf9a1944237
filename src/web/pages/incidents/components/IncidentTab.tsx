/** The class page's 事件 tab: the class's incidents (open grave ones highlighted) and the "上报事件" button. */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiErrorResult } from '../../../app/components/ApiErrorResult';
import { classIncidentsKey, fetchClassIncidents, type IncidentSummary } from '../api';
import { fmtTime, Gist, graveOpenStyle, SeverityTag, StatusTag } from './IncidentTags';
import { IncidentReportModal } from './IncidentReportModal';

export function IncidentTab({ classId, className }: { classId: number; className: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const q = useQuery({ queryKey: classIncidentsKey(classId), queryFn: () => fetchClassIncidents(classId) });
  if (q.error) return <ApiErrorResult error={q.error} onRetry={() => void q.refetch()} />;

  return (
    <Space direction="vertical" size={12} style={{ display: 'flex' }}>
      {q.data?.canReport && (
        <div style={{ textAlign: 'right' }}>
          <Button
            type="primary"
            danger
            icon={<PlusOutlined />}
            onClick={() => setOpen(true)}
            data-testid="incident-report"
          >
            {t('incidents.report')}
          </Button>
        </div>
      )}
      <Table<IncidentSummary>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(i) => ({ style: graveOpenStyle(i) })}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.emptyClass')} /> }}
        columns={[
          { title: t('incidents.occurredAt'), key: 'at', width: 150, render: (_, i) => fmtTime(i.occurredAt) },
          {
            title: t('incidents.kind'),
            key: 'kind',
            width: 160,
            render: (_, i) => (
              <span>
                <SeverityTag severity={i.severity} />
                <Link to={`/incidents/${i.id}`}>{t(`incidents.kinds.${i.kind}`)}</Link>
              </span>
            ),
          },
          { title: t('incidents.description'), key: 'description', render: (_, i) => <Gist text={i.description} /> },
          {
            title: t('incidents.guardian'),
            key: 'guardian',
            width: 140,
            render: (_, i) =>
              i.guardianNotifiedAt ? (
                fmtTime(i.guardianNotifiedAt)
              ) : i.childCount ? (
                <Typography.Text type="danger">{t('incidents.guardianMissing')}</Typography.Text>
              ) : (
                '—'
              ),
          },
          { title: t('incidents.status'), key: 'status', width: 90, render: (_, i) => <StatusTag status={i.status} /> },
          {
            title: t('common.actions'),
            key: 'op',
            width: 70,
            render: (_, i) => (
              <Button type="link" size="small" onClick={() => navigate(`/incidents/${i.id}`)}>
                {t('incidents.view')}
              </Button>
            ),
          },
        ]}
      />
      <IncidentReportModal
        classId={classId}
        className={className}
        open={open}
        enrolled={q.data?.children ?? null}
        onClose={() => setOpen(false)}
        onDone={(i) => {
          void qc.invalidateQueries({ queryKey: ['incidents'] });
          void message.success(i.severity === 'minor' ? t('incidents.reported') : t('incidents.reportedGrave'));
          navigate(`/incidents/${i.id}`);
        }}
      />
    </Space>
  );
}
