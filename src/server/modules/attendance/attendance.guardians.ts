/**
 * The registered guardians of children at the door: a guardian of the child's family may always pick the child up,
 * whether or not they are on the pickup list (the list is for other adults). The door shows them next to the
 * pickup adults; a check-out names them by user id (`pickupGuardianId`) and the event keeps their name in `data`.
 */
import { eq, inArray } from 'drizzle-orm';
import type { DoorEventData } from '../../../domain/attendance/door-time.js';
import type { CorrectionSet } from '../../../domain/attendance/projection.js';
import type { Db } from '../../db/client.js';
import { guardians, users } from '../../db/schema.js';
import type { DayRow } from './attendance.repo.js';

export interface DoorGuardian {
  userId: number;
  name: string;
}

/** Guardians per family. */
export async function guardiansOf(db: Db, familyIds: number[]): Promise<Map<number, DoorGuardian[]>> {
  const out = new Map<number, DoorGuardian[]>();
  if (!familyIds.length) return out;
  const rows = await db
    .select({ familyId: guardians.familyId, userId: guardians.userId, name: users.displayName })
    .from(guardians)
    .innerJoin(users, eq(users.id, guardians.userId))
    .where(inArray(guardians.familyId, [...new Set(familyIds)]))
    .orderBy(guardians.userId);
  for (const r of rows) out.set(r.familyId, [...(out.get(r.familyId) ?? []), { userId: r.userId, name: r.name }]);
  return out;
}

/**
 * attendance_events.data is typed for corrections in the Drizzle schema; door events keep their own facts there
 * (`DoorEventData`: an outside-hours confirmation, the guardian who picked up). The projection reads `data` of
 * corrections only.
 */
export const doorEventData = (d: DoorEventData): CorrectionSet => d as unknown as CorrectionSet;

/** The guardian who took the child on this day, when the check-out named a guardian rather than a listed adult. */
export function guardianPickupOf(row: DayRow | undefined): string | null {
  if (!row?.checkOutEventId || row.pickupAdultId) return null;
  const ev = row.events.find((e) => e.id === row.checkOutEventId);
  const data = (ev?.data ?? null) as DoorEventData | null;
  return data?.guardian?.name ?? null;
}
