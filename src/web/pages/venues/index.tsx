/**
 * 场地库: the venues of the units in view, each with its P-R4 checklist status and the district's confirmation.
 * Registering and editing follow the records' abilities; the checklist and evidence live on the venue page.
 */
import { PlusOutlined } from '@ant-design/icons';
import { type ActionType, PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { VenueCheck } from '../../../domain/campaign/schema';
import type { Venue } from '../../app/api/types';
import { useCurrentUser } from '../../app/auth/session';
import { buildingUseLabel, locationLabel, VENUE_CHECK_KEYS, venueCheckLabel } from '../../app/careLabels';
import { OrgTreeSelect } from '../../app/components/OrgTreeSelect';
import { type TableParams, useTableRequest } from '../../app/components/useTableRequest';
import { useNarrow } from '../../app/components/useNarrow';
import { currentLang } from '../../app/i18n';
import { listVenues } from './api';
import { ConfirmationLine } from './components/ChecklistView';
import { VenueFormModal, type VenueFormTarget } from './components/VenueFormModal';

interface Search {
  q?: string;
  orgId?: number;
  includeInactive?: boolean;
}

const DOT = { met: '#389e0d', unmet: '#cf1322', unknown: '#d9d9d9' } as const;

/** Six dots, one per checklist item, coloured met / not met / not checked. */
export function ChecklistDots({ status }: { status: Record<VenueCheck, 'met' | 'unmet' | 'unknown'> }) {
  const { t } = useTranslation();
  const lang = currentLang();
  return (
    <Space size={3}>
      {VENUE_CHECK_KEYS.map((k) => (
        <Tooltip key={k} title={`${venueCheckLabel(k, lang)}：${t(`venues.itemStatus.${status[k]}`)}`}>
          <span
            role="img"
            aria-label={venueCheckLabel(k, lang)}
            style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: DOT[status[k]] }}
          />
        </Tooltip>
      ))}
    </Space>
  );
}

export default function VenuesPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const narrow = useNarrow();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const tableRef = useRef<ActionType>();
  const [form, setForm] = useState<VenueFormTarget | null>(null);
  const myUnits = me.abilities.unitIds;
  const table = useTableRequest(
    (p: Search & TableParams) =>
      listVenues({
        q: p.q?.trim() || undefined,
        orgId: p.orgId,
        includeInactive: !!p.includeInactive,
        page: p.current,
        pageSize: p.pageSize,
      }),
    t('venues.empty'),
  );

  const columns: ProColumns<Venue>[] = [
    {
      title: t('venues.keyword'),
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: t('venues.keywordPlaceholder') },
    },
    {
      title: t('venues.org'),
      dataIndex: 'orgId',
      hideInTable: true,
      renderFormItem: () => <OrgTreeSelect allowClear placeholder={t('classes.allOrgs')} />,
    },
    { title: t('venues.showInactive'), dataIndex: 'includeInactive', hideInTable: true, valueType: 'switch' },
    {
      title: t('venues.name'),
      dataIndex: 'name',
      search: false,
      render: (_, v) => (
        <div>
          <Link to={`/venues/${v.id}`} data-testid="venue-link">
            <Typography.Text delete={!v.active} style={{ color: 'inherit' }}>
              {v.name}
            </Typography.Text>
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {v.address}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('venues.org'), dataIndex: 'orgName', search: false, width: 180 },
    {
      title: t('venues.location'),
      dataIndex: 'location',
      search: false,
      width: 160,
      render: (_, v) => `${locationLabel(v.location, lang)} · ${buildingUseLabel(v.buildingUse, lang)}`,
    },
    {
      title: t('venues.capacity'),
      dataIndex: 'capacity',
      search: false,
      width: 100,
      render: (_, v) => v.capacity ?? '—',
    },
    {
      title: t('venues.checklist'),
      dataIndex: 'checklistStatus',
      search: false,
      width: 120,
      render: (_, v) => <ChecklistDots status={v.checklistStatus} />,
    },
    {
      title: t('venues.confirmation'),
      dataIndex: 'confirmation',
      search: false,
      width: 200,
      render: (_, v) => (v.active ? <ConfirmationLine venue={v} /> : <Tag>{t('common.inactive')}</Tag>),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 130,
      fixed: 'right',
      render: (_, v) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/venues/${v.id}`)}>
            {t('classes.view')}
          </Button>
          {v.abilities.update && (
            <Button type="link" size="small" onClick={() => setForm({ mode: 'edit', venue: v })}>
              {t('common.edit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('menu.venues')} subTitle={narrow ? undefined : t('venues.subtitle')}>
      <ProTable<Venue, Search>
        rowKey="id"
        actionRef={tableRef}
        columns={columns}
        size="small"
        headerTitle={t('venues.listTitle')}
        search={{ labelWidth: 'auto', defaultCollapsed: narrow, collapseRender: narrow ? undefined : false }}
        options={{ density: false, setting: false, reload: true }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        scroll={{ x: 'max-content' }}
        toolBarRender={() =>
          me.abilities.editLibraries
            ? [
                <Button
                  key="create"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setForm({ mode: 'create', orgId: myUnits.length === 1 ? myUnits[0] : undefined })}
                  data-testid="venue-create"
                >
                  {t('venues.create')}
                </Button>,
              ]
            : []
        }
        request={table.request}
        locale={table.locale}
      />
      <VenueFormModal
        target={form}
        onClose={() => setForm(null)}
        onSaved={(v) => {
          tableRef.current?.reload();
          if (form?.mode === 'create') navigate(`/venues/${v.id}`);
        }}
      />
    </PageContainer>
  );
}
