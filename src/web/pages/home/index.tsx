/** 工作台: who I am (roles and where), and the areas my roles open. */
import { PageContainer } from '@ant-design/pro-components';
import { Card, Descriptions, Result, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth/session';
import { orgKindLabel, roleLabel } from '../../app/labels';
import { QuickLinks } from './components/QuickLinks';
import { InspectorHome } from '../supervision/components/InspectorHome';

export default function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const a = me.abilities;
  const nothing = !a.manageOrgs && !a.manageUsers && !a.readAudit && !a.manageSettings && !a.inspect;
  return (
    <PageContainer title={t('home.welcome', { name: me.user.displayName })}>
      <Space direction="vertical" size={16} style={{ display: 'flex' }}>
        <Card title={t('home.myRoles')} size="small">
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
        {a.inspect && <InspectorHome />}
        {nothing ? (
          <Card>
            <Result status="info" title={t('home.nothingTitle')} subTitle={t('home.nothingText')} />
          </Card>
        ) : (
          <QuickLinks me={me} />
        )}
      </Space>
    </PageContainer>
  );
}
