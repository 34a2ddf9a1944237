/** 登记拨付: a payment on one class of the list; the amount typed in yuan, parsed to 分 without floats. */
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { sourceLabel } from '../funding/components/labels';
import { parseYuanToFen, yuan } from '../funding/components/money';
import { recordPayment, type SubsidyList } from './api';

interface Values {
  itemId: number;
  amount: string;
  date: string;
  note?: string;
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export function PaymentModal(p: { list: SubsidyList; itemId?: number; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const open = p.list.items.filter((i) => i.pendingFen > 0);
  const first = open.find((i) => i.id === p.itemId) ?? open[0];

  const submit = async () => {
    const v = await form.validateFields();
    const amountFen = parseYuanToFen(v.amount);
    if (amountFen === null || amountFen <= 0) return;
    setSaving(true);
    setError(null);
    try {
      await recordPayment(p.list.id, { itemId: v.itemId, amountFen, date: v.date, note: v.note ?? null });
      p.onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('subsidies.pay')}
      okText={t('subsidies.save')}
      cancelText={t('subsidies.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={p.onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        message={t('subsidies.ledgerNote', { source: sourceLabel(p.list.source) })}
        style={{ marginBottom: 12 }}
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          itemId: first?.id,
          amount: first ? yuan(first.pendingFen).replace(/,/g, '') : '',
          date: today(),
        }}
      >
        <Form.Item
          name="itemId"
          label={t('subsidies.item')}
          rules={[{ required: true, message: t('subsidies.required') }]}
        >
          <Select
            options={open.map((i) => ({
              value: i.id,
              label: `${i.className} · ${t('subsidies.pending')} ${yuan(i.pendingFen)}`,
            }))}
            onChange={(id: number) => {
              const it = open.find((i) => i.id === id);
              if (it) form.setFieldValue('amount', yuan(it.pendingFen).replace(/,/g, ''));
            }}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('subsidies.amountYuan')}
          rules={[
            { required: true, message: t('subsidies.required') },
            {
              validator: (_, v?: string) => {
                const fen = v ? parseYuanToFen(v) : null;
                return fen !== null && fen > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('subsidies.badAmount')));
              },
            },
          ]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item
          name="date"
          label={t('subsidies.date')}
          rules={[{ required: true, message: t('subsidies.required') }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="note" label={t('subsidies.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
