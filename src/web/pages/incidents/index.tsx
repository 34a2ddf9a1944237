/**
 * 事件与应急: the incidents of the classes in view, open serious and critical ones first and highlighted. Filters
 * by status, severity and organisation; each row opens the incident page.
 */
import { type ActionType, PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../../app/auth/session';
import { OrgTreeSelect } from '../../app/components/OrgTreeSelect';
import { type TableParams, useTableRequest } from '../../app/components/useTableRequest';
import { useNarrow } from '../../app/components/useNarrow';
import { INCIDENT_KINDS, type IncidentSeverity, type IncidentSummary, listIncidents, SEVERITIES } from './api';
import { fmtTime, Gist, graveOpenStyle, SeverityTag, StatusTag } from './components/IncidentTags';

interface Search {
  status?: 'open' | 'closed';
  severity?: IncidentSeverity;
  orgId?: number;
}

export default function IncidentsPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const tableRef = useRef<ActionType>();
  const table = useTableRequest(
    (p: Search & TableParams) =>
      listIncidents({
        status: p.status,
        severity: p.severity,
        orgId: p.orgId,
        page: p.current,
        pageSize: p.pageSize,
      }),
    t('incidents.empty'),
  );
  // The oversight levels pick an organisation; staff of a unit see their classes only.
  const pickOrg = me.abilities.allClasses || me.abilities.editLibraries;
  const grave = useQuery({
    queryKey: ['incidents', 'grave-open'],
    queryFn: async () => {
      const [s, c] = await Promise.all([
        listIncidents({ status: 'open', severity: 'serious', pageSize: 1 }),
        listIncidents({ status: 'open', severity: 'critical', pageSize: 1 }),
      ]);
      return s.total + c.total;
    },
  });

  const columns: ProColumns<IncidentSummary>[] = [
    {
      title: t('incidents.status'),
      dataIndex: 'status',
      hideInTable: true,
      valueType: 'select',
      valueEnum: { open: { text: t('incidents.statuses.open') }, closed: { text: t('incidents.statuses.closed') } },
    },
    {
      title: t('incidents.severity'),
      dataIndex: 'severity',
      hideInTable: true,
      valueType: 'select',
      valueEnum: Object.fromEntries(SEVERITIES.map((s) => [s, { text: t(`incidents.severities.${s}`) }])),
    },
    ...(pickOrg
      ? [
          {
            title: t('incidents.unit'),
            dataIndex: 'orgId',
            hideInTable: true,
            renderFormItem: () => <OrgTreeSelect allowClear placeholder={t('incidents.all')} />,
          } as ProColumns<IncidentSummary>,
        ]
      : []),
    {
      title: t('incidents.occurredAt'),
      dataIndex: 'occurredAt',
      search: false,
      width: 150,
      render: (_, i) => fmtTime(i.occurredAt),
    },
    {
      title: t('incidents.kind'),
      dataIndex: 'kind',
      search: false,
      width: 170,
      render: (_, i) => (
        <span>
          <SeverityTag severity={i.severity} />
          <Link to={`/incidents/${i.id}`} data-testid="incident-link">
            {INCIDENT_KINDS.includes(i.kind) ? t(`incidents.kinds.${i.kind}`) : i.kind}
          </Link>
        </span>
      ),
    },
    {
      title: t('incidents.description'),
      dataIndex: 'description',
      search: false,
      render: (_, i) => <Gist text={i.description} />,
    },
    {
      title: t('incidents.class'),
      dataIndex: 'className',
      search: false,
      render: (_, i) => (
        <div>
          <Link to={`/classes/${i.classId}?tab=incidents`}>{i.className}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {i.unitName}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('incidents.children'),
      dataIndex: 'childCount',
      search: false,
      width: 90,
      render: (_, i) => (i.childCount ? t('incidents.childCount', { count: i.childCount }) : '—'),
    },
    {
      title: t('incidents.guardian'),
      dataIndex: 'guardianNotifiedAt',
      search: false,
      width: 140,
      render: (_, i) =>
        i.guardianNotifiedAt ? (
          fmtTime(i.guardianNotifiedAt)
        ) : i.childCount ? (
          <Typography.Text type="danger">{t('incidents.guardianMissing')}</Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('incidents.status'),
      dataIndex: 'statusShown',
      search: false,
      width: 90,
      render: (_, i) => <StatusTag status={i.status} />,
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 80,
      fixed: 'right',
      render: (_, i) => (
        <Button type="link" size="small" onClick={() => navigate(`/incidents/${i.id}`)}>
          {t('incidents.view')}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer title={t('incidents.title')} subTitle={narrow ? undefined : t('incidents.subtitle')}>
      {!!grave.data && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('incidents.openGrave', { count: grave.data })}
          data-testid="incidents-grave-open"
        />
      )}
      <ProTable<IncidentSummary, Search>
        rowKey="id"
        actionRef={tableRef}
        columns={columns}
        size="small"
        headerTitle={t('incidents.listTitle')}
        search={{ labelWidth: 'auto', defaultCollapsed: narrow, collapseRender: narrow ? undefined : false }}
        options={{ density: false, setting: false, reload: true }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        scroll={{ x: 'max-content' }}
        onRow={(i) => ({ style: graveOpenStyle(i), 'data-testid': `incident-row-${i.id}` }) as never}
        request={table.request}
        locale={table.locale}
      />
    </PageContainer>
  );
}
