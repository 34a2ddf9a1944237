/**
 * For other modules (the subsidies of issue 17): is a class a named city-level demonstration class (命名 in force,
 * not revoked, decided on or before `asOf` when given)? Unscoped by design: it answers a yes/no about a class the
 * caller already loaded in its own scope.
 */
import { and, eq, inArray, isNull, lte } from 'drizzle-orm';
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
        isNull(demonstrationRevocations.id),
        asOf ? lte(demonstrationNamings.decisionDate, asOf) : undefined,
      ),
    );
  return new Set(rows.map((r) => r.classId));
}
