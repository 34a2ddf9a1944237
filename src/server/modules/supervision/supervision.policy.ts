/**
 * Who may do what in supervision (督导, 整改, 推进会, 先进经验). Built from `covering` over the class's owning unit;
 * anything not listed is refused.
 * - Supervisors (city and district admins, inspectors) over the unit see its visits, items and cases.
 * - The unit's own people (unit admin, class staff, volunteers) see its announced visits, and an unannounced one
 *   only once it is done: an unannounced visit is not told in advance (the SQL form is `visitVisibleSql`).
 * - Planning and cancelling a visit: city and district admins over the unit.
 * - Doing a visit (submitting its checklist): one of its inspectors.
 * - Responding to an item: the responsible unit's admin (or an admin above, standing in for it).
 * - Verifying (close or send back): inspectors and city/district admins over the unit.
 * - Meetings: the city (city admin over the campaign's organiser) schedules and records them.
 * - Cases: marked by inspectors and district/city admins over the class; published by the city.
 */
import type { Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { adminLevelOver, covering } from '../../auth/policy.js';

export const SUPERVISORS: readonly Role[] = ['city_admin', 'district_admin', 'inspector'];
export const PLANNERS: readonly Role[] = ['city_admin', 'district_admin'];
export const UNIT_PEOPLE: readonly Role[] = ['unit_admin', 'class_staff', 'volunteer'];
/** Everyone who may see some supervision record (for the console's menu). */
export const SUPERVISION_READERS: readonly Role[] = [...SUPERVISORS, 'unit_admin', 'class_staff', 'volunteer'];

export interface VisitRef {
  orgPath: string;
  kind: string;
  status: string;
  inspectorIds: number[];
}

export interface ItemRef {
  orgPath: string;
  status: string;
}

export interface CaseRef {
  orgPath: string;
  published: boolean;
}

const supervises = (a: Actor, path: string) => covering(a, path, SUPERVISORS).length > 0;
const plans = (a: Actor, path: string) => covering(a, path, PLANNERS).length > 0;

export const visitPolicy = {
  read: (a: Actor, v: VisitRef) =>
    supervises(a, v.orgPath) ||
    (covering(a, v.orgPath, UNIT_PEOPLE).length > 0 && (v.kind === 'announced' || v.status === 'done')),
  plan: (a: Actor, unitPath: string) => plans(a, unitPath),
  cancel: (a: Actor, v: VisitRef) => v.status === 'planned' && plans(a, v.orgPath),
  perform: (a: Actor, v: VisitRef) => v.status === 'planned' && v.inspectorIds.includes(a.userId),
  /** Photos go with the visit while it is being done (before the submission) and by its inspectors only. */
  upload: (a: Actor, v: VisitRef) => v.status !== 'cancelled' && v.inspectorIds.includes(a.userId),
};

export const itemPolicy = {
  read: (a: Actor, i: ItemRef) => supervises(a, i.orgPath) || covering(a, i.orgPath, UNIT_PEOPLE).length > 0,
  respond: (a: Actor, i: ItemRef) => i.status === 'open' && adminLevelOver(a, i.orgPath) >= 1,
  verify: (a: Actor, i: ItemRef) => i.status === 'responded' && supervises(a, i.orgPath),
};

export const meetingPolicy = {
  manage: (a: Actor, organiserPath: string) => covering(a, organiserPath, ['city_admin']).length > 0,
};

export const casePolicy = {
  read: (a: Actor, c: CaseRef) => supervises(a, c.orgPath) || adminLevelOver(a, c.orgPath) >= 1,
  create: (a: Actor, classPath: string) => supervises(a, classPath),
  /** The city curates: publish or withdraw. */
  publish: (a: Actor, c: CaseRef) => covering(a, c.orgPath, ['city_admin']).length > 0,
};

export function visitAbilities(a: Actor, v: VisitRef) {
  return { cancel: visitPolicy.cancel(a, v), perform: visitPolicy.perform(a, v), upload: visitPolicy.upload(a, v) };
}

export function itemAbilities(a: Actor, i: ItemRef) {
  return { respond: itemPolicy.respond(a, i), verify: itemPolicy.verify(a, i) };
}

export function caseAbilities(a: Actor, c: CaseRef) {
  return { publish: casePolicy.publish(a, c) && !c.published, unpublish: casePolicy.publish(a, c) && c.published };
}
