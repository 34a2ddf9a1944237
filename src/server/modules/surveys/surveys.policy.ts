/**
 * Who may do what with a needs survey, deny by default, from the engine's `covering` predicate (a grant covers its
 * node's subtree).
 * - read a survey and its results: the readers of organisations (administrators, inspectors, reviewers, auditors)
 *   over the opener or over one of the survey's units — a unit's administrator sees the city's survey, but only
 *   their own unit's link and answers (the results are computed over the units in the caller's scope);
 * - open: an administrator of the opening organisation (city, district/industry union, or a unit for itself);
 * - change or close: an administrator over the opener, while it is open;
 * - a unit's link (token, QR code, a new token): an administrator over that unit.
 */
import { ADMIN_ROLES, type Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { covering } from '../../auth/policy.js';

export const SURVEY_READERS: readonly Role[] = [...ADMIN_ROLES, 'inspector', 'reviewer', 'auditor'];

export interface SurveyRef {
  orgPath: string;
  open: boolean;
}

const administers = (a: Actor, path: string) => covering(a, path, ADMIN_ROLES).length > 0;

export const surveyPolicy = {
  open: (a: Actor, org: { path: string; active: boolean }) => org.active && administers(a, org.path),
  update: (a: Actor, s: SurveyRef) => s.open && administers(a, s.orgPath),
  close: (a: Actor, s: SurveyRef) => s.open && administers(a, s.orgPath),
  linkToken: (a: Actor, link: { orgPath: string }) => administers(a, link.orgPath),
  reissue: (a: Actor, s: SurveyRef, link: { orgPath: string }) => s.open && administers(a, link.orgPath),
};

export const surveyAbilities = (a: Actor, s: SurveyRef) => ({
  update: surveyPolicy.update(a, s),
  close: surveyPolicy.close(a, s),
});
