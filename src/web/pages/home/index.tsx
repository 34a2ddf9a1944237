/**
 * 工作台: each person's own work first. City and district officials (and industry unions) get the dashboard (数据看板,
 * lazy-loaded with its charts); inspectors their visits and items to verify; class staff and volunteers today's
 * class and the door screen; everyone their roles and the areas their roles open.
 */
import { PageContainer } from '@ant-design/pro-components';
import { Card, Descriptions, Result, Space, Spin, Tag } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth/session';
import { orgKindLabel, roleLabel } from '../../app/labels';
import { InspectorHome } from '../supervision/components/InspectorHome';
import { QuickLinks } from './components/QuickLinks';
import { StaffHome } from './components/StaffHome';

const Dashboard = lazy(() => import('./dashboard/Dashboard'));

export default function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const a = me.abilities;
  const official = me.grants.some((g) => g.role === 'city_admin' || g.role === 'district_admin');
  const staff = me.grants.some((g) => g.role === 'class_staff' || g.role === 'volunteer');
  const nothing = !a.manageOrgs && !a.manageUsers && !a.readAudit && !a.manageSettings && !a.inspect && !staff;
  return (
    <PageContainer title={t('home.welcome', { name: me.user.displayName })}>
      <Space direction="vertical" size={16} style={{ display: 'flex' }}>
        {official && (
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <Dashboard />
          </Suspense>
        )}
        {a.inspect && <InspectorHome />}
        {staff && <StaffHome />}
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
