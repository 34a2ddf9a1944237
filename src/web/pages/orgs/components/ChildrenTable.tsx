/**
 * The selected node's children (GET /api/orgs?parentId=). A keyword searches the node's whole subtree instead
 * (GET /api/orgs?under=), which is how people look for one unit among hundreds; the kind filter applies there.
 */
import { type ActionType, type ProColumns, ProTable } from '@ant-design/pro-components';
import { Badge, Checkbox, Input, Select, Tag, Typography } from 'antd';
import { type MutableRefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedChildKinds, type OrgKind } from '../../../../domain/org/orgKinds';
import type { Org } from '../../../app/api/types';
import { type TableParams, useTableRequest } from '../../../app/components/useTableRequest';
import { ORG_KIND_COLORS, orgKindLabel, unitTypeLabel } from '../../../app/labels';
import { listOrgs } from '../api';
import { type OrgActionHandlers, OrgActions } from './OrgActions';

/** Every kind that can occur below a node of this kind (by the tree's shape). */
const reachableKinds = (k: OrgKind): OrgKind[] => allowedChildKinds(k).flatMap((c) => [c, ...reachableKinds(c)]);

interface Search {
  parentId?: number;
  q?: string;
  kind?: OrgKind;
  includeInactive?: boolean;
}

export function ChildrenTable({
  parent,
  actionRef,
  handlers,
  onOpen,
}: {
  parent: Org;
  actionRef: MutableRefObject<ActionType | undefined>;
  handlers: OrgActionHandlers;
  onOpen: (o: Org) => void;
}) {
  const { t } = useTranslation();
  const [searching, setSearching] = useState(false);
  const [q, setQ] = useState<string | undefined>();
  const [kind, setKind] = useState<OrgKind | undefined>();
  const [includeInactive, setIncludeInactive] = useState(false);
  const kindsBelow = [...new Set(reachableKinds(parent.kind))];
  const table = useTableRequest(
    async (p: Search & TableParams) => {
      const q = p.q;
      setSearching(!!q);
      const r = await listOrgs({
        ...(q ? { under: parent.id, q } : { parentId: parent.id }),
        kind: q ? p.kind : undefined,
        includeInactive: !!p.includeInactive,
        page: p.current,
        pageSize: p.pageSize,
      });
      // A subtree search also matches the node itself; the table is about what lies below it.
      const items = r.items.filter((o) => o.id !== parent.id);
      return { items, total: r.total - (r.items.length - items.length) };
    },
    searching ? t('orgs.noMatch') : t('orgs.noChildren'),
  );

  const columns: ProColumns<Org>[] = [
    {
      title: t('orgs.name'),
      dataIndex: 'name',
      ellipsis: true,
      render: (_, o) => (
        <Typography.Link onClick={() => onOpen(o)} delete={!o.active}>
          {o.name}
        </Typography.Link>
      ),
    },
    {
      title: t('orgs.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (_, o) => <Tag color={ORG_KIND_COLORS[o.kind]}>{orgKindLabel(o.kind)}</Tag>,
    },
    {
      title: t('orgs.unitType'),
      dataIndex: 'unitType',
      width: 100,
      responsive: ['lg'],
      render: (_, o) => (o.unitType ? unitTypeLabel(o.unitType) : '—'),
    },
    {
      title: t('orgs.creditCode'),
      dataIndex: 'creditCode',
      width: 190,
      responsive: ['xxl'],
      render: (_, o) => (o.creditCode ? <span style={{ fontFamily: 'monospace' }}>{o.creditCode}</span> : '—'),
    },
    {
      title: t('orgs.contactName'),
      dataIndex: 'contactName',
      width: 100,
      responsive: ['xxl'],
      render: (_, o) => o.contactName ?? '—',
    },
    {
      title: t('common.status'),
      dataIndex: 'active',
      width: 100,
      render: (_, o) =>
        o.active ? (
          <Badge status="success" text={t('common.active')} />
        ) : (
          <Badge status="default" text={t('common.inactive')} />
        ),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 200,
      fixed: 'right',
      render: (_, o) => <OrgActions org={o} h={handlers} compact />,
    },
  ];

  return (
    <ProTable<Org, Search>
      rowKey="id"
      size="small"
      actionRef={actionRef}
      columns={columns}
      params={{ parentId: parent.id, q, kind, includeInactive }}
      headerTitle={searching ? t('orgs.searchUnder') : t('orgs.childrenOf')}
      search={false}
      toolBarRender={() => [
        <Input.Search
          key="q"
          allowClear
          placeholder={t('orgs.keywordPlaceholder')}
          onSearch={(v) => setQ(v.trim() || undefined)}
          style={{ width: 200 }}
          aria-label={t('orgs.keyword')}
          data-testid="org-search"
        />,
        // Searching the subtree may meet more than one kind; the direct children are all of one kind.
        q && kindsBelow.length > 1 && (
          <Select<OrgKind>
            key="kind"
            allowClear
            placeholder={t('orgs.kind')}
            value={kind}
            onChange={setKind}
            style={{ width: 130 }}
            options={kindsBelow.map((k) => ({ value: k, label: orgKindLabel(k) }))}
          />
        ),
        <Checkbox key="inactive" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)}>
          {t('orgs.includeInactive')}
        </Checkbox>,
      ]}
      options={{ density: false, setting: false, reload: true }}
      pagination={{ defaultPageSize: 20, showSizeChanger: true }}
      // Wide enough for name, kind, type, status and actions; narrower screens scroll sideways.
      scroll={{ x: 640 }}
      request={table.request}
      locale={table.locale}
    />
  );
}
