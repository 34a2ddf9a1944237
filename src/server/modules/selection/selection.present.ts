/** Application DTOs and the list/candidates reads behind the routes. */
import { and, eq, notExists, sql } from 'drizzle-orm';
import { ADMIN_ROLES } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import { careClasses, classUnits, organizations } from '../../db/schema.js';
import { selectionApplications } from '../../db/tables/selection.js';
import { applicationAbilities } from './selection.policy.js';
import type { ApplicationRow } from './selection.repo.js';
import { quotaFor, type SelectionSettings } from './selection.settings.js';

export function presentApplication(actor: Actor, a: ApplicationRow) {
  return {
    id: a.id,
    campaignId: a.campaignId,
    classId: a.classId,
    className: a.className,
    classStatus: a.classStatus,
    unitId: a.orgId,
    unitName: a.unitName,
    districtId: a.districtId,
    districtName: a.districtName,
    reportId: a.reportId,
    status: a.status,
    practices: a.practices,
    outcomes: a.outcomes,
    photoIds: a.photoIds,
    videoLinks: a.videoLinks,
    submittedAt: a.submittedAt,
    recommended: a.recommended,
    version: a.version,
    abilities: applicationAbilities(actor, a),
  };
}

/** Quota use per district among the listed applications. */
export function quotaUse(s: SelectionSettings, rows: ApplicationRow[]) {
  const by = new Map<number, { districtId: number; districtName: string; quota: number; used: number }>();
  for (const a of rows) {
    const q = by.get(a.districtId) ?? {
      districtId: a.districtId,
      districtName: a.districtName,
      quota: quotaFor(s, a.districtId),
      used: 0,
    };
    by.set(a.districtId, q);
    if (a.recommended && a.status === 'submitted') q.used += 1;
  }
  return [...by.values()];
}

/** Classes of the campaign the actor's units lead that have not applied yet. */
export async function candidateClasses(db: Db, actor: Actor, campaignId: number) {
  return db
    .select({ id: careClasses.id, name: careClasses.name, status: careClasses.status, unitName: organizations.name })
    .from(careClasses)
    .innerJoin(classUnits, and(eq(classUnits.classId, careClasses.id), eq(classUnits.isOwner, true)))
    .innerJoin(organizations, eq(organizations.id, classUnits.orgId))
    .where(
      and(
        eq(careClasses.campaignId, campaignId),
        inScope(organizations.path, actor, ADMIN_ROLES),
        sql`${careClasses.status} IN ('running', 'closed', 'archived')`,
        notExists(
          db
            .select({ one: sql`1` })
            .from(selectionApplications)
            .where(eq(selectionApplications.classId, careClasses.id)),
        ),
      ),
    )
    .orderBy(organizations.path, careClasses.id)
    .limit(200);
}
