/**
 * Builders for the reports suites: a campaign (the 2021 template rolled to 2026: plan due 04-20, preparation 05-20,
 * monthly June–September, summary 08-30) and classes written straight to the database, so that a unit takes part.
 */
import { buildCampaign, mergeOver, rollCampaignToYear, TEMPLATE_2021 } from '../../src/domain/campaign/index.js';
import type { Db } from '../../src/server/db/client.js';
import { campaigns, careClasses, classUnits } from '../../src/server/db/schema.js';

let seq = 0;

export async function buildReportingCampaign(db: Db, rootId: number, now: Date, over: Record<string, unknown> = {}) {
  seq++;
  const tag = `${seq}_${Math.floor(Math.random() * 1e6)}`;
  const built = buildCampaign(
    mergeOver(rollCampaignToYear(TEMPLATE_2021, 2026), { name: `报送测试项目${tag}`, ...over }),
  );
  if (!built.ok) throw new Error(`campaign: ${JSON.stringify(built.errors)}`);
  const [camp] = await db
    .insert(campaigns)
    .values({
      orgId: rootId,
      name: built.campaign.name,
      year: 2026,
      holidayType: built.campaign.holidayType,
      status: 'active',
      params: built.campaign,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!camp) throw new Error('campaign');
  return camp;
}

export async function buildClassFor(
  db: Db,
  o: { campaignId: number; unitId: number; status?: string; capacity?: number; now: Date; name?: string },
) {
  seq++;
  const [cls] = await db
    .insert(careClasses)
    .values({
      campaignId: o.campaignId,
      orgId: o.unitId,
      name: o.name ?? `报送测试班${seq}`,
      mode: 'standalone',
      management: 'union',
      startDate: '2026-07-06',
      endDate: '2026-08-14',
      dailyStart: '08:00',
      dailyEnd: '17:30',
      capacity: o.capacity ?? 30,
      status: o.status ?? 'approved',
      createdAt: o.now,
      updatedAt: o.now,
    })
    .returning();
  if (!cls) throw new Error('class');
  await db.insert(classUnits).values({ classId: cls.id, orgId: o.unitId, isOwner: true });
  return cls;
}
