/** 志愿者招募: the calls of the classes in view, posting and editing them, and each call's applications. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import { type Call, type CallList, updateCall, volunteerKeys } from '../api';
import { ApplicationsDrawer } from './ApplicationsDrawer';
import { CallFormModal } from './CallFormModal';

export function CallsPanel({ list }: { list: CallList }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form, setForm] = useState<Call | 'new' | null>(null);
  const [review, setReview] = useState<Call | null>(null);
  const toggle = useMutation({
    mutationFn: (c: Call) =>
      updateCall(c.id, {
        title: c.title,
        description: c.description,
        skills: c.skills as never,
        otherSkill: c.otherSkill,
        volunteerKind: c.volunteerKind,
        startDate: c.startDate,
        endDate: c.endDate,
        schedule: c.schedule,
        hoursPerWeek: c.hoursPerWeek,
        wanted: c.wanted,
        status: c.status === 'open' ? 'closed' : 'open',
        version: c.version,
      }),
    onSuccess: () => {
      message.success(t('volunteers.saved'));
      void qc.invalidateQueries({ queryKey: volunteerKeys.calls });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const skillText = (c: Call) =>
    c.skills.map((s) => (s === 'other' && c.otherSkill ? c.otherSkill : t(`volunteers.skillNames.${s}`))).join('、');
  return (
    <Card
      title={t('volunteers.calls')}
      extra={
        list.canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm('new')}>
            {t('volunteers.newCall')}
          </Button>
        )
      }
    >
      <Table
        rowKey="id"
        size="middle"
        dataSource={list.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('volunteers.noCalls')} /> }}
        columns={[
          {
            title: t('volunteers.callTitle'),
            dataIndex: 'title',
            render: (_: unknown, c: Call) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{c.title}</Typography.Text>
                <Typography.Text type="secondary">
                  {c.className} · {c.orgName}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('volunteers.skills'),
            key: 'skills',
            width: 200,
            render: (_: unknown, c: Call) => (
              <Space direction="vertical" size={2}>
                <span>{skillText(c)}</span>
                <Tag>{t(`volunteers.kinds.${c.volunteerKind}`)}</Tag>
              </Space>
            ),
          },
          {
            title: t('volunteers.dates'),
            key: 'dates',
            width: 210,
            render: (_: unknown, c: Call) => (
              <Space direction="vertical" size={0}>
                <span>
                  {c.startDate} ~ {c.endDate}
                </span>
                <Typography.Text type="secondary">{c.schedule}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('volunteers.applications'),
            key: 'counts',
            width: 190,
            render: (_: unknown, c: Call) =>
              t('volunteers.progress', { accepted: c.counts.accepted, wanted: c.wanted, pending: c.counts.pending }),
          },
          {
            title: t('volunteers.status'),
            dataIndex: 'status',
            width: 90,
            render: (_: unknown, c: Call) =>
              c.takingApplications ? (
                <Tag color="green">{t('volunteers.statusOpen')}</Tag>
              ) : (
                <Tag>{t('volunteers.statusClosed')}</Tag>
              ),
          },
          {
            title: '',
            key: 'actions',
            width: 230,
            render: (_: unknown, c: Call) => (
              <Space size={4} wrap>
                {c.abilities.review && (
                  <Button size="small" type="link" onClick={() => setReview(c)}>
                    {t('volunteers.applications')}
                    {c.counts.pending > 0 && (
                      <Tag color="orange" style={{ marginLeft: 4 }}>
                        {c.counts.pending}
                      </Tag>
                    )}
                  </Button>
                )}
                {c.abilities.update && (
                  <Button size="small" type="link" onClick={() => setForm(c)}>
                    {t('volunteers.editCall')}
                  </Button>
                )}
                {c.abilities.update && (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => toggle.mutate(c)}
                    loading={toggle.isPending && toggle.variables?.id === c.id}
                  >
                    {c.status === 'open' ? t('volunteers.close') : t('volunteers.reopen')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {form && <CallFormModal target={form} onClose={() => setForm(null)} />}
      {review && <ApplicationsDrawer call={review} onClose={() => setReview(null)} />}
    </Card>
  );
}
