/**
 * The console shell: ProLayout with a side menu built from `me.abilities` (the server decides what a person may
 * do; the menu only mirrors it), a language switch and the account menu.
 */
import {
  ApartmentOutlined,
  AlertOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  EnvironmentOutlined,
  FileProtectOutlined,
  HomeOutlined,
  IdcardOutlined,
  ReadOutlined,
  ShopOutlined,
  KeyOutlined,
  LineChartOutlined,
  LogoutOutlined,
  NotificationOutlined,
  SafetyOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ProLayout } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Dropdown, type MenuProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Me } from '../api/types';
import { areasFor } from '../auth/areas';
import { signOut, useCurrentUser } from '../auth/session';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { InboxBell } from '../../pages/inbox/Bell';
import { roleLabel } from '../labels';

interface MenuEntry {
  path: string;
  name: string;
  icon?: React.ReactNode;
  routes?: MenuEntry[];
}

/**
 * The side menu. The original administration pages follow `me.abilities`; the care programme's areas follow the
 * person's roles as decided in auth/areas.ts (the API's 403/404 remain the real guard).
 */
export function menuFor(me: Me, t: (k: string) => string): MenuEntry[] {
  const a = me.abilities;
  const care = areasFor(me);
  const classEntries = (
    [
      care.myClasses && { path: '/classes/mine', name: t('menu.myClasses'), icon: <ReadOutlined /> },
      care.allClasses && { path: '/classes/all', name: t('menu.allClasses'), icon: <ReadOutlined /> },
      care.approvals && { path: '/classes/approvals', name: t('menu.approvals'), icon: <CheckSquareOutlined /> },
    ] as (MenuEntry | false)[]
  ).filter((e): e is MenuEntry => e !== false);
  const entries: (MenuEntry | false)[] = [
    { path: '/', name: t('menu.home'), icon: <HomeOutlined /> },
    care.campaigns && { path: '/campaigns', name: t('menu.campaigns'), icon: <CalendarOutlined /> },
    care.classes &&
      classEntries.length > 0 && {
        path: '/care',
        name: t('menu.classes'),
        icon: <BankOutlined />,
        routes: classEntries,
      },
    care.classes && { path: '/incidents', name: t('incidents.menu'), icon: <AlertOutlined /> },
    me.grants.some((g) => ['city_admin', 'district_admin', 'unit_admin'].includes(g.role)) && {
      path: '/attendance',
      name: t('attendance.menu'),
      icon: <LineChartOutlined />,
    },
    care.venues && { path: '/venues', name: t('menu.venues'), icon: <EnvironmentOutlined /> },
    care.counterparties && { path: '/counterparties', name: t('menu.counterparties'), icon: <ShopOutlined /> },
    care.guardians && { path: '/guardians', name: t('menu.guardians'), icon: <IdcardOutlined /> },
    care.agreements && { path: '/agreements', name: t('menu.agreements'), icon: <FileProtectOutlined /> },
    me.grants.some((g) => ['city_admin', 'district_admin', 'unit_admin'].includes(g.role)) && {
      path: '/notifications/channels',
      name: t('notif.channelsMenu'),
      icon: <NotificationOutlined />,
    },
    a.manageOrgs && { path: '/orgs', name: t('menu.orgs'), icon: <ApartmentOutlined /> },
    a.manageUsers && { path: '/users', name: t('menu.users'), icon: <TeamOutlined /> },
    a.readAudit && { path: '/audit', name: t('menu.audit'), icon: <AuditOutlined /> },
    a.manageSettings && { path: '/settings', name: t('menu.settings'), icon: <SettingOutlined /> },
    {
      path: '/account',
      name: t('menu.account'),
      icon: <SafetyOutlined />,
      routes: [
        { path: '/account/password', name: t('menu.password'), icon: <KeyOutlined /> },
        { path: '/account/totp', name: t('menu.totp'), icon: <SafetyOutlined /> },
      ],
    },
  ];
  return entries.filter((e): e is MenuEntry => e !== false);
}

export default function AdminLayout() {
  const me = useCurrentUser();
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();

  const userMenu: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div style={{ maxWidth: 280 }}>
          <Typography.Text strong>{me.user.displayName}</Typography.Text>
          {me.grants.map((g) => (
            <div key={`${g.role}-${g.orgId}`}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {roleLabel(g.role)} · {g.orgName}
              </Typography.Text>
            </div>
          ))}
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: t('menu.password') },
    { key: 'totp', icon: <SafetyOutlined />, label: t('menu.totp') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), danger: true },
  ];
  const onUserMenu: MenuProps['onClick'] = async ({ key }) => {
    if (key === 'password') navigate('/account/password');
    else if (key === 'totp') navigate('/account/totp');
    else if (key === 'logout') {
      await signOut(qc);
      navigate('/login', { replace: true });
    }
  };

  return (
    <ProLayout
      title={t('app.shortName')}
      logo={<span style={{ fontSize: 22, lineHeight: 1, color: '#d4380d' }}>❤</span>}
      layout="mix"
      fixSiderbar
      fixedHeader
      siderWidth={208}
      location={{ pathname: location.pathname }}
      route={{ path: '/', routes: menuFor(me, t) }}
      menu={{ defaultOpenAll: true }}
      menuItemRender={(item, dom) => (item.path ? <Link to={item.path}>{dom}</Link> : dom)}
      onMenuHeaderClick={() => navigate('/')}
      token={{
        header: { colorBgHeader: '#fff' },
        sider: { colorTextMenuSelected: '#d4380d', colorBgMenuItemSelected: '#fff2e8', colorTextMenuActive: '#d4380d' },
      }}
      actionsRender={() => [<InboxBell key="bell" />, <LanguageSwitch key="lang" />]}
      avatarProps={{
        icon: <UserOutlined />,
        size: 'small',
        title: <span data-testid="current-user">{me.user.displayName}</span>,
        render: (_props, dom) => (
          <Dropdown menu={{ items: userMenu, onClick: onUserMenu }} trigger={['click']} placement="bottomRight">
            <span style={{ cursor: 'pointer' }} data-testid="user-menu">
              {dom}
            </span>
          </Dropdown>
        ),
      }}
    >
      <Outlet />
    </ProLayout>
  );
}
