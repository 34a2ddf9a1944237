/**
 * 组织架构: the tree on the left, the selected organisation and its children on the right. Create, edit, move,
 * deactivate/reactivate and the .xlsx import all start here; every action button follows the record's abilities.
 */
import { type ActionType, PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Col, Empty, Row, Space } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNarrow } from '../../app/components/useNarrow';
import { useSearchParams } from 'react-router-dom';
import { allowedChildKinds } from '../../../domain/org/orgKinds';
import type { Org, TreeNode } from '../../app/api/types';
import { ReasonModal } from '../../app/components/ReasonModal';
import { ancestorIds, useOrgTree } from '../../app/components/orgTree';
import { deactivateOrg, fetchOrg, reactivateOrg } from './api';
import { ChildrenTable } from './components/ChildrenTable';
import { ImportUnitsModal } from './components/ImportUnitsModal';
import { MoveOrgModal } from './components/MoveOrgModal';
import type { OrgActionHandlers } from './components/OrgActions';
import { OrgDetailCard } from './components/OrgDetailCard';
import { type OrgFormTarget, OrgFormModal } from './components/OrgFormModal';
import { OrgTreePanel } from './components/OrgTreePanel';

export default function OrgsPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [includeInactive, setIncludeInactive] = useState(false);
  const { data: nodes } = useOrgTree(includeInactive);
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const tableRef = useRef<ActionType>();

  const fromUrl = Number(params.get('org')) || null;
  const roots = useMemo(() => (nodes ?? []).filter((n) => n.parentId === null), [nodes]);
  const selectedId = fromUrl ?? roots[0]?.id ?? null;

  // Open the roots at first, and always the path down to the selected node.
  useEffect(() => {
    if (!nodes) return;
    setExpanded((cur) => {
      const base = cur ?? roots.map((r) => r.id);
      const need = selectedId ? ancestorIds(nodes, selectedId) : [];
      const next = [...new Set([...base, ...need])];
      return next.length === base.length && cur ? cur : next;
    });
  }, [nodes, roots, selectedId]);

  const detail = useQuery({
    queryKey: ['orgs', 'detail', selectedId],
    queryFn: () => fetchOrg(selectedId as number),
    enabled: selectedId !== null,
  });

  const select = (id: number) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set('org', String(id));
      return next;
    });

  const [form, setForm] = useState<OrgFormTarget | null>(null);
  const [moving, setMoving] = useState<Org | null>(null);
  const [importing, setImporting] = useState<Org | null>(null);
  const [toggling, setToggling] = useState<{ org: Org; activate: boolean } | null>(null);

  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['orgs'] });
    tableRef.current?.reload();
  };

  const handlers: OrgActionHandlers = {
    onCreateChild: (o) => setForm({ mode: 'create', parent: o }),
    onImport: (o) => setImporting(o),
    onEdit: (o) => setForm({ mode: 'edit', org: o }),
    onMove: (o) => setMoving(o),
    onDeactivate: (o) => setToggling({ org: o, activate: false }),
    onReactivate: (o) => setToggling({ org: o, activate: true }),
  };

  const org = detail.data;
  const hasChildren = org ? allowedChildKinds(org.kind).length > 0 : false;

  return (
    <PageContainer title={t('menu.orgs')} subTitle={narrow ? undefined : t('orgs.subtitle')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xxl={6}>
          <OrgTreePanel
            selectedId={selectedId}
            onSelect={(n: TreeNode) => select(n.id)}
            includeInactive={includeInactive}
            onIncludeInactive={setIncludeInactive}
            expanded={expanded ?? []}
            onExpand={setExpanded}
          />
        </Col>
        <Col xs={24} lg={16} xxl={18}>
          {selectedId === null ? (
            nodes && (
              <Card>
                <Empty description={t('orgs.noneVisible')} />
              </Card>
            )
          ) : (
            <Space direction="vertical" size={16} style={{ display: 'flex' }}>
              <OrgDetailCard
                org={org}
                loading={detail.isPending}
                error={detail.error}
                onRetry={() => void detail.refetch()}
                handlers={handlers}
              />
              {org &&
                (hasChildren ? (
                  <ChildrenTable
                    key={org.id}
                    parent={org}
                    actionRef={tableRef}
                    handlers={handlers}
                    onOpen={(o) => select(o.id)}
                  />
                ) : (
                  <Card size="small">
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.unitIsLeaf')} />
                  </Card>
                ))}
            </Space>
          )}
        </Col>
      </Row>

      <OrgFormModal
        target={form}
        onClose={() => setForm(null)}
        onSaved={(o) => {
          void message.success(form?.mode === 'create' ? t('orgs.created', { name: o.name }) : t('common.saved'));
          void refresh();
        }}
      />
      <MoveOrgModal
        org={moving}
        onClose={() => setMoving(null)}
        onMoved={(o) => {
          void message.success(t('orgs.moved', { name: o.name }));
          void refresh();
        }}
      />
      <ImportUnitsModal parent={importing} onClose={() => setImporting(null)} onImported={() => void refresh()} />
      <ReasonModal
        open={toggling !== null}
        title={
          toggling
            ? t(toggling.activate ? 'orgs.reactivateTitle' : 'orgs.deactivateTitle', { name: toggling.org.name })
            : ''
        }
        warning={toggling ? t(toggling.activate ? 'orgs.reactivateWarning' : 'orgs.deactivateWarning') : undefined}
        okText={toggling?.activate ? t('common.reactivate') : t('common.deactivate')}
        danger={!toggling?.activate}
        onClose={() => setToggling(null)}
        onSubmit={async (reason) => {
          if (!toggling) return;
          const { org: o, activate } = toggling;
          await (activate ? reactivateOrg(o.id, reason) : deactivateOrg(o.id, reason));
          void message.success(
            activate ? t('orgs.reactivated', { name: o.name }) : t('orgs.deactivated', { name: o.name }),
          );
          await refresh();
        }}
      />
    </PageContainer>
  );
}
