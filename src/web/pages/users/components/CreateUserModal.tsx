/** 新建人员 with a first role on an organisation; the server answers with a one-time initial password. */
import { Alert, Col, Form, Input, Modal, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../domain/people/roles';
import { errorMessage } from '../../../app/api/client';
import type { UserCreated } from '../../../app/api/types';
import { phoneRule } from '../../orgs/components/validators';
import { createUser } from '../api';
import { RoleOrgFields } from './RoleOrgFields';

interface Values {
  username: string;
  displayName: string;
  phone?: string;
  orgId?: number;
  role?: Role;
}

interface Props {
  open: boolean;
  defaultOrgId?: number;
  onClose: () => void;
  onCreated: (u: UserCreated) => void;
}

/** Mounted only while open, so each opening starts from a fresh form. */
export function CreateUserModal(props: Props) {
  return props.open ? <CreateUserDialog {...props} /> : null;
}

function CreateUserDialog({ defaultOrgId, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={t('users.createTitle')}
      okText={t('common.create')}
      confirmLoading={saving}
      width={600}
      maskClosable={false}
      onCancel={onClose}
      onOk={async () => {
        // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        setSaving(true);
        setError(null);
        try {
          const u = await createUser({
            username: v.username.trim(),
            displayName: v.displayName.trim(),
            phone: v.phone?.trim() ? v.phone.trim() : null,
            orgId: v.orgId as number,
            role: v.role as Role,
          });
          onCreated(u);
          onClose();
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="user-form-error" />
      )}
      <Form form={form} layout="vertical" preserve={false} name="user-create" initialValues={{ orgId: defaultOrgId }}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="username"
              label={t('users.username')}
              extra={t('users.usernameRule')}
              rules={[
                { required: true, message: t('users.usernameRequired') },
                { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: t('users.usernameRule') },
              ]}
            >
              <Input autoComplete="off" maxLength={32} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="displayName"
              label={t('users.displayName')}
              rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }, { max: 50 }]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="phone" label={t('users.phone')} rules={[phoneRule(t)]} extra={t('users.phoneHint')}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <RoleOrgFields form={form} />
      </Form>
    </Modal>
  );
}
