/** Step 1 — basics: campaign, owning unit (and co-owners of a joint class), modes, dates, hours, places, fee. */
import { useQuery } from '@tanstack/react-query';
import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, TimePicker } from 'antd';
import type { FormInstance } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../app/api/client';
import {
  CLASS_MODE_KEYS,
  classModeLabel,
  GRADE_KEYS,
  gradeLabel,
  MANAGEMENT_KEYS,
  managementLabel,
} from '../../../../app/careLabels';
import { OrgTreeSelect } from '../../../../app/components/OrgTreeSelect';
import { currentLang } from '../../../../app/i18n';
import { campaignsKey, listCampaigns } from '../../../campaigns/api';
import type { BasicsValues } from './values';

/** Co-owning units are searched by name among all active units; the server accepts only units under the same union. */
function CoUnitPicker({
  value,
  onChange,
  known,
}: {
  value?: number[];
  onChange?: (v: number[]) => void;
  known: { id: number; name: string }[];
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['employers', q],
    queryFn: () =>
      api.get<{ items: { id: number; name: string }[] }>('/api/public/employers', { q }).then((r) => r.items),
    enabled: q.trim().length >= 2,
  });
  const options = new Map<number, string>(known.map((u) => [u.id, u.name]));
  for (const u of found.data ?? []) options.set(u.id, u.name);
  return (
    <Select
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={found.isFetching}
      placeholder={t('classes.form.coUnitsPlaceholder')}
      notFoundContent={q.trim().length < 2 ? t('classes.form.typeTwo') : t('classes.form.noUnitFound')}
      options={[...options].map(([id, name]) => ({ value: id, label: name }))}
    />
  );
}

export function StepBasics({
  form,
  isNew,
  knownCoUnits,
  initial,
}: {
  form: FormInstance<BasicsValues>;
  isNew: boolean;
  knownCoUnits: { id: number; name: string }[];
  initial: Partial<BasicsValues>;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: listCampaigns });
  const mode = Form.useWatch('mode', form);
  return (
    <Form form={form} layout="vertical" name="class-basics" initialValues={initial} preserve>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="campaignId"
            label={t('classes.campaign')}
            rules={[{ required: true, message: t('classes.form.campaignRequired') }]}
          >
            <Select
              disabled={!isNew}
              loading={campaigns.isPending}
              options={(campaigns.data ?? [])
                .filter((c) => c.status !== 'closed')
                .map((c) => ({ value: c.id, label: `${c.name}（${c.season.start} ~ ${c.season.end}）` }))}
              notFoundContent={t('classes.form.noCampaign')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="orgId"
            label={t('classes.org')}
            rules={[{ required: true, message: t('classes.form.orgRequired') }]}
          >
            <OrgTreeSelect disabled={(n) => !isNew || n.kind !== 'unit'} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="name"
            label={t('classes.name')}
            rules={[
              { required: true, whitespace: true, message: t('classes.form.nameRequired') },
              { min: 2, max: 60, message: t('classes.form.nameLength') },
            ]}
          >
            <Input maxLength={60} showCount placeholder={t('classes.form.namePlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="mode"
            label={t('classes.mode')}
            rules={[{ required: true }]}
            extra={t(`classes.form.modeHint.${mode ?? 'standalone'}`)}
          >
            <Radio.Group
              optionType="button"
              options={CLASS_MODE_KEYS.map((m) => ({ value: m, label: classModeLabel(m, lang) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="management" label={t('classes.management')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={MANAGEMENT_KEYS.map((m) => ({ value: m, label: managementLabel(m, lang) }))}
            />
          </Form.Item>
        </Col>
        {mode === 'joint' && (
          <Col span={24}>
            <Form.Item name="coUnitIds" label={t('classes.coUnits')} extra={t('classes.form.coUnitsHint')}>
              <CoUnitPicker known={knownCoUnits} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item
            name="dates"
            label={t('classes.dates')}
            extra={t('classes.form.datesHint')}
            rules={[
              {
                // Dates are never reordered or cut short behind the user's back: a backwards range is refused.
                validator: (_, v?: [Dayjs | null, Dayjs | null] | null) =>
                  v?.[0] && v[1]?.isBefore(v[0], 'day')
                    ? Promise.reject(new Error(t('classes.form.datesOrder')))
                    : Promise.resolve(),
              },
            ]}
          >
            <DatePicker.RangePicker order={false} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="hours" label={t('classes.dailyHours')}>
            <TimePicker.RangePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="closedDates" label={t('classes.closedDates')} extra={t('classes.form.closedHint')}>
            <DatePicker multiple maxTagCount="responsive" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="capacity"
            label={t('classes.capacity')}
            rules={[
              {
                // No min/max/precision on the input: those silently turn 0 into 1. Out-of-range is refused instead.
                validator: (_, v?: number | null) =>
                  v === null || v === undefined || (Number.isInteger(v) && v >= 1 && v <= 500)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('classes.form.capacityRange'))),
              },
            ]}
          >
            <InputNumber style={{ width: '100%' }} addonAfter={t('classes.form.people')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="gradesOffered" label={t('classes.grades')}>
            <Checkbox.Group options={GRADE_KEYS.map((g) => ({ value: g, label: gradeLabel(g, lang) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="feeAmount" label={t('classes.fee')} extra={t('classes.form.feeHint')}>
            <InputNumber
              min={0}
              max={100000}
              precision={0}
              style={{ width: '100%' }}
              addonAfter={t('classes.form.yuan')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="feeNote" label={t('classes.feeNote')}>
            <Input maxLength={200} placeholder={t('classes.form.feeNotePlaceholder')} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="publicDescription"
            label={t('classes.publicDescription')}
            extra={t('classes.form.descriptionHint')}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
