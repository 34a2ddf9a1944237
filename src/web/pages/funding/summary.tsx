/**
 * 经费汇总: budget against actual for a campaign under the person's organisation — the total, per district, per unit
 * and per class — with cost per child-day and the union subsidy approved and paid; .xlsx export. The numbers are the
 * read layer's (the dashboard's figures agree). A district's name drills into its units, a unit's into its classes,
 * a class's into its 经费 tab; the filter above the tables shows where one stands and goes back up.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Select, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/auth/session';
import { TableEmpty } from '../../app/components/useTableRequest';
import { type FundingSummary, fetchSummary, listCampaignOptions, summaryExportUrl } from './api';
import { yuan } from './components/money';

type Row = FundingSummary['classes'][number] | FundingSummary['units'][number] | FundingSummary['districts'][number];
type Level = 'd' | 'u' | 'c';
type Cell = ReactNode;

const executed = (r: { budgetFen: number; expenseFen: number }) =>
  r.budgetFen > 0 ? `${Math.round((r.expenseFen * 1000) / r.budgetFen) / 10}%` : '—';

export default function FundingSummaryPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const orgs = useMemo(() => {
    const seen = new Map<number, string>();
    for (const g of me?.grants ?? []) if (g.role !== 'parent' && g.role !== 'volunteer') seen.set(g.orgId, g.orgName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [me]);
  const campaigns = useQuery({ queryKey: ['funding', 'campaigns'], queryFn: listCampaignOptions });
  const [campaignId, setCampaignId] = useState<number | undefined>();
  const [orgId, setOrgId] = useState<number | undefined>();
  useEffect(() => {
    if (campaignId === undefined && campaigns.data?.[0]) setCampaignId(campaigns.data[0].id);
  }, [campaignId, campaigns.data]);
  useEffect(() => {
    if (orgId === undefined && orgs[0]) setOrgId(orgs[0].value);
  }, [orgId, orgs]);
  const q = useQuery({
    queryKey: ['funding', 'summary', campaignId, orgId],
    queryFn: () => fetchSummary(campaignId ?? 0, orgId ?? 0),
    enabled: campaignId !== undefined && orgId !== undefined,
  });
  const s = q.data;
  const unitName = new Map((s?.units ?? []).map((u) => [u.id, u.name]));
  const districtOfUnit = new Map((s?.units ?? []).map((u) => [u.id, u.districtId]));
  // Drilling: district → its units → a unit's classes. Cleared when the campaign or organisation changes.
  const [level, setLevel] = useState<Level | undefined>();
  const [districtId, setDistrictId] = useState<number | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new campaign or organisation starts from the top.
  useEffect(() => {
    setDistrictId(null);
    setUnitId(null);
    setLevel(undefined);
  }, [campaignId, orgId]);
  const hasDistricts = (s?.districts.length ?? 0) > 0;
  const activeLevel: Level = level ?? (hasDistricts ? 'd' : 'u');
  const units = (s?.units ?? []).filter((u) => districtId === null || u.districtId === districtId);
  const classes = (s?.classes ?? []).filter(
    (c) =>
      (unitId === null || c.unitId === unitId) && (districtId === null || districtOfUnit.get(c.unitId) === districtId),
  );
  const drillDistrict = (id: number) => {
    setDistrictId(id);
    setUnitId(null);
    setLevel('u');
  };
  const drillUnit = (id: number) => {
    setDistrictId(districtOfUnit.get(id) ?? null);
    setUnitId(id);
    setLevel('c');
  };
  const districtName = districtId === null ? null : (s?.districts.find((d) => d.id === districtId)?.name ?? '');
  const money = (key: keyof Row & string, title: string) => ({
    title,
    key,
    align: 'right' as const,
    render: (_: unknown, r: Row) => yuan(r[key] as number),
  });
  const columns = (first: { title: string; render: (r: Row) => Cell }[]) => [
    ...first.map((f, i) => ({ title: f.title, key: `k${i}`, render: (_: unknown, r: Row) => f.render(r) })),
    money('budgetFen', t('fundingSummary.budget')),
    money('expenseFen', t('fundingSummary.expense')),
    {
      title: t('fundingSummary.executed'),
      key: 'ex',
      align: 'right' as const,
      render: (_: unknown, r: Row) => executed(r),
    },
    money('incomeFen', t('fundingSummary.income')),
    money('balanceFen', t('fundingSummary.balance')),
    { title: t('fundingSummary.childDays'), dataIndex: 'childDays', align: 'right' as const },
    {
      title: t('fundingSummary.costPerChildDay'),
      key: 'cpd',
      align: 'right' as const,
      render: (_: unknown, r: Row) => (r.costPerChildDayFen === null ? '—' : yuan(r.costPerChildDayFen)),
    },
    money('subsidyComputedFen', t('fundingSummary.subsidyComputed')),
    money('subsidyPaidFen', t('fundingSummary.subsidyPaid')),
  ];
  const table = (rows: Row[], first: { title: string; render: (r: Row) => Cell }[]) => (
    <Table<Row>
      rowKey="id"
      size="small"
      dataSource={rows}
      loading={q.isLoading}
      pagination={rows.length > 30 ? { pageSize: 30 } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <TableEmpty error={q.error} text={t('fundingSummary.empty')} /> }}
      columns={columns(first)}
    />
  );

  return (
    <PageContainer
      title={t('fundingSummary.title')}
      subTitle={t('fundingSummary.subtitle')}
      extra={
        <Space wrap>
          <Select
            style={{ minWidth: 200 }}
            aria-label={t('fundingSummary.campaign')}
            value={campaignId}
            onChange={setCampaignId}
            options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
          {orgs.length > 1 && <Select style={{ minWidth: 160 }} value={orgId} onChange={setOrgId} options={orgs} />}
          {s && (
            <Button icon={<DownloadOutlined />} href={summaryExportUrl(s.campaignId, s.orgId)}>
              {t('fundingSummary.export')}
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card title={s ? `${s.orgName} · ${t('fundingSummary.asOf', { asOf: s.asOf })}` : t('fundingSummary.title')}>
          {s && (
            <Space size={48} wrap>
              <Statistic title={t('fundingSummary.budget')} value={yuan(s.total.budgetFen)} />
              <Statistic title={t('fundingSummary.expense')} value={yuan(s.total.expenseFen)} />
              <Statistic title={t('fundingSummary.executed')} value={executed(s.total)} />
              <Statistic title={t('fundingSummary.income')} value={yuan(s.total.incomeFen)} />
              <Statistic
                title={t('fundingSummary.costPerChildDay')}
                value={s.total.costPerChildDayFen === null ? '—' : yuan(s.total.costPerChildDayFen)}
              />
              <Statistic title={t('fundingSummary.subsidyComputed')} value={yuan(s.total.subsidyComputedFen)} />
              <Statistic title={t('fundingSummary.subsidyPaid')} value={yuan(s.total.subsidyPaidFen)} />
            </Space>
          )}
        </Card>
        <Card>
          {(districtId !== null || unitId !== null) && (
            <Breadcrumb
              data-testid="summary-drill"
              style={{ marginBottom: 8 }}
              items={[
                {
                  title: (
                    <Typography.Link
                      onClick={() => {
                        setDistrictId(null);
                        setUnitId(null);
                        setLevel(hasDistricts ? 'd' : 'u');
                      }}
                    >
                      {s?.orgName ?? t('fundingSummary.all')}
                    </Typography.Link>
                  ),
                },
                ...(districtName !== null
                  ? [
                      {
                        title: (
                          <Typography.Link
                            onClick={() => {
                              setUnitId(null);
                              setLevel('u');
                            }}
                          >
                            {districtName}
                          </Typography.Link>
                        ),
                      },
                    ]
                  : []),
                ...(unitId !== null ? [{ title: unitName.get(unitId) ?? '' }] : []),
              ]}
            />
          )}
          <Tabs
            activeKey={activeLevel}
            onChange={(k) => setLevel(k as Level)}
            items={[
              ...(s && hasDistricts
                ? [
                    {
                      key: 'd',
                      label: t('fundingSummary.byDistrict'),
                      children: table(s.districts, [
                        {
                          title: t('fundingSummary.district'),
                          render: (r) => (
                            <Typography.Link onClick={() => drillDistrict(r.id)} data-testid={`drill-district-${r.id}`}>
                              {r.name}
                            </Typography.Link>
                          ),
                        },
                      ]),
                    },
                  ]
                : []),
              {
                key: 'u',
                label: t('fundingSummary.byUnit'),
                children: table(units, [
                  {
                    title: t('fundingSummary.unit'),
                    render: (r) => (
                      <Typography.Link onClick={() => drillUnit(r.id)} data-testid={`drill-unit-${r.id}`}>
                        {r.name}
                      </Typography.Link>
                    ),
                  },
                ]),
              },
              {
                key: 'c',
                label: t('fundingSummary.byClass'),
                children: table(classes, [
                  {
                    title: t('fundingSummary.unit'),
                    render: (r) => unitName.get((r as { unitId: number }).unitId) ?? '',
                  },
                  {
                    title: t('fundingSummary.class'),
                    render: (r) => <Link to={`/classes/${r.id}?tab=funding`}>{r.name}</Link>,
                  },
                ]),
              },
            ]}
          />
        </Card>
      </Space>
    </PageContainer>
  );
}
