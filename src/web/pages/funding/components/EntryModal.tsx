/**
 * 登记收支: one ledger entry. The amount is typed as yuan text and parsed digit by digit into integer 分 (never a
 * float); a refusal (union money for insurance, P-R7) shows the server's text — the rule's own words.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Radio, Select, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/client';
import { addEntry } from '../api';
import { uploadReceipt } from '../api';
import { purposeOptions, sourceOptions } from './labels';
import { parseYuanToFen } from './money';

interface Values {
  kind: 'income' | 'expense';
  source: string;
  purpose: string;
  amount: string;
  date: string;
  counterparty?: string;
  note?: string;
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export function EntryModal(p: { classId: number; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [receipt, setReceipt] = useState<{ id: number; name: string } | null>(null);

  const submit = async () => {
    // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const amountFen = parseYuanToFen(v.amount);
    if (amountFen === null || amountFen <= 0) return;
    setSaving(true);
    setError(null);
    try {
      await addEntry(p.classId, {
        kind: v.kind,
        source: v.source,
        purpose: v.purpose,
        amountFen,
        date: v.date,
        counterparty: v.counterparty ?? null,
        note: v.note ?? null,
        receiptFileId: receipt?.id ?? null,
      });
      form.resetFields();
      setReceipt(null);
      p.onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={p.open}
      title={t('funding.addEntry')}
      onCancel={p.onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'expense', source: 'unit', purpose: 'meals', date: today() }}
        onValuesChange={() => setError(null)}
      >
        <Form.Item name="kind" label={t('funding.kind')}>
          <Radio.Group
            options={[
              { value: 'income', label: t('funding.income') },
              { value: 'expense', label: t('funding.expense') },
            ]}
            optionType="button"
          />
        </Form.Item>
        <Form.Item name="source" label={t('funding.source')} rules={[{ required: true }]}>
          <Select options={sourceOptions()} />
        </Form.Item>
        <Form.Item name="purpose" label={t('funding.purpose')} rules={[{ required: true }]}>
          <Select options={purposeOptions()} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('funding.amount')}
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
          <Input inputMode="decimal" placeholder="1280.50" prefix="¥" />
        </Form.Item>
        <Form.Item name="date" label={t('funding.date')} rules={[{ required: true }]}>
          <Input type="date" min="2000-01-01" max="2100-12-31" />
        </Form.Item>
        <Form.Item name="counterparty" label={t('funding.counterparty')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label={t('funding.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.Item label={t('funding.receipt')}>
          <Upload
            maxCount={1}
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              uploadReceipt(p.classId, file as File)
                .then((f) => {
                  setReceipt({ id: f.id, name: f.filename });
                  onSuccess?.(f);
                })
                .catch((e: unknown) => {
                  setError(e instanceof ApiError ? e.message : String(e));
                  onError?.(e as Error);
                });
            }}
          >
            <Button icon={<UploadOutlined />}>{t('funding.uploadReceipt')}</Button>
          </Upload>
          {receipt && <div style={{ marginTop: 4 }}>{t('funding.receiptUploaded', { name: receipt.name })}</div>}
        </Form.Item>
      </Form>
    </Modal>
  );
}
