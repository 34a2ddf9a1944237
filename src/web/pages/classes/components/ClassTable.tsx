/**
 * The class list in its three uses: "my classes" (a unit's own, with 新建), the all-classes overview with filters
 * and the .xlsx export (city/district), and the district's approval queue (status submitted), whose rows open to
 * the rules panel and the venue checklist with approve/return. The server scopes every list.
 */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { type ActionType, type ProColumns, ProTable } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Space, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { CLASS_STATUSES, type ClassStatus } from '../../../../domain/classes/lifecycle';
import type { ClassSummary } from '../../../app/api/types';
import {
  CLASS_MODE_KEYS,
  CLASS_STATUS_COLORS,
  type ClassMode,
  classModeLabel,
  classStatusLabel,
  managementLabel,
  RULE_KEYS,
  ruleTitle,
} from '../../../app/careLabels';
import { OrgTreeSelect } from '../../../app/components/OrgTreeSelect';
import { type TableParams, useTableRequest } from '../../../app/components/useTableRequest';
import { useNarrow } from '../../../app/components/useNarrow';
import { currentLang } from '../../../app/i18n';
import { campaignsKey, listCampaigns } from '../../campaigns/api';
import { exportUrl, type ListClassesParams, listClasses } from '../api';

export type ClassListVariant = 'mine' | 'all' | 'queue';

interface Search {
  q?: string;
  campaignId?: number;
  orgId?: number;
  mode?: ClassMode;
  status?: ClassStatus;
  failingRule?: string;
}

export function FailingRuleTags({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  const lang = currentLang();
  if (ids.length === 0) return <Tag color="success">{t('classes.noFailing')}</Tag>;
  return (
    <Space size={[2, 2]} wrap>
      {ids.map((id) => (
        <Tag key={id} color="error" style={{ marginInlineEnd: 0 }}>
          {ruleTitle(id, lang)}
        </Tag>
      ))}
    </Space>
  );
}

export function ClassTable({
  variant,
  canCreate = false,
  expandedRowRender,
}: {
  variant: ClassListVariant;
  canCreate?: boolean;
  expandedRowRender?: (c: ClassSummary, reload: () => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const narrow = useNarrow();
  const navigate = useNavigate();
  const tableRef = useRef<ActionType>();
  const [lastQuery, setLastQuery] = useState<ListClassesParams>({});
  const table = useTableRequest(
    (p: Search & TableParams) => {
      const query: ListClassesParams = {
        q: p.q?.trim() || undefined,
        campaignId: p.campaignId,
        orgId: p.orgId,
        mode: p.mode,
        status: variant === 'queue' ? 'submitted' : p.status,
        failingRule: p.failingRule,
      };
      setLastQuery(query);
      return listClasses({ ...query, page: p.current, pageSize: p.pageSize });
    },
    t(`classes.empty.${variant}`),
  );
  const campaigns = useQuery({ queryKey: campaignsKey, queryFn: listCampaigns });
  const campaignName = (id: number) => campaigns.data?.find((c) => c.id === id)?.name ?? `#${id}`;
  const reload = () => tableRef.current?.reload();

  const columns: ProColumns<ClassSummary>[] = [
    {
      title: t('classes.keyword'),
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: t('classes.keywordPlaceholder') },
    },
    {
      title: t('classes.campaign'),
      dataIndex: 'campaignId',
      hideInTable: true,
      valueType: 'select',
      fieldProps: {
        options: (campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name })),
        placeholder: t('common.all'),
      },
    },
    {
      title: t('classes.orgFilter'),
      dataIndex: 'orgId',
      hideInTable: true,
      hideInSearch: variant === 'mine',
      renderFormItem: () => <OrgTreeSelect allowClear placeholder={t('classes.allOrgs')} />,
    },
    {
      title: t('classes.mode'),
      dataIndex: 'mode',
      hideInTable: true,
      valueType: 'select',
      valueEnum: Object.fromEntries(CLASS_MODE_KEYS.map((m) => [m, { text: classModeLabel(m, lang) }])),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      hideInTable: true,
      hideInSearch: variant === 'queue',
      valueType: 'select',
      valueEnum: Object.fromEntries(CLASS_STATUSES.map((s) => [s, { text: classStatusLabel(s, lang) }])),
    },
    {
      title: t('classes.failingRule'),
      dataIndex: 'failingRule',
      hideInTable: true,
      valueType: 'select',
      fieldProps: { showSearch: true, options: RULE_KEYS.map((id) => ({ value: id, label: ruleTitle(id, lang) })) },
    },
    {
      title: t('classes.name'),
      dataIndex: 'name',
      search: false,
      width: 200,
      render: (_, c) => (
        <div>
          <Link to={`/classes/${c.id}`} data-testid="class-link">
            {c.name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {campaignName(c.campaignId)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('classes.org'),
      dataIndex: 'orgName',
      search: false,
      width: 160,
      render: (_, c) => (
        <div>
          {c.orgName}
          {variant !== 'mine' && c.districtName && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.districtName}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('classes.mode'),
      dataIndex: 'mode',
      search: false,
      width: 120,
      render: (_, c) => (
        <div>
          {classModeLabel(c.mode, lang)}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {managementLabel(c.management, lang)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('classes.dates'),
      dataIndex: 'startDate',
      search: false,
      width: 110,
      render: (_, c) =>
        c.startDate ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            {c.startDate}
            <br />
            {c.endDate ?? '—'}
          </span>
        ) : (
          <Typography.Text type="secondary">{t('classes.noDates')}</Typography.Text>
        ),
    },
    {
      title: t('classes.capacity'),
      dataIndex: 'capacity',
      search: false,
      width: 70,
      render: (_, c) => c.capacity ?? '—',
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      search: false,
      width: 90,
      render: (_, c) => (
        <Space size={[2, 2]} wrap>
          <Tag color={CLASS_STATUS_COLORS[c.status]}>{classStatusLabel(c.status, lang)}</Tag>
          {c.venueUnconfirmed && (
            <Tooltip title={t('classDocs.venueFlagHint')}>
              <Tag color="warning" data-testid="venue-flag">
                {t('classDocs.venueFlag')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('classes.failingRules'),
      dataIndex: 'failingRules',
      search: false,
      width: 180,
      render: (_, c) => <FailingRuleTags ids={c.failingRules} />,
    },
    // The name opens the class; only a unit's own list needs a direct "edit" (drafts and returned classes).
    ...(variant === 'mine'
      ? [
          {
            title: t('common.actions'),
            valueType: 'option' as const,
            width: 70,
            render: (_: unknown, c: ClassSummary) =>
              c.abilities.update && (
                <Button type="link" size="small" onClick={() => navigate(`/classes/${c.id}/edit`)}>
                  {t('common.edit')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const toolbar = [
    variant === 'all' && (
      <Tooltip key="export" title={t('classes.exportHint')}>
        <Button icon={<DownloadOutlined />} href={exportUrl(lastQuery)} data-testid="classes-export">
          {t('classes.export')}
        </Button>
      </Tooltip>
    ),
    canCreate && (
      <Button
        key="create"
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => navigate('/classes/new')}
        data-testid="class-create"
      >
        {t('classes.create')}
      </Button>
    ),
  ].filter(Boolean);

  return (
    <ProTable<ClassSummary, Search>
      rowKey="id"
      actionRef={tableRef}
      columns={columns}
      size="small"
      headerTitle={t(`classes.listTitle.${variant}`)}
      search={{
        labelWidth: 'auto',
        defaultCollapsed: narrow || variant === 'mine',
        collapseRender: narrow || variant === 'mine' ? undefined : false,
      }}
      options={{ density: false, setting: false, reload: true }}
      pagination={{ defaultPageSize: 20, showSizeChanger: true }}
      // The queue's rows open to wide review panels: keep its table within the page instead of scrolling sideways.
      scroll={variant === 'queue' ? undefined : { x: 'max-content' }}
      toolBarRender={() => toolbar as ReactNode[]}
      expandable={
        expandedRowRender
          ? {
              expandedRowRender: (c) => expandedRowRender(c, reload),
              expandRowByClick: false,
              rowExpandable: () => true,
            }
          : undefined
      }
      request={table.request}
      locale={table.locale}
      rowClassName={(c) => (c.failingRules.length ? 'class-row-failing' : '')}
      tableExtraRender={
        variant === 'queue'
          ? () => (
              <Typography.Text type="secondary">
                <Badge status="processing" /> {t('classes.queueHint')}
              </Typography.Text>
            )
          : undefined
      }
    />
  );
}
