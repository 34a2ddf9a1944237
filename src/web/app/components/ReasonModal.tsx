/** Asks for the reason of a deactivation/reactivation (kept in the audit log) and runs the action. */
import { Alert, Form, Input, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';

export interface ReasonModalProps {
  open: boolean;
  title: ReactNode;
  /** What will happen, in a sentence. */
  warning?: ReactNode;
  okText: string;
  danger?: boolean;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
}

export function ReasonModal({ open, title, warning, okText, danger, onSubmit, onClose }: ReasonModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: saving }}
      onCancel={onClose}
      destroyOnClose
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      onOk={async () => {
        // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
        const values = await form.validateFields().catch(() => null);
        if (!values) return;
        const { reason } = values;
        setSaving(true);
        setError(null);
        try {
          await onSubmit(reason.trim());
          onClose();
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      {warning && <Alert type={danger ? 'warning' : 'info'} showIcon message={warning} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('common.reason')}
          rules={[
            { required: true, whitespace: true, message: t('common.reasonRequired') },
            { min: 2, max: 500, message: t('common.reasonLength') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('common.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
