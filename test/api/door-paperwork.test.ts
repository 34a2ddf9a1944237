/**
 * Paperwork before care (P-R7): a child whose custody agreement is unsigned or whose insurance proof is not approved
 * (missing, pending, rejected, not covering the day) is not checked in. The door refuses with PAPERWORK_MISSING and
 * says what is missing, the door list marks the child before anyone taps, the guardian hears once per child and day
 * what to do, staff check the child in as soon as it is done, an offline queue's check-in is refused when it syncs;
 * and the engine fails `agreement.custody` / `insurance.guardianBought` for every day a child attended without.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '../../src/domain/calendar/dates.js';
import {
  agreementSignatures,
  agreementTexts,
  attendanceDays,
  attendanceEvents,
  insuranceProofs,
  notifications,
  ruleVerdicts,
} from '../../src/server/db/schema.js';
import { reevaluateRunning } from '../../src/server/modules/compliance/compliance.service.js';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';

type Kid = RunningClass['children'][number];

describe('paperwork before care (P-R7)', () => {
  let t: TestApp;
  let rc: RunningClass;
  let door: Agent;
  let textId: number;
  let today: string;

  const tap = (kid: Kid, clientId = randomUUID()) =>
    door.post('/api/attendance/events', {
      deviceId: 'door-1',
      events: [
        { clientId, classId: rc.classId, childId: kid.id, kind: 'check_in', occurredAt: t.clock.now.toISOString() },
      ],
    });
  const sign = (kid: Kid, at = t.clock.now) =>
    t.database.db.insert(agreementSignatures).values({
      enrolmentId: kid.enrolmentId,
      agreementTextId: textId,
      signerUserId: kid.guardianUserId,
      typedName: '家长',
      textSha256: 'x'.repeat(64),
      signedAt: at,
    });
  const insure = async (kid: Kid, status: string, start = rc.startDate, end = rc.endDate) => {
    const [p] = await t.database.db
      .insert(insuranceProofs)
      .values({
        enrolmentId: kid.enrolmentId,
        insurer: '测试保险',
        policyNo: `P${kid.enrolmentId}`,
        periodStart: start,
        periodEnd: end,
        uploadedBy: kid.guardianUserId,
        uploadedAt: t.clock.now,
        status,
        reviewedAt: status === 'pending' ? null : t.clock.now,
      })
      .returning();
    return p?.id as number;
  };
  const notices = (kid: Kid) =>
    t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, kid.guardianUserId), eq(notifications.kind, 'attendance.paperwork_missing')));
  const doorChild = async (kid: Kid) =>
    (await door.get(`/api/classes/${rc.classId}/door`))
      .json()
      .children.find((c: { childId: number }) => c.childId === kid.id);
  const kid = (i: number) => rc.children[i] as Kid;

  beforeAll(async () => {
    t = await createTestApp();
    rc = await buildRunningClass(t, { children: 5, paperwork: false });
    door = rc.head.agent;
    today = todayInChina(t.clock.now);
    const [text] = await t.database.db
      .insert(agreementTexts)
      .values({
        orgId: rc.unitId,
        version: 1,
        title: '托管协议',
        body: '正文',
        sha256: 'x'.repeat(64),
        publishedAt: t.clock.now,
      })
      .returning();
    textId = text?.id as number;
  });
  afterAll(() => t.close());

  it('the door list says what is missing before anyone taps', async () => {
    await sign(kid(1));
    await insure(kid(2), 'confirmed');
    await sign(kid(3));
    await insure(kid(3), 'confirmed');
    expect((await doorChild(kid(0))).paperworkMissing).toEqual(['agreement', 'insurance']);
    expect((await doorChild(kid(1))).paperworkMissing).toEqual(['insurance']);
    expect((await doorChild(kid(2))).paperworkMissing).toEqual(['agreement']);
    expect((await doorChild(kid(3))).paperworkMissing).toEqual([]);
  });

  it('refuses the check-in with PAPERWORK_MISSING, saying exactly what is missing (zh and en); nothing is written', async () => {
    const r = await tap(kid(0));
    expect(r.statusCode).toBe(200);
    const [res] = r.json().results;
    expect(res).toMatchObject({ outcome: 'refused', code: 'PAPERWORK_MISSING', missing: ['agreement', 'insurance'] });
    expect(res.message).toContain('未签署托管协议；保险凭证未审核通过');
    const [day] = await t.database.db
      .select()
      .from(attendanceDays)
      .where(and(eq(attendanceDays.classId, rc.classId), eq(attendanceDays.childId, kid(0).id)));
    expect(day?.status ?? 'expected').toBe('expected');
    const evs = await t.database.db
      .select()
      .from(attendanceEvents)
      .where(eq(attendanceEvents.childId, kid(0).id));
    expect(evs).toEqual([]);

    door.lang = 'en';
    const en = (await tap(kid(1))).json().results[0];
    door.lang = 'zh-CN';
    expect(en).toMatchObject({ outcome: 'refused', code: 'PAPERWORK_MISSING', missing: ['insurance'] });
    expect(en.message).toContain('no approved insurance proof covers the day');
    expect(en.message).not.toContain('custody');
  });

  it('tells the guardian at once what to do on their phone, once per child and day however often the door taps', async () => {
    await tap(kid(0));
    await tap(kid(0));
    const mine = await notices(kid(0));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ severity: 'warning', link: `/m/#/enrolments/${kid(0).enrolmentId}` });
    expect(mine[0]?.body).toContain('未签署托管协议；保险凭证未审核通过');
    expect(mine[0]?.body).toContain('签署托管协议');
    expect(mine[0]?.body).toContain('上传保险凭证');
    expect(mine[0]?.data).toMatchObject({ childId: kid(0).id, day: today, missing: ['agreement', 'insurance'] });
    // Only the insurance: the link goes straight to it.
    expect((await notices(kid(1)))[0]?.link).toBe(`/m/#/enrolments/${kid(1).enrolmentId}/insurance`);
    // The next day the guardian is told again.
    t.clock.advance(86_400_000);
    try {
      door = await rc.head.login();
      await tap(kid(0));
      expect(await notices(kid(0))).toHaveLength(2);
    } finally {
      t.clock.advance(-86_400_000);
      door = await rc.head.login();
    }
  });

  it('a pending, rejected or out-of-date proof is not approved; staff check the child in as soon as it is done', async () => {
    const k = kid(2); // insurance confirmed, agreement not signed
    expect((await tap(k)).json().results[0]).toMatchObject({ code: 'PAPERWORK_MISSING', missing: ['agreement'] });
    await sign(k);
    expect((await tap(k)).json().results[0]).toMatchObject({ outcome: 'applied' });
    expect((await doorChild(k)).status).toBe('present');

    const j = kid(1); // signed, no proof yet
    await insure(j, 'pending');
    expect((await tap(j)).json().results[0]).toMatchObject({ code: 'PAPERWORK_MISSING', missing: ['insurance'] });
    await insure(j, 'rejected');
    expect((await tap(j)).json().results[0]).toMatchObject({ code: 'PAPERWORK_MISSING' });
    await insure(j, 'confirmed', rc.startDate, addDays(today, -1)); // ended yesterday
    expect((await tap(j)).json().results[0]).toMatchObject({ code: 'PAPERWORK_MISSING', missing: ['insurance'] });
    expect((await doorChild(j)).paperworkMissing).toEqual(['insurance']);
    await insure(j, 'confirmed');
    expect((await doorChild(j)).paperworkMissing).toEqual([]);
    expect((await tap(j)).json().results[0]).toMatchObject({ outcome: 'applied' });
  });

  it('an offline queue: the check-in of a child without paperwork is refused when it syncs, the others apply', async () => {
    const at = new Date(t.clock.now.getTime() - 20 * 60_000).toISOString();
    const queued = [kid(3), kid(4)].map((k) => ({
      clientId: randomUUID(),
      classId: rc.classId,
      childId: k.id,
      kind: 'check_in',
      occurredAt: at,
    }));
    const r = await door.post('/api/attendance/events', { deviceId: 'door-2', events: queued });
    expect(r.statusCode).toBe(200);
    const [ok, refused] = r.json().results;
    expect(ok).toMatchObject({ outcome: 'applied' });
    expect(refused).toMatchObject({
      outcome: 'refused',
      code: 'PAPERWORK_MISSING',
      missing: ['agreement', 'insurance'],
    });
    expect(refused.message).toContain('未签署托管协议；保险凭证未审核通过');
    // The same queue sent again: the applied one replays, the refused one is refused again (and not told twice).
    const again = (await door.post('/api/attendance/events', { deviceId: 'door-2', events: queued })).json().results;
    expect(again.map((x: { outcome: string }) => x.outcome)).toEqual(['replayed', 'refused']);
    expect(await notices(kid(4))).toHaveLength(1);
  });

  it('the engine fails custody and insurance for every day a child attended without them, naming children and days', async () => {
    // Two days in the room without paperwork (as before this rule: recorded straight in the day rows).
    const yesterday = addDays(today, -1);
    for (const day of [yesterday, today])
      await t.database.db
        .insert(attendanceDays)
        .values({ classId: rc.classId, childId: kid(4).id, day, status: 'left', updatedAt: t.clock.now })
        .onConflictDoUpdate({
          target: [attendanceDays.classId, attendanceDays.childId, attendanceDays.day],
          set: { status: 'left' },
        });
    await reevaluateRunning(t.database.db, t.clock.now);
    const verdict = async () => {
      const [v] = await t.database.db
        .select()
        .from(ruleVerdicts)
        .where(eq(ruleVerdicts.classId, rc.classId))
        .orderBy(desc(ruleVerdicts.id))
        .limit(1);
      const rules = (v?.results ?? []) as {
        id: string;
        status: string;
        message: { zh: string };
        facts: Record<string, unknown>;
      }[];
      return Object.fromEntries(rules.map((r) => [r.id, r]));
    };
    const v = await verdict();
    for (const id of ['agreement.custody', 'insurance.guardianBought']) {
      expect(v[id]?.status, id).toBe('fail');
      expect(v[id]?.facts.attendedWithout).toEqual([
        { id: String(kid(4).enrolmentId), name: kid(4).name, days: [yesterday, today] },
      ]);
      expect(v[id]?.message.zh).toContain(kid(4).name);
    }

    // Signed and insured only today: yesterday still counts against the class.
    await sign(kid(4));
    await insure(kid(4), 'confirmed');
    await sign(kid(0));
    await insure(kid(0), 'confirmed');
    await reevaluateRunning(t.database.db, t.clock.now);
    const after = await verdict();
    expect(after['agreement.custody']?.facts.attendedWithout).toEqual([
      { id: String(kid(4).enrolmentId), name: kid(4).name, days: [yesterday] },
    ]);
    expect(after['agreement.custody']?.status).toBe('fail');
  });
});
