/**
 * The console shell: ProLayout with the side menu derived from the route table (routes.tsx) and `me.abilities`
 * (the server decides what a person may see; the menu only mirrors it), the inbox bell, a language switch and the
 * account menu.
 */
import { KeyOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { ProLayout } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Dropdown, type MenuProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { InboxBell } from '../../pages/inbox/Bell';
import { signOut, useCurrentUser } from '../auth/session';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { roleLabel } from '../labels';
import { menuFor } from '../routes';
import { withIcons } from './menuIcons';

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
      route={{ path: '/', routes: withIcons(menuFor(me, t)) }}
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
