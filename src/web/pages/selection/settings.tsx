/**
 * 评选设置 (city): the campaign's rubric (criteria, weights summing to 100, data formulas or scoring guides), the
 * eligibility conditions (each a switch in plain words), the recommendation quotas per district — the campaign's
 * own districts from the API, never typed — and blind review with the disagreement thresholds. The server checks
 * everything again; its refusals are shown next to the fields they name.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  InputNumber,
  List,
  Result,
  Row,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { fieldErrorsOf, toFormFields } from '../../app/api/fieldErrors';
import { ApiError } from '../../app/api/client';
import { orgKindLabel } from '../../app/labels';
import {
  type CriterionInput,
  type GateSettings,
  type SelectionSettings,
  type SettingsBody,
  saveSettings,
  settingsKey,
  fetchSettings,
} from './api';
import { RubricEditor, weightSum } from './components/RubricEditor';
import { useSelectionCampaign } from './useCampaign';

/** The switches of the gate, in the order the applicant sees their conditions. */
const GATE_SWITCHES = [
  'classFinished',
  'requiredRulesPassed',
  'noSeriousIncident',
  'rectificationsClosed',
  'summarySubmitted',
  'narrativeGiven',
] as const satisfies readonly (keyof GateSettings)[];

interface FormValues {
  rubric: CriterionInput[];
  gate: GateSettings;
  minAttendanceOn: boolean;
  defaultQuota: number;
  quotas: Record<string, number | null | undefined>;
  blind: boolean;
  threshold: { range: number; stdDev: number };
}

const toValues = (s: SelectionSettings): FormValues => ({
  rubric: s.rubric.map(({ formula: _f, ...c }) => c),
  gate: { ...s.gate, minAttendancePercent: s.gate.minAttendancePercent || 80 },
  minAttendanceOn: s.gate.minAttendancePercent > 0,
  defaultQuota: s.defaultQuota,
  quotas: { ...s.quotas },
  blind: s.blind,
  threshold: s.threshold,
});

const blankToUndefined = (x: string | undefined) => (x?.trim() ? x.trim() : undefined);

/** The criterion as the API takes it: only the fields of its scoring method, empty English text left out. */
function cleanCriterion(c: CriterionInput): CriterionInput {
  const common = { key: c.key, label: c.label?.trim() ?? '', labelEn: blankToUndefined(c.labelEn), weight: c.weight };
  return c.source === 'data'
    ? { ...common, source: 'data', metric: c.metric, ...(c.metric === 'scale' && c.target ? { target: c.target } : {}) }
    : { ...common, source: 'reviewer', guide: c.guide?.trim() ?? '', guideEn: blankToUndefined(c.guideEn) };
}

function toBody(v: FormValues, version: number): SettingsBody {
  const quotas: Record<string, number> = {};
  for (const [k, q] of Object.entries(v.quotas ?? {})) if (typeof q === 'number') quotas[k] = q;
  return {
    rubric: v.rubric.map(cleanCriterion),
    gate: { ...v.gate, minAttendancePercent: v.minAttendanceOn ? v.gate.minAttendancePercent : 0 },
    defaultQuota: v.defaultQuota,
    quotas,
    blind: v.blind,
    threshold: v.threshold,
    version,
  };
}

export default function SelectionSettingsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { campaign, loading } = useSelectionCampaign();
  const id = campaign?.id ?? 0;
  const [form] = Form.useForm<FormValues>();
  const [listError, setListError] = useState<string | null>(null);
  const q = useQuery({ queryKey: settingsKey(id), queryFn: () => fetchSettings(id), enabled: id > 0, retry: false });
  const data = q.data;
  useEffect(() => {
    if (data) form.setFieldsValue(toValues(data));
  }, [data, form]);
  const rubric = Form.useWatch('rubric', form);
  const sum = weightSum(rubric);
  // The sum error goes away as soon as the weights add up again.
  useEffect(() => {
    if (sum === 100) setListError(null);
  }, [sum]);
  const minOn = Form.useWatch('minAttendanceOn', form);
  const defaultQuota = Form.useWatch('defaultQuota', form);

  const save = useMutation({
    mutationFn: (body: SettingsBody) => saveSettings(id, body),
    onSuccess: (s) => {
      message.success(t('selection.manage.saved'));
      qc.setQueryData(settingsKey(id), { ...data, ...s });
      void qc.invalidateQueries({ queryKey: settingsKey(id) });
    },
    onError: (e) => {
      const fields = fieldErrorsOf(e, 'body');
      if (fields.some((f) => f.name[0] === 'version')) {
        message.warning(t('selection.manage.versionConflict'));
        void qc.invalidateQueries({ queryKey: settingsKey(id) });
        return;
      }
      const onList = fields.filter((f) => f.name.length === 1 && f.name[0] === 'rubric');
      const onFields = fields.filter((f) => !(f.name.length === 1 && f.name[0] === 'rubric'));
      setListError(onList.map((f) => f.message).join('；') || null);
      if (onFields.length) form.setFields(toFormFields(onFields) as never);
      message.error(fields.length ? t('selection.manage.fixErrors') : (e as Error).message);
    },
  });

  const onFinish = (v: FormValues) => {
    const total = weightSum(v.rubric);
    if (total !== 100) {
      setListError(t('selection.manage.weightSumError', { sum: total }));
      message.error(t('selection.manage.fixErrors'));
      return;
    }
    setListError(null);
    save.mutate(toBody(v, data?.version ?? 0));
  };

  if (q.error)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title={(q.error as Error).message}
      />
    );
  if (data && !data.abilities.manage) return <Result status="403" title={t('selection.manage.noManage')} />;
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  return (
    <PageContainer
      title={t('selection.manage.settingsTitle')}
      subTitle={campaign?.name}
      loading={loading || q.isLoading}
      onBack={() => navigate(`/selection?campaign=${id}`)}
      extra={
        <Link to={`/selection-panels?campaign=${id}`}>
          <Button>{t('selection.manage.panelsMenu')}</Button>
        </Link>
      }
    >
      {data && (
        <Form<FormValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          onFinishFailed={() => message.error(t('selection.manage.fixErrors'))}
          scrollToFirstError
          data-testid="settings-form"
        >
          <Space direction="vertical" size={16} style={{ display: 'flex' }}>
            <Card size="small" title={t('selection.rubric')} data-testid="rubric-card">
              <RubricEditor form={form} listError={listError} />
            </Card>

            <Card size="small" title={t('selection.manage.gateTitle')} data-testid="gate-card">
              <Typography.Paragraph type="secondary">{t('selection.manage.gateHint')}</Typography.Paragraph>
              <List
                size="small"
                dataSource={[...GATE_SWITCHES]}
                renderItem={(k) => (
                  <List.Item>
                    <Space>
                      <Form.Item name={['gate', k]} valuePropName="checked" noStyle>
                        <Switch data-testid={`gate-${k}`} />
                      </Form.Item>
                      {t(`selection.manage.gate.${k}`)}
                    </Space>
                  </List.Item>
                )}
                footer={
                  <Space wrap>
                    <Form.Item name="minAttendanceOn" valuePropName="checked" noStyle>
                      <Switch data-testid="gate-minAttendance" />
                    </Form.Item>
                    {t('selection.manage.gate.minAttendance')}
                    <Form.Item
                      name={['gate', 'minAttendancePercent']}
                      noStyle
                      rules={[{ type: 'integer', min: 1, max: 100 }]}
                    >
                      <InputNumber
                        min={1}
                        max={100}
                        precision={0}
                        addonAfter="%"
                        disabled={!minOn}
                        style={{ width: 120 }}
                        aria-label={t('selection.manage.minAttendancePercent')}
                      />
                    </Form.Item>
                  </Space>
                }
              />
            </Card>

            <Card size="small" title={t('selection.manage.quotaTitle')} data-testid="quota-card">
              <Typography.Paragraph type="secondary">{t('selection.manage.quotaHint')}</Typography.Paragraph>
              <Form.Item
                name="defaultQuota"
                label={t('selection.manage.defaultQuota')}
                rules={[{ required: true, type: 'integer', min: 0, max: 100 }]}
              >
                <InputNumber min={0} max={100} precision={0} style={{ width: 120 }} />
              </Form.Item>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={data.districts}
                locale={{ emptyText: t('selection.manage.noDistricts') }}
                columns={[
                  {
                    title: t('selection.manage.district'),
                    render: (_, d) => (
                      <Space>
                        {d.name}
                        <Tag>{orgKindLabel(d.kind, lang)}</Tag>
                      </Space>
                    ),
                  },
                  {
                    title: t('selection.manage.quota'),
                    width: 200,
                    render: (_, d) => (
                      <Form.Item
                        name={['quotas', String(d.id)]}
                        style={{ marginBottom: 0 }}
                        rules={[{ type: 'integer', min: 0, max: 100 }]}
                      >
                        <InputNumber
                          min={0}
                          max={100}
                          precision={0}
                          placeholder={t('selection.manage.quotaDefault', { n: defaultQuota ?? data.defaultQuota })}
                          style={{ width: 140 }}
                          data-testid={`quota-${d.id}`}
                        />
                      </Form.Item>
                    ),
                  },
                ]}
              />
            </Card>

            <Card size="small" title={t('selection.manage.reviewTitle')} data-testid="review-card">
              <Space align="start" style={{ marginBottom: 16 }}>
                <Form.Item name="blind" valuePropName="checked" noStyle>
                  <Switch data-testid="blind" />
                </Form.Item>
                <div>
                  <div>{t('selection.manage.blind')}</div>
                  <Typography.Text type="secondary">{t('selection.manage.blindHint')}</Typography.Text>
                </div>
              </Space>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={['threshold', 'range']}
                    label={t('selection.manage.flagRange')}
                    rules={[{ required: true, type: 'integer', min: 1, max: 100 }]}
                  >
                    <InputNumber min={1} max={100} precision={0} style={{ width: 120 }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={['threshold', 'stdDev']}
                    label={t('selection.manage.flagStdDev')}
                    rules={[{ required: true, type: 'integer', min: 1, max: 50 }]}
                  >
                    <InputNumber min={1} max={50} precision={0} style={{ width: 120 }} />
                  </Form.Item>
                </Col>
              </Row>
              <Alert type="info" showIcon message={t('selection.manage.flagHint')} />
            </Card>

            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-settings">
              {t('selection.manage.save')}
            </Button>
          </Space>
        </Form>
      )}
    </PageContainer>
  );
}
