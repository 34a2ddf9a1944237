/**
 * One needs survey: demand (children by grade and week) next to planned places for the caller's part of the tree,
 * the districts and units side by side, the answers' shares, the units' links and QR codes, and the .xlsx export.
 */
import { DownloadOutlined, QrcodeOutlined, ReloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Popconfirm, Row, Space, Statistic, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../app/api/client';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { FullPageSpin } from '../../app/components/FullPageSpin';
import {
  closeSurvey,
  exportUrl,
  fetchResults,
  listLinks,
  qrUrl,
  reissueLink,
  type Results,
  type SurveyLink,
  surveyKey,
} from './api';
import { Breakdown } from './components/Breakdown';
import { WeekDemand } from './components/WeekDemand';
import { SurveyStatusTag } from './index';

type FigureRow = Results['units'][number] | Results['districts'][number];
// The rows carry a `children` count, which antd's Table would take for tree rows.
const NO_TREE = { childrenColumnName: 'subRows' } as const;

function figureColumns(t: (k: string, o?: Record<string, unknown>) => string, r: Results): ColumnsType<FigureRow> {
  return [
    { title: t('surveys.respondents'), dataIndex: 'respondents', align: 'right', width: 90 },
    { title: t('surveys.children'), dataIndex: 'children', align: 'right', width: 90 },
    { title: t('surveys.peakWeek'), dataIndex: 'peakWeek', align: 'right', width: 100 },
    {
      title: t('surveys.plannedPlaces'),
      dataIndex: 'plannedPlaces',
      align: 'right',
      width: 90,
      render: (v: number, x) => <Typography.Text type={x.peakWeek > v ? 'danger' : undefined}>{v}</Typography.Text>,
    },
    ...r.weeks.map((w, i) => ({
      title: t('surveys.weekShort', { n: i + 1 }),
      key: w.monday,
      align: 'right' as const,
      width: 64,
      render: (_: unknown, x: FigureRow) => x.byWeek[w.monday] ?? 0,
    })),
    { title: t('surveys.lunchYes'), dataIndex: 'lunch', align: 'right', width: 80 },
  ];
}

export default function SurveyDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const results = useQuery({ queryKey: [...surveyKey(id), 'results'], queryFn: () => fetchResults(id) });
  const links = useQuery({ queryKey: [...surveyKey(id), 'links'], queryFn: () => listLinks(id) });
  const close = useMutation({
    mutationFn: () => closeSurvey(id),
    onSuccess: () => {
      void message.success(t('surveys.closedNow'));
      void qc.invalidateQueries({ queryKey: ['needs-surveys'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const reissue = useMutation({
    mutationFn: (linkId: number) => reissueLink(id, linkId),
    onSuccess: () => {
      void message.success(t('surveys.reissued'));
      void qc.invalidateQueries({ queryKey: [...surveyKey(id), 'links'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  if (results.isLoading) return <FullPageSpin />;
  if (results.error || !results.data)
    return <ApiErrorResult error={results.error} onRetry={() => void results.refetch()} />;
  const r = results.data;
  const s = r.survey;
  const fullUrl = (path: string) => `${window.location.origin}${path}`;

  const districtColumns: ColumnsType<FigureRow> = [
    { title: t('surveys.district'), dataIndex: 'orgName', fixed: 'left', width: 180 },
    {
      title: t('surveys.units'),
      key: 'units',
      align: 'right',
      width: 100,
      render: (_, d) => ('units' in d ? `${d.respondedUnits}/${d.units}` : ''),
    },
    ...figureColumns(t, r),
  ];
  const unitColumns: ColumnsType<FigureRow> = [
    { title: t('surveys.unit'), dataIndex: 'orgName', fixed: 'left', width: 180 },
    { title: t('surveys.district'), dataIndex: 'districtName', width: 140 },
    ...figureColumns(t, r),
  ];
  const linkColumns: ColumnsType<SurveyLink> = [
    { title: t('surveys.unit'), dataIndex: 'orgName', width: 200 },
    { title: t('surveys.respondents'), dataIndex: 'respondents', align: 'right', width: 90 },
    {
      title: t('surveys.link'),
      key: 'link',
      render: (_, l) =>
        l.path ? (
          <Typography.Text copyable={{ text: fullUrl(l.path) }} style={{ fontSize: 12 }} code>
            {fullUrl(l.path)}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('surveys.linkHidden')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 260,
      render: (_, l) => (
        <Space size={0} wrap>
          {l.abilities.qr ? (
            <>
              <Button type="link" size="small" icon={<QrcodeOutlined />} href={qrUrl(id, l.id, 'png')}>
                PNG
              </Button>
              <Button type="link" size="small" href={qrUrl(id, l.id, 'svg')}>
                SVG
              </Button>
            </>
          ) : null}
          {l.abilities.reissue ? (
            <Popconfirm title={t('surveys.reissueConfirm')} onConfirm={() => reissue.mutate(l.id)}>
              <Button type="link" size="small" icon={<ReloadOutlined />}>
                {t('surveys.reissue')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  const tot = r.total;
  const noAnswers = tot.respondents === 0;
  return (
    <PageContainer
      title={s.title}
      onBack={() => navigate('/surveys')}
      tags={<SurveyStatusTag status={s.status} />}
      subTitle={`${s.campaignName} · ${s.orgName} · ${t('surveys.closesOn')} ${s.closesOn ?? '—'}`}
      extra={[
        <Button key="export" icon={<DownloadOutlined />} href={exportUrl(id)} data-testid="survey-export">
          {t('surveys.export')}
        </Button>,
        s.abilities.close ? (
          <Popconfirm key="close" title={t('surveys.closeConfirm')} onConfirm={() => close.mutate()}>
            <Button danger loading={close.isPending}>
              {t('surveys.close')}
            </Button>
          </Popconfirm>
        ) : null,
      ]}
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {[
          ['surveys.respondedUnits', `${tot.respondedUnits}/${tot.units}`],
          ['surveys.respondents', tot.respondents],
          ['surveys.children', tot.children],
          ['surveys.peakWeek', tot.peakWeek],
          ['surveys.plannedPlaces', tot.plannedPlaces],
          ['surveys.selfCare', tot.kindergartenSelfCare],
        ].map(([k, v]) => (
          <Col key={k} xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic title={t(String(k))} value={v} />
            </Card>
          </Col>
        ))}
      </Row>
      <Tabs
        items={[
          {
            key: 'demand',
            label: t('surveys.tabDemand'),
            children: (
              <Space direction="vertical" size={12} style={{ width: '100%' }}>
                <Card size="small" title={t('surveys.demandTitle')}>
                  {noAnswers ? (
                    <Empty description={t('surveys.noAnswers')} />
                  ) : (
                    <WeekDemand weeks={r.weeks} byWeek={tot.byWeek} planned={tot.plannedPlaces} />
                  )}
                </Card>
                <Card size="small" title={t('surveys.byDistrict')}>
                  <Table<FigureRow>
                    rowKey="orgId"
                    size="small"
                    columns={districtColumns}
                    expandable={NO_TREE}
                    dataSource={r.districts}
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    summary={() =>
                      r.districts.length > 1 ? (
                        <Table.Summary.Row>
                          <Table.Summary.Cell index={0}>
                            <strong>{t('surveys.total')}</strong>
                          </Table.Summary.Cell>
                          <Table.Summary.Cell
                            index={1}
                            align="right"
                          >{`${tot.respondedUnits}/${tot.units}`}</Table.Summary.Cell>
                          {[
                            tot.respondents,
                            tot.children,
                            tot.peakWeek,
                            tot.plannedPlaces,
                            ...r.weeks.map((w) => tot.byWeek[w.monday] ?? 0),
                            tot.lunch,
                          ].map((v, i) => (
                            // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns in order
                            <Table.Summary.Cell key={i} index={i + 2} align="right">
                              <strong>{v}</strong>
                            </Table.Summary.Cell>
                          ))}
                        </Table.Summary.Row>
                      ) : null
                    }
                  />
                </Card>
                <Card size="small" title={t('surveys.byUnit')}>
                  <Table<FigureRow>
                    rowKey="orgId"
                    size="small"
                    columns={unitColumns}
                    expandable={NO_TREE}
                    dataSource={r.units}
                    pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    scroll={{ x: 'max-content' }}
                  />
                </Card>
              </Space>
            ),
          },
          {
            key: 'answers',
            label: t('surveys.tabBreakdown'),
            children: noAnswers ? <Empty description={t('surveys.noAnswers')} /> : <Breakdown tally={tot} survey={s} />,
          },
          {
            key: 'links',
            label: t('surveys.tabLinks', { count: links.data?.length ?? 0 }),
            children: (
              <Card size="small">
                <Typography.Paragraph type="secondary">{t('surveys.linksHint')}</Typography.Paragraph>
                <Table<SurveyLink>
                  rowKey="id"
                  size="small"
                  loading={links.isLoading}
                  columns={linkColumns}
                  dataSource={links.data ?? []}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  scroll={{ x: 'max-content' }}
                />
              </Card>
            ),
          },
        ]}
      />
    </PageContainer>
  );
}
