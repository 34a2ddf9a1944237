/**
 * Who may do what to a care class: built from the lifecycle table (src/domain/classes/lifecycle.ts) and the
 * admin level the actor holds over the class's owning unit. Co-owners of a joint class see it; only the owner's
 * administrators (and those above) change it. The city and the district comment on anything they can see.
 */
import { EDITABLE, TRANSITIONS, type ClassAction, type ClassStatus } from '../../../domain/classes/lifecycle.js';
import type { Actor } from '../../auth/actor.js';
import { adminLevelOver, covering } from '../../auth/policy.js';
import type { ClassUnit } from './classes.repo.js';

export interface ClassRef {
  status: ClassStatus;
  units: ClassUnit[];
}

const ownerPath = (c: ClassRef) => c.units.find((u) => u.isOwner)?.path ?? '/nowhere/';

export const classPolicy = {
  read: (a: Actor, c: ClassRef) =>
    c.units.some(
      (u) =>
        covering(a, u.path, [
          'city_admin',
          'district_admin',
          'unit_admin',
          'inspector',
          'reviewer',
          'auditor',
          'class_staff',
          'volunteer',
        ]).length > 0,
    ),
  update: (a: Actor, c: ClassRef) => EDITABLE.includes(c.status) && adminLevelOver(a, ownerPath(c)) >= 1,
  transition: (a: Actor, c: ClassRef, action: ClassAction) => {
    const t = TRANSITIONS[action];
    return t.from.includes(c.status) && adminLevelOver(a, ownerPath(c)) >= t.level;
  },
  comment: (a: Actor, c: ClassRef) =>
    covering(a, ownerPath(c), ['city_admin', 'district_admin', 'inspector']).length > 0,
  manageStaff: (a: Actor, c: ClassRef) => c.status !== 'archived' && adminLevelOver(a, ownerPath(c)) >= 1,
  /** Written rules (安全管理制度, 应急预案, 值班表): kept by the owner's administrators until the class closes. */
  manageDocuments: (a: Actor, c: ClassRef) =>
    c.status !== 'closed' && c.status !== 'archived' && adminLevelOver(a, ownerPath(c)) >= 1,
};

export function classAbilities(a: Actor, c: ClassRef) {
  return {
    update: classPolicy.update(a, c),
    submit: classPolicy.transition(a, c, 'submit'),
    approve: classPolicy.transition(a, c, 'approve'),
    return: classPolicy.transition(a, c, 'return'),
    open: classPolicy.transition(a, c, 'open'),
    start: classPolicy.transition(a, c, 'start'),
    close: classPolicy.transition(a, c, 'close'),
    archive: classPolicy.transition(a, c, 'archive'),
    comment: classPolicy.comment(a, c),
    manageStaff: classPolicy.manageStaff(a, c),
    manageDocuments: classPolicy.manageDocuments(a, c),
  };
}
