/**
 * 托管班 page: the class with its lifecycle buttons (from `abilities`), and tabs for the overview, the rules
 * panel with the venue checklist, the timeline, staff (ratio and roster) and enrolment.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Col, Empty, Row, Skeleton, Space, Tabs, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { CLASS_STATUS_COLORS, classStatusLabel } from '../../app/careLabels';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { FullPageSpin } from '../../app/components/FullPageSpin';
import { currentLang } from '../../app/i18n';
import { fetchVenue, venueKey } from '../venues/api';
import { ChecklistView } from '../venues/components/ChecklistView';
import { classKey, fetchClass } from './api';
import { AttendanceTab } from '../attendance/components/AttendanceTab';
import { ActivitiesTab } from '../daily/components/ActivitiesTab';
import { DailyRecordsTab, DailyTabLabel } from '../daily/components/DailyRecordsTab';
import { IncidentTab } from '../incidents/components/IncidentTab';
import { ApprovalReadiness, approveBlockedReason, ClassDocuments } from './components/ClassDocuments';
import { ClassOverview } from './components/ClassOverview';
import { ClassTimeline } from './components/ClassTimeline';
import { LifecycleActions } from './components/LifecycleActions';
import { RosterTable, StaffingSummary } from './components/Roster';
import { RulesPanel } from './components/RulesPanel';
import { type ClassStep, TransitionModal } from './components/TransitionModal';
import { CalendarBanner } from '../calendar/CalendarBanner';
import { ClassRectification } from '../supervision/components/ClassRectification';
import { BudgetBlock } from '../funding/components/BudgetBlock';
import { FundingTab } from '../funding/components/FundingTab';
import { SatisfactionTab } from '../satisfaction/components/SatisfactionTab';

const EnrolmentTab = lazy(() => import('../enrolment'));

export default function ClassPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [step, setStep] = useState<ClassStep | null>(null);
  const cls = useQuery({ queryKey: classKey(id), queryFn: () => fetchClass(id) });
  const venueId = cls.data?.venueId ?? null;
  const venue = useQuery({
    queryKey: venueKey(venueId ?? 0),
    queryFn: () => fetchVenue(venueId as number),
    enabled: venueId !== null,
  });
  if (cls.error) return <ApiErrorResult error={cls.error} onRetry={() => void cls.refetch()} />;
  const c = cls.data;
  if (!c) return <FullPageSpin />;

  const failing = c.verdict?.rules.filter((r) => r.status === 'fail').length ?? 0;
  const lastReturn =
    c.status === 'returned'
      ? [...c.timeline].reverse().find((e) => e.toStatus === 'returned' && e.fromStatus !== e.toStatus)
      : undefined;
  const tab = params.get('tab') ?? 'overview';

  return (
    <PageContainer
      title={c.name}
      tags={
        <Tag color={CLASS_STATUS_COLORS[c.status]} data-testid="class-status">
          {classStatusLabel(c.status, lang)}
        </Tag>
      }
      onBack={() => navigate(-1)}
      extra={
        <Space wrap>
          {c.abilities.update && (
            <Button onClick={() => navigate(`/classes/${id}/edit`)} data-testid="class-edit">
              {t('common.edit')}
            </Button>
          )}
          <LifecycleActions
            abilities={c.abilities}
            onStep={setStep}
            blocked={{ approve: approveBlockedReason(c, lang) }}
          />
        </Space>
      }
    >
      <CalendarBanner start={c.startDate} end={c.endDate} campaignId={c.campaignId} />
      {c.venueUnconfirmed && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="venue-flag-alert"
          message={t('classDocs.venueFlagAlert')}
          description={t('classDocs.venueFlagHint')}
          action={
            c.venueId !== null && (
              <Link to={`/venues/${c.venueId}`}>
                <Button size="small">{t('classDocs.openVenue')}</Button>
              </Link>
            )
          }
        />
      )}
      {c.approval && !c.approval.ready && c.abilities.approve && (
        <div style={{ marginBottom: 16 }}>
          <ApprovalReadiness cls={c} />
        </div>
      )}
      {lastReturn && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="returned-alert"
          message={t('classes.returnedBy', { name: lastReturn.actorName ?? '—' })}
          description={lastReturn.comment}
          action={
            c.abilities.update && (
              <Link to={`/classes/${id}/edit`}>
                <Button size="small" type="primary">
                  {t('classes.fixNow')}
                </Button>
              </Link>
            )
          }
        />
      )}
      <ClassRectification classId={c.id} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) =>
            setParams(
              (p) => {
                const n = new URLSearchParams(p);
                n.set('tab', k);
                return n;
              },
              { replace: true },
            )
          }
          items={[
            {
              key: 'overview',
              label: t('classes.tab.overview'),
              children: (
                <>
                  <ClassOverview cls={c} />
                  <BudgetBlock classId={c.id} />
                </>
              ),
            },
            {
              key: 'rules',
              label: (
                <Space size={4}>
                  {t('classes.tab.rules')}
                  {failing > 0 && <Badge count={failing} />}
                </Space>
              ),
              children: (
                <Row gutter={[16, 16]}>
                  <Col xs={24} xl={15}>
                    <RulesPanel verdict={c.verdict} classId={c.id} />
                  </Col>
                  <Col xs={24} xl={9}>
                    <Card size="small" title={t('classes.venueChecklist')}>
                      {venueId === null ? (
                        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('classes.noVenue')} />
                      ) : venue.data ? (
                        <ChecklistView
                          venue={venue.data}
                          onChanged={() => void qc.invalidateQueries({ queryKey: classKey(id) })}
                        />
                      ) : venue.error ? (
                        <ApiErrorResult error={venue.error} />
                      ) : (
                        <Skeleton active />
                      )}
                    </Card>
                  </Col>
                </Row>
              ),
            },
            {
              key: 'documents',
              label: (
                <Space size={4}>
                  {t('classDocs.title')}
                  {c.documents.items.some((d) => d.required && d.files.length === 0) && <Badge status="error" />}
                </Space>
              ),
              children: <ClassDocuments cls={c} />,
            },
            { key: 'timeline', label: t('classes.tab.timeline'), children: <ClassTimeline timeline={c.timeline} /> },
            {
              key: 'staff',
              label: (
                <Space size={4}>
                  {t('classes.tab.staff')}
                  {c.staffing.short && <Badge status="warning" />}
                </Space>
              ),
              children: (
                <Space direction="vertical" size={16} style={{ display: 'flex' }}>
                  <StaffingSummary staffing={c.staffing} />
                  <RosterTable classId={c.id} canManage={c.abilities.manageStaff} />
                </Space>
              ),
            },
            {
              key: 'enrolment',
              label: t('classes.tab.enrolment'),
              children: (
                <Suspense fallback={<Skeleton active />}>
                  <EnrolmentTab cls={c} />
                </Suspense>
              ),
            },
            ...(['open', 'running', 'closed', 'archived'].includes(c.status)
              ? [{ key: 'attendance', label: t('attendance.tab'), children: <AttendanceTab cls={c} /> }]
              : []),
            ...(['open', 'running', 'closed', 'archived'].includes(c.status)
              ? [
                  {
                    key: 'daily',
                    label: <DailyTabLabel classId={c.id} />,
                    children: <DailyRecordsTab classId={c.id} />,
                  },
                  { key: 'activities', label: t('activities.tab'), children: <ActivitiesTab classId={c.id} /> },
                ]
              : []),
            {
              key: 'incidents',
              label: t('incidents.tab'),
              children: <IncidentTab classId={c.id} className={c.name} />,
            },
            { key: 'funding', label: t('funding.tab'), children: <FundingTab classId={c.id} /> },
            { key: 'satisfaction', label: t('satisfaction.tab'), children: <SatisfactionTab classId={c.id} /> },
          ]}
        />
      </Card>
      <TransitionModal
        cls={c}
        step={step}
        onClose={() => setStep(null)}
        onDone={(updated) => {
          qc.setQueryData(classKey(id), updated);
          void qc.invalidateQueries({ queryKey: ['classes'] });
          void message.success(t('classes.stepDone'));
        }}
      />
    </PageContainer>
  );
}
