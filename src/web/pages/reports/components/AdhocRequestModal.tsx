/**
 * 临时报送: the city (or a district) asks its subtree for one report with its own title, due date, headings and
 * figures picked from the catalogue (GET /api/reports/figures). The server decides who may issue one.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import { currentLang } from '../../../app/i18n';
import { createRequest, fetchFigureCatalogue } from '../api';

interface Values {
  title: string;
  dueDate: Dayjs;
  headings: string;
  figureKeys?: string[];
}

export function AdhocRequestModal({
  open,
  campaignId,
  orgId,
  onClose,
}: {
  open: boolean;
  campaignId: number;
  orgId: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const catalogue = useQuery({ queryKey: ['reports', 'figures'], queryFn: fetchFigureCatalogue, enabled: open });
  return (
    <Modal
      open={open}
      title={t('reports.adhoc.title')}
      okText={t('reports.adhoc.issue')}
      okButtonProps={{ loading: saving, 'data-testid': 'adhoc-issue' }}
      onCancel={onClose}
      destroyOnClose
      width={640}
      afterClose={() => {
        form.resetFields();
        setError(null);
      }}
      onOk={async () => {
        // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        setSaving(true);
        setError(null);
        try {
          await createRequest({
            campaignId,
            orgId,
            title: v.title.trim(),
            dueDate: v.dueDate.format('YYYY-MM-DD'),
            headings: v.headings
              .split('\n')
              .map((h) => h.trim())
              .filter(Boolean),
            figureKeys: v.figureKeys ?? [],
          });
          void message.success(t('reports.adhoc.issued'));
          void qc.invalidateQueries({ queryKey: ['reports'] });
          onClose();
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      <Alert type="info" showIcon message={t('reports.adhoc.hint')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="title"
          label={t('reports.adhoc.name')}
          rules={[{ required: true, whitespace: true, min: 2, max: 100, message: t('reports.adhoc.nameRequired') }]}
        >
          <Input maxLength={100} placeholder={t('reports.adhoc.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={t('reports.adhoc.dueDate')}
          rules={[{ required: true, message: t('reports.adhoc.dueRequired') }]}
        >
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="headings"
          label={t('reports.adhoc.headings')}
          rules={[{ required: true, whitespace: true, message: t('reports.adhoc.headingsRequired') }]}
        >
          <Input.TextArea rows={4} placeholder={t('reports.adhoc.headingsPlaceholder')} />
        </Form.Item>
        <Form.Item name="figureKeys" label={t('reports.adhoc.figures')}>
          <Select
            mode="multiple"
            allowClear
            loading={catalogue.isPending}
            placeholder={t('reports.adhoc.figuresPlaceholder')}
            optionFilterProp="label"
            options={(catalogue.data ?? []).map((f) => ({
              value: f.key,
              label: lang === 'en' ? f.label.en : f.label.zh,
              title: lang === 'en' ? f.definition.en : f.definition.zh,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
