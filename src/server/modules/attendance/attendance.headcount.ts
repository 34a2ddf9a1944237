/**
 * A public read of the door's list for other modules (supervision's head count, 现场点名): how many children of a
 * class the door had on site at a moment — checked in by then and not yet checked out.
 */
import { and, count, eq, gt, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { attendanceDays } from '../../db/schema.js';

export async function presentAt(db: Db, classId: number, day: string, at: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(attendanceDays)
    .where(
      and(
        eq(attendanceDays.classId, classId),
        eq(attendanceDays.day, day),
        isNotNull(attendanceDays.checkInAt),
        lte(attendanceDays.checkInAt, at),
        or(isNull(attendanceDays.checkOutAt), gt(attendanceDays.checkOutAt, at)),
      ),
    );
  return row?.n ?? 0;
}
