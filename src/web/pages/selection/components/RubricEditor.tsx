/**
 * The rubric's criteria (评分细则) inside the settings form: name in Chinese and English, scoring method (data
 * from the class records, or reviewers' scores), the data source with its formula or the scoring guide, and the
 * weight; a running total of the weights that turns red, with the error in words, unless it is 100. Keys are
 * made here (the metric's name, or custom_n), never typed.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type CriterionInput, DATA_METRICS, type DataMetric } from '../api';

/** A key not yet used: the metric's own name first (as the defaults do), else `<base>_<n>`. */
export function freshKey(used: readonly string[], base: string): string {
  if (!used.includes(base)) return base;
  for (let n = 2; ; n++) if (!used.includes(`${base}_${n}`)) return `${base}_${n}`;
}

export const weightSum = (rubric: readonly Partial<CriterionInput>[] | undefined) =>
  (rubric ?? []).reduce((s, c) => s + (typeof c?.weight === 'number' ? c.weight : 0), 0);

export function RubricEditor({ form, listError }: { form: FormInstance; listError: string | null }) {
  const { t } = useTranslation();
  const rubric = Form.useWatch('rubric', form) as Partial<CriterionInput>[] | undefined;
  const sum = weightSum(rubric);
  // A new error scrolls into view: the save button is at the foot of the page, the rubric at its head.
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (listError) errorRef.current?.scrollIntoView({ block: 'center' });
  }, [listError]);
  const keys = () => ((form.getFieldValue('rubric') ?? []) as CriterionInput[]).map((c) => c.key);
  return (
    <Form.List name="rubric">
      {(fields, { add, remove }) => (
        <Space direction="vertical" size={12} style={{ display: 'flex' }}>
          <Alert type="info" showIcon message={t('selection.manage.rubricHint')} />
          {fields.map((field, i) => {
            const c = rubric?.[i];
            const isData = c?.source === 'data';
            return (
              <div
                key={field.key}
                data-testid={`criterion-${i}`}
                style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '12px 12px 0' }}
              >
                <Row gutter={12} align="top">
                  <Col xs={24} md={6}>
                    <Form.Item
                      name={[field.name, 'label']}
                      label={t('selection.manage.nameZh')}
                      rules={[{ required: true, whitespace: true, message: t('selection.manage.nameRequired') }]}
                    >
                      <Input maxLength={500} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={5}>
                    <Form.Item name={[field.name, 'labelEn']} label={t('selection.manage.nameEn')}>
                      <Input maxLength={500} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={5}>
                    <Form.Item name={[field.name, 'source']} label={t('selection.manage.source')}>
                      <Radio.Group
                        optionType="button"
                        size="small"
                        options={[
                          { value: 'data', label: t('selection.sources.data') },
                          { value: 'reviewer', label: t('selection.sources.reviewer') },
                        ]}
                        onChange={(e) => {
                          if (e.target.value === 'data' && !c?.metric)
                            form.setFieldValue(['rubric', field.name, 'metric'], 'attendance');
                        }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item
                      name={[field.name, 'weight']}
                      label={t('selection.manage.weight')}
                      rules={[
                        {
                          required: true,
                          type: 'integer',
                          min: 1,
                          max: 100,
                          message: t('selection.manage.weightRule'),
                        },
                      ]}
                    >
                      <InputNumber
                        min={0}
                        max={100}
                        precision={0}
                        style={{ width: '100%' }}
                        data-testid={`weight-${i}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4} style={{ textAlign: 'right', paddingTop: 30 }}>
                    <Button
                      size="small"
                      danger
                      type="text"
                      icon={<DeleteOutlined />}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                    >
                      {t('selection.manage.remove')}
                    </Button>
                  </Col>
                </Row>
                {isData ? (
                  <Row gutter={12}>
                    <Col xs={24} md={6}>
                      <Form.Item name={[field.name, 'metric']} label={t('selection.manage.metric')}>
                        <Select
                          options={DATA_METRICS.map((m) => ({ value: m, label: t(`selection.manage.metrics.${m}`) }))}
                        />
                      </Form.Item>
                    </Col>
                    {c?.metric === 'scale' && (
                      <Col xs={24} md={5}>
                        <Form.Item
                          name={[field.name, 'target']}
                          label={t('selection.manage.target')}
                          tooltip={t('selection.manage.targetHint')}
                        >
                          <InputNumber min={1} max={10000} precision={0} placeholder="40" style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                    )}
                    <Col xs={24} md={13}>
                      <Form.Item label={t('selection.manage.formula')}>
                        <Typography.Text type="secondary">
                          {t(`selection.manage.formulas.${(c?.metric ?? 'attendance') as DataMetric}`, {
                            target: c?.target ?? 40,
                          })}
                        </Typography.Text>
                      </Form.Item>
                    </Col>
                  </Row>
                ) : (
                  <Row gutter={12}>
                    <Col xs={24} md={12}>
                      <Form.Item
                        name={[field.name, 'guide']}
                        label={t('selection.manage.guideZh')}
                        rules={[{ required: true, whitespace: true, message: t('selection.manage.guideRequired') }]}
                      >
                        <Input.TextArea rows={2} maxLength={500} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item name={[field.name, 'guideEn']} label={t('selection.manage.guideEn')}>
                        <Input.TextArea rows={2} maxLength={500} />
                      </Form.Item>
                    </Col>
                  </Row>
                )}
                <Form.Item name={[field.name, 'key']} hidden>
                  <Input />
                </Form.Item>
              </div>
            );
          })}
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Space wrap>
              <Button
                icon={<PlusOutlined />}
                onClick={() => {
                  const metric = DATA_METRICS.find((m) => !keys().includes(m)) ?? 'attendance';
                  add({
                    key: freshKey(keys(), metric),
                    source: 'data',
                    metric,
                    label: t(`selection.manage.metrics.${metric}`, { lng: 'zh' }),
                    labelEn: t(`selection.manage.metrics.${metric}`, { lng: 'en' }),
                    weight: 5,
                  });
                }}
              >
                {t('selection.manage.addData')}
              </Button>
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    key: freshKey(keys(), 'custom'),
                    source: 'reviewer',
                    label: t('selection.manage.newReviewerLabel', { lng: 'zh' }),
                    weight: 5,
                    guide: '',
                  })
                }
              >
                {t('selection.manage.addReviewer')}
              </Button>
            </Space>
            <Tag
              color={sum === 100 ? 'green' : 'red'}
              data-testid="weight-sum"
              style={{ fontSize: 14, padding: '2px 8px' }}
            >
              {t('selection.manage.weightSum', { sum })}
            </Tag>
          </Space>
          {listError && (
            <div ref={errorRef}>
              <Alert type="error" showIcon message={listError} data-testid="rubric-error" />
            </div>
          )}
        </Space>
      )}
    </Form.List>
  );
}
