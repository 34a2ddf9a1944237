/**
 * 配餐企业 / 合作机构 / 服务机构: the units' caterers (licence and catering agreement), partner institutions
 * (cooperation agreement) and third-party providers (qualification review), one tab each.
 */
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { Button, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Counterparty, CounterpartyKind } from '../../app/api/types';
import { useCurrentUser } from '../../app/auth/session';
import { OrgTreeSelect } from '../../app/components/OrgTreeSelect';
import { type TableParams, useTableRequest } from '../../app/components/useTableRequest';
import { useNarrow } from '../../app/components/useNarrow';
import { COUNTERPARTY_KINDS, listCounterparties } from './api';
import { CounterpartyFormModal, type CounterpartyFormTarget } from './components/CounterpartyFormModal';
import { ExpiryTag } from './components/ExpiryTag';

interface Search {
  q?: string;
  orgId?: number;
  includeInactive?: boolean;
}

const REVIEW_COLORS = { pending: 'orange', passed: 'green', failed: 'red' } as const;

function KindTable({ kind, onEdit }: { kind: CounterpartyKind; onEdit: (c: Counterparty) => void }) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const navigate = useNavigate();
  const table = useTableRequest(
    (p: Search & TableParams) =>
      listCounterparties({
        kind,
        q: p.q?.trim() || undefined,
        orgId: p.orgId,
        includeInactive: !!p.includeInactive,
        page: p.current,
        pageSize: p.pageSize,
      }),
    t(`counterparties.empty.${kind}`),
  );
  const specific: ProColumns<Counterparty>[] =
    kind === 'caterer'
      ? [
          {
            title: t('counterparties.licenceNo'),
            dataIndex: 'licenceNo',
            search: false,
            width: 150,
            render: (_, c) => c.licenceNo ?? '—',
          },
          {
            title: t('counterparties.licenceExpiry'),
            dataIndex: 'licenceExpiry',
            search: false,
            width: 190,
            render: (_, c) => <ExpiryTag date={c.licenceExpiry} />,
          },
          {
            title: t('counterparties.agreementPeriod.caterer'),
            dataIndex: 'agreementEnd',
            search: false,
            width: 200,
            render: (_, c) =>
              c.agreementEnd ? (
                `${c.agreementStart ?? ''} ~ ${c.agreementEnd}`
              ) : (
                <Tag color="orange">{t('counterparties.missing')}</Tag>
              ),
          },
        ]
      : kind === 'partner'
        ? [
            {
              title: t('counterparties.partnerType'),
              dataIndex: 'partnerType',
              search: false,
              width: 110,
              render: (_, c) => (c.partnerType ? t(`counterparties.partnerTypes.${c.partnerType}`) : '—'),
            },
            {
              title: t('counterparties.agreementPeriod.partner'),
              dataIndex: 'agreementEnd',
              search: false,
              width: 190,
              render: (_, c) => <ExpiryTag date={c.agreementEnd} />,
            },
          ]
        : [
            {
              title: t('counterparties.review'),
              dataIndex: 'review',
              search: false,
              width: 200,
              render: (_, c) =>
                c.review ? (
                  <Tag color={REVIEW_COLORS[c.review.result]}>
                    {t(`counterparties.reviewResult.${c.review.result}`)}
                    {c.review.byName ? ` · ${c.review.byName}` : ''}
                  </Tag>
                ) : (
                  <Tag color="orange">{t('counterparties.reviewResult.none')}</Tag>
                ),
            },
          ];
  const columns: ProColumns<Counterparty>[] = [
    { title: t('counterparties.keyword'), dataIndex: 'q', hideInTable: true },
    {
      title: t('counterparties.org'),
      dataIndex: 'orgId',
      hideInTable: true,
      renderFormItem: () => <OrgTreeSelect allowClear placeholder={t('classes.allOrgs')} />,
    },
    { title: t('venues.showInactive'), dataIndex: 'includeInactive', hideInTable: true, valueType: 'switch' },
    {
      title: t('counterparties.name'),
      dataIndex: 'name',
      search: false,
      render: (_, c) => (
        <Link to={`/counterparties/${c.id}`} data-testid="counterparty-link">
          <Typography.Text delete={!c.active} style={{ color: 'inherit' }}>
            {c.name}
          </Typography.Text>
        </Link>
      ),
    },
    { title: t('counterparties.org'), dataIndex: 'orgName', search: false, width: 180 },
    ...specific,
    {
      title: t('counterparties.contactName'),
      dataIndex: 'contactName',
      search: false,
      width: 150,
      responsive: ['lg'],
      render: (_, c) => [c.contactName, c.contactPhone].filter(Boolean).join(' ') || '—',
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 130,
      fixed: 'right',
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/counterparties/${c.id}`)}>
            {t('classes.view')}
          </Button>
          {c.abilities.update && (
            <Button type="link" size="small" onClick={() => onEdit(c)}>
              {t('common.edit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <ProTable<Counterparty, Search>
      rowKey="id"
      columns={columns}
      size="small"
      search={{ labelWidth: 'auto', defaultCollapsed: narrow, collapseRender: narrow ? undefined : false }}
      options={false}
      pagination={{ defaultPageSize: 20, showSizeChanger: true }}
      scroll={{ x: 'max-content' }}
      request={table.request}
      locale={table.locale}
    />
  );
}

export default function CounterpartiesPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const kind = (COUNTERPARTY_KINDS as readonly string[]).includes(params.get('kind') ?? '')
    ? (params.get('kind') as CounterpartyKind)
    : 'caterer';
  const [form, setForm] = useState<CounterpartyFormTarget | null>(null);
  const [generation, setGeneration] = useState(0);
  const myUnits = me.abilities.unitIds;
  return (
    <PageContainer
      title={t('menu.counterparties')}
      subTitle={narrow ? undefined : t('counterparties.subtitle')}
      extra={
        me.abilities.editLibraries && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setForm({ mode: 'create', kind, orgId: myUnits.length === 1 ? myUnits[0] : undefined })}
            data-testid="counterparty-create"
          >
            {t(`counterparties.create.${kind}`)}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={kind}
        onChange={(k) => setParams({ kind: k }, { replace: true })}
        items={COUNTERPARTY_KINDS.map((k) => ({
          key: k,
          label: t(`counterparties.kind.${k}`),
          children: (
            <KindTable key={`${k}-${generation}`} kind={k} onEdit={(c) => setForm({ mode: 'edit', party: c })} />
          ),
        }))}
      />
      <CounterpartyFormModal
        target={form}
        onClose={() => setForm(null)}
        onSaved={(c) => {
          setGeneration((g) => g + 1);
          if (form?.mode === 'create') navigate(`/counterparties/${c.id}`);
        }}
      />
    </PageContainer>
  );
}
