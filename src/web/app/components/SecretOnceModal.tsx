/** Shows a password exactly once (initial or temporary), with a copy button; it cannot be shown again. */
import { Alert, Descriptions, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface SecretOnce {
  title: ReactNode;
  username: string;
  password: string;
}

export function SecretOnceModal({ value, onClose }: { value: SecretOnce | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={value !== null}
      title={value?.title}
      onOk={onClose}
      onCancel={onClose}
      okText={t('secret.done')}
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
      destroyOnClose
    >
      {value && (
        <>
          <Alert type="warning" showIcon message={t('secret.once')} style={{ marginBottom: 16 }} />
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('users.username')}>
              <Typography.Text copyable>{value.username}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('secret.password')}>
              <Typography.Text
                code
                copyable={{ text: value.password, tooltips: [t('secret.copy'), t('secret.copied')] }}
                data-testid="secret-password"
                style={{ fontSize: 16 }}
              >
                {value.password}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('secret.mustChange')}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
