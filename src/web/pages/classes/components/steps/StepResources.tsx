/**
 * Steps 2–4 — the venue, the meals (and caterer), and the partner institution / provider when the set-up or
 * management mode needs one. Each picks from the unit's library, with a quick "登记新…" that opens the same form
 * as the library page. What the chosen record means for the rules is shown on the review step's rules panel.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Radio, Select, Space, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd/es/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Counterparty, CounterpartyKind } from '../../../../app/api/types';
import { buildingUseLabel, locationLabel, MEAL_KEYS, mealsLabel } from '../../../../app/careLabels';
import { venuePlace } from '../../../../app/careText';
import { currentLang } from '../../../../app/i18n';
import { listCounterparties } from '../../../counterparties/api';
import { CounterpartyFormModal } from '../../../counterparties/components/CounterpartyFormModal';
import { listVenues } from '../../../venues/api';
import { ChecklistView } from '../../../venues/components/ChecklistView';
import { VenueFormModal } from '../../../venues/components/VenueFormModal';

export interface ResourceValues {
  venueId?: number | null;
  meals?: 'self' | 'contracted' | 'none';
  catererId?: number | null;
  partnerId?: number | null;
  providerId?: number | null;
}

/** The library is filtered to the owning unit, except for a joint class whose co-owners' records also count. */
const scopeOf = (orgId: number, joint: boolean) => (joint ? {} : { orgId });

export function StepVenue({
  form,
  orgId,
  joint,
  initial,
}: {
  form: FormInstance<ResourceValues>;
  orgId: number;
  joint: boolean;
  initial: ResourceValues;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const key = ['venues', 'pick', orgId, joint];
  const venues = useQuery({
    queryKey: key,
    queryFn: () => listVenues({ ...scopeOf(orgId, joint), pageSize: 200 }).then((r) => r.items),
  });
  const chosenId = Form.useWatch('venueId', form);
  const chosen = venues.data?.find((v) => v.id === chosenId);
  return (
    <Form form={form} layout="vertical" name="class-venue" initialValues={initial} preserve>
      <Form.Item label={t('classes.venue')} required extra={t('classes.form.venueHint')}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="venueId" noStyle>
            <Select
              allowClear
              loading={venues.isPending}
              placeholder={t('classes.form.pickVenue')}
              options={(venues.data ?? []).map((v) => ({ value: v.id, label: `${v.name}（${v.address}）` }))}
              notFoundContent={t('classes.form.noVenues')}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="venue-quick-create">
            {t('classes.form.newVenue')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {chosen && (
        <Card size="small" title={chosen.name} data-testid="venue-preview">
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 8 }}>
            <Descriptions.Item label={t('venues.address')}>{chosen.address}</Descriptions.Item>
            <Descriptions.Item label={t('venues.location')}>
              {venuePlace(chosen.location, locationLabel(chosen.location, lang), chosen.floor, lang)}
            </Descriptions.Item>
            <Descriptions.Item label={t('venues.buildingUse')}>
              {buildingUseLabel(chosen.buildingUse, lang)}
            </Descriptions.Item>
          </Descriptions>
          <ChecklistView venue={chosen} />
          {chosen.abilities.update && (
            <Typography.Link href={`/venues/${chosen.id}`} target="_blank">
              {t('classes.form.answerChecklist')}
            </Typography.Link>
          )}
        </Card>
      )}
      <VenueFormModal
        target={creating ? { mode: 'create', orgId } : null}
        onClose={() => setCreating(false)}
        onSaved={async (v) => {
          await qc.invalidateQueries({ queryKey: key });
          form.setFieldsValue({ venueId: v.id });
        }}
      />
    </Form>
  );
}

function PartyPicker({
  form,
  field,
  kind,
  orgId,
  joint,
  describe,
}: {
  form: FormInstance<ResourceValues>;
  field: 'catererId' | 'partnerId' | 'providerId';
  kind: CounterpartyKind;
  orgId: number;
  joint: boolean;
  describe: (c: Counterparty) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const key = ['counterparties', 'pick', kind, orgId, joint];
  const parties = useQuery({
    queryKey: key,
    queryFn: () => listCounterparties({ kind, ...scopeOf(orgId, joint), pageSize: 200 }).then((r) => r.items),
  });
  const chosenId = Form.useWatch(field, form);
  const chosen = parties.data?.find((p) => p.id === chosenId);
  return (
    <>
      <Form.Item label={t(`classes.form.pick.${kind}`)} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name={field} noStyle>
            <Select
              allowClear
              loading={parties.isPending}
              placeholder={t(`classes.form.pick.${kind}`)}
              options={(parties.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              notFoundContent={t(`classes.form.none.${kind}`)}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid={`${kind}-quick-create`}>
            {t(`classes.form.new.${kind}`)}
          </Button>
        </Space.Compact>
      </Form.Item>
      {chosen && <div style={{ marginBottom: 16 }}>{describe(chosen)}</div>}
      <CounterpartyFormModal
        target={creating ? { mode: 'create', kind, orgId } : null}
        onClose={() => setCreating(false)}
        onSaved={async (p) => {
          await qc.invalidateQueries({ queryKey: key });
          form.setFieldsValue({ [field]: p.id });
        }}
      />
    </>
  );
}

export function StepMeals({
  form,
  orgId,
  joint,
  initial,
}: {
  form: FormInstance<ResourceValues>;
  orgId: number;
  joint: boolean;
  initial: ResourceValues;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const meals = Form.useWatch('meals', form);
  return (
    <Form form={form} layout="vertical" name="class-meals" initialValues={initial} preserve>
      <Form.Item
        name="meals"
        label={t('classes.meals')}
        rules={[{ required: true }]}
        extra={t('classes.form.mealsHint')}
      >
        <Radio.Group optionType="button" options={MEAL_KEYS.map((m) => ({ value: m, label: mealsLabel(m, lang) }))} />
      </Form.Item>
      {meals === 'contracted' && (
        <PartyPicker
          form={form}
          field="catererId"
          kind="caterer"
          orgId={orgId}
          joint={joint}
          describe={(c) => (
            <Space wrap>
              <Tag>
                {t('counterparties.licenceNo')}：{c.licenceNo ?? t('counterparties.missing')}
              </Tag>
              <Tag color={c.licenceExpiry ? 'blue' : 'orange'}>
                {t('counterparties.licenceExpiry')}：{c.licenceExpiry ?? t('counterparties.missing')}
              </Tag>
              {c.agreementEnd && (
                <Tag>
                  {t('counterparties.agreementPeriod.caterer')}：{c.agreementStart} ~ {c.agreementEnd}
                </Tag>
              )}
            </Space>
          )}
        />
      )}
      {meals === 'self' && <Alert type="info" showIcon message={t('classes.form.selfCateringHint')} />}
    </Form>
  );
}

export function StepPartners({
  form,
  orgId,
  joint,
  needPartner,
  needProvider,
  initial,
}: {
  form: FormInstance<ResourceValues>;
  orgId: number;
  joint: boolean;
  needPartner: boolean;
  needProvider: boolean;
  initial: ResourceValues;
}) {
  const { t } = useTranslation();
  return (
    <Form form={form} layout="vertical" name="class-partners" initialValues={initial} preserve>
      {needPartner && (
        <PartyPicker
          form={form}
          field="partnerId"
          kind="partner"
          orgId={orgId}
          joint={joint}
          describe={(p) => (
            <Tag color={p.agreementEnd ? 'blue' : 'orange'}>
              {t('counterparties.agreementPeriod.partner')}：
              {p.agreementEnd ? `${p.agreementStart} ~ ${p.agreementEnd}` : t('counterparties.missing')}
            </Tag>
          )}
        />
      )}
      {needProvider && (
        <PartyPicker
          form={form}
          field="providerId"
          kind="provider"
          orgId={orgId}
          joint={joint}
          describe={(p) => (
            <Tag color={p.review?.result === 'passed' ? 'green' : 'orange'}>
              {t('counterparties.review')}：{t(`counterparties.reviewResult.${p.review?.result ?? 'none'}`)}
            </Tag>
          )}
        />
      )}
    </Form>
  );
}
