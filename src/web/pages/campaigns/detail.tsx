/**
 * One campaign: its parameters by section, with the city administrator's actions (edit parameters, activate,
 * close) shown only when the campaign's `abilities.update` allows them.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { ReasonModal } from '../../app/components/ReasonModal';
import { CalendarBanner } from '../calendar/CalendarBanner';
import { type CampaignStatus, campaignKey, campaignsKey, fetchCampaign, setCampaignStatus } from './api';
import { AgreementTemplateCard } from './components/AgreementTemplateCard';
import { CampaignStatusTag } from './components/CampaignStatusTag';
import { ParamsView } from './components/ParamsView';

const NEXT: Partial<Record<CampaignStatus, CampaignStatus>> = { draft: 'active', active: 'closed' };

export default function CampaignDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [changing, setChanging] = useState<CampaignStatus | null>(null);
  const campaign = useQuery({ queryKey: campaignKey(id), queryFn: () => fetchCampaign(id) });
  if (campaign.error) return <ApiErrorResult error={campaign.error} onRetry={() => void campaign.refetch()} />;
  const c = campaign.data;
  const next = c ? NEXT[c.status] : undefined;

  return (
    <PageContainer
      title={c?.name ?? t('menu.campaigns')}
      tags={c ? <CampaignStatusTag status={c.status} /> : undefined}
      onBack={() => navigate('/campaigns')}
      extra={
        c && (
          <Space wrap>
            <Button onClick={() => navigate(`/campaigns/${id}/rules`)} data-testid="campaign-rules">
              {t('campaigns.rulesInForce')}
            </Button>
            {c.abilities.update && (
              <Button onClick={() => navigate(`/campaigns/${id}/edit`)} data-testid="campaign-edit">
                {t('campaigns.editParams')}
              </Button>
            )}
            {c.abilities.update && next && (
              <Button
                type="primary"
                danger={next === 'closed'}
                onClick={() => setChanging(next)}
                data-testid="campaign-status"
              >
                {t(`campaigns.to.${next}`)}
              </Button>
            )}
          </Space>
        )
      }
    >
      {!c ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <>
          <CalendarBanner start={c.params.season.start} end={c.params.season.end} campaignId={c.id} />
          <ParamsView params={c.params} />
          <AgreementTemplateCard campaignId={c.id} />
        </>
      )}
      <ReasonModal
        open={changing !== null}
        title={changing ? t(`campaigns.to.${changing}`) : ''}
        warning={changing ? t(`campaigns.toWarning.${changing}`) : undefined}
        okText={changing ? t(`campaigns.to.${changing}`) : ''}
        danger={changing === 'closed'}
        onClose={() => setChanging(null)}
        onSubmit={async (reason) => {
          if (!changing) return;
          const updated = await setCampaignStatus(id, changing, reason);
          qc.setQueryData(campaignKey(id), updated);
          void qc.invalidateQueries({ queryKey: campaignsKey });
          void message.success(t('campaigns.statusChanged'));
        }}
      />
    </PageContainer>
  );
}
