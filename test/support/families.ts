/** Builders for families and classes open for enrolment, through the real API where the flow matters. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.js';
import { careClasses, classEnrolment, classUnits, guardians } from '../../src/server/db/schema.js';
import { PRIVACY_NOTICE } from '../../src/server/modules/families/families.schema.js';
import type { Agent, TestApp } from './app.js';

let phoneSeq = 0;
export const PARENT_PASSWORD = 'Parent-Pass-2026';

/** Registers a guardian through the API (phone code and all) and signs them in. */
export async function registerParent(
  t: TestApp,
  employerOrgId: number,
  opts: { verifyWith?: Agent; familyInviteCode?: string; flags?: string[] } = {},
): Promise<{ agent: Agent; phone: string; userId: number }> {
  phoneSeq++;
  const phone = `139${String(Date.now() % 100000).padStart(5, '0')}${String(phoneSeq).padStart(3, '0')}`;
  const anon = t.anonymous();
  const sent = await anon.post('/api/parents/phone-code', { phone });
  if (sent.statusCode !== 200) throw new Error(`phone code: ${sent.body}`);
  const code = /(\d{6})/.exec(t.sender.lastTo(phone)?.text ?? '')?.[1];
  const r = await anon.post('/api/parents/register', {
    phone,
    code,
    password: PARENT_PASSWORD,
    displayName: `家长${phoneSeq}`,
    employerOrgId,
    privacyNoticeVersion: PRIVACY_NOTICE.version,
    ...(opts.familyInviteCode ? { familyInviteCode: opts.familyInviteCode } : {}),
  });
  if (r.statusCode !== 201) throw new Error(`register: ${r.body}`);
  const userId = r.json().userId as number;
  if (opts.verifyWith) {
    const v = await opts.verifyWith.post(`/api/guardians/${userId}/verify`, { decision: 'approve' });
    if (v.statusCode !== 200) throw new Error(`verify: ${v.body}`);
  }
  if (opts.flags)
    await t.database.db.update(guardians).set({ priorityFlags: opts.flags }).where(eq(guardians.userId, userId));
  return { agent: await t.agent(phone, PARENT_PASSWORD), phone, userId };
}

export async function addChild(parent: Agent, over: Record<string, unknown> = {}) {
  const r = await parent.post('/api/family/children', {
    name: '小明',
    gender: 'M',
    birthDate: '2017-03-07',
    grade: '3',
    consents: { privacyNoticeVersion: PRIVACY_NOTICE.version, health: true, photo: false },
    ...over,
  });
  if (r.statusCode !== 201) throw new Error(`child: ${r.body}`);
  return r.json() as { id: number };
}

/** A class of `orgId` in `campaignId`, already approved and open for enrolment (the lifecycle is tested elsewhere). */
export async function buildOpenClass(
  db: Db,
  o: {
    campaignId: number;
    orgId: number;
    capacity: number;
    startDate?: string;
    endDate?: string;
    feeAmount?: number;
    name?: string;
  },
) {
  const [c] = await db
    .insert(careClasses)
    .values({
      campaignId: o.campaignId,
      orgId: o.orgId,
      name: o.name ?? `开放托管班${Date.now() % 100000}`,
      mode: 'standalone',
      management: 'union',
      startDate: o.startDate ?? '2026-07-06',
      endDate: o.endDate ?? '2026-08-14',
      capacity: o.capacity,
      feeAmount: o.feeAmount ?? 0,
      status: 'open',
    })
    .returning();
  if (!c) throw new Error('class');
  await db.insert(classUnits).values({ classId: c.id, orgId: o.orgId, isOwner: true });
  // As opening a class does (classes.service transitionClass).
  await db.insert(classEnrolment).values({ classId: c.id }).onConflictDoNothing();
  return c;
}
