/**
 * 报名审核: a call's applications with phones masked (a reveal is its own audited request), accepted with the staff
 * checks' dates or declined with a reason. The server refuses an acceptance whose checks fail and says why.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Drawer, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import {
  acceptApplication,
  type Application,
  type Call,
  declineApplication,
  listApplications,
  revealPhone,
  volunteerKeys,
} from '../api';

const STATUS_COLOR = { pending: 'orange', accepted: 'green', declined: 'default' } as const;

function PhoneCell({ a }: { a: Application }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [shown, setShown] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => revealPhone(a.id),
    onSuccess: setShown,
    onError: (e) => message.error(errorMessage(e)),
  });
  if (shown)
    return (
      <Space direction="vertical" size={0}>
        <span>{shown}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('volunteers.revealed')}
        </Typography.Text>
      </Space>
    );
  return (
    <Space size={4}>
      <span>{a.phone}</span>
      {a.abilities.revealPhone && (
        <Button size="small" type="link" onClick={() => reveal.mutate()} loading={reveal.isPending}>
          {t('volunteers.reveal')}
        </Button>
      )}
    </Space>
  );
}

export function ApplicationsDrawer({ call, onClose }: { call: Call; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const apps = useQuery({ queryKey: volunteerKeys.applications(call.id), queryFn: () => listApplications(call.id) });
  const [accepting, setAccepting] = useState<Application | null>(null);
  const [declining, setDeclining] = useState<Application | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: volunteerKeys.applications(call.id) });
    void qc.invalidateQueries({ queryKey: volunteerKeys.calls });
  };
  const accept = useMutation({
    mutationFn: (v: { a: Application; health?: Dayjs; background?: Dayjs; note?: string }) =>
      acceptApplication(v.a.id, {
        version: v.a.version,
        healthCertDate: v.health ? v.health.format('YYYY-MM-DD') : null,
        backgroundCheckDate: v.background ? v.background.format('YYYY-MM-DD') : null,
        note: v.note ?? null,
      }),
    onSuccess: (r) => {
      setAccepting(null);
      refresh();
      modal.success({
        title: t('volunteers.accepted'),
        content: r.account.initialPassword
          ? t('volunteers.newAccount', { username: r.account.username, password: r.account.initialPassword })
          : t('volunteers.linkedAccount', { username: r.account.username }),
      });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const decline = useMutation({
    mutationFn: (v: { a: Application; note: string }) =>
      declineApplication(v.a.id, { version: v.a.version, note: v.note }),
    onSuccess: () => {
      setDeclining(null);
      refresh();
      message.success(t('volunteers.declined'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Drawer open width={980} title={t('volunteers.reviewTitle', { title: call.title })} onClose={onClose}>
      <Table
        rowKey="id"
        size="small"
        loading={apps.isPending}
        dataSource={apps.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('volunteers.noApplications')} /> }}
        columns={[
          { title: t('volunteers.name'), dataIndex: 'name', width: 90 },
          {
            title: t('volunteers.phone'),
            key: 'phone',
            width: 170,
            render: (_: unknown, a: Application) => <PhoneCell a={a} />,
          },
          {
            title: t('volunteers.kind'),
            key: 'kind',
            render: (_: unknown, a: Application) => (
              <Space direction="vertical" size={0}>
                <span>{t(`volunteers.kinds.${a.kind}`)}</span>
                {a.employer && <Typography.Text type="secondary">{a.employer}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('volunteers.skills'),
            dataIndex: 'skills',
            render: (s: string[]) => s.map((x) => t(`volunteers.skillNames.${x}`)).join('、'),
          },
          { title: t('volunteers.availability'), dataIndex: 'availability' },
          {
            title: t('volunteers.status'),
            dataIndex: 'status',
            width: 150,
            render: (_: unknown, a: Application) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLOR[a.status]}>{t(`volunteers.appStatus.${a.status}`)}</Tag>
                {a.decisionNote && <Typography.Text type="secondary">{a.decisionNote}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            width: 120,
            render: (_: unknown, a: Application) =>
              a.abilities.decide && (
                <Space size={0}>
                  <Button size="small" type="link" onClick={() => setAccepting(a)}>
                    {t('volunteers.accept')}
                  </Button>
                  <Button size="small" type="link" danger onClick={() => setDeclining(a)}>
                    {t('volunteers.decline')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {accepting && (
        <Modal
          open
          title={t('volunteers.acceptTitle', { name: accepting.name })}
          onCancel={() => setAccepting(null)}
          okText={t('volunteers.accept')}
          confirmLoading={accept.isPending}
          onOk={() => (document.getElementById('vol-accept-form') as HTMLFormElement | null)?.requestSubmit()}
          destroyOnClose
        >
          <Alert type="info" showIcon message={t('volunteers.acceptHint')} style={{ marginBottom: 16 }} />
          <Form
            id="vol-accept-form"
            layout="vertical"
            onFinish={(v: { health?: Dayjs; background?: Dayjs; note?: string }) =>
              accept.mutate({ a: accepting, ...v })
            }
          >
            <Form.Item name="health" label={t('volunteers.healthCertDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="background" label={t('volunteers.backgroundCheckDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="note" label={t('volunteers.note')}>
              <Input maxLength={200} />
            </Form.Item>
          </Form>
        </Modal>
      )}
      {declining && (
        <Modal
          open
          title={t('volunteers.declineTitle', { name: declining.name })}
          onCancel={() => setDeclining(null)}
          okText={t('volunteers.decline')}
          okButtonProps={{ danger: true }}
          confirmLoading={decline.isPending}
          onOk={() => (document.getElementById('vol-decline-form') as HTMLFormElement | null)?.requestSubmit()}
          destroyOnClose
        >
          <Form
            id="vol-decline-form"
            layout="vertical"
            onFinish={(v: { note: string }) => decline.mutate({ a: declining, note: v.note })}
          >
            <Form.Item name="note" label={t('volunteers.declineReason')} rules={[{ required: true, min: 2, max: 200 }]}>
              <Input.TextArea rows={3} maxLength={200} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Drawer>
  );
}
