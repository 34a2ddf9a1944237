/**
 * The authorisation engine: the one place that answers "may this actor do this action on this record".
 * Deny by default: an action with no rule is refused. Rules are built from small predicates over the actor's
 * role grants and the record's position in the organisation tree (a grant covers its node's subtree).
 */
import { allowedChildKinds, type OrgKind } from '../../domain/org/orgKinds.js';
import { ADMIN_ROLES, adminLevel, ROLE_SPECS, ROLES, type Role } from '../../domain/people/roles.js';
import { forbidden, notFound } from '../errors.js';
import type { Actor, Grant } from './actor.js';

export interface OrgRef {
  id: number;
  path: string;
  kind: OrgKind;
  active: boolean;
}

export interface UserRef {
  id: number;
  grants: { role: Role; orgPath: string }[];
}

// ---- predicates -------------------------------------------------------------------------------------------
export const inSubtree = (path: string, root: string) => path.startsWith(root);

/** Grants of the given roles whose node is `path` or an ancestor of it. */
export function covering(actor: Actor, path: string, roles: readonly Role[]): Grant[] {
  return actor.grants.filter((g) => roles.includes(g.role) && inSubtree(path, g.orgPath));
}

/** Like `covering` but the grant's node must be a proper ancestor: nobody moves or closes their own node. */
function coveringStrictly(actor: Actor, path: string, roles: readonly Role[]): Grant[] {
  return covering(actor, path, roles).filter((g) => g.orgPath !== path);
}

/** The highest admin level the actor holds over `path` (0 when none). */
export function adminLevelOver(actor: Actor, path: string): number {
  return Math.max(0, ...covering(actor, path, ADMIN_ROLES).map((g) => adminLevel(g.role)));
}

const READERS: readonly Role[] = [...ADMIN_ROLES, 'inspector', 'reviewer', 'auditor'];
const TREE_ADMINS: readonly Role[] = ['city_admin', 'district_admin'];

// ---- rules ------------------------------------------------------------------------------------------------
export const orgPolicy = {
  read: (a: Actor, o: OrgRef) => covering(a, o.path, READERS).length > 0,
  update: (a: Actor, o: OrgRef) => o.active && covering(a, o.path, ADMIN_ROLES).length > 0,
  createChild: (a: Actor, o: OrgRef, childKind?: OrgKind) =>
    o.active &&
    allowedChildKinds(o.kind).length > 0 &&
    (childKind === undefined || allowedChildKinds(o.kind).includes(childKind)) &&
    covering(a, o.path, TREE_ADMINS).length > 0,
  move: (a: Actor, o: OrgRef) => o.kind !== 'city' && coveringStrictly(a, o.path, TREE_ADMINS).length > 0,
  deactivate: (a: Actor, o: OrgRef) =>
    o.kind !== 'city' && o.active && coveringStrictly(a, o.path, TREE_ADMINS).length > 0,
  reactivate: (a: Actor, o: OrgRef) =>
    o.kind !== 'city' && !o.active && coveringStrictly(a, o.path, TREE_ADMINS).length > 0,
  /** May the actor grant or revoke `role` on org `o`? */
  grantRole: (a: Actor, o: OrgRef, role: Role) =>
    o.active && ROLE_SPECS[role].grantableOn.includes(o.kind) && adminLevelOver(a, o.path) >= ROLE_SPECS[role].level,
  readAudit: (a: Actor) => a.grants.some((g) => g.role === 'city_admin' || g.role === 'auditor'),
  manageSettings: (a: Actor) => a.grants.some((g) => g.role === 'city_admin'),
};

export const userPolicy = {
  /** Visible when any of the user's grants lies in a subtree the actor administers or audits. */
  read: (a: Actor, u: UserRef) =>
    u.id === a.userId || u.grants.some((g) => covering(a, g.orgPath, [...ADMIN_ROLES, 'auditor']).length > 0),
  /** Manageable when every grant of the user lies in the actor's subtree at no higher level than the actor's. */
  manage: (a: Actor, u: UserRef) =>
    u.id !== a.userId &&
    u.grants.length > 0 &&
    u.grants.every((g) => adminLevelOver(a, g.orgPath) >= Math.max(1, ROLE_SPECS[g.role].level)),
};

export type OrgAbilities = Record<'update' | 'createChild' | 'move' | 'deactivate' | 'reactivate', boolean> & {
  /** Roles the actor may grant on this node (empty when none). */
  grantableRoles: Role[];
};

export function orgAbilities(a: Actor, o: OrgRef): OrgAbilities {
  return {
    update: orgPolicy.update(a, o),
    createChild: orgPolicy.createChild(a, o),
    move: orgPolicy.move(a, o),
    deactivate: orgPolicy.deactivate(a, o),
    reactivate: orgPolicy.reactivate(a, o),
    grantableRoles: ROLES.filter((r) => orgPolicy.grantRole(a, o, r)),
  };
}

/**
 * Throws the right error for a refused action: "not found" when the actor may not even see the record, so that
 * the caller cannot tell a hidden record from a missing one; "forbidden" when they see it but may not act.
 */
export function authorize(allowed: boolean, visible: boolean): void {
  if (allowed) return;
  throw visible ? forbidden() : notFound();
}
