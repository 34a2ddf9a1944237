/** Actions on one person, shown only when the server says the caller may manage them (`abilities.manage`). */
import { DownOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../app/api/types';

export interface UserActionHandlers {
  onEdit: (u: User) => void;
  onGrant: (u: User) => void;
  onResetPassword: (u: User) => void;
  onDeactivate: (u: User) => void;
  onReactivate: (u: User) => void;
}

export function UserRowActions({ user, h }: { user: User; h: UserActionHandlers }) {
  const { t } = useTranslation();
  if (!user.abilities.manage) return null;
  const link = { type: 'link', size: 'small', style: { paddingInline: 4 } } as const;
  return (
    <Space size={0}>
      <Button {...link} onClick={() => h.onEdit(user)}>
        {t('common.edit')}
      </Button>
      <Button {...link} onClick={() => h.onGrant(user)}>
        {t('users.grant')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'reset', label: t('users.resetPassword'), disabled: !user.active },
            user.active
              ? { key: 'deactivate', label: t('common.deactivate'), danger: true }
              : { key: 'reactivate', label: t('common.reactivate') },
          ],
          onClick: ({ key }) => {
            if (key === 'reset') h.onResetPassword(user);
            else if (key === 'deactivate') h.onDeactivate(user);
            else if (key === 'reactivate') h.onReactivate(user);
          },
        }}
      >
        <Button {...link}>
          {t('common.more')} <DownOutlined />
        </Button>
      </Dropdown>
    </Space>
  );
}
