/**
 * 报名 tab of the class page: allocation settings and the lottery publication, the applications, and the
 * readiness table (who is missing what before the first day). Lazy-loaded with the tab.
 *
 * Who may change settings, draw, record fees, review insurance and send reminders is decided by the server (the
 * owning unit's administrators and those above). The class detail carries no enrolment ability yet, so the
 * actions follow `abilities.manageStaff`, which the server grants to exactly that group (while not archived);
 * a refusal is shown as it comes.
 */
import { UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HOLDING_STATUSES } from '../../../domain/enrolment/statuses';
import type { ClassDetail } from '../../app/api/types';
import { gradeLabel } from '../../app/careLabels';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { currentLang } from '../../app/i18n';
import { type Enrolment, type EnrolmentStatus, enrolmentsKey, fetchEnrolments } from './api';
import { ChildDrawer } from './components/ChildDrawer';
import { ReadinessTable } from './components/ReadinessTable';
import { RosterImportModal } from './components/RosterImportModal';
import { SettingsCard } from './components/SettingsCard';
import { formatChina } from '../../app/chinaTime';

const STATUS_COLORS: Record<EnrolmentStatus, string> = {
  applied: 'processing',
  offered: 'gold',
  accepted: 'success',
  waitlisted: 'purple',
  withdrawn: 'default',
  expired: 'default',
  rejected: 'error',
};

export default function EnrolmentTab({ cls }: { cls: ClassDetail }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const [child, setChild] = useState<number | null>(null);
  const data = useQuery({ queryKey: enrolmentsKey(cls.id), queryFn: () => fetchEnrolments(cls.id) });
  const canManage = cls.abilities.manageStaff;
  const [importing, setImporting] = useState(false);
  if (data.error) return <ApiErrorResult error={data.error} onRetry={() => void data.refetch()} />;
  const items = data.data?.items ?? [];
  const readiness = data.data?.readiness ?? [];
  const count = (s: readonly EnrolmentStatus[]) => items.filter((e) => s.includes(e.status)).length;

  return (
    <Space direction="vertical" size={16} style={{ display: 'flex' }} data-testid="enrolment-tab">
      <RosterImportModal
        classId={cls.id}
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => void data.refetch()}
      />
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Statistic title={t('enrolment.capacity')} value={cls.capacity ?? '—'} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('enrolment.placesTaken')} value={count(HOLDING_STATUSES)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('enrolment.waitlisted')} value={count(['waitlisted'])} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('enrolment.enrolledCount')} value={readiness.filter((r) => r.enrolled).length} />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('enrolment.settingsTitle')} style={{ height: '100%' }}>
            <SettingsCard classId={cls.id} canManage={canManage} items={items} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={t('enrolment.applicationsTitle')}
            style={{ height: '100%' }}
            extra={
              data.data?.abilities.importRoster && (
                <Button
                  size="small"
                  icon={<UploadOutlined />}
                  onClick={() => setImporting(true)}
                  data-testid="roster-import-open"
                >
                  {t('rosterImport.button')}
                </Button>
              )
            }
          >
            <Table<Enrolment>
              size="small"
              rowKey="id"
              loading={data.isPending}
              dataSource={items}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              data-testid="applications"
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('enrolment.noApplications')} />,
              }}
              columns={[
                {
                  title: t('enrolment.child'),
                  dataIndex: 'childName',
                  render: (_, e) => (
                    <Typography.Link onClick={() => setChild(e.childId)} data-testid="child-link">
                      {e.childName}
                    </Typography.Link>
                  ),
                },
                {
                  title: t('enrolment.grade'),
                  dataIndex: 'grade',
                  width: 90,
                  render: (g: string) => gradeLabel(g, lang),
                },
                {
                  title: t('common.status'),
                  dataIndex: 'status',
                  width: 110,
                  render: (_, e) => (
                    <Space direction="vertical" size={0}>
                      <Tag color={STATUS_COLORS[e.status]}>{t(`enrolment.status.${e.status}`)}</Tag>
                      {e.reason && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {e.reason}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
                {
                  title: t('enrolment.rank'),
                  dataIndex: 'lotteryRank',
                  width: 70,
                  render: (r: number | null) => r ?? '—',
                },
                {
                  title: t('enrolment.appliedAt'),
                  dataIndex: 'appliedAt',
                  width: 140,
                  render: (d: string) => formatChina(d, 'MM-DD HH:mm:ss'),
                },
                {
                  title: t('enrolment.offerExpires'),
                  dataIndex: 'offerExpiresAt',
                  width: 120,
                  render: (d: string | null, e) => (e.status === 'offered' && d ? formatChina(d, 'MM-DD HH:mm') : '—'),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('enrolment.readinessTitle')}>
        <ReadinessTable classId={cls.id} rows={readiness} canManage={canManage} />
      </Card>
      <ChildDrawer childId={child} onClose={() => setChild(null)} />
    </Space>
  );
}
