/**
 * One dialog for every change to an incident: a note, the guardian notification, a correction of the facts,
 * closing and reopening. Each sends the version the person looked at (a changed record answers 409).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import {
  addAddendum,
  classIncidentsKey,
  closeIncident,
  fetchClassIncidents,
  INCIDENT_KINDS,
  type IncidentDetail,
  reopenIncident,
  SEVERITIES,
  type UpdateChanges,
} from '../api';

export type IncidentAction = 'note' | 'guardian' | 'update' | 'close' | 'reopen';

interface Values {
  note?: string;
  guardianNotifiedBy?: string;
  guardianNotifiedAt?: Dayjs;
  kind?: string;
  severity?: string;
  occurredAt?: Dayjs;
  description?: string;
  childIds?: number[];
  peopleInvolved?: string;
  actionsTaken?: string;
  followUp?: string;
}

const notFuture = (msg: string) => ({
  validator: (_: unknown, v?: Dayjs) =>
    !v || v.isBefore(dayjs().add(5, 'minute')) ? Promise.resolve() : Promise.reject(new Error(msg)),
});

export function IncidentActionModal({
  incident,
  action,
  onClose,
  onDone,
}: {
  incident: IncidentDetail;
  action: IncidentAction | null;
  onClose: () => void;
  onDone: (i: IncidentDetail) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const v = incident.version;
  // A correction may name any child enrolled in the class, not only those already named.
  const classChildren = useQuery({
    queryKey: classIncidentsKey(incident.classId),
    queryFn: () => fetchClassIncidents(incident.classId),
    enabled: action === 'update' && incident.children !== null,
  });
  const childOptions = new Map((incident.children ?? []).map((c) => [c.id, c.name]));
  for (const c of classChildren.data?.children ?? []) childOptions.set(c.id, c.name);

  const submit = async (x: Values): Promise<IncidentDetail> => {
    const note = x.note?.trim() || null;
    switch (action) {
      case 'note':
        return addAddendum(incident.id, { kind: 'note', note: note ?? '', version: v });
      case 'guardian':
        return addAddendum(incident.id, {
          kind: 'guardian_notified',
          changes: {
            guardianNotifiedBy: (x.guardianNotifiedBy ?? '').trim(),
            guardianNotifiedAt: (x.guardianNotifiedAt ?? dayjs()).format(),
          },
          note,
          version: v,
        });
      case 'update': {
        const changes: UpdateChanges = {};
        if (x.kind && x.kind !== incident.kind) changes.kind = x.kind as UpdateChanges['kind'];
        if (x.severity && x.severity !== incident.severity) changes.severity = x.severity as UpdateChanges['severity'];
        if (x.occurredAt && !x.occurredAt.isSame(dayjs(incident.occurredAt), 'minute'))
          changes.occurredAt = x.occurredAt.format();
        for (const f of ['description', 'peopleInvolved', 'actionsTaken', 'followUp'] as const) {
          const nv = (x[f] ?? '').trim();
          if (nv !== (incident[f] ?? '')) changes[f] = nv;
        }
        if (incident.childIds && x.childIds && [...x.childIds].sort().join() !== [...incident.childIds].sort().join())
          changes.childIds = x.childIds;
        if (!Object.keys(changes).length) throw new Error(t('incidents.noChange'));
        return addAddendum(incident.id, { kind: 'update', changes, note, version: v });
      }
      case 'close':
        return closeIncident(incident.id, v, note ?? '');
      default:
        return reopenIncident(incident.id, v, note ?? '');
    }
  };

  const title =
    action === 'note'
      ? t('incidents.addNote')
      : action === 'guardian'
        ? t('incidents.recordGuardian')
        : action === 'update'
          ? t('incidents.update')
          : action === 'close'
            ? t('incidents.closeTitle')
            : t('incidents.reopenTitle');
  const noteLabel =
    action === 'close'
      ? t('incidents.closeNote')
      : action === 'reopen'
        ? t('incidents.reopenNote')
        : t('incidents.note');
  const noteRequired = action === 'note' || action === 'close' || action === 'reopen';
  const initial: Values =
    action === 'update'
      ? {
          kind: incident.kind,
          severity: incident.severity,
          occurredAt: dayjs(incident.occurredAt),
          description: incident.description,
          childIds: incident.childIds ?? undefined,
          peopleInvolved: incident.peopleInvolved ?? '',
          actionsTaken: incident.actionsTaken ?? '',
          followUp: incident.followUp ?? '',
        }
      : action === 'guardian'
        ? {
            guardianNotifiedBy: incident.guardianNotifiedBy ?? '',
            guardianNotifiedAt: incident.guardianNotifiedAt ? dayjs(incident.guardianNotifiedAt) : dayjs(),
          }
        : {};

  return (
    <Modal
      open={action !== null}
      title={title}
      width={action === 'update' ? 640 : 520}
      okText={
        action === 'close' ? t('incidents.close') : action === 'reopen' ? t('incidents.reopen') : t('common.save')
      }
      okButtonProps={{ loading: saving, danger: action === 'reopen' }}
      onCancel={onClose}
      destroyOnClose
      afterClose={() => setError(null)}
      onOk={async () => {
        // A form with errors shows them by its fields; nothing to send.
        const x = await form.validateFields().catch(() => null);
        if (!x) return;
        setSaving(true);
        setError(null);
        try {
          onDone(await submit(x));
          onClose();
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setSaving(false);
        }
      }}
    >
      {action === 'close' && (
        <Alert type="info" showIcon message={t('incidents.closeWarning')} style={{ marginBottom: 16 }} />
      )}
      {action === 'update' && (
        <Alert type="info" showIcon message={t('incidents.updateHint')} style={{ marginBottom: 16 }} />
      )}
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="incident-action-error" />
      )}
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        {action === 'guardian' && (
          <>
            <Form.Item
              name="guardianNotifiedBy"
              label={t('incidents.guardianNotifiedBy')}
              rules={[{ required: true, whitespace: true, message: t('incidents.guardianBothRequired') }]}
            >
              <Input maxLength={100} placeholder={t('incidents.guardianByPlaceholder')} />
            </Form.Item>
            <Form.Item
              name="guardianNotifiedAt"
              label={t('incidents.guardianNotifiedAt')}
              rules={[
                { required: true, message: t('incidents.guardianBothRequired') },
                notFuture(t('incidents.future')),
              ]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        {action === 'update' && (
          <>
            <Form.Item name="kind" label={t('incidents.kind')}>
              <Select options={INCIDENT_KINDS.map((k) => ({ value: k, label: t(`incidents.kinds.${k}`) }))} />
            </Form.Item>
            <Form.Item name="severity" label={t('incidents.severity')}>
              <Select options={SEVERITIES.map((k) => ({ value: k, label: t(`incidents.severities.${k}`) }))} />
            </Form.Item>
            <Form.Item name="occurredAt" label={t('incidents.occurredAt')} rules={[notFuture(t('incidents.future'))]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('incidents.description')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('incidents.required', { field: t('incidents.description') }),
                },
              ]}
            >
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            {incident.children && (
              <Form.Item name="childIds" label={t('incidents.children')}>
                <Select
                  mode="multiple"
                  options={[...childOptions].map(([value, label]) => ({ value, label }))}
                  placeholder={t('incidents.childrenPlaceholder')}
                />
              </Form.Item>
            )}
            <Form.Item name="peopleInvolved" label={t('incidents.peopleInvolved')}>
              <Input maxLength={1000} />
            </Form.Item>
            <Form.Item name="actionsTaken" label={t('incidents.actionsTaken')}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
            <Form.Item name="followUp" label={t('incidents.followUp')}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="note"
          label={noteLabel}
          rules={
            noteRequired
              ? [{ required: true, whitespace: true, message: t('incidents.required', { field: noteLabel }) }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={4000} showCount placeholder={t('incidents.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
