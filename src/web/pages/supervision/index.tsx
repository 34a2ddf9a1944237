/**
 * 督导检查: the visits in view (planned, done, cancelled) with their findings; districts and the city plan visits
 * here, inspectors open the phone form (/inspect/) from a row. Actions come from each row's abilities.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../app/api/client';
import { useCurrentUser } from '../../app/auth/session';
import { cancelVisit, listClassesIn, listInspectors, listVisits, planVisit, type Visit } from './api';
import { SupervisionTabs } from './components/SupervisionTabs';

const STATUS_COLORS = { planned: 'blue', done: 'green', cancelled: 'default' } as const;

export default function VisitsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [planning, setPlanning] = useState(false);
  const visits = useQuery({ queryKey: ['supervision', 'visits'], queryFn: () => listVisits({ pageSize: 200 }) });

  const cancel = (v: Visit) => {
    let reason = '';
    modal.confirm({
      title: t('supervision.cancel'),
      content: <Input placeholder={t('supervision.cancelReason')} onChange={(e) => (reason = e.target.value)} />,
      onOk: async () => {
        try {
          await cancelVisit(v.id, reason);
          void qc.invalidateQueries({ queryKey: ['supervision'] });
        } catch (e) {
          void message.error(errorMessage(e));
          throw e;
        }
      },
    });
  };

  return (
    <PageContainer title={t('supervision.visitsTitle')} subTitle={t('supervision.visitsSubtitle')}>
      <SupervisionTabs active="visits" />
      <Card
        size="small"
        extra={
          me.abilities.planVisits && (
            <Button type="primary" onClick={() => setPlanning(true)} data-testid="plan-visit">
              {t('supervision.plan')}
            </Button>
          )
        }
      >
        <Table<Visit>
          rowKey="id"
          size="small"
          loading={visits.isLoading}
          dataSource={visits.data?.items ?? []}
          locale={{ emptyText: t('supervision.empty') }}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('supervision.plannedDate'), dataIndex: 'plannedDate', width: 110 },
            {
              title: t('supervision.class'),
              render: (_, v) => (
                <div>
                  <Link to={`/classes/${v.classId}`}>{v.className}</Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {v.orgName}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            {
              title: t('supervision.kind'),
              render: (_, v) => (
                <Tag color={v.kind === 'unannounced' ? 'purple' : 'default'}>{t(`supervision.kinds.${v.kind}`)}</Tag>
              ),
            },
            { title: t('supervision.inspectors'), render: (_, v) => v.inspectors.map((p) => p.name).join('、') },
            {
              title: t('supervision.status'),
              render: (_, v) => <Tag color={STATUS_COLORS[v.status]}>{t(`supervision.statuses.${v.status}`)}</Tag>,
            },
            {
              title: t('supervision.headCount'),
              render: (_, v) => (v.status === 'done' ? `${v.headCount ?? '—'} / ${v.doorPresent ?? '—'}` : '—'),
            },
            {
              title: t('supervision.findings'),
              render: (_, v) =>
                v.findings ? <Link to="/supervision/items">{v.findings}</Link> : v.status === 'done' ? 0 : '—',
            },
            {
              title: t('common.actions'),
              render: (_, v) => (
                <Space size={4}>
                  {v.abilities.perform && (
                    <a href={`/inspect/#/visits/${v.id}`} data-testid={`inspect-${v.id}`}>
                      {t('supervision.doOnPhone')}
                    </a>
                  )}
                  {v.abilities.cancel && (
                    <Button type="link" size="small" danger onClick={() => cancel(v)}>
                      {t('supervision.cancel')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {planning && (
        <PlanModal
          onClose={() => setPlanning(false)}
          onDone={() => {
            setPlanning(false);
            void message.success(t('supervision.planned'));
            void qc.invalidateQueries({ queryKey: ['supervision'] });
          }}
        />
      )}
    </PageContainer>
  );
}

interface PlanForm {
  classId: number;
  kind: 'announced' | 'unannounced';
  plannedDate: Dayjs;
  inspectorIds: number[];
  note?: string;
}

function PlanModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanForm>();
  const classId = Form.useWatch('classId', form);
  const [saving, setSaving] = useState(false);
  const classes = useQuery({
    queryKey: ['classes', 'running-for-visits'],
    queryFn: async () => {
      const [running, open] = await Promise.all([listClassesIn('running'), listClassesIn('open')]);
      return [...running, ...open];
    },
  });
  const inspectors = useQuery({
    queryKey: ['supervision', 'inspectors', classId],
    queryFn: () => listInspectors(classId),
    enabled: !!classId,
  });
  const submit = async (v: PlanForm) => {
    setSaving(true);
    try {
      await planVisit({
        classId: v.classId,
        kind: v.kind,
        plannedDate: v.plannedDate.format('YYYY-MM-DD'),
        inspectorIds: v.inspectorIds,
        ...(v.note ? { note: v.note } : {}),
      });
      onDone();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('supervision.planTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'announced' }} onFinish={submit}>
        <Form.Item name="classId" label={t('supervision.class')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('supervision.pickClass')}
            loading={classes.isLoading}
            options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('supervision.kind')}>
          <Radio.Group
            options={[
              { value: 'announced', label: t('supervision.kinds.announced') },
              { value: 'unannounced', label: t('supervision.kinds.unannounced') },
            ]}
          />
        </Form.Item>
        <Form.Item name="plannedDate" label={t('supervision.plannedDate')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="inspectorIds" label={t('supervision.inspectors')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            placeholder={t('supervision.pickInspectors')}
            disabled={!classId}
            loading={inspectors.isLoading}
            options={(inspectors.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('supervision.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
