/**
 * 登记 / 编辑 a caterer (licence number and expiry, catering agreement period), a partner institution (type,
 * cooperation agreement period) or a third-party provider. Fields that do not apply to a kind are not shown (the
 * server refuses them). Mounted only while open.
 */
import { Alert, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import { fieldErrorsOf, toFormFields } from '../../../app/api/fieldErrors';
import type { Counterparty, CounterpartyKind } from '../../../app/api/types';
import { OrgTreeSelect } from '../../../app/components/OrgTreeSelect';
import { creditCodeRule, phoneRule } from '../../orgs/components/validators';
import { createCounterparty, PARTNER_TYPES, updateCounterparty } from '../api';

export type CounterpartyFormTarget =
  | { mode: 'create'; kind: CounterpartyKind; orgId?: number }
  | { mode: 'edit'; party: Counterparty };

interface Values {
  orgId?: number;
  name: string;
  creditCode?: string;
  contactName?: string;
  contactPhone?: string;
  licenceNo?: string;
  licenceExpiry?: Dayjs | null;
  agreement?: [Dayjs, Dayjs] | null;
  partnerType?: (typeof PARTNER_TYPES)[number];
}

const day = (s: string | null | undefined) => (s ? dayjs(s) : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function CounterpartyFormModal(props: {
  target: CounterpartyFormTarget | null;
  onClose: () => void;
  onSaved: (c: Counterparty) => void;
}) {
  return props.target ? <Dialog {...props} target={props.target} /> : null;
}

function Dialog({
  target,
  onClose,
  onSaved,
}: {
  target: CounterpartyFormTarget;
  onClose: () => void;
  onSaved: (c: Counterparty) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = target.mode === 'edit' ? target.party : null;
  const kind = editing ? editing.kind : target.mode === 'create' ? target.kind : 'caterer';
  const initial: Partial<Values> = editing
    ? {
        name: editing.name,
        creditCode: editing.creditCode ?? undefined,
        contactName: editing.contactName ?? undefined,
        contactPhone: editing.contactPhone ?? undefined,
        licenceNo: editing.licenceNo ?? undefined,
        licenceExpiry: day(editing.licenceExpiry),
        agreement:
          editing.agreementStart && editing.agreementEnd
            ? [dayjs(editing.agreementStart), dayjs(editing.agreementEnd)]
            : null,
        partnerType: editing.partnerType ?? undefined,
      }
    : { orgId: target.mode === 'create' ? target.orgId : undefined, partnerType: 'school' };
  return (
    <Modal
      open
      title={editing ? t('counterparties.editTitle', { name: editing.name }) : t(`counterparties.createTitle.${kind}`)}
      okText={editing ? t('common.save') : t('common.create')}
      confirmLoading={saving}
      width={640}
      maskClosable={false}
      onCancel={onClose}
      onOk={async () => {
        // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        setSaving(true);
        setError(null);
        const common = {
          name: v.name.trim(),
          creditCode: v.creditCode?.trim() || null,
          contactName: v.contactName?.trim() || null,
          contactPhone: v.contactPhone?.trim() || null,
        };
        const agreement = { agreementStart: iso(v.agreement?.[0]), agreementEnd: iso(v.agreement?.[1]) };
        const specific =
          kind === 'caterer'
            ? { licenceNo: v.licenceNo?.trim() || null, licenceExpiry: iso(v.licenceExpiry), ...agreement }
            : kind === 'partner'
              ? { partnerType: v.partnerType ?? 'school', ...agreement }
              : {};
        try {
          const saved = editing
            ? await updateCounterparty(editing.id, { ...common, ...specific, version: editing.version })
            : await createCounterparty({ kind, orgId: v.orgId as number, ...common, ...specific } as never);
          onSaved(saved);
          onClose();
        } catch (e) {
          const f = fieldErrorsOf(e, 'body').map((x) =>
            x.name[0] === 'agreementStart' || x.name[0] === 'agreementEnd' ? { ...x, name: ['agreement'] } : x,
          );
          if (f.length) form.setFields(toFormFields(f) as never);
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" name="counterparty-form" initialValues={initial}>
        {!editing && (
          <Form.Item
            name="orgId"
            label={t('counterparties.org')}
            rules={[{ required: true, message: t('counterparties.orgRequired') }]}
          >
            <OrgTreeSelect disabled={(n) => n.kind !== 'unit'} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('counterparties.name')}
          rules={[
            { required: true, whitespace: true, message: t('counterparties.nameRequired') },
            { min: 2, max: 100 },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {kind === 'partner' && (
          <Form.Item name="partnerType" label={t('counterparties.partnerType')} rules={[{ required: true }]}>
            <Select options={PARTNER_TYPES.map((p) => ({ value: p, label: t(`counterparties.partnerTypes.${p}`) }))} />
          </Form.Item>
        )}
        {kind === 'caterer' && (
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="licenceNo" label={t('counterparties.licenceNo')} rules={[{ min: 4, max: 50 }]}>
                <Input maxLength={50} placeholder={t('counterparties.licenceNoPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="licenceExpiry" label={t('counterparties.licenceExpiry')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        )}
        {kind !== 'provider' && (
          <Form.Item name="agreement" label={t(`counterparties.agreementPeriod.${kind}`)}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="creditCode" label={t('counterparties.creditCode')} rules={[creditCodeRule(t)]}>
          <Input maxLength={18} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="contactName" label={t('counterparties.contactName')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="contactPhone" label={t('counterparties.contactPhone')} rules={[phoneRule(t)]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
