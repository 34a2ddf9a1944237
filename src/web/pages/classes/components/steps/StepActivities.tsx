/** Step 6 — the weekly activity plan (P-E): homework, tutoring, reading, sports, arts, social practice … */
import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space, Table, TimePicker, Typography } from 'antd';
import type { FormInstance } from 'antd/es/form';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KEYS, activityLabel, WEEKDAY_KEYS, weekdayLabel } from '../../../../app/careLabels';
import { currentLang } from '../../../../app/i18n';
import type { PlanRow } from './values';

export function StepActivities({
  form,
  initial,
}: {
  form: FormInstance<{ activityPlan: PlanRow[] }>;
  initial: PlanRow[];
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const copyMonday = () => {
    const rows: PlanRow[] = form.getFieldValue('activityPlan') ?? [];
    const monday = rows.filter((r) => r.weekday === 1);
    const others = rows.filter((r) => r.weekday === 1 || r.weekday > 5);
    const activityPlan = [...others, ...[2, 3, 4, 5].flatMap((d) => monday.map((r) => ({ ...r, weekday: d })))];
    form.setFieldsValue({ activityPlan } as never);
  };
  return (
    <Form
      form={form}
      layout="vertical"
      name="class-activities"
      initialValues={{ activityPlan: initial } as never}
      preserve
    >
      <Typography.Paragraph type="secondary">{t('classes.form.planHint')}</Typography.Paragraph>
      <Form.List name="activityPlan">
        {(fields, { add, remove }) => (
          <>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={fields}
              data-testid="activity-plan"
              locale={{ emptyText: t('classes.noPlan') }}
              columns={[
                {
                  title: t('classes.form.weekday'),
                  width: 110,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'weekday']} style={{ marginBottom: 0 }} rules={[{ required: true }]}>
                      <Select options={WEEKDAY_KEYS.map((d) => ({ value: d, label: weekdayLabel(d, lang) }))} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('classes.time'),
                  width: 230,
                  render: (_, f) => (
                    <Form.Item
                      name={[f.name, 'time']}
                      style={{ marginBottom: 0 }}
                      rules={[{ required: true, message: t('classes.form.timeRequired') }]}
                    >
                      <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('classes.form.activity'),
                  width: 150,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'kind']} style={{ marginBottom: 0 }} rules={[{ required: true }]}>
                      <Select options={ACTIVITY_KEYS.map((k) => ({ value: k, label: activityLabel(k, lang) }))} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('classes.form.activityTitle'),
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'title']} style={{ marginBottom: 0 }}>
                      <Input maxLength={60} placeholder={t('classes.form.activityTitlePlaceholder')} />
                    </Form.Item>
                  ),
                },
                {
                  title: '',
                  width: 48,
                  render: (_, f) => (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={t('classes.form.removeRow')}
                    />
                  ),
                },
              ]}
            />
            <Space style={{ marginTop: 8 }}>
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add({ weekday: 1, kind: 'homework', time: [dayjs('2000-01-01T09:00'), dayjs('2000-01-01T10:30')] })
                }
                data-testid="plan-add"
              >
                {t('classes.form.addRow')}
              </Button>
              <Button icon={<CopyOutlined />} onClick={copyMonday}>
                {t('classes.form.copyMonday')}
              </Button>
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}
