/**
 * 示范班评选: the campaign's applications in the caller's scope — a unit applies for a finished class, a district
 * recommends within its quota (a used-up quota answers with the server's message), the city sees them all and
 * opens the ranking.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import {
  type Application,
  applicationsKey,
  createApplication,
  listApplications,
  listCandidates,
  recommendApplication,
} from './api';
import { useSelectionCampaign } from './useCampaign';
import { classLabel } from './classLabel';

export default function SelectionPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { campaign, loading } = useSelectionCampaign();
  const id = campaign?.id ?? 0;
  const list = useQuery({ queryKey: applicationsKey(id), queryFn: () => listApplications(id), enabled: id > 0 });
  const candidates = useQuery({
    queryKey: ['selection', 'candidates', id],
    queryFn: () => listCandidates(id),
    enabled: id > 0,
  });
  const [classId, setClassId] = useState<number>();
  const apply = useMutation({
    mutationFn: () => createApplication(id, classId as number),
    onSuccess: (a) => navigate(`/selection/applications/${a.id}`),
    onError: (e) => message.error((e as Error).message),
  });
  const recommend = useMutation({
    mutationFn: (x: { a: Application; on: boolean }) => recommendApplication(x.a.id, x.on),
    onSuccess: () => void qc.invalidateQueries({ queryKey: applicationsKey(id) }),
    onError: (e) => message.error((e as Error).message),
  });
  const data = list.data;
  return (
    <PageContainer
      title={t('selection.title')}
      subTitle={campaign?.name}
      loading={loading}
      extra={
        data?.abilities.manage && (
          <Space>
            <Link to={`/selection-settings?campaign=${id}`}>
              <Button>{t('selection.manage.settingsMenu')}</Button>
            </Link>
            <Link to={`/selection-panels?campaign=${id}`}>
              <Button>{t('selection.manage.panelsMenu')}</Button>
            </Link>
            <Link to={`/selection/ranking?campaign=${id}`}>
              <Button>{t('selection.ranking')}</Button>
            </Link>
          </Space>
        )
      }
    >
      <Space direction="vertical" size={16} style={{ display: 'flex' }}>
        {(candidates.data?.items.length ?? 0) > 0 && (
          <Card size="small" title={t('selection.apply')}>
            <Space wrap>
              <Select
                style={{ minWidth: 320 }}
                placeholder={t('selection.className')}
                value={classId}
                onChange={setClassId}
                options={candidates.data?.items.map((c) => ({ value: c.id, label: classLabel(c.name, c.unitName) }))}
              />
              <Button type="primary" disabled={!classId} loading={apply.isPending} onClick={() => apply.mutate()}>
                {t('selection.apply')}
              </Button>
            </Space>
          </Card>
        )}
        {(data?.quotas.length ?? 0) > 0 && (
          <Card size="small" title={t('selection.quota')}>
            <Space wrap>
              {data?.quotas.map((q) => (
                <Tag key={q.districtId} color={q.used >= q.quota ? 'orange' : 'blue'}>
                  {q.districtName} {t('selection.quotaUsed', { used: q.used, quota: q.quota })}
                </Tag>
              ))}
            </Space>
          </Card>
        )}
        <Card size="small" title={t('selection.applications')}>
          <Table<Application>
            size="small"
            rowKey="id"
            loading={list.isLoading}
            dataSource={data?.items ?? []}
            locale={{ emptyText: <Empty description={t('selection.noApplications')} /> }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              {
                title: t('selection.className'),
                render: (_, a) => <Link to={`/selection/applications/${a.id}`}>{a.className}</Link>,
              },
              { title: t('selection.unitName'), dataIndex: 'unitName' },
              { title: t('selection.districtName'), dataIndex: 'districtName' },
              {
                title: t('selection.status'),
                render: (_, a) => <Tag>{t(`selection.statuses.${a.status}`)}</Tag>,
              },
              {
                title: t('selection.recommended'),
                render: (_, a) =>
                  a.recommended === null ? (
                    '—'
                  ) : (
                    <Tag color={a.recommended ? 'green' : 'default'}>
                      {t(`selection.statuses.${a.recommended ? 'recommended' : 'not_recommended'}`)}
                    </Tag>
                  ),
              },
              {
                title: t('common.actions'),
                render: (_, a) =>
                  a.abilities.recommend && (
                    <Button
                      size="small"
                      onClick={() => recommend.mutate({ a, on: a.recommended !== true })}
                      loading={recommend.isPending && recommend.variables?.a.id === a.id}
                    >
                      {a.recommended ? t('selection.unrecommend') : t('selection.recommend')}
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
      </Space>
    </PageContainer>
  );
}
