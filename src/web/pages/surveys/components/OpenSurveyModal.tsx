/**
 * Opening a needs survey: the campaign, the organisation it is for (every active unit under it gets a link),
 * the title, the closing day and the extra questions (text, choice or number) on top of the standard ones.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import { OrgTreeSelect } from '../../../app/components/OrgTreeSelect';
import { listCampaignOptions, openSurvey, type Survey } from '../api';

interface Values {
  campaignId: number;
  orgId: number;
  title: string;
  closesOn: Dayjs;
  questions?: { label: string; kind: 'text' | 'choice' | 'number'; options?: string; required?: boolean }[];
}

export function OpenSurveyModal({
  open,
  onClose,
  onOpened,
}: {
  open: boolean;
  onClose(): void;
  onOpened(s: Survey): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const campaigns = useQuery({ queryKey: ['campaigns', 'options'], queryFn: listCampaignOptions, enabled: open });
  const save = useMutation({
    mutationFn: (v: Values) =>
      openSurvey({
        campaignId: v.campaignId,
        orgId: v.orgId,
        title: v.title,
        closesOn: v.closesOn.format('YYYY-MM-DD'),
        questions: (v.questions ?? []).map((q) => ({
          label: q.label,
          kind: q.kind,
          ...(q.kind === 'choice'
            ? {
                options: (q.options ?? '')
                  .split(/[\n,，、]/)
                  .map((o) => o.trim())
                  .filter(Boolean),
              }
            : {}),
          ...(q.required ? { required: true } : {}),
        })),
      }),
    onSuccess: (s) => {
      void message.success(t('surveys.opened', { count: s.units }));
      form.resetFields();
      onClose();
      onOpened(s);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  return (
    <Modal
      title={t('surveys.open')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={640}
      destroyOnClose
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ closesOn: dayjs().add(14, 'day'), title: t('surveys.defaultTitle') }}
      >
        <Form.Item name="campaignId" label={t('surveys.campaign')} rules={[{ required: true }]}>
          <Select
            loading={campaigns.isLoading}
            options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t('surveys.forOrg')}
          extra={t('surveys.forOrgHint')}
          rules={[{ required: true }]}
        >
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="title" label={t('surveys.title')} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="closesOn" label={t('surveys.closesOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('surveys.standardQuestions')}</Typography.Paragraph>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, max: 200 }]}>
                    <Input placeholder={t('surveys.questionLabel')} style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} initialValue="text">
                    <Select
                      style={{ width: 100 }}
                      options={(['text', 'choice', 'number'] as const).map((k) => ({
                        value: k,
                        label: t(`surveys.kind.${k}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['questions', f.name, 'kind']) === 'choice' ? (
                        <Form.Item name={[f.name, 'options']} rules={[{ required: true }]}>
                          <Input placeholder={t('surveys.optionsPlaceholder')} style={{ width: 160 }} />
                        </Form.Item>
                      ) : null
                    }
                  </Form.Item>
                  <Form.Item name={[f.name, 'required']} valuePropName="checked">
                    <Switch checkedChildren={t('surveys.required')} unCheckedChildren={t('surveys.optional')} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: 8 }} />
                </Space>
              ))}
              {fields.length < 20 ? (
                <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                  {t('surveys.addQuestion')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
