/** A report's detail as the caller sees it: the campaign's reporting picture in their scope, then the presentation. */
import type { Actor } from '../../auth/actor.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { reportingWorld, slotKey } from './reports.expected.js';
import { presentDetail } from './reports.present.js';
import type { ReportRow } from './reports.repo.js';
import type { ReportDetailDto } from './reports.schema.js';

export async function reportDetail(db: Db, actor: Actor | null, r: ReportRow, now: Date): Promise<ReportDetailDto> {
  const world = await reportingWorld(db, r.campaignId, actor, now);
  const key = slotKey(r.orgId, r.type, r.period);
  const slot = world?.slots.find((s) => slotKey(s.org.id, s.period.type, s.period.period) === key);
  if (!world || !slot) throw new AppError('INTERNAL');
  return presentDetail(db, actor, world, slot, r);
}
