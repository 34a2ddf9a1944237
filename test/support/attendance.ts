/**
 * A class running today, for the day-by-day suites (attendance, daily records, incidents): a district with a unit,
 * a campaign, the class in status 'running' with `t.clock`'s date inside its dates, n children enrolled (accepted,
 * with the custody agreement signed and an approved insurance proof covering the class, which the door requires —
 * `paperwork: false` leaves them out) each with a verified guardian who can sign in, one allowed pickup
 * adult and optionally a not-allowed one, a unit admin, a district admin and a class head (class_staff grant on the
 * unit, on the class roster as 'head' linked by user id). Written straight to the database for speed.
 */
import { desc, eq } from 'drizzle-orm';
import { addDays, todayInChina } from '../../src/domain/calendar/dates.js';
import {
  buildCampaign,
  type Campaign,
  TEMPLATE_2021,
  rollCampaignToYear,
  mergeOver,
} from '../../src/domain/campaign/index.js';
import { hashPassword } from '../../src/server/auth/passwords.js';
import {
  agreementSignatures,
  agreementTexts,
  campaigns,
  careClasses,
  children,
  classStaff,
  classUnits,
  consents,
  enrolments,
  families,
  guardians,
  insuranceProofs,
  organizations,
  pickupAdults,
  roleGrants,
  users,
} from '../../src/server/db/schema.js';
import type { Agent, TestApp } from './app.js';
import { buildOrg, buildUser, PASSWORD } from './factories.js';

const SURNAMES = ['张', '李', '王', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
const GIVEN = ['小明', '小红', '晓东', '子涵', '雨桐', '浩然', '一诺', '欣怡', '梓萱', '宇轩', '思远', '嘉怡'];

let seq = 0;
let hashed: Promise<string> | null = null;

export interface RunningChild {
  id: number;
  name: string;
  familyId: number;
  enrolmentId: number;
  guardianUserId: number;
  guardianUsername: string;
  /** The allowed pickup adult (the guardian's chosen grandparent, say). */
  allowedAdultId: number;
  allowedAdultName: string;
  /** A not-allowed adult, when `notAllowed` was asked for. */
  notAllowedAdultId: number | null;
}

export interface Person {
  userId: number;
  username: string;
  displayName: string;
  /** Signs in afresh (after a clock jump sessions idle out). */
  login(): Promise<Agent>;
}

export interface RunningClass {
  classId: number;
  className: string;
  unitId: number;
  unitName: string;
  districtId: number;
  campaignId: number;
  startDate: string;
  endDate: string;
  children: RunningChild[];
  unitAdmin: Person & { agent: Agent };
  head: Person & { agent: Agent; staffId: number };
  districtAdmin: Person;
  /** A class_staff member of the unit who is NOT on this class's roster as head. */
  otherStaff: Person;
  guardian(i: number): Person;
}

export interface RunningClassOptions {
  children: number;
  /** Give every child a not-allowed adult too (default true). */
  notAllowed?: boolean;
  /** Dates default to today … today + 27 (China time of t.clock). */
  startDate?: string;
  endDate?: string;
  dailyStart?: string;
  dailyEnd?: string;
  closedDates?: string[];
  /** Campaign parameters over the 2021 template rolled to 2026 (e.g. `{ daily: { correctionWindowDays: 1 } }`). */
  campaign?: Record<string, unknown>;
  /** Reuse an existing unit instead of making a district + unit. */
  unit?: { unitId: number; districtId: number };
  /** Health consent and allergies for the first child (default true). */
  healthNotes?: boolean;
  /**
   * Agreement signed and insurance confirmed for every child (default true): the door checks in only children with
   * both (P-R7), and the policy engine counts them as enrolled (the attendance rate). Signed as of the class's first
   * day when that is earlier than now, so that days caught up by corrections are covered too.
   */
  paperwork?: boolean;
}

function person(t: TestApp, u: { id: number; username: string; displayName: string }): Person {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    login: () => t.agent(u.username, PASSWORD),
  };
}

export async function buildRunningClass(t: TestApp, o: RunningClassOptions): Promise<RunningClass> {
  const db = t.database.db;
  const now = t.clock.now;
  seq++;
  const tag = `${seq}_${Math.floor(Math.random() * 1e6)}`;
  const today = todayInChina(now);
  const startDate = o.startDate ?? today;
  const endDate = o.endDate ?? addDays(startDate, 27);

  let districtId: number;
  let unitId: number;
  if (o.unit) {
    districtId = o.unit.districtId;
    unitId = o.unit.unitId;
  } else {
    districtId = (await buildOrg(db, { parentId: t.rootId })).id;
    unitId = (await buildOrg(db, { parentId: districtId, name: `托管测试单位${tag}` })).id;
  }
  const [unitRow] = await db.select().from(organizations).where(eq(organizations.id, unitId));
  const unitName = unitRow?.name ?? '';

  const built = buildCampaign(mergeOver(rollCampaignToYear(TEMPLATE_2021, 2026), { name: `出勤测试项目${tag}` }));
  if (!built.ok) throw new Error(`campaign: ${JSON.stringify(built.errors)}`);
  const params = mergeOver(built.campaign, o.campaign ?? {}) as Campaign;
  const [camp] = await db
    .insert(campaigns)
    .values({
      orgId: t.rootId,
      name: params.name,
      year: 2026,
      holidayType: params.holidayType,
      status: 'active',
      params,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!camp) throw new Error('campaign');

  const className = `出勤测试班${tag}`;
  const [cls] = await db
    .insert(careClasses)
    .values({
      campaignId: camp.id,
      orgId: unitId,
      name: className,
      mode: 'standalone',
      management: 'union',
      startDate,
      endDate,
      closedDates: o.closedDates ?? [],
      dailyStart: o.dailyStart ?? '08:00',
      dailyEnd: o.dailyEnd ?? '17:30',
      capacity: Math.max(o.children, 1) + 10,
      status: 'running',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!cls) throw new Error('class');
  await db.insert(classUnits).values({ classId: cls.id, orgId: unitId, isOwner: true });

  const unitAdminRow = await buildUser(db, { role: 'unit_admin', orgId: unitId });
  const headRow = await buildUser(db, { role: 'class_staff', orgId: unitId });
  const otherStaffRow = await buildUser(db, { role: 'class_staff', orgId: unitId });
  const districtRow = await buildUser(db, { role: 'district_admin', orgId: districtId });
  const [staff] = await db
    .insert(classStaff)
    .values({ classId: cls.id, userId: headRow.id, name: headRow.displayName, role: 'head', active: true })
    .returning();
  if (!staff) throw new Error('staff');

  // The unit's agreement (a reused unit already has one: its latest version is the one to sign).
  const [existing] =
    o.paperwork === false
      ? []
      : await db
          .select()
          .from(agreementTexts)
          .where(eq(agreementTexts.orgId, unitId))
          .orderBy(desc(agreementTexts.version))
          .limit(1);
  const text =
    o.paperwork === false
      ? undefined
      : (existing ??
        (
          await db
            .insert(agreementTexts)
            .values({
              orgId: unitId,
              version: 1,
              title: '托管协议',
              body: '协议正文',
              sha256: 'x'.repeat(64),
              publishedAt: now,
            })
            .returning()
        )[0]);
  hashed ??= hashPassword(PASSWORD);
  const passwordHash = await hashed;
  const kids: RunningChild[] = [];
  for (let i = 0; i < o.children; i++) {
    const [fam] = await db.insert(families).values({ createdAt: now }).returning();
    if (!fam) throw new Error('family');
    const username = `att_parent_${tag}_${i}`;
    const [g] = await db
      .insert(users)
      .values({ username, displayName: `家长${i + 1}`, phone: null, passwordHash, createdAt: now, updatedAt: now })
      .returning();
    if (!g) throw new Error('guardian');
    await db
      .insert(guardians)
      .values({ userId: g.id, familyId: fam.id, employerOrgId: unitId, status: 'verified', createdAt: now });
    await db.insert(roleGrants).values({ userId: g.id, role: 'parent', orgId: unitId });
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;
    const health = i === 0 && o.healthNotes !== false;
    const [child] = await db
      .insert(children)
      .values({
        familyId: fam.id,
        name,
        gender: i % 2 ? 'F' : 'M',
        birthDate: '2017-03-07',
        grade: String((i % 6) + 1),
        allergies: health ? '花生过敏' : null,
        healthNotes: health ? '哮喘，随身带喷雾' : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!child) throw new Error('child');
    await db.insert(consents).values(
      ['privacy', 'health'].map((kind) => ({
        familyId: fam.id,
        childId: kind === 'privacy' ? null : child.id,
        kind,
        noticeVersion: '2026-1',
        grantedBy: g.id,
        grantedAt: now,
      })),
    );
    const adults = await db
      .insert(pickupAdults)
      .values([
        { childId: child.id, name: `${name.slice(0, 1)}奶奶`, relation: '祖母', allowed: true, createdAt: now },
        ...(o.notAllowed === false
          ? []
          : [{ childId: child.id, name: '陌生人', relation: '其他', allowed: false, createdAt: now }]),
      ])
      .returning();
    const [e] = await db
      .insert(enrolments)
      .values({
        classId: cls.id,
        childId: child.id,
        familyId: fam.id,
        appliedBy: g.id,
        status: 'accepted',
        appliedAt: now,
        acceptedAt: now,
      })
      .returning();
    if (!e) throw new Error('enrolment');
    if (text) {
      await db.insert(agreementSignatures).values({
        enrolmentId: e.id,
        agreementTextId: text.id,
        signerUserId: g.id,
        typedName: `家长${i + 1}`,
        textSha256: text.sha256,
        signedAt: new Date(Math.min(now.getTime(), new Date(`${startDate}T00:00:00+08:00`).getTime())),
      });
      await db.insert(insuranceProofs).values({
        enrolmentId: e.id,
        insurer: '测试保险',
        policyNo: `P${e.id}`,
        periodStart: startDate,
        periodEnd: endDate,
        uploadedBy: g.id,
        uploadedAt: now,
        status: 'confirmed',
      });
    }
    kids.push({
      id: child.id,
      name,
      familyId: fam.id,
      enrolmentId: e.id,
      guardianUserId: g.id,
      guardianUsername: username,
      allowedAdultId: adults[0]?.id ?? 0,
      allowedAdultName: adults[0]?.name ?? '',
      notAllowedAdultId: adults[1]?.id ?? null,
    });
  }

  const unitAdmin = person(t, unitAdminRow);
  const head = person(t, headRow);
  return {
    classId: cls.id,
    className,
    unitId,
    unitName,
    districtId,
    campaignId: camp.id,
    startDate,
    endDate,
    children: kids,
    unitAdmin: { ...unitAdmin, agent: await unitAdmin.login() },
    head: { ...head, agent: await head.login(), staffId: staff.id },
    districtAdmin: person(t, districtRow),
    otherStaff: person(t, otherStaffRow),
    guardian: (i: number) => {
      const k = kids[i];
      if (!k) throw new Error(`no child ${i}`);
      return person(t, { id: k.guardianUserId, username: k.guardianUsername, displayName: `家长${i + 1}` });
    },
  };
}
