/**
 * 数据看板: the home of city and district officials (issue 15). The campaign's targets with progress and forecast,
 * one row per district / industry union (per unit in a district, per class in a unit) with bar charts, the risk
 * list (each a link to its class), the compliance heatmap, drill-down breadcrumbs, an as-of day, export to .xlsx and
 * print. Every number is the server's (GET /api/stats/dashboard, docs/FIGURES.md); nothing is computed here but
 * the display. State lives in the URL (?campaign&org&asOf) so a view can be shared and printed.
 */
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Col, DatePicker, Empty, Row, Select, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { campaignsKey, listCampaigns } from '../../campaigns/api';
import { dashboardKey, dashboardXlsxUrl, fetchDashboard } from './api';
import { BreakdownTable } from './BreakdownTable';
import { ClassesChart, FamiliesChart } from './Charts';
import { Heatmap } from './Heatmap';
import { RiskList } from './RiskList';
import { TargetCards } from './TargetCards';
import './dashboard.css';

const ORG_KINDS = ['city', 'district', 'industry', 'unit'] as const;
type OrgKind = (typeof ORG_KINDS)[number];
const orgKind = (k: string): OrgKind | undefined => ORG_KINDS.find((x) => x === k);

export default function Dashboard() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: listCampaigns });
  const list = campaigns.data ?? [];
  const chosen = Number(params.get('campaign')) || undefined;
  const campaign =
    list.find((c) => c.id === chosen) ??
    list.find((c) => c.status === 'active') ??
    list.find((c) => c.status !== 'draft') ??
    list[0];
  const campaignId = campaign?.id ?? 0;
  const orgId = Number(params.get('org')) || undefined;
  const asOf = params.get('asOf') ?? undefined;
  const q = { campaignId, orgId, asOf };
  const view = useQuery({
    queryKey: dashboardKey(q),
    queryFn: () => fetchDashboard(q),
    enabled: campaignId > 0,
  });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  /** The same view one level down (or up): a link, so it opens in a new tab too and the back button returns. */
  const drillHref = (id: number) => {
    const next = new URLSearchParams(params);
    next.set('org', String(id));
    return `?${next.toString()}`;
  };

  if (campaigns.isLoading) return <Spin />;
  if (!campaign)
    return (
      <Card>
        <Empty description={t('dashboard.noCampaign')} />
      </Card>
    );
  const v = view.data;
  const kind = v ? orgKind(v.org.kind) : undefined;
  return (
    <div className="dashboard">
      <Card size="small" className="dashboard-toolbar">
        <Space wrap size={12} style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap size={12}>
            <Select
              aria-label={t('dashboard.campaign')}
              style={{ minWidth: 260 }}
              value={campaignId}
              options={list.map((c) => ({ value: c.id, label: c.name }))}
              onChange={(id) => set({ campaign: String(id), org: undefined })}
            />
            <Space>
              <Typography.Text>{t('dashboard.asOf')}</Typography.Text>
              <DatePicker
                aria-label={t('dashboard.asOfDay')}
                allowClear
                placeholder={t('dashboard.today')}
                value={asOf ? dayjs(asOf) : null}
                disabledDate={(d) => d.isBefore('2000-01-01') || d.isAfter(dayjs().endOf('day'))}
                onChange={(d) => set({ asOf: d ? d.format('YYYY-MM-DD') : undefined })}
              />
            </Space>
          </Space>
          <Space className="dashboard-actions">
            <Button icon={<DownloadOutlined />} href={dashboardXlsxUrl({ ...q, asOf: v?.asOf })} disabled={!v}>
              {t('dashboard.exportExcel')}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!v}>
              {t('dashboard.print')}
            </Button>
          </Space>
        </Space>
      </Card>
      {view.isError && (
        <Alert type="error" showIcon message={t('dashboard.loadFailed')} description={String(view.error)} />
      )}
      {!v ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : (
        <Space direction="vertical" size={16} style={{ display: 'flex' }}>
          <div className="dashboard-heading">
            <Breadcrumb
              items={v.breadcrumbs.map((b, i) => ({
                key: b.id,
                title:
                  i < v.breadcrumbs.length - 1 ? <Link to={drillHref(b.id)}>{b.name}</Link> : <strong>{b.name}</strong>,
              }))}
            />
            <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
              {v.campaignName} · {v.org.name}
              <Typography.Text type="secondary" style={{ fontSize: 16, marginLeft: 12 }}>
                {t('dashboard.heading', { kind: kind ? t(`dashboard.kind.${kind}`) : '', date: v.asOf })}
              </Typography.Text>
            </Typography.Title>
          </div>
          <TargetCards targets={v.targets} scoped={v.org.kind !== 'city'} />
          <Card title={t(`dashboard.rowsTitle.${kind ?? 'other'}`)} className="dashboard-card">
            <BreakdownTable view={v} drillHref={drillHref} />
          </Card>
          {v.rows.length > 1 && v.org.kind !== 'unit' && (
            <Row gutter={[16, 16]} className="dashboard-charts">
              <Col xs={24} xl={12}>
                <Card title={t('dashboard.classesChart')} className="dashboard-card">
                  <ClassesChart rows={v.rows} />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card title={t('dashboard.familiesChart')} className="dashboard-card">
                  <FamiliesChart rows={v.rows} />
                </Card>
              </Col>
            </Row>
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <Card
                title={t('dashboard.risksTitle', {
                  count: Object.values(v.riskCounts).reduce((s, n) => s + n, 0),
                })}
                className="dashboard-card"
              >
                <RiskList risks={v.risks} counts={v.riskCounts} minAttendance={v.minAttendanceRate} />
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card title={t('dashboard.heatmapTitle')} className="dashboard-card">
                <Heatmap heatmap={v.heatmap} />
              </Card>
            </Col>
          </Row>
        </Space>
      )}
    </div>
  );
}
