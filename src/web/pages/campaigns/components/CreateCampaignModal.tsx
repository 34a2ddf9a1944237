/**
 * 新建项目: from the built-in 2021 policy or from an earlier campaign, rolled over to the chosen year. Every other
 * parameter is edited afterwards on the parameter form.
 */
import { Alert, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import type { CampaignDetail, CampaignSummary } from '../../../app/api/types';
import { createCampaign } from '../api';

interface Values {
  source: 'template' | 'campaign';
  fromId?: number;
  year: number;
  name: string;
}

export function CreateCampaignModal({
  open,
  campaigns,
  onClose,
  onCreated,
}: {
  open: boolean;
  campaigns: CampaignSummary[];
  onClose: () => void;
  onCreated: (c: CampaignDetail) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const source = Form.useWatch('source', form);
  const latest = campaigns[0];
  // After the summer the next campaign is next year's; a city starting fresh plans for the coming holidays.
  const now = new Date();
  const year = latest ? latest.year + 1 : now.getFullYear() + (now.getMonth() >= 8 ? 1 : 0);
  return (
    <Modal
      open={open}
      title={t('campaigns.createTitle')}
      okText={t('common.create')}
      confirmLoading={saving}
      destroyOnClose
      maskClosable={false}
      onCancel={onClose}
      afterClose={() => setError(null)}
      onOk={async () => {
        // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        setSaving(true);
        setError(null);
        try {
          const from = v.source === 'template' ? ('template' as const) : (v.fromId as number);
          onCreated(await createCampaign({ from, year: v.year, name: v.name.trim() }));
          onClose();
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        name="campaign-create"
        onValuesChange={(changed: Partial<Values>) => {
          // The suggested name follows the year until someone writes their own.
          if (changed.year && !form.isFieldTouched('name')) {
            form.setFieldsValue({ name: t('campaigns.defaultName', { year: changed.year }) });
          }
        }}
        initialValues={{
          source: latest ? 'campaign' : 'template',
          fromId: latest?.id,
          year,
          name: t('campaigns.defaultName', { year }),
        }}
      >
        <Form.Item name="source" label={t('campaigns.source')}>
          <Radio.Group>
            <Radio value="template">{t('campaigns.fromTemplate')}</Radio>
            <Radio value="campaign" disabled={campaigns.length === 0}>
              {t('campaigns.fromCampaign')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {source === 'campaign' && (
          <Form.Item
            name="fromId"
            label={t('campaigns.fromWhich')}
            rules={[{ required: true, message: t('campaigns.fromWhichRequired') }]}
          >
            <Select options={campaigns.map((c) => ({ value: c.id, label: `${c.name}（${c.year}）` }))} />
          </Form.Item>
        )}
        <Form.Item
          name="year"
          label={t('campaigns.year')}
          extra={t('campaigns.yearHint')}
          rules={[{ required: true, message: t('campaigns.yearRequired') }]}
        >
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('campaigns.name')}
          rules={[
            { required: true, whitespace: true, message: t('campaigns.nameRequired') },
            { min: 2, max: 100, message: t('campaigns.nameLength') },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
