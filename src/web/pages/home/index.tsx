/**
 * 工作台: each person's own work first. City and district officials (and industry unions) get the dashboard (数据看板,
 * lazy-loaded with its charts); inspectors their visits and items to verify; class staff and volunteers today's
 * class and the door screen; unit administrators their classes and what each needs; approvers the classes waiting;
 * reviewers the applications to score; parents the way to their phone app (/m/); everyone their roles and areas.
 */
import { PageContainer } from '@ant-design/pro-components';
import { Card, Descriptions, Result, Space, Spin, Tag } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth/session';
import { orgKindLabel, roleLabel } from '../../app/labels';
import { InspectorHome } from '../supervision/components/InspectorHome';
import { ApprovalsCard } from './components/ApprovalsCard';
import { ParentHome } from './components/ParentHome';
import { QuickLinks } from './components/QuickLinks';
import { StaffHome } from './components/StaffHome';
import { UnitHome } from './components/UnitHome';
import { hasConsoleWork, isParentOnly, worksAtDoor } from './entry';

const Dashboard = lazy(() => import('./dashboard/Dashboard'));
const ReviewerHome = lazy(() => import('./ReviewerHome'));

export default function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const a = me.abilities;
  const official = me.grants.some((g) => g.role === 'city_admin' || g.role === 'district_admin');
  const staff = worksAtDoor(me);
  const parent = isParentOnly(me);
  const reviewer = me.grants.some((g) => g.role === 'reviewer');
  const unitAdminOf = me.grants.find((g) => g.role === 'unit_admin')?.orgId;
  // "Nothing here" only for a person whom no area opens and who is not a parent (they have the phone app).
  const nothing = !parent && !hasConsoleWork(me);
  return (
    <PageContainer title={t('home.welcome', { name: me.user.displayName })}>
      <Space direction="vertical" size={16} style={{ display: 'flex' }}>
        {a.approvals && <ApprovalsCard />}
        {official && (
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <Dashboard />
          </Suspense>
        )}
        {parent && <ParentHome />}
        {unitAdminOf !== undefined && <UnitHome unitId={unitAdminOf} canCreate={a.createClass} />}
        {a.inspect && <InspectorHome />}
        {staff && <StaffHome />}
        {reviewer && (
          <Suspense fallback={<Spin />}>
            <ReviewerHome />
          </Suspense>
        )}
        <Card title={t('home.myRoles')} size="small" className="dashboard-nonprint">
          {me.grants.length === 0 ? (
            t('home.noRoles')
          ) : (
            <Descriptions column={1} size="small">
              {me.grants.map((g) => (
                <Descriptions.Item key={`${g.role}-${g.orgId}`} label={roleLabel(g.role)}>
                  <Space wrap>
                    {g.orgName}
                    <Tag>{orgKindLabel(g.orgKind)}</Tag>
                  </Space>
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </Card>
        {nothing ? (
          <Card>
            <Result status="info" title={t('home.nothingTitle')} subTitle={t('home.nothingText')} />
          </Card>
        ) : (
          <div className="dashboard-nonprint">
            <QuickLinks me={me} />
          </div>
        )}
      </Space>
    </PageContainer>
  );
}
