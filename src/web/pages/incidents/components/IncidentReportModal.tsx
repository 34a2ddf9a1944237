/**
 * 上报事件: the incident report form of a class. Children are picked from the class's enrolled children (the
 * server sends them only to the class's staff and administrators); the guardian notification may be given now or
 * recorded later on the incident page.
 */
import { Alert, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import {
  INCIDENT_KINDS,
  type IncidentDetail,
  type IncidentKind,
  type IncidentSeverity,
  reportIncident,
  SEVERITIES,
} from '../api';

interface Values {
  kind: IncidentKind;
  severity: IncidentSeverity;
  occurredAt: Dayjs;
  description: string;
  childIds?: number[];
  peopleInvolved?: string;
  actionsTaken?: string;
  guardianNotifiedBy?: string;
  guardianNotifiedAt?: Dayjs | null;
  followUp?: string;
}

export function IncidentReportModal({
  classId,
  className,
  open,
  enrolled,
  onClose,
  onDone,
}: {
  classId: number;
  className: string;
  open: boolean;
  /** The class's enrolled children; null when the caller may not see them. */
  enrolled: { id: number; name: string }[] | null;
  onClose: () => void;
  onDone: (i: IncidentDetail) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const severity = Form.useWatch('severity', form);
  const notFuture = {
    validator: (_: unknown, v?: Dayjs | null) =>
      !v || v.isBefore(dayjs().add(5, 'minute')) ? Promise.resolve() : Promise.reject(new Error(t('incidents.future'))),
  };
  const req = (field: string) => ({ required: true, whitespace: true, message: t('incidents.required', { field }) });
  const opt = (s?: string) => (s?.trim() ? s.trim() : null);

  return (
    <Modal
      open={open}
      title={t('incidents.reportTitle', { name: className })}
      width={680}
      okText={t('incidents.report')}
      okButtonProps={{ loading: saving, danger: severity === 'critical' }}
      onCancel={onClose}
      destroyOnClose
      afterClose={() => setError(null)}
      onOk={async () => {
        // A form with errors shows them by its fields; nothing to send.
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        setSaving(true);
        setError(null);
        try {
          const r = await reportIncident(classId, {
            kind: v.kind,
            severity: v.severity,
            occurredAt: v.occurredAt.format(),
            description: v.description.trim(),
            childIds: v.childIds ?? [],
            peopleInvolved: opt(v.peopleInvolved),
            actionsTaken: opt(v.actionsTaken),
            guardianNotifiedBy: opt(v.guardianNotifiedBy),
            guardianNotifiedAt: v.guardianNotifiedAt ? v.guardianNotifiedAt.format() : null,
            followUp: opt(v.followUp),
          });
          onDone(r);
          onClose();
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="incident-report-error" />
      )}
      {severity && severity !== 'minor' && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('incidents.districtCloses')} />
      )}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'injury', severity: 'minor', occurredAt: dayjs(), childIds: [] }}
        data-testid="incident-report-form"
      >
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="kind" label={t('incidents.kind')} rules={[{ required: true }]}>
              <Select options={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`incidents.kinds.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="severity" label={t('incidents.severity')} rules={[{ required: true }]}>
              <Select options={SEVERITIES.map((k) => ({ value: k, label: t(`incidents.severities.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="occurredAt"
              label={t('incidents.occurredAt')}
              rules={[
                { required: true, message: t('incidents.required', { field: t('incidents.occurredAt') }) },
                notFuture,
              ]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('incidents.description')} rules={[req(t('incidents.description'))]}>
          <Input.TextArea rows={3} maxLength={4000} placeholder={t('incidents.descriptionPlaceholder')} />
        </Form.Item>
        {enrolled && (
          <Form.Item name="childIds" label={t('incidents.children')}>
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              placeholder={t('incidents.childrenPlaceholder')}
              options={enrolled.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="peopleInvolved" label={t('incidents.peopleInvolved')}>
          <Input maxLength={1000} placeholder={t('incidents.peopleInvolvedPlaceholder')} />
        </Form.Item>
        <Form.Item name="actionsTaken" label={t('incidents.actionsTaken')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="guardianNotifiedBy"
              label={t('incidents.guardianNotifiedBy')}
              dependencies={['guardianNotifiedAt']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v?: string) =>
                    !!v?.trim() === !!getFieldValue('guardianNotifiedAt')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('incidents.guardianBothRequired'))),
                }),
              ]}
            >
              <Input maxLength={100} placeholder={t('incidents.guardianByPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="guardianNotifiedAt" label={t('incidents.guardianNotifiedAt')} rules={[notFuture]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="followUp" label={t('incidents.followUp')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
