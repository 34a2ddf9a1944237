/** One 6-digit authenticator code and a submit button; shows the API's refusal inline. */
import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';

export function CodeForm({
  submitLabel,
  onSubmit,
  danger,
}: {
  submitLabel: string;
  onSubmit: (code: string) => Promise<unknown>;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={async ({ code }) => {
        setSaving(true);
        setError(null);
        try {
          await onSubmit(code.trim());
          form.resetFields();
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form.Item label={t('totp.code')} required>
        <Space.Compact style={{ width: '100%', maxWidth: 320 }}>
          <Form.Item
            name="code"
            noStyle
            rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('totp.codeInvalid') }]}
          >
            <Input inputMode="numeric" maxLength={6} placeholder="000000" autoComplete="one-time-code" />
          </Form.Item>
          <Button type="primary" danger={danger} htmlType="submit" loading={saving}>
            {submitLabel}
          </Button>
        </Space.Compact>
      </Form.Item>
    </Form>
  );
}
