/**
 * 推进会、现场会: the meetings in view; the city schedules one (an on-site one at a class), invites organisations,
 * then records who came and the minutes.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api/client';
import type { CampaignSummary, Page, TreeNode } from '../../app/api/types';
import { useCurrentUser } from '../../app/auth/session';
import { useOrgTree } from '../../app/components/orgTree';
import { createMeeting, listClassesIn, listMeetings, type Meeting, recordMeeting } from './api';
import { SupervisionTabs } from './components/SupervisionTabs';

export default function MeetingsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [recording, setRecording] = useState<Meeting | null>(null);
  const meetings = useQuery({ queryKey: ['supervision', 'meetings'], queryFn: listMeetings });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['supervision', 'meetings'] });
  return (
    <PageContainer title={t('supervision.meetingsTitle')} subTitle={t('supervision.meetingsSubtitle')}>
      <SupervisionTabs active="meetings" />
      <Card
        size="small"
        extra={
          me.abilities.createCampaign && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('supervision.newMeeting')}
            </Button>
          )
        }
      >
        <Table<Meeting>
          rowKey="id"
          size="small"
          loading={meetings.isLoading}
          dataSource={meetings.data ?? []}
          locale={{ emptyText: t('supervision.noMeetings') }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('supervision.date'), dataIndex: 'date', width: 110 },
            { title: t('supervision.kind'), render: (_, m) => <Tag>{t(`supervision.meetingKinds.${m.kind}`)}</Tag> },
            { title: t('supervision.title'), dataIndex: 'title' },
            { title: t('supervision.place'), render: (_, m) => [m.className, m.place].filter(Boolean).join(' · ') },
            {
              title: t('supervision.invitees'),
              render: (_, m) => (
                <Space wrap size={2}>
                  {m.invitees.map((i) => (
                    <Tag key={i.orgId} color={i.attended === true ? 'green' : i.attended === false ? 'red' : undefined}>
                      {i.name}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            { title: t('supervision.minutes'), render: (_, m) => m.minutes ?? '—' },
            {
              title: t('common.actions'),
              render: (_, m) =>
                m.abilities.manage && (
                  <Button type="link" size="small" onClick={() => setRecording(m)}>
                    {t('supervision.record')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      {creating && (
        <CreateMeeting
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            refresh();
          }}
        />
      )}
      {recording && (
        <RecordMeeting
          meeting={recording}
          onClose={() => setRecording(null)}
          onDone={() => {
            setRecording(null);
            refresh();
          }}
        />
      )}
    </PageContainer>
  );
}

interface CreateForm {
  campaignId: number;
  kind: 'progress' | 'on_site';
  title: string;
  date: Dayjs;
  classId?: number;
  place?: string;
  inviteeOrgIds: number[];
}

function CreateMeeting({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const kind = Form.useWatch('kind', form);
  const campaignId = Form.useWatch('campaignId', form);
  const campaigns = useQuery({
    queryKey: ['campaigns', 'for-meetings'],
    queryFn: () => api.get<Page<CampaignSummary>>('/api/campaigns', { pageSize: 100 }),
  });
  const classes = useQuery({
    queryKey: ['classes', 'for-meetings', campaignId],
    queryFn: () => listClassesIn('running', campaignId),
    enabled: !!campaignId && kind === 'on_site',
  });
  const tree = useOrgTree(false);
  const orgs = (tree.data ?? []).filter((n: TreeNode) => n.kind === 'district' || n.kind === 'industry');
  return (
    <Modal open title={t('supervision.newMeeting')} onCancel={onClose} onOk={() => form.submit()}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'progress', inviteeOrgIds: [] }}
        onFinish={async (v) => {
          try {
            await createMeeting({
              campaignId: v.campaignId,
              kind: v.kind,
              title: v.title,
              date: v.date.format('YYYY-MM-DD'),
              classId: v.kind === 'on_site' ? (v.classId ?? null) : null,
              ...(v.place ? { place: v.place } : {}),
              inviteeOrgIds: v.inviteeOrgIds,
            });
            onDone();
          } catch (e) {
            void message.error(errorMessage(e));
          }
        }}
      >
        <Form.Item name="campaignId" label={t('supervision.campaign')} rules={[{ required: true }]}>
          <Select options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('supervision.kind')}>
          <Radio.Group
            options={[
              { value: 'progress', label: t('supervision.meetingKinds.progress') },
              { value: 'on_site', label: t('supervision.meetingKinds.on_site') },
            ]}
          />
        </Form.Item>
        <Form.Item name="title" label={t('supervision.title')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="date" label={t('supervision.date')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {kind === 'on_site' && (
          <Form.Item name="classId" label={t('supervision.class')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="place" label={t('supervision.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="inviteeOrgIds" label={t('supervision.invitees')}>
          <Select mode="multiple" options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RecordMeeting({ meeting, onClose, onDone }: { meeting: Meeting; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [minutes, setMinutes] = useState(meeting.minutes ?? '');
  const [came, setCame] = useState<number[]>(meeting.invitees.filter((i) => i.attended).map((i) => i.orgId));
  return (
    <Modal
      open
      title={`${t('supervision.record')} · ${meeting.title}`}
      onCancel={onClose}
      onOk={async () => {
        try {
          await recordMeeting(meeting.id, { minutes, attendedOrgIds: came, version: meeting.version });
          onDone();
        } catch (e) {
          void message.error(errorMessage(e));
        }
      }}
    >
      <div style={{ marginBottom: 8 }}>{t('supervision.attended')}</div>
      <Checkbox.Group
        value={came}
        onChange={(v) => setCame(v as number[])}
        options={meeting.invitees.map((i) => ({ value: i.orgId, label: i.name }))}
      />
      <div style={{ margin: '12px 0 8px' }}>{t('supervision.minutes')}</div>
      <Input.TextArea rows={6} value={minutes} onChange={(e) => setMinutes(e.target.value)} maxLength={20000} />
    </Modal>
  );
}
