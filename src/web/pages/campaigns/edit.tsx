/**
 * 编辑项目参数 (city administrator): every parameter of a campaign, grouped as in the policy. A change needs a
 * reason (kept in the audit log with each changed value); the server validates the whole set and names each bad
 * field, which is shown next to that field.
 */
import { FooterToolbar, PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Result, Skeleton } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../app/api/client';
import { fieldErrorsOf, toFormFields } from '../../app/api/fieldErrors';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { campaignKey, campaignsKey, fetchCampaign, updateCampaign } from './api';
import { fromFormValues, toFormValues } from './components/paramFields';
import { ParamsFields } from './components/ParamsForm';

export default function CampaignEditPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const campaign = useQuery({ queryKey: campaignKey(id), queryFn: () => fetchCampaign(id) });
  const initial = useMemo(() => (campaign.data ? toFormValues(campaign.data.params) : undefined), [campaign.data]);

  if (campaign.isPending)
    return (
      <PageContainer title={t('campaigns.editTitle')}>
        <Card>
          <Skeleton active />
        </Card>
      </PageContainer>
    );
  if (campaign.error) return <ApiErrorResult error={campaign.error} onRetry={() => void campaign.refetch()} />;
  const c = campaign.data;
  if (!c.abilities.update) {
    return (
      <Result
        status="403"
        title={t('campaigns.readOnlyTitle')}
        subTitle={c.status === 'closed' ? t('campaigns.closedReadOnly') : t('campaigns.cityOnly')}
        extra={
          <Link to={`/campaigns/${id}`}>
            <Button type="primary">{t('campaigns.backToCampaign')}</Button>
          </Link>
        }
      />
    );
  }

  const save = async () => {
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const { reason, name, ...rest } = values as { reason: string; name: string };
      const updated = await updateCampaign(id, {
        name: name.trim(),
        params: fromFormValues(rest),
        reason: reason.trim(),
        version: c.version,
      });
      qc.setQueryData(campaignKey(id), updated);
      void qc.invalidateQueries({ queryKey: campaignsKey });
      void message.success(t('campaigns.saved'));
      navigate(`/campaigns/${id}`);
    } catch (e) {
      const fields = [...fieldErrorsOf(e, 'params'), ...fieldErrorsOf(e, 'body')];
      if (fields.length) {
        form.setFields(toFormFields(fields) as never);
        form.scrollToField(fields[0]?.name as never, { block: 'center' });
        setError(t('campaigns.fixFields', { count: fields.length }));
      } else if (e instanceof ApiError && e.code === 'STALE_VERSION') {
        setError(`${e.message}`);
        void campaign.refetch();
      } else setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageContainer title={t('campaigns.editTitle')} subTitle={c.name} onBack={() => navigate(`/campaigns/${id}`)}>
      <Form form={form} layout="vertical" initialValues={initial} name="campaign-params" scrollToFirstError>
        {error && (
          <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="campaign-form-error" />
        )}
        <ParamsFields />
        <Card size="small" title={t('campaigns.changeReason')} style={{ marginTop: 16, marginBottom: 64 }}>
          <Form.Item
            name="reason"
            label={t('common.reason')}
            extra={t('campaigns.reasonHint')}
            rules={[
              { required: true, whitespace: true, message: t('common.reasonRequired') },
              { min: 2, max: 500, message: t('common.reasonLength') },
            ]}
          >
            <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('common.reasonPlaceholder')} />
          </Form.Item>
        </Card>
      </Form>
      <FooterToolbar>
        <Button onClick={() => navigate(`/campaigns/${id}`)}>{t('common.cancel')}</Button>
        <Button type="primary" loading={saving} onClick={() => void save()} data-testid="campaign-save">
          {t('common.save')}
        </Button>
      </FooterToolbar>
    </PageContainer>
  );
}
