/** Picks an organisation from the caller's visible tree; `disabled` decides which nodes may be chosen. */
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TreeNode } from '../api/types';
import { currentLang } from '../i18n';
import { orgKindLabel } from '../labels';
import { type NestedNode, nest, useOrgTree } from './orgTree';

interface Option {
  value: number;
  title: string;
  label: string;
  disabled: boolean;
  children: Option[];
}

export interface OrgTreeSelectProps {
  value?: number | null;
  onChange?: (id: number | undefined, node: TreeNode | undefined) => void;
  disabled?: (node: TreeNode) => boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
}

export function OrgTreeSelect({ value, onChange, disabled, placeholder, allowClear, style, id }: OrgTreeSelectProps) {
  const { t } = useTranslation();
  const lang = currentLang();
  const { data: nodes = [], isPending } = useOrgTree(false);
  const options = useMemo(() => {
    const map = (n: NestedNode): Option => ({
      value: n.id,
      title: `${n.name}（${orgKindLabel(n.kind, lang)}）`,
      label: n.name,
      disabled: disabled ? disabled(n) : false,
      children: n.children.map(map),
    });
    return nest(nodes).map(map);
  }, [nodes, disabled, lang]);
  return (
    <TreeSelect<number>
      id={id}
      value={value ?? undefined}
      onChange={(v) =>
        onChange?.(
          v,
          nodes.find((n) => n.id === v),
        )
      }
      treeData={options}
      treeDefaultExpandAll={nodes.length <= 60}
      showSearch
      treeNodeFilterProp="title"
      treeNodeLabelProp="label"
      loading={isPending}
      placeholder={placeholder ?? t('orgs.pick')}
      allowClear={allowClear}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
      listHeight={360}
    />
  );
}
