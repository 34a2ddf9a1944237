/** A masked phone number with a "show" link; each reveal is recorded in the audit log by the server. */
import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import type { User } from '../../../app/api/types';
import { revealPhone } from '../api';

export function PhoneCell({ user }: { user: User }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [phone, setPhone] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  if (!user.phoneMasked) return <Typography.Text type="secondary">—</Typography.Text>;
  if (phone) return <Typography.Text copyable>{phone}</Typography.Text>;
  return (
    <Space size={2}>
      <span style={{ fontFamily: 'monospace' }}>{user.phoneMasked}</span>
      {user.abilities.revealPhone && (
        <Tooltip title={t('users.revealHint')}>
          <Button
            type="link"
            size="small"
            icon={<EyeOutlined />}
            loading={loading}
            aria-label={t('users.reveal')}
            onClick={async () => {
              setLoading(true);
              try {
                setPhone((await revealPhone(user.id)).phone ?? '—');
              } catch (e) {
                void message.error(errorMessage(e));
              } finally {
                setLoading(false);
              }
            }}
          />
        </Tooltip>
      )}
    </Space>
  );
}
