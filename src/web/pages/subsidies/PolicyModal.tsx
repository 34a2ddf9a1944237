/** 设置补贴政策: tiers by children enrolled with a per child-day rate, the demonstration supplement, a cap, conditions. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../domain/funding/money';
import { ApiError } from '../../app/api/client';
import { sourceLabel } from '../funding/components/labels';
import { parseYuanToFen } from '../funding/components/money';
import { type Overview, type Rules, savePolicy } from './api';

interface TierValues {
  minChildren: number;
  maxChildren?: number | null;
  rate: string;
}
interface Values {
  source: string;
  tiers: TierValues[];
  supplement: string;
  cap?: string;
  conditions: string[];
}

const CONDITIONS = ['classFinished', 'attendanceMinimum', 'noOpenSeriousIncident'] as const;

const DEFAULT: Values = {
  source: '',
  tiers: [
    { minChildren: 20, maxChildren: 29, rate: '10' },
    { minChildren: 30, maxChildren: 49, rate: '12' },
    { minChildren: 50, maxChildren: null, rate: '15' },
  ],
  supplement: '5000',
  cap: '30000',
  conditions: [...CONDITIONS],
};

function initial(o: Overview): Values {
  const r = o.policy?.rules;
  if (!r) return { ...DEFAULT, source: o.defaultSource };
  return {
    source: r.source,
    tiers: r.tiers.map((t) => ({
      minChildren: t.minChildren,
      maxChildren: t.maxChildren,
      rate: formatFen(t.perChildDayFen),
    })),
    supplement: formatFen(r.demonstrationSupplementFen),
    cap: r.capFen === null ? undefined : formatFen(r.capFen),
    conditions: CONDITIONS.filter((c) => r.conditions[c]),
  };
}

export function PolicyModal(p: { overview: Overview; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const yuanRule = {
    validator: (_: unknown, v?: string) =>
      v === undefined || v === '' || parseYuanToFen(v) !== null
        ? Promise.resolve()
        : Promise.reject(new Error(t('subsidies.badAmount'))),
  };

  const submit = async () => {
    const v = await form.validateFields();
    const rules: Rules = {
      source: v.source as Rules['source'],
      tiers: v.tiers.map((x) => ({
        minChildren: x.minChildren,
        maxChildren: x.maxChildren ?? null,
        perChildDayFen: parseYuanToFen(x.rate) ?? 0,
      })),
      demonstrationSupplementFen: parseYuanToFen(v.supplement || '0') ?? 0,
      capFen: v.cap ? (parseYuanToFen(v.cap) ?? null) : null,
      conditions: Object.fromEntries(CONDITIONS.map((c) => [c, v.conditions.includes(c)])) as Rules['conditions'],
    };
    setSaving(true);
    setError(null);
    try {
      await savePolicy(p.overview.campaignId, p.overview.orgId, rules);
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
      width={720}
      title={p.overview.policy ? t('subsidies.editPolicy') : t('subsidies.setPolicy')}
      okText={t('subsidies.save')}
      cancelText={t('subsidies.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={p.onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial(p.overview)}>
        <Form.Item
          name="source"
          label={t('subsidies.source')}
          rules={[{ required: true, message: t('subsidies.required') }]}
        >
          <Select options={p.overview.unionSources.map((s) => ({ value: s, label: sourceLabel(s) }))} />
        </Form.Item>
        <Form.Item label={t('subsidies.tiers')} required>
          <Form.List name="tiers">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item
                      name={[f.name, 'minChildren']}
                      label={t('subsidies.minChildren')}
                      rules={[{ required: true, message: t('subsidies.required') }]}
                    >
                      <InputNumber min={0} precision={0} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'maxChildren']} label={t('subsidies.maxChildren')}>
                      <InputNumber min={0} precision={0} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'rate']}
                      label={t('subsidies.perChildDay')}
                      rules={[{ required: true, message: t('subsidies.required') }, yuanRule]}
                    >
                      <Input style={{ width: 120 }} inputMode="decimal" />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label="delete" onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ minChildren: 0, maxChildren: null, rate: '0' })}>
                  {t('subsidies.addTier')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Space wrap>
          <Form.Item name="supplement" label={t('subsidies.supplement')} rules={[yuanRule]}>
            <Input style={{ width: 180 }} inputMode="decimal" />
          </Form.Item>
          <Form.Item name="cap" label={t('subsidies.cap')} rules={[yuanRule]}>
            <Input style={{ width: 180 }} inputMode="decimal" />
          </Form.Item>
        </Space>
        <Form.Item name="conditions" label={t('subsidies.conditions')}>
          <Checkbox.Group options={CONDITIONS.map((c) => ({ value: c, label: t(`subsidies.condition.${c}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
