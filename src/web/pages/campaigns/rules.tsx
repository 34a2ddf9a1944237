/**
 * 规则一览 (read-only): the rules in force of one campaign, each in plain Chinese (or English) with its P-id, and
 * the reporting deadlines. The text comes from the rules engine with this campaign's own numbers.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { campaignKey, fetchCampaign } from './api';
import { CampaignStatusTag } from './components/CampaignStatusTag';
import { DeadlinesTable } from './components/DeadlinesTable';
import { RulesInForce } from './components/RulesInForce';

export default function CampaignRulesPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const campaign = useQuery({ queryKey: campaignKey(id), queryFn: () => fetchCampaign(id) });
  if (campaign.error) return <ApiErrorResult error={campaign.error} onRetry={() => void campaign.refetch()} />;
  const c = campaign.data;
  return (
    <PageContainer
      title={t('campaigns.rulesTitle')}
      subTitle={c?.name}
      tags={c ? <CampaignStatusTag status={c.status} /> : undefined}
      onBack={() => navigate(`/campaigns/${id}`)}
    >
      {!c ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={15}>
            <Card size="small" title={t('campaigns.rulesCard', { count: c.rules.length })}>
              <RulesInForce rules={c.rules} />
            </Card>
          </Col>
          <Col xs={24} xxl={9}>
            <Card size="small" title={t('campaigns.deadlinesCard')}>
              <DeadlinesTable deadlines={c.deadlines} />
            </Card>
          </Col>
        </Row>
      )}
    </PageContainer>
  );
}
