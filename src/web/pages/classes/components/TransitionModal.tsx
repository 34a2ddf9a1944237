/**
 * One lifecycle step (submit, approve, return, open, start, close, archive) or a comment, with its written
 * comment. A return needs reasons. A refused submission (409 CLASS_RULES_FAILING) lists the failing rules with
 * what would fix each, straight from the server's answer.
 */
import { Alert, Form, Input, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassAction } from '../../../../domain/classes/lifecycle';
import { ApiError, errorMessage } from '../../../app/api/client';
import type { ClassDetail } from '../../../app/api/types';
import { ruleTitle } from '../../../app/careLabels';
import { currentLang } from '../../../app/i18n';
import { type BlockingRule, commentOnClass, transitionClass } from '../api';

export type ClassStep = ClassAction | 'comment';

const NEEDS_TEXT: readonly ClassStep[] = ['return', 'comment'];

export function BlockingRules({ rules }: { rules: BlockingRule[] }) {
  const { t } = useTranslation();
  const lang = currentLang();
  return (
    <List
      size="small"
      bordered
      data-testid="blocking-rules"
      dataSource={rules}
      renderItem={(r) => (
        <List.Item key={r.id} data-rule={r.id}>
          <List.Item.Meta
            title={
              <Typography.Text type="danger" strong>
                {ruleTitle(r.id, lang)}
              </Typography.Text>
            }
            description={
              <>
                <div>{r.message[lang]}</div>
                {r.fix && (
                  <Typography.Text type="warning">
                    {t('rules.fix')}
                    {r.fix[lang]}
                  </Typography.Text>
                )}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

export function TransitionModal({
  cls,
  step,
  onClose,
  onDone,
}: {
  cls: Pick<ClassDetail, 'id' | 'name'>;
  step: ClassStep | null;
  onClose: () => void;
  onDone: (c: ClassDetail) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ comment?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [blocking, setBlocking] = useState<BlockingRule[]>([]);
  const needsText = step !== null && NEEDS_TEXT.includes(step);
  return (
    <Modal
      open={step !== null}
      title={step ? t(`classes.step.${step}.title`, { name: cls.name }) : ''}
      okText={step ? t(`classes.step.${step}.ok`) : ''}
      okButtonProps={{ danger: step === 'return', loading: saving }}
      destroyOnClose
      width={blocking.length ? 640 : 520}
      onCancel={onClose}
      afterClose={() => {
        form.resetFields();
        setError(null);
        setBlocking([]);
      }}
      onOk={async () => {
        if (!step) return;
        // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        setSaving(true);
        setError(null);
        setBlocking([]);
        try {
          const comment = v.comment?.trim() || undefined;
          const updated =
            step === 'comment'
              ? await commentOnClass(cls.id, comment ?? '')
              : await transitionClass(cls.id, step, comment);
          onDone(updated);
          onClose();
        } catch (e) {
          setError(errorMessage(e));
          if (e instanceof ApiError && e.code === 'CLASS_RULES_FAILING' && Array.isArray(e.details)) {
            setBlocking(e.details as BlockingRule[]);
          }
        } finally {
          setSaving(false);
        }
      }}
    >
      {step && <Typography.Paragraph type="secondary">{t(`classes.step.${step}.hint`)}</Typography.Paragraph>}
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="transition-error" />
      )}
      {blocking.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <BlockingRules rules={blocking} />
        </div>
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="comment"
          label={t(step === 'return' ? 'classes.returnReasons' : 'classes.comment')}
          rules={
            needsText
              ? [
                  {
                    required: true,
                    whitespace: true,
                    message: t(step === 'return' ? 'classes.returnReasonsRequired' : 'classes.commentRequired'),
                  },
                ]
              : []
          }
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            placeholder={t(step === 'return' ? 'classes.returnPlaceholder' : 'classes.commentPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
