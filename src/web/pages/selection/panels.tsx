/**
 * 评审组与分配 (city): create panels, add reviewers — picked from the people holding the reviewer role — and assign
 * them submitted applications. Before assigning, the page shows which reviewer–application pairs the conflict rule
 * excludes (the server's own list, with its reason); after, what was assigned and what was skipped. Below, every
 * reviewer with their affiliations and automatic exclusions, and the recusals reviewers declared with their reasons.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Result, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../app/api/client';
import { fieldErrorsOf } from '../../app/api/fieldErrors';
import { formatChina } from '../../app/chinaTime';
import { roleLabel } from '../../app/labels';
import type { Role } from '../../../domain/people/roles';
import {
  type Application,
  applicationsKey,
  createPanel,
  listApplications,
  listPanels,
  listReviewers,
  type Panel,
  panelsKey,
  type Recusal,
  type ReviewerCandidate,
  reviewersKey,
} from './api';
import { AssignForm } from './components/AssignForm';
import { useSelectionCampaign } from './useCampaign';
import { classLabel } from './classLabel';

/** A reviewer's exclusions grouped by their reason: one sentence, then the applications it closes. */
function byReason(xs: ReviewerCandidate['excluded']) {
  const groups = new Map<string, [ReviewerCandidate['excluded'][number]['reason'], ReviewerCandidate['excluded']]>();
  for (const x of xs) {
    const g = groups.get(x.reason.zh) ?? [x.reason, []];
    groups.set(x.reason.zh, g);
    g[1].push(x);
  }
  return [...groups.values()];
}

export default function SelectionPanelsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { campaign, loading } = useSelectionCampaign();
  const id = campaign?.id ?? 0;
  const en = i18n.language === 'en';
  const panels = useQuery({ queryKey: panelsKey(id), queryFn: () => listPanels(id), enabled: id > 0, retry: false });
  const reviewers = useQuery({
    queryKey: reviewersKey(id),
    queryFn: () => listReviewers(id),
    enabled: id > 0,
    retry: false,
  });
  const apps = useQuery({ queryKey: applicationsKey(id), queryFn: () => listApplications(id), enabled: id > 0 });
  const submitted = (apps.data?.items ?? []).filter((a) => a.status === 'submitted');
  const appById = new Map<number, Application>((apps.data?.items ?? []).map((a) => [a.id, a]));
  const [nameForm] = Form.useForm<{ name: string }>();
  const [openPanel, setOpenPanel] = useState<number | null>(null);

  const create = useMutation({
    mutationFn: (name: string) => createPanel(id, name),
    onSuccess: (p) => {
      message.success(t('selection.manage.panelCreated'));
      nameForm.resetFields();
      setOpenPanel(p.id);
      void qc.invalidateQueries({ queryKey: panelsKey(id) });
    },
    onError: (e) => {
      const f = fieldErrorsOf(e, 'body').find((x) => x.name[0] === 'name');
      if (f) nameForm.setFields([{ name: 'name', errors: [f.message] }]);
      else nameForm.setFields([{ name: 'name', errors: [(e as Error).message] }]);
    },
  });

  const error = panels.error ?? reviewers.error;
  if (error)
    return (
      <Result
        status={error instanceof ApiError && error.status === 403 ? '403' : 'error'}
        title={error instanceof ApiError && error.status === 403 ? t('selection.manage.noManage') : error.message}
      />
    );

  const recusedPairs = new Set((reviewers.data?.recusals ?? []).map((x) => `${x.applicationId}-${x.reviewerId}`));
  const appLabel = (a: { className: string; unitName: string }) => classLabel(a.className, a.unitName);
  const panelColumns = (p: Panel) => [
    { title: t('selection.manage.panelReviewer'), dataIndex: 'name', width: 200 },
    {
      title: t('selection.manage.panelApplications'),
      render: (_: unknown, r: Panel['reviewers'][number]) => (
        <Space wrap size={4}>
          {r.applicationIds.map((aid) => {
            const a = appById.get(aid);
            const recused = recusedPairs.has(`${aid}-${r.id}`);
            return (
              <Tag key={`${p.id}-${r.id}-${aid}`} color={recused ? 'default' : 'blue'}>
                {a ? appLabel(a) : `#${aid}`}
                {recused && ` · ${t('selection.recused')}`}
              </Tag>
            );
          })}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('selection.manage.panelsTitle')}
      subTitle={campaign?.name}
      loading={loading}
      onBack={() => navigate(`/selection?campaign=${id}`)}
      extra={
        <Link to={`/selection-settings?campaign=${id}`}>
          <Button>{t('selection.manage.settingsMenu')}</Button>
        </Link>
      }
    >
      <Space direction="vertical" size={16} style={{ display: 'flex' }}>
        <Card size="small" title={t('selection.manage.panels')} data-testid="panels">
          <Form
            form={nameForm}
            layout="inline"
            onFinish={(v) => create.mutate(v.name.trim())}
            style={{ marginBottom: 16 }}
          >
            <Form.Item
              name="name"
              label={t('selection.manage.newPanel')}
              rules={[{ required: true, whitespace: true, max: 100, message: t('selection.manage.panelName') }]}
            >
              <Input
                placeholder={t('selection.manage.panelNamePlaceholder')}
                style={{ width: 240 }}
                maxLength={100}
                data-testid="panel-name"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="create-panel">
              {t('selection.manage.createPanel')}
            </Button>
          </Form>
          {(panels.data?.items.length ?? 0) === 0 && !panels.isLoading && (
            <Empty description={t('selection.manage.noPanels')} />
          )}
          <Space direction="vertical" size={12} style={{ display: 'flex' }}>
            {panels.data?.items.map((p) => (
              <Card
                key={p.id}
                size="small"
                type="inner"
                title={p.name}
                data-testid={`panel-${p.name}`}
                extra={
                  <Button size="small" onClick={() => setOpenPanel(openPanel === p.id ? null : p.id)}>
                    {t('selection.manage.addReviewers')}
                  </Button>
                }
              >
                {openPanel === p.id && (
                  <AssignForm
                    campaignId={id}
                    panelId={p.id}
                    reviewers={reviewers.data?.items ?? []}
                    submitted={submitted}
                    onDone={() => {
                      void qc.invalidateQueries({ queryKey: panelsKey(id) });
                    }}
                  />
                )}
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={p.reviewers}
                  locale={{ emptyText: t('selection.manage.noReviewersYet') }}
                  columns={panelColumns(p)}
                />
              </Card>
            ))}
          </Space>
        </Card>

        <Card size="small" title={t('selection.manage.reviewersTitle')} data-testid="reviewers">
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('selection.manage.reviewersHint')} />
          <Table<ReviewerCandidate>
            size="small"
            rowKey="id"
            loading={reviewers.isLoading}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={reviewers.data?.items ?? []}
            locale={{ emptyText: t('selection.manage.noReviewers') }}
            columns={[
              { title: t('selection.manage.panelReviewer'), dataIndex: 'name', width: 160 },
              {
                title: t('selection.manage.affiliation'),
                width: 260,
                render: (_, r) => (
                  <Space direction="vertical" size={0}>
                    {r.affiliations.map((g) => (
                      <span key={`${g.orgId}-${g.role}`}>
                        {g.orgName} · {roleLabel(g.role as Role, en ? 'en' : 'zh')}
                      </span>
                    ))}
                  </Space>
                ),
              },
              {
                title: t('selection.manage.excluded'),
                render: (_, r) =>
                  r.excluded.length === 0 ? (
                    <Tag color="green">{t('selection.manage.excludedNone')}</Tag>
                  ) : (
                    <Space direction="vertical" size={4} data-testid={`excluded-${r.id}`}>
                      {byReason(r.excluded).map(([reason, xs]) => (
                        <div key={reason.zh}>
                          <Typography.Text type="secondary">{en ? reason.en : reason.zh}</Typography.Text>
                          <div>
                            {xs.map((x) => (
                              <Tag key={x.applicationId} color="orange" style={{ marginTop: 4 }}>
                                {appLabel(x)}
                              </Tag>
                            ))}
                          </div>
                        </div>
                      ))}
                    </Space>
                  ),
              },
            ]}
          />
        </Card>

        <Card size="small" title={t('selection.manage.recusalsTitle')} data-testid="recusals">
          <Table<Recusal>
            size="small"
            rowKey={(r) => `${r.applicationId}-${r.reviewerId}`}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={reviewers.data?.recusals ?? []}
            locale={{ emptyText: t('selection.manage.noRecusals') }}
            columns={[
              { title: t('selection.manage.panelReviewer'), dataIndex: 'reviewerName', width: 160 },
              { title: t('selection.manage.recusalApplication'), render: (_, r) => appLabel(r) },
              { title: t('selection.manage.recusalReason'), dataIndex: 'reason' },
              {
                title: t('selection.manage.recusalAt'),
                width: 180,
                render: (_, r) => formatChina(r.at),
              },
            ]}
          />
        </Card>
      </Space>
    </PageContainer>
  );
}
