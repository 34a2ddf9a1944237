/** 退回修改: the supervising level returns a report with a comment the reporting organisation reads (required). */
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';

export function ReturnModal({
  open,
  onSubmit,
  onClose,
}: {
  open: boolean;
  onSubmit: (comment: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ comment: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open={open}
      title={t('reports.editor.returnTitle')}
      okText={t('reports.editor.return')}
      okButtonProps={{ danger: true, loading: saving }}
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
        const { comment } = values;
        setSaving(true);
        setError(null);
        try {
          await onSubmit(comment.trim());
          onClose();
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      <Alert type="info" showIcon message={t('reports.editor.returnHint')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="comment"
          label={t('reports.editor.comment')}
          rules={[
            { required: true, whitespace: true, min: 2, max: 2000, message: t('reports.editor.commentRequired') },
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="return-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
