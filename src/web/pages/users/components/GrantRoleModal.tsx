/** 授予角色: one more role on an organisation node (it covers that node's subtree). */
import { Alert, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../domain/people/roles';
import { errorMessage } from '../../../app/api/client';
import type { User } from '../../../app/api/types';
import { grantRole } from '../api';
import { RoleOrgFields } from './RoleOrgFields';

export function GrantRoleModal({
  user,
  onClose,
  onSaved,
}: {
  user: User | null;
  onClose: () => void;
  onSaved: (u: User) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ orgId?: number; role?: Role }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open={user !== null}
      title={user ? t('users.grantTitle', { name: user.displayName }) : ''}
      okText={t('users.grant')}
      confirmLoading={saving}
      destroyOnClose
      onCancel={onClose}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      onOk={async () => {
        if (!user) return;
        // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        setSaving(true);
        setError(null);
        try {
          onSaved(await grantRole(user.id, v.role as Role, v.orgId as number));
          onClose();
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      <Alert type="info" showIcon message={t('users.grantHint')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        <RoleOrgFields form={form} />
      </Form>
    </Modal>
  );
}
