/** The signed-in person's own places on class rosters (class_staff rows linked to their account). */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { careClasses, classStaff } from '../../db/schema.js';

/** A class's door is worked while it is open for enrolment or running. */
export const DOOR_STATUSES: readonly string[] = ['open', 'running'];

export async function myRoster(db: Db, userId: number) {
  return db
    .select({
      staffId: classStaff.id,
      classId: classStaff.classId,
      role: classStaff.role,
      className: careClasses.name,
      status: careClasses.status,
    })
    .from(classStaff)
    .innerJoin(careClasses, eq(careClasses.id, classStaff.classId))
    .where(and(eq(classStaff.userId, userId), eq(classStaff.active, true)))
    .orderBy(asc(classStaff.classId));
}
