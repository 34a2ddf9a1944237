/**
 * Who may do what with attendance. The door (check-in/out, health acknowledgement): unit admins covering an owning
 * or co-owning unit of the class, and class staff / volunteers with a grant on such a unit. Parents never.
 * Corrections: the class head (roster role 'head' linked by user id) and unit admins, within the campaign's
 * correction window; after that only the district (or the city).
 *
 * The door rule has a second, SQL form (`doorSql`) for the fast path, which decides it in the same read that brings
 * the caller's session; test/api/door-policy.property.test.ts checks over random trees and grants that both agree.
 */
import { daysBetween } from '../../../domain/calendar/dates.js';
import type { Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { covering } from '../../auth/policy.js';
import type { ClassUnit } from '../classes/classes.repo.js';

export const DOOR_ROLES: readonly Role[] = ['unit_admin', 'class_staff', 'volunteer'];
const LATE_CORRECTORS: readonly Role[] = ['district_admin', 'city_admin'];

export const attendancePolicy = {
  /** Works the door of the class: a door-role grant covers one of its units. SQL form: `doorSql`. */
  door: (a: Actor, units: readonly ClassUnit[]) => units.some((u) => covering(a, u.path, DOOR_ROLES).length > 0),
  /**
   * 'yes' | 'window' (allowed only inside the window, and the day is outside it) | 'no'.
   * `isHead`: the actor is an active head on the class roster.
   */
  correct(
    a: Actor,
    units: readonly ClassUnit[],
    isHead: boolean,
    day: string,
    today: string,
    windowDays: number,
  ): 'yes' | 'window' | 'no' {
    if (units.some((u) => covering(a, u.path, LATE_CORRECTORS).length > 0)) return 'yes';
    const local = isHead || units.some((u) => covering(a, u.path, ['unit_admin']).length > 0);
    if (!local) return 'no';
    return daysBetween(day, today) <= windowDays ? 'yes' : 'window';
  },
  /** Unit admins (and above) of a unit that runs a class the child is enrolled in may revoke a pickup code. */
  revokeCode: (a: Actor, unitPaths: readonly string[]) =>
    unitPaths.some((p) => covering(a, p, ['unit_admin', 'district_admin', 'city_admin']).length > 0),
};

/**
 * `attendancePolicy.door` in SQL, over grants read in the same statement (the rows of `SESSION_SELECT`, whose
 * `grants` hold the session's grants on active organisations) rather than an Actor. Stated as `inScope` states a
 * subtree: a unit of the class lies under (`path LIKE root%`) the node of a grant with a door role. The fragments keep
 * the fast path's statement text as it is (attendance.fast.statements.ts); bind `roles` to DOOR_ROLES.
 */
export const doorSql = {
  /** One row, `roots`: the `path%` patterns of the door-role grants in relation `from` (a session row). */
  roots: (from: string, roles: string) => `SELECT coalesce(array_agg((x->>'orgPath') || '%'), '{}') AS roots
                             FROM ${from}, json_array_elements(${from}.grants) x WHERE x->>'role' = ANY(${roles}::text[])`,
  /** True when a unit of class `classId` lies under one of `roots` (a text[] expression). */
  worksDoorOf: (classId: string, roots: string) => `EXISTS (SELECT 1 FROM class_units cu
                WHERE cu.class_id = ${classId}
                  AND (SELECT o.path FROM organizations o WHERE o.id = cu.org_id)
                      LIKE ANY (${roots}::text[]))`,
};
