/** 新建下级组织 / 编辑组织. The kinds offered are those the tree allows under the parent (市总 → 区县/产业 → 基层单位). */
import { Alert, Col, Form, Input, Modal, Radio, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeCreditCode } from '../../../../domain/org/creditCode';
import { allowedChildKinds, type OrgKind, UNIT_TYPES, type UnitType } from '../../../../domain/org/orgKinds';
import { errorMessage } from '../../../app/api/client';
import type { Org } from '../../../app/api/types';
import { orgKindLabel, unitTypeLabel } from '../../../app/labels';
import { createOrg, updateOrg } from '../api';
import { DivisionPicker } from './DivisionPicker';
import { creditCodeRule, divisionCodeRule, phoneRule } from './validators';

interface Values {
  kind: OrgKind;
  name: string;
  unitType?: UnitType;
  creditCode?: string;
  divisionCode?: string | null;
  address?: string;
  contactName?: string;
  contactPhone?: string;
}

export type OrgFormTarget =
  | { mode: 'create'; parent: { id: number; name: string; kind: OrgKind } }
  | { mode: 'edit'; org: Org };

const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

interface Props {
  target: OrgFormTarget | null;
  onClose: () => void;
  onSaved: (o: Org) => void;
}

/**
 * Mounted only while open, with a fresh form each time: a form instance reused across openings keeps the last
 * values over the new initial ones.
 */
export function OrgFormModal(props: Props) {
  if (!props.target) return null;
  const key = props.target.mode === 'create' ? `c${props.target.parent.id}` : `e${props.target.org.id}`;
  return <OrgFormDialog key={key} {...props} target={props.target} />;
}

function OrgFormDialog({ target, onClose, onSaved }: Props & { target: OrgFormTarget }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const watchedKind = Form.useWatch('kind', form);
  const kind: OrgKind | undefined = target.mode === 'edit' ? target.org.kind : watchedKind;
  const kinds: readonly OrgKind[] = target.mode === 'create' ? allowedChildKinds(target.parent.kind) : [];

  const initialValues: Partial<Values> =
    target.mode === 'create'
      ? { kind: allowedChildKinds(target.parent.kind)[0] }
      : {
          name: target.org.name,
          unitType: target.org.unitType ?? undefined,
          creditCode: target.org.creditCode ?? undefined,
          divisionCode: target.org.divisionCode,
          address: target.org.address ?? undefined,
          contactName: target.org.contactName ?? undefined,
          contactPhone: target.org.contactPhone ?? undefined,
        };

  const onOk = async () => {
    // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const isUnit = kind === 'unit';
    const fields = {
      name: v.name.trim(),
      divisionCode: blank(v.divisionCode),
      address: blank(v.address),
      contactName: blank(v.contactName),
      contactPhone: blank(v.contactPhone),
      ...(isUnit
        ? { unitType: v.unitType ?? null, creditCode: v.creditCode ? normalizeCreditCode(v.creditCode) : null }
        : {}),
    };
    setSaving(true);
    setError(null);
    try {
      const saved =
        target.mode === 'create'
          ? await createOrg({ parentId: target.parent.id, kind: v.kind, ...fields })
          : await updateOrg(target.org.id, { ...fields, version: target.org.version });
      onSaved(saved);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const title =
    target.mode === 'create'
      ? t('orgs.createUnder', { name: target.parent.name })
      : t('orgs.editTitle', { name: target.org.name });
  return (
    <Modal
      open
      title={title}
      width={680}
      okText={target.mode === 'create' ? t('common.create') : t('common.save')}
      confirmLoading={saving}
      onOk={onOk}
      onCancel={onClose}
      maskClosable={false}
    >
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="org-form-error" />
      )}
      <Form form={form} layout="vertical" preserve={false} name="org-form" initialValues={initialValues}>
        {target.mode === 'create' && (
          <Form.Item name="kind" label={t('orgs.kind')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={kinds.map((k) => ({ value: k, label: orgKindLabel(k) }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('orgs.name')}
          rules={[
            { required: true, whitespace: true, message: t('orgs.nameRequired') },
            { min: 2, max: 100, message: t('orgs.nameLength') },
          ]}
        >
          <Input
            maxLength={100}
            placeholder={kind === 'unit' ? t('orgs.unitNamePlaceholder') : t('orgs.unionNamePlaceholder')}
          />
        </Form.Item>
        {kind === 'unit' && (
          <Row gutter={16}>
            <Col xs={24} sm={10}>
              <Form.Item
                name="unitType"
                label={t('orgs.unitType')}
                rules={[{ required: true, message: t('orgs.unitTypeRequired') }]}
              >
                <Select
                  placeholder={t('common.select')}
                  options={UNIT_TYPES.map((u) => ({ value: u, label: unitTypeLabel(u) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={14}>
              <Form.Item
                name="creditCode"
                label={t('orgs.creditCode')}
                validateFirst
                rules={[{ required: true, whitespace: true, message: t('orgs.creditCodeRequired') }, creditCodeRule(t)]}
              >
                <Input
                  maxLength={20}
                  placeholder={t('orgs.creditCodePlaceholder')}
                  style={{ fontFamily: 'monospace' }}
                />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item name="divisionCode" label={t('orgs.division')} rules={[divisionCodeRule(t)]}>
          <DivisionPicker />
        </Form.Item>
        <Form.Item name="address" label={t('orgs.address')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="contactName" label={t('orgs.contactName')} rules={[{ max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="contactPhone" label={t('orgs.contactPhone')} rules={[phoneRule(t)]}>
              <Input maxLength={20} placeholder={t('orgs.phonePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
