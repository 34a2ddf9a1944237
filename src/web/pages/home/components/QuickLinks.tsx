import { ApartmentOutlined, AuditOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Me } from '../../../app/api/types';

export function QuickLinks({ me }: { me: Me }) {
  const { t } = useTranslation();
  const links: { to: string; icon: ReactNode; title: string; text: string; show: boolean }[] = [
    {
      to: '/orgs',
      icon: <ApartmentOutlined />,
      title: t('menu.orgs'),
      text: t('home.orgsText'),
      show: me.abilities.manageOrgs,
    },
    {
      to: '/users',
      icon: <TeamOutlined />,
      title: t('menu.users'),
      text: t('home.usersText'),
      show: me.abilities.manageUsers,
    },
    {
      to: '/audit',
      icon: <AuditOutlined />,
      title: t('menu.audit'),
      text: t('home.auditText'),
      show: me.abilities.readAudit,
    },
    {
      to: '/settings',
      icon: <SettingOutlined />,
      title: t('menu.settings'),
      text: t('home.settingsText'),
      show: me.abilities.manageSettings,
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {links
        .filter((l) => l.show)
        .map((l) => (
          <Col key={l.to} xs={24} sm={12} lg={6}>
            <Link to={l.to}>
              <Card hoverable style={{ height: '100%' }}>
                <Card.Meta
                  avatar={<span style={{ fontSize: 28, color: '#d4380d' }}>{l.icon}</span>}
                  title={l.title}
                  description={<Typography.Text type="secondary">{l.text}</Typography.Text>}
                />
              </Card>
            </Link>
          </Col>
        ))}
    </Row>
  );
}
