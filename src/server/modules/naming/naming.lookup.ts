/**
 * For other modules: is a class a named city-level demonstration class (命名 in force)? The rule lives once, in the
 * read layer (modules/stats/stats.named.ts), which the dashboard's target and the subsidies' supplement use too.
 */
import type { IsoDate } from '../../../domain/calendar/dates.js';
import type { Db } from '../../db/client.js';
import { namedDemonstrationClassIds } from '../stats/stats.named.js';

export async function isNamedDemonstrationClass(db: Db, classId: number, asOf?: IsoDate): Promise<boolean> {
  return (await namedDemonstrationClassIds(db, [classId], asOf)).has(classId);
}
