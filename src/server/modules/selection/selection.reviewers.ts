/**
 * The city's view of who may review what (评审专家与回避): every active reviewer in the campaign's tree with their
 * affiliations and, for each submitted application, whether the conflict rule (`hasConflict`) excludes them and why
 * in words; and every declared recusal with its reason. The same rule `assignReviewers` applies, read ahead of time
 * so the official sees the exclusions before assigning instead of after.
 */
import { and, eq, inArray, like } from 'drizzle-orm';
import { districtPrefix } from '../../../domain/selection/conflict.js';
import type { Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { Db } from '../../db/client.js';
import { organizations, roleGrants, users } from '../../db/schema.js';
import { selectionRecusals } from '../../db/tables/selection.js';
import { selectionPolicy } from './selection.policy.js';
import { type ApplicationRow, unsafeCampaignApplications } from './selection.repo.js';

type Campaign = { id: number; orgPath: string };

export interface Exclusion {
  applicationId: number;
  className: string;
  unitName: string;
  districtName: string;
  reason: { zh: string; en: string };
}

/** Why a reviewer with these affiliations may not review this application, or null when they may. */
export function exclusionOf(
  affiliations: readonly { orgPath: string; orgName: string }[],
  a: Pick<ApplicationRow, 'unitPath' | 'unitName' | 'districtName'>,
): { zh: string; en: string } | null {
  const own = affiliations.find((g) => g.orgPath === a.unitPath);
  if (own)
    return {
      zh: `本人在申报单位「${a.unitName}」任职，自动回避`,
      en: `Works at the applying unit ${a.unitName}; excluded automatically`,
    };
  const same = affiliations.find((g) => {
    const d = districtPrefix(g.orgPath);
    return d !== null && a.unitPath.startsWith(d);
  });
  if (!same) return null;
  // A role at the district itself, or at another unit of it.
  if (districtPrefix(same.orgPath) === same.orgPath)
    return {
      zh: `本人在「${same.orgName}」任职，申报单位在其辖下，自动回避`,
      en: `Holds a role at ${same.orgName}, which the applying unit belongs to; excluded automatically`,
    };
  return {
    zh: `本人在「${same.orgName}」任职，与申报单位同属「${a.districtName}」，自动回避`,
    en: `Holds a role at ${same.orgName}, in the applicant's district (${a.districtName}); excluded automatically`,
  };
}

export async function listReviewerCandidates(db: Db, actor: Actor, campaign: Campaign) {
  authorize(selectionPolicy.manage(actor, campaign), true);
  const reviewerRows = await db
    .selectDistinct({ id: users.id })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .innerJoin(organizations, eq(organizations.id, roleGrants.orgId))
    .where(
      and(eq(roleGrants.role, 'reviewer'), eq(users.active, true), like(organizations.path, `${campaign.orgPath}%`)),
    );
  const ids = reviewerRows.map((r) => r.id);
  const grants = ids.length
    ? await db
        .select({
          userId: roleGrants.userId,
          name: users.displayName,
          username: users.username,
          role: roleGrants.role,
          orgId: organizations.id,
          orgName: organizations.name,
          orgPath: organizations.path,
        })
        .from(roleGrants)
        .innerJoin(users, eq(users.id, roleGrants.userId))
        .innerJoin(organizations, eq(organizations.id, roleGrants.orgId))
        .where(inArray(roleGrants.userId, ids))
        .orderBy(users.displayName, users.id, organizations.path)
    : [];
  const apps = (await unsafeCampaignApplications(db, campaign.id)).filter((a) => a.status === 'submitted');
  const byUser = new Map<
    number,
    {
      id: number;
      name: string;
      username: string;
      affiliations: { orgId: number; orgName: string; orgPath: string; role: Role }[];
    }
  >();
  for (const g of grants) {
    const u = byUser.get(g.userId) ?? { id: g.userId, name: g.name, username: g.username, affiliations: [] };
    byUser.set(g.userId, u);
    u.affiliations.push({ orgId: g.orgId, orgName: g.orgName, orgPath: g.orgPath, role: g.role as Role });
  }
  const recusals = apps.length
    ? await db
        .select({
          applicationId: selectionRecusals.applicationId,
          reviewerId: selectionRecusals.reviewerId,
          reviewerName: users.displayName,
          reason: selectionRecusals.reason,
          at: selectionRecusals.at,
        })
        .from(selectionRecusals)
        .innerJoin(users, eq(users.id, selectionRecusals.reviewerId))
        .where(
          inArray(
            selectionRecusals.applicationId,
            apps.map((a) => a.id),
          ),
        )
        .orderBy(selectionRecusals.at)
    : [];
  const appById = new Map(apps.map((a) => [a.id, a]));
  return {
    items: [...byUser.values()].map((u) => ({
      id: u.id,
      name: u.name,
      username: u.username,
      affiliations: u.affiliations.map(({ orgId, orgName, role }) => ({ orgId, orgName, role })),
      excluded: apps.flatMap((a): Exclusion[] => {
        const reason = exclusionOf(u.affiliations, a);
        return reason
          ? [
              {
                applicationId: a.id,
                className: a.className,
                unitName: a.unitName,
                districtName: a.districtName,
                reason,
              },
            ]
          : [];
      }),
    })),
    recusals: recusals.map((r) => ({
      ...r,
      className: appById.get(r.applicationId)?.className ?? '',
      unitName: appById.get(r.applicationId)?.unitName ?? '',
    })),
  };
}
