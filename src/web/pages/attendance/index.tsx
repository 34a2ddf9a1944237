/**
 * 出勤率 overview for unit and district administrators (issue 6): their classes in scope with today's arrivals and
 * the attendance rate so far (the engine's latest verdict), sortable, rates below the campaign's minimum in red,
 * each row linking to the class's 出勤 tab.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Input, Progress, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ClassStatus } from '../../../domain/classes/lifecycle';
import { CLASS_STATUS_COLORS, classStatusLabel } from '../../app/careLabels';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { useNarrow } from '../../app/components/useNarrow';
import { currentLang } from '../../app/i18n';
import { campaignKey, campaignsKey, fetchCampaign, listCampaigns } from '../campaigns/api';
import { fetchRates, pct, type RateRow, ratesKey } from './api';

export default function AttendanceRatesPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const narrow = useNarrow();
  /** undefined: not chosen yet (the active campaign); null: all campaigns. */
  const [picked, setPicked] = useState<number | null | undefined>(undefined);
  const [q, setQ] = useState('');
  const [lowOnly, setLowOnly] = useState(false);
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: listCampaigns });
  const chosen = picked === null ? undefined : (picked ?? campaigns.data?.find((c) => c.status === 'active')?.id);
  const campaign = useQuery({
    queryKey: campaignKey(chosen ?? 0),
    queryFn: () => fetchCampaign(chosen as number),
    enabled: chosen !== undefined,
  });
  const rates = useQuery({
    queryKey: ratesKey(chosen),
    queryFn: () => fetchRates(chosen),
    enabled: !campaigns.isLoading,
  });
  const minimum = (campaign.data?.params.scale as { minAttendanceRate?: number } | undefined)?.minAttendanceRate;
  const low = (r: RateRow) => r.rate !== null && minimum !== undefined && r.rate < minimum;

  const needle = q.trim().toLowerCase();
  const rows = (rates.data ?? []).filter(
    (r) =>
      (!needle || r.name.toLowerCase().includes(needle) || r.orgName.toLowerCase().includes(needle)) &&
      (!lowOnly || low(r)),
  );

  const columns: ColumnsType<RateRow> = [
    {
      key: 'name',
      title: t('attendance.rates.class'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (_, r) => (
        <Link to={`/classes/${r.classId}?tab=attendance`} data-testid={`rate-link-${r.classId}`}>
          {r.name}
        </Link>
      ),
    },
    {
      key: 'org',
      title: t('attendance.rates.unit'),
      dataIndex: 'orgName',
      sorter: (a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN'),
      responsive: ['md'],
    },
    {
      key: 'status',
      title: t('attendance.rates.status'),
      dataIndex: 'status',
      responsive: ['lg'],
      filters: ['running', 'closed', 'archived'].map((s) => ({
        text: classStatusLabel(s as ClassStatus, lang),
        value: s,
      })),
      onFilter: (v, r) => r.status === v,
      render: (s: string) => (
        <Tag color={CLASS_STATUS_COLORS[s as ClassStatus]}>{classStatusLabel(s as ClassStatus, lang)}</Tag>
      ),
    },
    {
      key: 'today',
      title: t('attendance.rates.today'),
      align: 'right',
      sorter: (a, b) =>
        (a.enrolled ? a.todayPresent / a.enrolled : -1) - (b.enrolled ? b.todayPresent / b.enrolled : -1),
      render: (_, r) => (
        <span data-testid={`rate-today-${r.classId}`}>
          {r.todayPresent} / {r.enrolled}
        </span>
      ),
    },
    {
      key: 'rate',
      title: t('attendance.rates.rate'),
      width: narrow ? 110 : 300,
      defaultSortOrder: 'ascend',
      sorter: (a, b) => (a.rate ?? 2) - (b.rate ?? 2),
      render: (_, r) =>
        r.rate === null ? (
          <Typography.Text type="secondary">{t('attendance.noRate')}</Typography.Text>
        ) : (
          <Space size={8} data-testid={`rate-${r.classId}`} data-low={low(r) ? 'true' : 'false'}>
            {!narrow && (
              <Progress
                percent={Math.floor(r.rate * 1000) / 10}
                size="small"
                showInfo={false}
                status={low(r) ? 'exception' : 'normal'}
                style={{ width: 100, margin: 0 }}
              />
            )}
            <Typography.Text strong type={low(r) ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
              {pct(r.rate)}
            </Typography.Text>
            {low(r) && !narrow && <Tag color="red">{t('attendance.rates.belowMin', { min: pct(minimum) })}</Tag>}
          </Space>
        ),
    },
  ];

  return (
    <PageContainer title={t('attendance.rates.title')} subTitle={narrow ? undefined : t('attendance.rates.subtitle')}>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            style={{ minWidth: 240 }}
            loading={campaigns.isLoading}
            value={chosen ?? 0}
            onChange={(v) => setPicked(v === 0 ? null : v)}
            options={[
              { value: 0, label: t('attendance.rates.allCampaigns') },
              ...(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name })),
            ]}
            aria-label={t('attendance.rates.campaign')}
            data-testid="rates-campaign"
          />
          <Input.Search
            allowClear
            placeholder={t('attendance.rates.search')}
            onSearch={setQ}
            onChange={(e) => !e.target.value && setQ('')}
            style={{ width: 220 }}
          />
          {minimum !== undefined && (
            <Space size={6}>
              <Switch size="small" checked={lowOnly} onChange={setLowOnly} data-testid="rates-low-only" />
              <span>{t('attendance.rates.lowOnly')}</span>
            </Space>
          )}
          {minimum !== undefined && (
            <Typography.Text type="secondary">{t('attendance.rates.minimum', { min: pct(minimum) })}</Typography.Text>
          )}
        </Space>
        {rates.error ? (
          <ApiErrorResult error={rates.error} onRetry={() => void rates.refetch()} />
        ) : (
          <Table<RateRow>
            rowKey="classId"
            size="middle"
            loading={rates.isLoading || campaigns.isLoading}
            dataSource={rows}
            columns={columns}
            rowClassName={(r) => (low(r) ? 'att-rate-low' : '')}
            onRow={(r) => (low(r) ? { style: { background: '#fff1f0' } } : {})}
            pagination={{
              pageSize: 50,
              hideOnSinglePage: true,
              showTotal: (n) => t('attendance.rates.count', { count: n }),
            }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.rates.empty')} />,
            }}
            data-testid="rates-table"
          />
        )}
      </Card>
    </PageContainer>
  );
}
