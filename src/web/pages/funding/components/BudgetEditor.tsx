/** 编制预算: the budget's lines by source and purpose, amounts typed in yuan; saving appends a new version. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/client';
import { type Budget, saveBudget } from '../api';
import { purposeOptions, sourceOptions } from './labels';
import { parseYuanToFen } from './money';
import { formatFen } from '../../../../domain/funding/money';

interface Line {
  source: string;
  purpose: string;
  amount: string;
  note?: string | null;
}

export function BudgetEditor(p: {
  classId: number;
  open: boolean;
  lines: Budget['lines'];
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ lines: Line[] }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const initial = p.lines.map((l) => ({ ...l, amount: formatFen(l.amountFen) }));
  return (
    <Modal
      open={p.open}
      width={760}
      title={t('funding.editBudget')}
      okText={t('funding.saveBudget')}
      onCancel={p.onClose}
      confirmLoading={saving}
      destroyOnHidden
      onOk={async () => {
        // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        setSaving(true);
        setError(null);
        try {
          await saveBudget(
            p.classId,
            (v.lines ?? []).map((l) => ({
              source: l.source as Budget['lines'][number]['source'],
              purpose: l.purpose as Budget['lines'][number]['purpose'],
              amountFen: parseYuanToFen(l.amount) ?? 0,
              note: l.note ?? null,
            })),
          );
          p.onDone();
        } catch (e) {
          setError(e instanceof ApiError ? e.message : String(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} initialValues={{ lines: initial }}>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'source']} rules={[{ required: true }]}>
                    <Select options={sourceOptions()} style={{ width: 150 }} placeholder={t('funding.source')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'purpose']} rules={[{ required: true }]}>
                    <Select options={purposeOptions()} style={{ width: 140 }} placeholder={t('funding.purpose')} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'amount']}
                    rules={[
                      {
                        validator: (_, v: string | undefined) => {
                          const fen = parseYuanToFen(v ?? '');
                          return fen !== null && fen > 0
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('funding.amountInvalid')));
                        },
                      },
                    ]}
                  >
                    <Input prefix="¥" inputMode="decimal" style={{ width: 140 }} placeholder={t('funding.amount')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']}>
                    <Input maxLength={200} style={{ width: 150 }} placeholder={t('funding.note')} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ source: 'unit', purpose: 'meals' })}>
                {t('funding.addLine')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
