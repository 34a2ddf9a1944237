/** 编辑人员: display name and phone. The phone is masked in lists, so a blank field leaves it unchanged. */
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import type { User } from '../../../app/api/types';
import { phoneRule } from '../../orgs/components/validators';
import { updateUser } from '../api';

interface Values {
  displayName: string;
  phone?: string;
  clearPhone?: boolean;
}

interface Props {
  user: User | null;
  onClose: () => void;
  onSaved: (u: User) => void;
}

/** Mounted only while open, so each opening starts from a fresh form with that person's values. */
export function EditUserModal(props: Props) {
  return props.user ? <EditUserDialog key={props.user.id} {...props} user={props.user} /> : null;
}

function EditUserDialog({ user, onClose, onSaved }: Props & { user: User }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const clear = Form.useWatch('clearPhone', form);
  return (
    <Modal
      open
      title={t('users.editTitle', { name: user.displayName })}
      okText={t('common.save')}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={async () => {
        // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        setSaving(true);
        setError(null);
        try {
          const phone = v.clearPhone ? { phone: null } : v.phone?.trim() ? { phone: v.phone.trim() } : {};
          onSaved(await updateUser(user.id, { displayName: v.displayName.trim(), ...phone, version: user.version }));
          onClose();
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ displayName: user.displayName }}>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }, { max: 50 }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.phone')}
          rules={[phoneRule(t)]}
          extra={user.phoneMasked ? t('users.phoneKeep', { masked: user.phoneMasked }) : undefined}
        >
          <Input maxLength={20} disabled={!!clear} inputMode="tel" placeholder={user.phoneMasked ?? ''} />
        </Form.Item>
        {user.phoneMasked && (
          <Form.Item name="clearPhone" valuePropName="checked">
            <Checkbox>{t('users.clearPhone')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
