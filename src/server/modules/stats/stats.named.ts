/**
 * The figure "named demonstration classes" (市级示范托管班, P-T3, `targets.demonstrationClasses`) of the read layer:
 * classes of the campaign the city named (命名, issue 17) on or before the day, less those revoked by then, among
 * the given units' classes (null: the whole campaign). Definition: docs/FIGURES.md, "Dashboard". Also which
 * classes are named, for the subsidies' demonstration supplement (the same rule, so the two never disagree).
 */
import { and, eq, gt, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar/dates.js';
import type { Db } from '../../db/client.js';
import { demonstrationNamings, demonstrationRevocations } from '../../db/tables/naming.js';
import { inIds, inUnits, type Units } from './stats.repo.js';

export async function namedDemonstrationClasses(
  db: Db,
  q: { campaignId: number; unitIds: Units | null; asOf: IsoDate },
): Promise<number> {
  if (Array.isArray(q.unitIds) && q.unitIds.length === 0) return 0;
  const conds: (SQL | undefined)[] = [
    eq(demonstrationNamings.campaignId, q.campaignId),
    lte(demonstrationNamings.decisionDate, q.asOf),
    or(isNull(demonstrationRevocations.id), gt(demonstrationRevocations.revokedOn, q.asOf)),
    // One array parameter, not one placeholder per unit; a city's dashboard names its units in SQL.
    q.unitIds ? inUnits(demonstrationNamings.unitId, q.unitIds) : undefined,
  ];
  const rows = await db
    .select({ id: demonstrationNamings.id })
    .from(demonstrationNamings)
    .leftJoin(demonstrationRevocations, eq(demonstrationRevocations.namingId, demonstrationNamings.id))
    .where(and(...conds));
  return rows.length;
}

/**
 * Which of `classIds` are named demonstration classes in force: decided on or before `asOf` and not revoked by then
 * (a later revocation does not reach back); without `asOf`, not revoked at all. Unscoped: the caller loaded the
 * classes in its own scope.
 */
export async function namedDemonstrationClassIds(
  db: Db,
  classIds: readonly number[],
  asOf?: IsoDate,
): Promise<Set<number>> {
  if (classIds.length === 0) return new Set();
  const rows = await db
    .select({ classId: demonstrationNamings.classId })
    .from(demonstrationNamings)
    .leftJoin(demonstrationRevocations, eq(demonstrationRevocations.namingId, demonstrationNamings.id))
    .where(
      and(
        inIds(demonstrationNamings.classId, classIds),
        asOf
          ? or(isNull(demonstrationRevocations.id), gt(demonstrationRevocations.revokedOn, asOf))
          : isNull(demonstrationRevocations.id),
        asOf ? lte(demonstrationNamings.decisionDate, asOf) : undefined,
      ),
    );
  return new Set(rows.map((r) => r.classId));
}
