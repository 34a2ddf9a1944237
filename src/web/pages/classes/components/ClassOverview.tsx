/** What a class is: campaign, units, modes, dates, hours, grades, fee, meals, venue and partners, weekly plan. */
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ActivitySlot, ClassDetail } from '../../../app/api/types';
import {
  activityLabel,
  classModeLabel,
  gradesSummary,
  managementLabel,
  mealsLabel,
  WEEKDAY_KEYS,
  weekdayLabel,
} from '../../../app/careLabels';
import { activityText } from '../../../app/careText';
import { useCurrentUser } from '../../../app/auth/session';
import { currentLang } from '../../../app/i18n';
import { campaignKey, fetchCampaign } from '../../campaigns/api';

/**
 * The class's venue and partners by name (the class response carries them): a link for those who may open the
 * record (the venue and counterparty libraries), plain text for the others (class staff), never a raw id.
 */
function VenueLink({ id, venue }: { id: number | null; venue: { name: string; address: string } | null }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if (id === null || !venue) return <Typography.Text type="secondary">{t('classes.notChosen')}</Typography.Text>;
  const text = `${venue.name}（${venue.address}）`;
  return me.abilities.venues ? <Link to={`/venues/${id}`}>{text}</Link> : <span>{text}</span>;
}

export function PartyLink({ id, name }: { id: number | null; name: string | null }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if (id === null || !name) return <Typography.Text type="secondary">{t('classes.notChosen')}</Typography.Text>;
  return me.abilities.counterparties ? <Link to={`/counterparties/${id}`}>{name}</Link> : <span>{name}</span>;
}

/** The weekly activity plan as a small timetable: one column per weekday that has activities. */
export function ActivityWeek({ plan }: { plan: ActivitySlot[] }) {
  const { t } = useTranslation();
  const lang = currentLang();
  if (plan.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('classes.noPlan')} />;
  const days = WEEKDAY_KEYS.filter((d) => plan.some((s) => s.weekday === d));
  const rows = [...new Set(plan.map((s) => `${s.start}-${s.end}`))].sort();
  return (
    <Table
      size="small"
      pagination={false}
      bordered
      rowKey="slot"
      scroll={{ x: 'max-content' }}
      dataSource={rows.map((slot) => ({ slot }))}
      columns={[
        { title: t('classes.time'), dataIndex: 'slot', width: 110 },
        ...days.map((d) => ({
          title: weekdayLabel(d, lang),
          key: String(d),
          render: (_: unknown, r: { slot: string }) =>
            plan
              .filter((s) => s.weekday === d && `${s.start}-${s.end}` === r.slot)
              .map((s) => (
                <Tag key={`${s.kind}-${s.title ?? ''}`} color="geekblue" style={{ marginBottom: 2 }}>
                  {activityText(activityLabel(s.kind, lang), s.title)}
                </Tag>
              )),
        })),
      ]}
    />
  );
}

export function ClassOverview({ cls }: { cls: ClassDetail }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const campaign = useQuery({ queryKey: campaignKey(cls.campaignId), queryFn: () => fetchCampaign(cls.campaignId) });
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space direction="vertical" size={16} style={{ display: 'flex' }}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
        // Long values wrap inside their cell; no column is squeezed below a readable width.
        styles={{
          label: { whiteSpace: 'nowrap' },
          content: { minWidth: '10em', overflowWrap: 'anywhere', wordBreak: 'break-word' },
        }}
        data-testid="class-overview"
      >
        <Descriptions.Item label={t('classes.campaign')}>
          <Link to={`/campaigns/${cls.campaignId}/rules`}>{campaign.data?.name ?? `#${cls.campaignId}`}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('classes.org')}>
          {cls.orgName}
          {cls.districtName && <Typography.Text type="secondary">（{cls.districtName}）</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('classes.coUnits')}>
          {cls.coUnits.length ? cls.coUnits.map((u) => <Tag key={u.id}>{u.name}</Tag>) : dash}
        </Descriptions.Item>
        <Descriptions.Item label={t('classes.mode')}>{classModeLabel(cls.mode, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('classes.management')}>{managementLabel(cls.management, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('classes.capacity')}>{cls.capacity ?? dash}</Descriptions.Item>
        <Descriptions.Item label={t('classes.dates')}>
          {cls.startDate ? `${cls.startDate} ~ ${cls.endDate ?? ''}` : dash}
        </Descriptions.Item>
        <Descriptions.Item label={t('classes.dailyHours')}>
          {cls.dailyStart ? `${cls.dailyStart} ~ ${cls.dailyEnd ?? ''}` : dash}
        </Descriptions.Item>
        <Descriptions.Item label={t('classes.closedDates')}>
          {cls.closedDates.length ? cls.closedDates.join('、') : dash}
        </Descriptions.Item>
        <Descriptions.Item label={t('classes.grades')}>
          {cls.gradesOffered.length ? gradesSummary(cls.gradesOffered, lang) : dash}
        </Descriptions.Item>
        <Descriptions.Item label={t('classes.fee')}>
          {cls.feeAmount > 0 ? t('classes.feeValue', { amount: cls.feeAmount }) : t('classes.free')}
          {cls.feeNote && <Typography.Text type="secondary">（{cls.feeNote}）</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('classes.meals')}>{mealsLabel(cls.meals, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('classes.venue')} span={2}>
          <VenueLink id={cls.venueId} venue={cls.refs.venue} />
        </Descriptions.Item>
        {cls.meals === 'contracted' && (
          <Descriptions.Item label={t('classes.caterer')}>
            <PartyLink id={cls.catererId} name={cls.refs.caterer} />
          </Descriptions.Item>
        )}
        {cls.mode !== 'standalone' && (
          <Descriptions.Item label={t('classes.partner')}>
            <PartyLink id={cls.partnerId} name={cls.refs.partner} />
          </Descriptions.Item>
        )}
        {cls.management === 'purchased' && (
          <Descriptions.Item label={t('classes.provider')}>
            <PartyLink id={cls.providerId} name={cls.refs.provider} />
          </Descriptions.Item>
        )}
      </Descriptions>
      {/* The parents' introduction (up to 2,000 characters) has its own full-width block, folded after six lines. */}
      <div data-testid="class-description">
        <Typography.Title level={5}>{t('classes.publicDescription')}</Typography.Title>
        {cls.publicDescription ? (
          <Typography.Paragraph
            style={{ marginBottom: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            ellipsis={{ rows: 6, expandable: 'collapsible' }}
          >
            {cls.publicDescription}
          </Typography.Paragraph>
        ) : (
          dash
        )}
      </div>
      <div>
        <Typography.Title level={5}>{t('classes.activityPlan')}</Typography.Title>
        <ActivityWeek plan={cls.activityPlan} />
      </div>
    </Space>
  );
}
