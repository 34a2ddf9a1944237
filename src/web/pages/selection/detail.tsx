/**
 * One application: the dossier (live while a draft, frozen after submission), the eligibility gate with every
 * unmet condition in plain words, the narrative form and the submit button (the server re-checks the gate).
 */
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, List, Result, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api/client';
import { applicationKey, fetchApplication, submitApplication, updateApplication } from './api';
import { ApplicationPhotos } from './components/ApplicationPhotos';
import { DossierView } from './components/DossierView';

export default function ApplicationPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: applicationKey(id), queryFn: () => fetchApplication(id), retry: false });
  const refresh = () => qc.invalidateQueries({ queryKey: applicationKey(id) });
  const save = useMutation({
    mutationFn: (v: { practices: string; outcomes: string; videoLinks: string }) =>
      updateApplication(id, {
        practices: v.practices,
        outcomes: v.outcomes,
        videoLinks: (v.videoLinks ?? '')
          .split(/\s+/)
          .map((s) => s.trim())
          .filter(Boolean),
        version: q.data?.application.version ?? 0,
      }),
    onSuccess: () => void refresh(),
    onError: (e) => message.error((e as Error).message),
  });
  const submit = useMutation({
    mutationFn: () => submitApplication(id),
    onSuccess: () => void refresh(),
    onError: (e) => message.error((e as Error).message),
  });
  if (q.error)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title={(q.error as Error).message}
      />
    );
  const d = q.data;
  const a = d?.application;
  const en = i18n.language === 'en';
  return (
    <PageContainer
      loading={q.isLoading}
      title={a ? a.className : t('selection.application')}
      subTitle={a && `${a.unitName} · ${a.districtName}`}
      tags={a && <Tag>{t(`selection.statuses.${a.status}`)}</Tag>}
      onBack={() => navigate('/selection')}
    >
      {d && a && (
        <Space direction="vertical" size={16} style={{ display: 'flex' }}>
          <Card size="small" title={t('selection.gate')}>
            {d.gate.unmet.length === 0 ? (
              <Alert type="success" showIcon message={t('selection.gateOk')} />
            ) : (
              <Alert
                type="warning"
                showIcon
                message={t('selection.gateUnmet')}
                description={
                  <List
                    size="small"
                    dataSource={d.gate.unmet}
                    renderItem={(u) => <List.Item data-testid={`unmet-${u.key}`}>{en ? u.en : u.zh}</List.Item>}
                  />
                }
              />
            )}
          </Card>
          {a.abilities.edit && (
            <Card size="small" title={t('selection.narrative')}>
              <Form
                layout="vertical"
                initialValues={{ practices: a.practices, outcomes: a.outcomes, videoLinks: a.videoLinks.join('\n') }}
                onFinish={(v) => save.mutate(v)}
              >
                <Form.Item name="practices" label={t('selection.practices')}>
                  <Input.TextArea rows={4} maxLength={5000} showCount />
                </Form.Item>
                <Form.Item name="outcomes" label={t('selection.outcomes')}>
                  <Input.TextArea rows={4} maxLength={5000} showCount />
                </Form.Item>
                <Form.Item name="videoLinks" label={t('selection.videoLinks')}>
                  <Input.TextArea rows={2} placeholder="https://…" />
                </Form.Item>
                <Space>
                  <Button htmlType="submit" loading={save.isPending}>
                    {t('selection.saveDraft')}
                  </Button>
                  <Button
                    type="primary"
                    disabled={d.gate.unmet.length > 0}
                    loading={submit.isPending}
                    onClick={() => submit.mutate()}
                  >
                    {t('selection.submit')}
                  </Button>
                </Space>
              </Form>
            </Card>
          )}
          {a.abilities.edit && <ApplicationPhotos application={a} />}
          <DossierView d={d.dossier} frozen={d.frozen} />
        </Space>
      )}
    </PageContainer>
  );
}
