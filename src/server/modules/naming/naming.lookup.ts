/**
 * For other modules (the subsidies of issue 17): is a class a named city-level demonstration class (命名 in force:
 * decided on or before `asOf` and not revoked by then; without `asOf`, not revoked at all)? Unscoped by design: it
 * answers a yes/no about a class the caller already loaded in its own scope.
 */
import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar/dates.js';
import type { Db } from '../../db/client.js';
import { demonstrationNamings, demonstrationRevocations } from '../../db/tables/naming.js';

export async function isNamedDemonstrationClass(db: Db, classId: number, asOf?: IsoDate): Promise<boolean> {
  return (await namedDemonstrationClassIds(db, [classId], asOf)).has(classId);
}

/** Which of `classIds` are named demonstration classes in force. */
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
        inArray(demonstrationNamings.classId, [...classIds]),
        // In force on `asOf`: decided by then and not yet revoked (a later revocation does not reach back).
        asOf
          ? or(isNull(demonstrationRevocations.id), gt(demonstrationRevocations.revokedOn, asOf))
          : isNull(demonstrationRevocations.id),
        asOf ? lte(demonstrationNamings.decisionDate, asOf) : undefined,
      ),
    );
  return new Set(rows.map((r) => r.classId));
}
