/** A person's roles as tags "role · organisation"; a revocable grant has a close button with a confirmation. */
import { App, Popconfirm, Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import type { Grant, User } from '../../../app/api/types';
import { orgKindLabel, roleLabel } from '../../../app/labels';
import { revokeRole } from '../api';

export function GrantTags({ user, onChanged }: { user: User; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  if (user.grants.length === 0) return <Tag>{t('users.noRoles')}</Tag>;
  const tag = (g: Grant) => (
    <Tooltip title={`${orgKindLabel(g.orgKind)}${g.orgActive ? '' : ` · ${t('common.inactive')}`}`}>
      <Tag color={g.orgActive ? 'geekblue' : 'default'} style={{ marginInlineEnd: 0 }}>
        {roleLabel(g.role)} · {g.orgName}
        {g.revocable && (
          <Popconfirm
            title={t('users.revokeConfirm', { role: roleLabel(g.role), org: g.orgName })}
            okText={t('users.revoke')}
            okButtonProps={{ danger: true }}
            onConfirm={async () => {
              try {
                await revokeRole(user.id, g.id);
                void message.success(t('users.revoked'));
                onChanged();
              } catch (e) {
                void message.error(errorMessage(e));
              }
            }}
          >
            <button
              type="button"
              aria-label={t('users.revoke')}
              style={{
                marginInlineStart: 6,
                padding: 0,
                border: 0,
                background: 'none',
                color: 'inherit',
                cursor: 'pointer',
                opacity: 0.6,
              }}
            >
              ×
            </button>
          </Popconfirm>
        )}
      </Tag>
    </Tooltip>
  );
  return (
    <Space size={[4, 4]} wrap>
      {user.grants.map((g) => (
        <span key={g.id}>{tag(g)}</span>
      ))}
    </Space>
  );
}
