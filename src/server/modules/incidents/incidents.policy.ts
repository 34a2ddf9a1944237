/**
 * Who may do what with an incident (应急处理). Class staff and volunteers reach a class through their grant on one
 * of its units (as in classes.policy.ts); administrators through the unit, its district or the city. Inspectors
 * in scope read and add notes. Minor incidents are closed by the unit (its admin or the class head); serious and
 * critical ones only by a district administrator covering the class (or the city), who alone reopens.
 */
import type { Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { adminLevelOver, covering } from '../../auth/policy.js';
import type { ClassUnit } from '../classes/classes.repo.js';
import type { IncidentSeverity } from './incidents.schema.js';

/** Roles that read incidents of classes in their subtree (the SQL scope uses the same list). */
export const INCIDENT_READERS: readonly Role[] = [
  'city_admin',
  'district_admin',
  'unit_admin',
  'class_staff',
  'volunteer',
  'inspector',
];
const REPORTERS: readonly Role[] = ['city_admin', 'district_admin', 'unit_admin', 'class_staff', 'volunteer'];
/** Who may see the children of a class by name: its administrators and the people who work in it. */
const CHILD_READERS: readonly Role[] = REPORTERS;

export interface IncidentClassRef {
  status: string;
  units: ClassUnit[];
  /** The actor is the class head on the class's staff roster. */
  actorIsHead: boolean;
}
export interface IncidentRef {
  severity: IncidentSeverity;
  status: 'open' | 'closed';
  childCount: number;
  guardianNotifiedAt: Date | null;
}

const ownerPath = (c: IncidentClassRef) => c.units.find((u) => u.isOwner)?.path ?? '/nowhere/';
const onClass = (a: Actor, c: IncidentClassRef, roles: readonly Role[]) =>
  c.units.some((u) => covering(a, u.path, roles).length > 0);

/** Statuses of a class in which something can happen to its children (closed: a late report). */
const REPORTABLE_CLASS = ['open', 'running', 'closed'];

export const incidentPolicy = {
  report: (a: Actor, c: IncidentClassRef) => REPORTABLE_CLASS.includes(c.status) && onClass(a, c, REPORTERS),
  seeChildren: (a: Actor, c: IncidentClassRef) => onClass(a, c, CHILD_READERS),
  addNote: (a: Actor, c: IncidentClassRef) => onClass(a, c, INCIDENT_READERS),
  update: (a: Actor, c: IncidentClassRef, i: IncidentRef) => i.status === 'open' && onClass(a, c, REPORTERS),
  /** May this actor ever close an incident of this severity (the guardian notice aside)? */
  closeLevel: (a: Actor, c: IncidentClassRef, i: IncidentRef) =>
    i.severity === 'minor'
      ? adminLevelOver(a, ownerPath(c)) >= 1 || c.actorIsHead
      : adminLevelOver(a, ownerPath(c)) >= 2,
  reopen: (a: Actor, c: IncidentClassRef, i: IncidentRef) =>
    i.status === 'closed' && adminLevelOver(a, ownerPath(c)) >= 2,
};

/** Why this incident cannot be closed by anyone now, or null. */
export function closeBlocker(i: IncidentRef): { zh: string; en: string } | null {
  if (i.status !== 'open') return { zh: '事件已结案', en: 'The incident is already closed' };
  if (i.childCount > 0 && !i.guardianNotifiedAt)
    return {
      zh: '涉及儿童的事件须先登记监护人通知情况（通知人、通知时间）才能结案',
      en: 'Record who notified the guardians and when before closing an incident involving children',
    };
  return null;
}

/** Why this actor may not close an incident of this severity, or null. */
export function closeRefusal(a: Actor, c: IncidentClassRef, i: IncidentRef): { zh: string; en: string } | null {
  if (incidentPolicy.closeLevel(a, c, i)) return null;
  return i.severity === 'minor'
    ? {
        zh: '一般事件由单位管理员或班主任结案',
        en: 'A minor incident is closed by the unit administrator or the class head',
      }
    : {
        zh: '较重及严重事件须由所属区县（产业）工会管理员结案',
        en: 'Serious and critical incidents are closed by the district administrator',
      };
}

export function incidentAbilities(a: Actor, c: IncidentClassRef, i: IncidentRef, lang: 'zh-CN' | 'en') {
  const blocker = closeBlocker(i);
  const mayClose = incidentPolicy.closeLevel(a, c, i);
  const reason = mayClose && blocker && i.status === 'open' ? (lang === 'en' ? blocker.en : blocker.zh) : null;
  return {
    addNote: incidentPolicy.addNote(a, c),
    update: incidentPolicy.update(a, c, i),
    recordGuardian: incidentPolicy.update(a, c, i),
    close: mayClose && !blocker,
    reopen: incidentPolicy.reopen(a, c, i),
    closeBlockedReason: reason,
  };
}
