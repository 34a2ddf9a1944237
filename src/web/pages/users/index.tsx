/**
 * 人员与角色: people in the caller's subtree with their roles. Create (first role + one-time password), edit,
 * grant/revoke roles, reset a password, deactivate/reactivate, reveal a masked phone (audited).
 */
import { PlusOutlined } from '@ant-design/icons';
import { type ActionType, PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { App, Badge, Button, Space, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNarrow } from '../../app/components/useNarrow';
import { useSearchParams } from 'react-router-dom';
import { ROLES, type Role } from '../../../domain/people/roles';
import { errorMessage } from '../../app/api/client';
import type { User } from '../../app/api/types';
import { useCurrentUser } from '../../app/auth/session';
import { OrgTreeSelect } from '../../app/components/OrgTreeSelect';
import { type TableParams, useTableRequest } from '../../app/components/useTableRequest';
import { ReasonModal } from '../../app/components/ReasonModal';
import { type SecretOnce, SecretOnceModal } from '../../app/components/SecretOnceModal';
import { roleLabel } from '../../app/labels';
import { deactivateUser, listUsers, reactivateUser, resetPassword } from './api';
import { CreateUserModal } from './components/CreateUserModal';
import { EditUserModal } from './components/EditUserModal';
import { GrantRoleModal } from './components/GrantRoleModal';
import { GrantTags } from './components/GrantTags';
import { PhoneCell } from './components/PhoneCell';
import { type UserActionHandlers, UserRowActions } from './components/UserRowActions';
import { formatChina } from '../../app/chinaTime';

interface Search {
  q?: string;
  role?: Role;
  orgId?: number;
  includeInactive?: boolean;
}

export default function UsersPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const me = useCurrentUser();
  const { message, modal } = App.useApp();
  const [params] = useSearchParams();
  const initialOrgId = Number(params.get('orgId')) || undefined;
  const tableRef = useRef<ActionType>();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [granting, setGranting] = useState<User | null>(null);
  const [toggling, setToggling] = useState<{ user: User; activate: boolean } | null>(null);
  const [secret, setSecret] = useState<SecretOnce | null>(null);
  const reload = () => tableRef.current?.reload();
  const table = useTableRequest(
    (p: Search & TableParams) =>
      listUsers({
        q: p.q?.trim() || undefined,
        role: p.role,
        orgId: p.orgId,
        includeInactive: !!p.includeInactive,
        page: p.current,
        pageSize: p.pageSize,
      }),
    t('users.empty'),
  );

  const handlers: UserActionHandlers = {
    onEdit: setEditing,
    onGrant: setGranting,
    onDeactivate: (u) => setToggling({ user: u, activate: false }),
    onReactivate: (u) => setToggling({ user: u, activate: true }),
    onResetPassword: (u) =>
      modal.confirm({
        title: t('users.resetConfirmTitle', { name: u.displayName }),
        content: t('users.resetConfirmText'),
        okText: t('users.resetPassword'),
        okButtonProps: { danger: true },
        onOk: async () => {
          try {
            const r = await resetPassword(u.id);
            setSecret({
              title: t('users.tempPasswordTitle', { name: u.displayName }),
              username: u.username,
              password: r.temporaryPassword,
            });
            reload();
          } catch (e) {
            void message.error(errorMessage(e));
          }
        },
      }),
  };

  const columns: ProColumns<User>[] = [
    {
      title: t('users.keyword'),
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: t('users.keywordPlaceholder') },
    },
    {
      title: t('users.org'),
      dataIndex: 'orgId',
      hideInTable: true,
      renderFormItem: () => <OrgTreeSelect allowClear placeholder={t('users.allOrgs')} />,
    },
    {
      title: t('users.role'),
      dataIndex: 'role',
      hideInTable: true,
      valueType: 'select',
      valueEnum: Object.fromEntries(ROLES.map((r) => [r, { text: roleLabel(r) }])),
    },
    {
      title: t('users.showInactive'),
      dataIndex: 'includeInactive',
      hideInTable: true,
      valueType: 'switch',
    },
    {
      title: t('users.person'),
      dataIndex: 'displayName',
      search: false,
      width: 170,
      render: (_, u) => (
        <div>
          <Typography.Text strong delete={!u.active}>
            {u.displayName}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {u.username}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('users.phone'),
      dataIndex: 'phoneMasked',
      search: false,
      width: 140,
      render: (_, u) => <PhoneCell user={u} />,
    },
    {
      title: t('users.roles'),
      dataIndex: 'grants',
      search: false,
      render: (_, u) => <GrantTags user={u} onChanged={reload} />,
    },
    {
      title: t('common.status'),
      dataIndex: 'active',
      search: false,
      width: 110,
      render: (_, u) => (
        <Space direction="vertical" size={0}>
          {u.active ? (
            <Badge status="success" text={t('common.active')} />
          ) : (
            <Badge status="default" text={t('common.inactive')} />
          )}
          {u.mustChangePassword && u.active && (
            <Tooltip title={t('users.mustChangeHint')}>
              <Tag color="orange" style={{ fontSize: 11 }}>
                {t('users.mustChange')}
              </Tag>
            </Tooltip>
          )}
          {u.totpEnabled && (
            <Tag color="green" style={{ fontSize: 11 }}>
              {t('users.totpOn')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      search: false,
      width: 140,
      responsive: ['xxl'],
      render: (_, u) =>
        u.lastLoginAt ? (
          formatChina(u.lastLoginAt, 'YYYY-MM-DD HH:mm')
        ) : (
          <Typography.Text type="secondary">{t('users.never')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 190,
      fixed: 'right',
      render: (_, u) => <UserRowActions user={u} h={handlers} />,
    },
  ];

  return (
    <PageContainer title={t('menu.users')} subTitle={narrow ? undefined : t('users.subtitle')}>
      <ProTable<User, Search>
        rowKey="id"
        actionRef={tableRef}
        columns={columns}
        size="small"
        headerTitle={t('users.listTitle')}
        form={{ initialValues: { orgId: initialOrgId } }}
        search={{
          labelWidth: 'auto',
          defaultCollapsed: narrow,
          // Folding only helps on phones; on a desk the toggle just crowds the buttons.
          collapseRender: narrow ? undefined : false,
          span: { xs: 24, sm: 12, md: 12, lg: 8, xl: 6, xxl: 6 },
        }}
        options={{ density: false, setting: false, reload: true }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        scroll={{ x: 'max-content' }}
        toolBarRender={() =>
          me.abilities.manageUsers
            ? [
                <Button
                  key="create"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setCreating(true)}
                  data-testid="user-create"
                >
                  {t('users.create')}
                </Button>,
              ]
            : []
        }
        request={table.request}
        locale={table.locale}
      />

      <CreateUserModal
        open={creating}
        defaultOrgId={initialOrgId}
        onClose={() => setCreating(false)}
        onCreated={(u) => {
          reload();
          if (u.initialPassword)
            setSecret({
              title: t('users.createdTitle', { name: u.displayName }),
              username: u.username,
              password: u.initialPassword,
            });
          else void message.success(t('users.created', { name: u.displayName }));
        }}
      />
      <EditUserModal
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          void message.success(t('common.saved'));
          reload();
        }}
      />
      <GrantRoleModal
        user={granting}
        onClose={() => setGranting(null)}
        onSaved={() => {
          void message.success(t('users.granted'));
          reload();
        }}
      />
      <ReasonModal
        open={toggling !== null}
        title={
          toggling
            ? t(toggling.activate ? 'users.reactivateTitle' : 'users.deactivateTitle', {
                name: toggling.user.displayName,
              })
            : ''
        }
        warning={toggling && !toggling.activate ? t('users.deactivateWarning') : undefined}
        okText={toggling?.activate ? t('common.reactivate') : t('common.deactivate')}
        danger={!toggling?.activate}
        onClose={() => setToggling(null)}
        onSubmit={async (reason) => {
          if (!toggling) return;
          const { user, activate } = toggling;
          await (activate ? reactivateUser(user.id, reason) : deactivateUser(user.id, reason));
          void message.success(
            activate
              ? t('users.reactivated', { name: user.displayName })
              : t('users.deactivated', { name: user.displayName }),
          );
          reload();
        }}
      />
      <SecretOnceModal value={secret} onClose={() => setSecret(null)} />
    </PageContainer>
  );
}
