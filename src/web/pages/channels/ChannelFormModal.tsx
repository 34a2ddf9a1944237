/** Adds or edits a group-robot channel. The URL and secret are write-only: editing leaves them as they are unless typed. */
import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api/client';
import { fieldErrorsOf } from '../../app/api/fieldErrors';
import { type Channel, createChannel, updateChannel } from './api';

const FILTER_OPTIONS = ['warning', 'critical', 'info', 'incident.', 'attendance.', 'enrolment.'];

interface Values {
  kind: 'wecom' | 'dingtalk';
  name: string;
  url?: string;
  secret?: string;
  clearSecret?: boolean;
  filter: string[];
}

export function ChannelFormModal({
  orgId,
  channel,
  onClose,
  onSaved,
}: {
  orgId: number;
  /** null: a new channel. */
  channel: Channel | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form) ?? channel?.kind ?? 'wecom';

  const submit = async () => {
    // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      if (channel) {
        await updateChannel(channel.id, {
          name: v.name,
          filter: v.filter,
          ...(v.url ? { url: v.url } : {}),
          ...(v.clearSecret ? { secret: null } : v.secret ? { secret: v.secret } : {}),
        });
      } else {
        await createChannel(orgId, {
          kind: v.kind,
          name: v.name,
          url: v.url ?? '',
          filter: v.filter,
          ...(v.kind === 'dingtalk' && v.secret ? { secret: v.secret } : {}),
        });
      }
      void message.success(t('notif.saved'));
      onSaved();
    } catch (e) {
      const fields = fieldErrorsOf(e, 'body');
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.name as ['name'], errors: [f.message] })));
      else void message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={channel ? t('notif.editChannel') : t('notif.addChannel')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      destroyOnClose
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: channel?.kind ?? 'wecom', name: channel?.name ?? '', filter: channel?.filter ?? [] }}
      >
        <Form.Item name="kind" label={t('notif.kind')} rules={[{ required: true }]}>
          <Select
            disabled={!!channel}
            options={(['wecom', 'dingtalk'] as const).map((k) => ({ value: k, label: t(`notif.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('notif.name')} rules={[{ required: true, min: 2, max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('notif.url')}
          extra={channel ? t('notif.urlKeep', { url: channel.urlMasked }) : t('notif.urlHelp')}
          rules={channel ? [] : [{ required: true }]}
        >
          <Input placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
        </Form.Item>
        {kind === 'dingtalk' && (
          <>
            <Form.Item
              name="secret"
              label={t('notif.secret')}
              extra={channel?.hasSecret ? `${t('notif.secretSet')} · ${t('notif.secretKeep')}` : t('notif.secretHelp')}
            >
              <Input.Password autoComplete="new-password" placeholder="SEC…" />
            </Form.Item>
            {channel?.hasSecret && (
              <Form.Item name="clearSecret" valuePropName="checked">
                <Checkbox>{t('notif.secretClear')}</Checkbox>
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="filter" label={t('notif.filter')} extra={t('notif.filterHelp')}>
          <Select mode="tags" options={FILTER_OPTIONS.map((f) => ({ value: f, label: f }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
