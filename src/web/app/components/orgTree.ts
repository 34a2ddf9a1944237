/**
 * The caller's visible organisation tree (GET /api/orgs/tree), shared by the org page, the people page's filters
 * and the pickers. The server already scopes it; nodes whose parent is out of view come back as roots.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { TreeNode } from '../api/types';

export const orgTreeKey = (includeInactive: boolean) => ['orgs', 'tree', includeInactive] as const;

export function useOrgTree(includeInactive = false) {
  return useQuery({
    queryKey: orgTreeKey(includeInactive),
    queryFn: () =>
      api.get<{ nodes: TreeNode[] }>('/api/orgs/tree', { includeInactive: includeInactive ? 'true' : undefined }),
    select: (r) => r.nodes,
  });
}

export interface NestedNode extends TreeNode {
  children: NestedNode[];
}

export function nest(nodes: readonly TreeNode[]): NestedNode[] {
  const byId = new Map<number, NestedNode>(nodes.map((n) => [n.id, { ...n, children: [] }]));
  const roots: NestedNode[] = [];
  for (const n of byId.values()) {
    const parent = n.parentId === null ? undefined : byId.get(n.parentId);
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

/** Ids of `id` and everything below it. */
export function subtreeIds(nodes: readonly TreeNode[], id: number): Set<number> {
  const kids = new Map<number, number[]>();
  for (const n of nodes) if (n.parentId !== null) kids.set(n.parentId, [...(kids.get(n.parentId) ?? []), n.id]);
  const out = new Set<number>();
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop() as number;
    if (out.has(cur)) continue;
    out.add(cur);
    stack.push(...(kids.get(cur) ?? []));
  }
  return out;
}

/** Ids of the ancestors of `id` within the visible tree, root first. */
export function ancestorIds(nodes: readonly TreeNode[], id: number): number[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: number[] = [];
  let cur = byId.get(id)?.parentId ?? null;
  while (cur !== null && !out.includes(cur)) {
    out.unshift(cur);
    cur = byId.get(cur)?.parentId ?? null;
  }
  return out;
}
