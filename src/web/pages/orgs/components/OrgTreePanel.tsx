/** Left side of the org page: the visible tree with a name filter and a "show deactivated" switch. */
import { Card, Empty, Input, Skeleton, Space, Switch, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TreeNode } from '../../../app/api/types';
import { ApiErrorResult } from '../../../app/components/ApiErrorResult';
import { ancestorIds, type NestedNode, nest, useOrgTree } from '../../../app/components/orgTree';
import { ORG_KIND_COLORS, orgKindLabel } from '../../../app/labels';

export interface OrgTreePanelProps {
  selectedId: number | null;
  onSelect: (node: TreeNode) => void;
  includeInactive: boolean;
  onIncludeInactive: (v: boolean) => void;
  expanded: number[];
  onExpand: (ids: number[]) => void;
}

function title(n: TreeNode, t: (k: string) => string) {
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-org-id={n.id}>
      <Typography.Text delete={!n.active} type={n.active ? undefined : 'secondary'}>
        {n.name}
      </Typography.Text>{' '}
      <Tag
        color={ORG_KIND_COLORS[n.kind]}
        bordered={false}
        style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '18px' }}
      >
        {orgKindLabel(n.kind)}
      </Tag>
      {!n.active && (
        <Tag bordered={false} style={{ marginInlineStart: 4, fontSize: 11, lineHeight: '18px' }}>
          {t('common.inactive')}
        </Tag>
      )}
    </span>
  );
}

export function OrgTreePanel({
  selectedId,
  onSelect,
  includeInactive,
  onIncludeInactive,
  expanded,
  onExpand,
}: OrgTreePanelProps) {
  const { t } = useTranslation();
  const { data: nodes, isPending, error, refetch } = useOrgTree(includeInactive);
  const [filter, setFilter] = useState('');

  const { treeData, filterExpanded } = useMemo(() => {
    const all = nodes ?? [];
    const f = filter.trim();
    let shown = all;
    let open: number[] = [];
    if (f) {
      // Keep the matches and their ancestors, opened, so a match deep down is visible at once.
      const keep = new Set<number>();
      for (const n of all) {
        if (n.name.includes(f)) {
          keep.add(n.id);
          for (const a of ancestorIds(all, n.id)) keep.add(a);
        }
      }
      shown = all.filter((n) => keep.has(n.id));
      open = [...keep];
    }
    const map = (n: NestedNode): DataNode => ({
      key: n.id,
      title: title(n, t),
      isLeaf: n.children.length === 0,
      children: n.children.map(map),
    });
    return { treeData: nest(shown).map(map), filterExpanded: open };
    // `t` changes with the UI language, so the kind labels follow it.
  }, [nodes, filter, t]);

  return (
    <Card
      title={t('orgs.treeTitle')}
      size="small"
      styles={{ body: { padding: 12 } }}
      extra={
        <Space size={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('orgs.showInactive')}
          </Typography.Text>
          <Switch size="small" checked={includeInactive} onChange={onIncludeInactive} />
        </Space>
      }
    >
      <Input.Search
        allowClear
        placeholder={t('orgs.treeFilter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      {isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : error ? (
        <ApiErrorResult error={error} onRetry={() => void refetch()} />
      ) : treeData.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={filter ? t('orgs.treeNoMatch') : t('orgs.treeEmpty')}
        />
      ) : (
        <div style={{ overflowX: 'auto', maxHeight: 'calc(100vh - 260px)', minHeight: 120 }} data-testid="org-tree">
          <Tree
            blockNode
            showLine={{ showLeafIcon: false }}
            treeData={treeData}
            selectedKeys={selectedId ? [selectedId] : []}
            expandedKeys={filter.trim() ? filterExpanded : expanded}
            onExpand={(keys) => onExpand(keys.map(Number))}
            onSelect={(keys) => {
              const id = Number(keys[0]);
              const n = nodes?.find((x) => x.id === id);
              if (n) onSelect(n);
            }}
          />
        </div>
      )}
    </Card>
  );
}
