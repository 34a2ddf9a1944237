/** The campaign parameter form, section by section (fields declared in paramFields.ts). */
import { Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  FUNDING_PURPOSE_KEYS,
  FUNDING_SOURCE_KEYS,
  fundingPurposeLabel,
  fundingSourceLabel,
} from '../../../app/careLabels';
import { currentLang } from '../../../app/i18n';
import { type ParamField, SECTIONS } from './paramFields';
import { fieldLabel, SectionTitle } from './ParamsView';

/** The control for one parameter; `rest` carries Form.Item's value/onChange/id through to it. */
function Control({ f, ...rest }: { f: ParamField } & Record<string, unknown>) {
  const { t } = useTranslation();
  const lang = currentLang();
  switch (f.kind) {
    // No min/max here: InputNumber would silently clamp; the server checks the bounds and names the field.
    case 'int':
      return <InputNumber {...rest} precision={0} style={{ width: '100%' }} />;
    case 'percent':
      return <InputNumber {...rest} step={1} addonAfter="%" style={{ width: '100%' }} />;
    case 'bool':
      return <Switch {...rest} checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />;
    case 'date':
      return <DatePicker {...rest} style={{ width: '100%' }} />;
    case 'month':
      return <DatePicker {...rest} picker="month" style={{ width: '100%' }} />;
    case 'enum':
      return <Select {...rest} options={f.options?.(lang)} />;
    case 'multi':
    case 'ordered':
      return <Select {...rest} mode="multiple" options={f.options?.(lang)} allowClear />;
    case 'grades':
      return <Checkbox.Group {...rest} options={[1, 2, 3, 4, 5, 6].map((g) => ({ value: g, label: String(g) }))} />;
    default:
      return <Input {...rest} />;
  }
}

export function ParamsFields() {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card size="small" title={t('campaigns.section.name')}>
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
        </Card>
      </Col>
      {SECTIONS.map((s) => (
        <Col key={s.key} xs={24} xl={s.key === 'funding' || s.key === 'venue' || s.key === 'reporting' ? 24 : 12}>
          <Card
            size="small"
            title={<SectionTitle k={s.key} refs={s.refs} />}
            style={{ height: '100%' }}
            data-testid={`params-${s.key}`}
          >
            {s.key === 'funding' ? (
              <FundingFields />
            ) : (
              <Row gutter={16}>
                {s.fields.map((f) => (
                  <Col key={f.path.join('.')} xs={24} md={12} xl={s.key === 'venue' || s.key === 'reporting' ? 8 : 12}>
                    <Form.Item
                      name={f.path}
                      label={fieldLabel(f, t)}
                      valuePropName={f.kind === 'bool' ? 'checked' : 'value'}
                      extra={f.hint ? t(`campaigns.field.${f.hint}`) : undefined}
                    >
                      <Control f={f} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** Per funding source: is it union money, and what it may not pay for (P-R7: union money never buys insurance). */
function FundingFields() {
  const { t } = useTranslation();
  const lang = currentLang();
  const purposes = FUNDING_PURPOSE_KEYS.map((p) => ({ value: p, label: fundingPurposeLabel(p, lang) }));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={FUNDING_SOURCE_KEYS.map((k) => ({ key: k }))}
      columns={[
        {
          title: t('campaigns.fundingSource'),
          dataIndex: 'key',
          width: 180,
          render: (k) => fundingSourceLabel(k, lang),
        },
        {
          title: t('campaigns.fundingUnion'),
          dataIndex: 'key',
          width: 120,
          render: (k: string) => (
            <Form.Item name={['funding', 'sources', k, 'union']} valuePropName="checked" noStyle>
              <Switch size="small" />
            </Form.Item>
          ),
        },
        {
          title: t('campaigns.mayNotPayFor'),
          dataIndex: 'key',
          render: (k: string) => (
            <Form.Item name={['funding', 'sources', k, 'mayNotPayFor']} style={{ marginBottom: 0 }}>
              <Select
                mode="multiple"
                options={purposes}
                allowClear
                placeholder={t('campaigns.noRestriction')}
                style={{ minWidth: 240 }}
              />
            </Form.Item>
          ),
        },
      ]}
    />
  );
}
