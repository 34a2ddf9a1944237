/**
 * 工作报送 home: for the signed-in official, the campaign's reporting calendar of their own organisation (what it
 * owes, by when, in which state, with the actions the rows allow), and for a district or the city the timeliness
 * grid of the organisations below, with the city's ad-hoc request (临时报送).
 */
import { NotificationOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Result, Select, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../../app/auth/session';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { useNarrow } from '../../app/components/useNarrow';
import { campaignsKey, listCampaigns } from '../campaigns/api';
import { fetchTimeliness, listSlots, slotsKey, timelinessKey } from './api';
import { AdhocRequestModal } from './components/AdhocRequestModal';
import { ReportCalendar } from './components/ReportCalendar';
import { districtsOf, TimelinessGrid } from './components/TimelinessGrid';

export default function ReportsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const narrow = useNarrow();
  const [params, setParams] = useSearchParams();
  const [district, setDistrict] = useState<number | undefined>();
  const [issuing, setIssuing] = useState(false);
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: listCampaigns });

  const list = campaigns.data ?? [];
  const chosen = Number(params.get('campaign')) || undefined;
  const campaign =
    list.find((c) => c.id === chosen) ??
    list.find((c) => c.status === 'active') ??
    list.find((c) => c.status !== 'draft') ??
    list[0];
  const campaignId = campaign?.id ?? 0;

  // The person's own reporting organisations (units, a district or an industry union) — every one of them, a
  // person may administer two units; the city reports to no one.
  const owns = me.grants
    .filter((g) => g.orgKind !== 'city')
    .filter((g, i, all) => all.findIndex((o) => o.orgId === g.orgId) === i);
  const supervises = me.grants.some((g) => g.orgKind !== 'unit');

  // The caller's whole grid (its districts fill the filter) and, once one is picked, that district's own grid.
  const top = useQuery({
    queryKey: timelinessKey(campaignId),
    queryFn: () => fetchTimeliness(campaignId),
    enabled: campaignId > 0 && supervises,
  });
  const picked = useQuery({
    queryKey: timelinessKey(campaignId, district),
    queryFn: () => fetchTimeliness(campaignId, district),
    enabled: campaignId > 0 && supervises && district !== undefined,
    placeholderData: (prev) => prev,
  });
  const grid = district === undefined ? top : picked;
  const districts = top.data ? districtsOf(top.data) : [];

  const today = grid.data?.today ?? dayjs().format('YYYY-MM-DD');
  // 临时报送 goes to the caller's own level's subtree; the server decides whether they may issue one.
  const issuer = top.data?.orgId;
  const canIssue = issuer !== undefined && me.grants.some((g) => g.orgId === issuer && g.orgKind !== 'unit');

  let body: ReactNode;
  if (campaigns.error) body = <ApiErrorResult error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  else if (campaigns.isPending)
    body = (
      <Card>
        <Skeleton active />
      </Card>
    );
  else if (!campaign)
    body = (
      <Card>
        <Result
          icon={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={false} />}
          title={t('reports.noCampaign')}
          subTitle={t('reports.noCampaignHint')}
          data-testid="reports-no-campaign"
        />
      </Card>
    );
  else
    body = (
      <Space direction="vertical" size={16} style={{ display: 'flex' }}>
        {owns.map((own) => (
          <OwnCalendar key={own.orgId} campaignId={campaignId} orgId={own.orgId} orgName={own.orgName} today={today} />
        ))}
        {supervises && (
          <Card
            size="small"
            title={grid.data ? t('reports.grid.titleOf', { org: grid.data.orgName }) : t('reports.grid.title')}
            extra={
              canIssue && (
                <Button icon={<NotificationOutlined />} onClick={() => setIssuing(true)} data-testid="adhoc-open">
                  {t('reports.adhoc.button')}
                </Button>
              )
            }
          >
            {grid.error ? (
              <ApiErrorResult error={grid.error} onRetry={() => void grid.refetch()} />
            ) : !grid.data ? (
              <Skeleton active />
            ) : (
              <TimelinessGrid
                grid={grid.data}
                loading={grid.isFetching}
                districts={districts}
                district={district}
                onDistrict={setDistrict}
              />
            )}
          </Card>
        )}
        {issuer !== undefined && (
          <AdhocRequestModal open={issuing} campaignId={campaignId} orgId={issuer} onClose={() => setIssuing(false)} />
        )}
      </Space>
    );

  return (
    <PageContainer
      title={t('reports.title')}
      subTitle={narrow ? undefined : t('reports.subtitle')}
      extra={
        list.length > 1 && campaign ? (
          <Space>
            <Typography.Text type="secondary">{t('reports.campaign')}</Typography.Text>
            <Select
              style={{ minWidth: 220 }}
              value={campaign.id}
              aria-label={t('reports.pickCampaign')}
              onChange={(id) => {
                setDistrict(undefined);
                setParams({ campaign: String(id) });
              }}
              options={list.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Space>
        ) : undefined
      }
    >
      {body}
    </PageContainer>
  );
}

/** One reporting organisation's calendar: what it owes, by when, in which state. */
function OwnCalendar({
  campaignId,
  orgId,
  orgName,
  today,
}: {
  campaignId: number;
  orgId: number;
  orgName: string;
  today: string;
}) {
  const { t } = useTranslation();
  const slots = useQuery({
    queryKey: slotsKey(campaignId, orgId),
    queryFn: () => listSlots(campaignId, orgId),
    enabled: campaignId > 0,
  });
  const mine = (slots.data ?? []).filter((s) => s.orgId === orgId);
  return (
    <Card size="small" title={t('reports.myCalendarOf', { org: orgName })} data-testid={`own-calendar-${orgId}`}>
      {slots.error ? (
        <ApiErrorResult error={slots.error} onRetry={() => void slots.refetch()} />
      ) : (
        <ReportCalendar slots={mine} loading={slots.isPending} today={today} />
      )}
    </Card>
  );
}
