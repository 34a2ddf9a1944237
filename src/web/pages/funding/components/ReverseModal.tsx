/** 冲销: reversing a ledger entry needs a reason; the entry itself is never changed. */
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/client';
import type { LedgerEntry } from '../api';

export function ReverseModal(p: {
  entry: LedgerEntry | null;
  onClose(): void;
  onSubmit(reason: string): Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open={p.entry !== null}
      title={p.entry ? t('funding.reverseTitle', { id: p.entry.id }) : ''}
      onCancel={p.onClose}
      confirmLoading={saving}
      okButtonProps={{ danger: true }}
      okText={t('funding.reverse')}
      destroyOnHidden
      onOk={async () => {
        // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        setSaving(true);
        setError(null);
        try {
          await p.onSubmit(v.reason);
          form.resetFields();
        } catch (e) {
          setError(e instanceof ApiError ? e.message : String(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('funding.reason')}
          rules={[{ required: true, whitespace: true, message: t('funding.reasonRequired') }]}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
