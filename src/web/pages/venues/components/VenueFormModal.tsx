/**
 * 登记 / 编辑场地: where it is (division, address, floor), what the building is used for, area and capacity.
 * The checklist is answered on the venue page, where the evidence lives. Mounted only while open.
 */
import { Alert, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import { fieldErrorsOf, toFormFields } from '../../../app/api/fieldErrors';
import type { Venue } from '../../../app/api/types';
import { BUILDING_KEYS, buildingUseLabel, LOCATION_KEYS, locationLabel } from '../../../app/careLabels';
import { OrgTreeSelect } from '../../../app/components/OrgTreeSelect';
import { currentLang } from '../../../app/i18n';
import { DivisionPicker } from '../../orgs/components/DivisionPicker';
import { createVenue, updateVenue } from '../api';

export type VenueFormTarget = { mode: 'create'; orgId?: number } | { mode: 'edit'; venue: Venue };

interface Values {
  orgId?: number;
  name: string;
  divisionCode?: string | null;
  address: string;
  location: Venue['location'];
  floor?: string;
  buildingUse: Venue['buildingUse'];
  areaM2?: number | null;
  capacity?: number | null;
}

export function VenueFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: VenueFormTarget | null;
  onClose: () => void;
  onSaved: (v: Venue) => void;
}) {
  return target ? <VenueDialog target={target} onClose={onClose} onSaved={onSaved} /> : null;
}

function VenueDialog({
  target,
  onClose,
  onSaved,
}: {
  target: VenueFormTarget;
  onClose: () => void;
  onSaved: (v: Venue) => void;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = target.mode === 'edit' ? target.venue : null;
  const initial: Partial<Values> = editing
    ? {
        name: editing.name,
        divisionCode: editing.divisionCode,
        address: editing.address,
        location: editing.location,
        floor: editing.floor ?? undefined,
        buildingUse: editing.buildingUse,
        areaM2: editing.areaM2,
        capacity: editing.capacity,
      }
    : { orgId: target.mode === 'create' ? target.orgId : undefined, location: 'ground', buildingUse: 'office' };
  return (
    <Modal
      open
      title={editing ? t('venues.editTitle', { name: editing.name }) : t('venues.createTitle')}
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
        const fields = {
          name: v.name.trim(),
          divisionCode: v.divisionCode || null,
          address: v.address.trim(),
          location: v.location,
          floor: v.floor?.trim() || null,
          buildingUse: v.buildingUse,
          areaM2: v.areaM2 ?? null,
          capacity: v.capacity ?? null,
        };
        try {
          const saved = editing
            ? await updateVenue(editing.id, { ...fields, version: editing.version })
            : await createVenue({ orgId: v.orgId as number, ...fields });
          onSaved(saved);
          onClose();
        } catch (e) {
          const f = fieldErrorsOf(e, 'body');
          if (f.length) form.setFields(toFormFields(f) as never);
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="venue-form-error" />
      )}
      <Form form={form} layout="vertical" name="venue-form" initialValues={initial}>
        {!editing && (
          <Form.Item
            name="orgId"
            label={t('venues.org')}
            rules={[{ required: true, message: t('venues.orgRequired') }]}
          >
            <OrgTreeSelect disabled={(n) => n.kind !== 'unit'} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('venues.name')}
          rules={[
            { required: true, whitespace: true, message: t('venues.nameRequired') },
            { min: 2, max: 100 },
          ]}
        >
          <Input maxLength={100} placeholder={t('venues.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('venues.division')}>
          <DivisionPicker />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('venues.address')}
          rules={[
            { required: true, whitespace: true, message: t('venues.addressRequired') },
            { min: 2, max: 200 },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="location" label={t('venues.location')} rules={[{ required: true }]}>
              <Select options={LOCATION_KEYS.map((k) => ({ value: k, label: locationLabel(k, lang) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="floor" label={t('venues.floor')}>
              <Input maxLength={20} placeholder={t('venues.floorPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="buildingUse" label={t('venues.buildingUse')} rules={[{ required: true }]}>
              <Select options={BUILDING_KEYS.map((k) => ({ value: k, label: buildingUseLabel(k, lang) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="areaM2" label={t('venues.area')}>
              <InputNumber min={1} precision={0} addonAfter="m²" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="capacity" label={t('venues.capacity')}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
