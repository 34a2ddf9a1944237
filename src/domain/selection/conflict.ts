/**
 * Conflicts of interest of a reviewer, decided from the organisation tree alone: a reviewer never reviews an
 * application of a unit in a district (or industry union) where they hold any role, nor of their own unit. Paths are
 * the materialised id paths of the org tree (`/1/4/17/`): depth 1 is the city, depth 2 a district or industry union,
 * depth 3 a unit. A grant at the city itself makes no conflict (the city reviews everyone).
 */

/** The depth of a path: `/1/` is 1, `/1/4/` is 2. */
export const pathDepth = (path: string) => path.split('/').filter(Boolean).length;

/** The district-level prefix of a path (`/1/4/17/` → `/1/4/`), or null for the city root. */
export function districtPrefix(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  return parts.length < 2 ? null : `/${parts[0]}/${parts[1]}/`;
}

/** The subtrees a reviewer with grants on these org paths must never review (deduplicated, sorted). */
export function conflictRoots(grantPaths: readonly string[]): string[] {
  const roots = new Set<string>();
  for (const p of grantPaths) {
    const d = districtPrefix(p);
    if (d) roots.add(d);
  }
  return [...roots].sort();
}

/** Whether an application of the unit at `unitPath` is off limits to a reviewer with grants on `grantPaths`. */
export function hasConflict(grantPaths: readonly string[], unitPath: string): boolean {
  return conflictRoots(grantPaths).some((r) => unitPath.startsWith(r));
}
