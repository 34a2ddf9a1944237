/**
 * The demo's finished earlier campaign and its demonstration classes (issue 17): last year's summer campaign,
 * closed, with ten of its classes (archived, at ten units of the city, in their own venues; each a whole season of
 * children, door, ledgers and papers that passes every rule at its close: load-naming-year.ts) on a 公示 of five
 * official working days in late October, one objection during the period answered (not upheld), and the ten
 * named by the city's decision a few days after — each with its certificate's verification code. The objector's
 * phone is a demo number, sealed with no key (the console says so when asked to reveal it).
 */
import { createHash } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { addDays } from '../../domain/calendar/dates.js';
import { workingDaysInRange } from '../../domain/calendar/workdays.js';
import { rollCampaignToYear } from '../../domain/campaign/build.js';
import { campaignParamsSchema } from '../../domain/campaign/schema.js';
import { TEMPLATE_2021 } from '../../domain/campaign/template.js';
import { publicityPeriod } from '../../domain/naming/publicity.js';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/client.js';
import {
  budgetLines,
  campaigns,
  careClasses,
  ledgerEntries,
  organizations,
  roleGrants,
  users,
  venues,
} from '../db/schema.js';
import {
  demonstrationNamings,
  publicityEntries,
  publicityNotices,
  publicityObjectionResponses,
  publicityObjections,
} from '../db/tables/naming.js';
import { recordEvent } from '../events/audit.js';
import { evaluateAndStore } from '../modules/compliance/compliance.service.js';
import { newVerifyCode } from '../modules/naming/naming.decisions.js';
import type { FileStore } from '../storage/fileStore.js';
import { generateNamedYear, type NamedUnit } from './load-naming-year.js';
import { loadProgramme } from './load-world.js';

export const DEMO_NAMED = 10;

export async function loadDemoNaming(
  tx: Db,
  ctx: RequestContext,
  o: { cityId: number; cityPath: string; year: number; cityUserId: number; seed: number; store?: FileStore },
): Promise<{ rows: number; campaignId: number }> {
  const year = o.year - 1;
  const now = ctx.now;
  const name = `${year}年暑期爱心托管`;
  const params = campaignParamsSchema.parse({ ...rollCampaignToYear(TEMPLATE_2021, year), name });
  const [camp] = await tx
    .insert(campaigns)
    .values({
      orgId: o.cityId,
      name,
      year,
      holidayType: params.holidayType,
      status: 'closed',
      params,
      createdBy: o.cityUserId,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: campaigns.id });
  if (!camp) throw new Error('demo naming: campaign not inserted');

  // Ten units that have a venue, spread over the districts (every other unit in the tree's order).
  const withVenue = await tx
    .selectDistinct({ id: organizations.id, name: organizations.name, parentId: organizations.parentId })
    .from(organizations)
    .innerJoin(venues, eq(venues.orgId, organizations.id))
    .where(eq(organizations.kind, 'unit'))
    .orderBy(asc(organizations.id));
  const picked = withVenue.filter((_, i) => i % 2 === 0).slice(0, DEMO_NAMED);
  if (picked.length < DEMO_NAMED)
    picked.push(...withVenue.filter((u) => !picked.includes(u)).slice(0, DEMO_NAMED - picked.length));
  const parents = await tx
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      inArray(
        organizations.id,
        picked.map((u) => u.parentId ?? 0),
      ),
    );
  const districtName = new Map(parents.map((p) => [p.id, p.name]));

  const short = (unit: string) => unit.replace(/(有限责任公司|股份有限公司|有限公司|工会委员会|工会)$/, '');
  // Each unit's demo accounts (its administrator, class staff, volunteer) and its district's administrator.
  const accounts = await tx
    .select({ username: users.username, name: users.displayName, role: roleGrants.role, orgId: roleGrants.orgId })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(inArray(roleGrants.orgId, [...picked.map((u) => u.id), ...picked.map((u) => u.parentId ?? 0)]))
    .orderBy(asc(users.username));
  const who = (orgId: number, role: string) => accounts.filter((a) => a.orgId === orgId && a.role === role);
  const unitRows = await tx
    .select({ id: organizations.id, address: organizations.address })
    .from(organizations)
    .where(
      inArray(
        organizations.id,
        picked.map((u) => u.id),
      ),
    );
  const cityUser = await tx.select().from(users).where(eq(users.id, o.cityUserId));
  const addressOf = new Map(unitRows.map((u) => [u.id, u.address ?? '']));
  const units: NamedUnit[] = picked.map((u) => ({
    orgKey: `org:${u.id}`,
    unitId: u.id,
    name: u.name,
    address: addressOf.get(u.id) || u.name,
    className: `${short(u.name)}职工子女暑期爱心托管班`,
    unitAdmin: who(u.id, 'unit_admin')[0]?.username ?? 'city',
    confirmer: who(u.parentId ?? 0, 'district_admin')[0]?.username ?? 'city',
    staff: who(u.id, 'class_staff').slice(0, 2),
    volunteer: who(u.id, 'volunteer')[0] ?? null,
  }));
  // Last year's classes ran their whole season: roster, families, the door, ledgers (load-naming-year.ts).
  const named = generateNamedYear({ seed: o.seed, year, units, calendar: params.calendar });
  const passwordHash = cityUser[0]?.passwordHash;
  if (!passwordHash) throw new Error('demo naming: no city account');
  const guardians = named.users.length
    ? await tx
        .insert(users)
        .values(
          named.users.map((p) => ({
            username: p.username,
            displayName: p.displayName,
            phone: p.phone,
            passwordHash,
            mustChangePassword: false,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .returning({ id: users.id, username: users.username, name: users.displayName })
    : [];
  const orgOf = (key: string) => Number(key.slice('org:'.length));
  const byUsername = new Map(named.users.map((p) => [p.username, p]));
  if (guardians.length)
    await tx.insert(roleGrants).values(
      guardians.map((g) => ({
        userId: g.id,
        role: 'parent' as const,
        orgId: orgOf(byUsername.get(g.username)?.orgKey ?? ''),
        createdAt: now,
      })),
    );
  const people = new Map<string, { id: number; name: string }>(guardians.map((g) => [g.username, g]));
  const wanted = new Set(
    named.programme.classes.flatMap((c) => [
      c.unitAdmin ?? 'city',
      c.confirmer ?? 'city',
      ...c.staff.flatMap((s) => (s.username ? [s.username] : [])),
    ]),
  );
  for (const u of await tx
    .select({ id: users.id, username: users.username, name: users.displayName })
    .from(users)
    .where(inArray(users.username, [...wanted])))
    people.set(u.username, u);
  const person = (username: string) => {
    const p = people.get(username);
    if (!p) throw new Error(`demo naming: no user ${username}`);
    return p;
  };
  await loadProgramme(
    tx,
    ctx,
    camp.id,
    named.programme,
    { orgId: orgOf, userId: (u) => person(u).id, name: (u) => person(u).name },
    o.store,
    true,
  );
  const loaded = await tx
    .select({ id: careClasses.id, name: careClasses.name, orgId: careClasses.orgId })
    .from(careClasses)
    .where(eq(careClasses.campaignId, camp.id))
    .orderBy(asc(careClasses.id));
  // The money of each season (P-R8): a budget and a ledger from several sources, none of the unions' money on
  // insurance; the rules then see the whole class (load-funding.ts does the same for this year's classes).
  const pathOf = new Map(
    (
      await tx
        .select({ id: organizations.id, path: organizations.path })
        .from(organizations)
        .where(
          inArray(
            organizations.id,
            loaded.map((c) => c.orgId),
          ),
        )
    ).map((x) => [x.id, x.path]),
  );
  for (const [i, c] of loaded.entries()) {
    const head = named.programme.classes[i]?.staff.find((st) => st.role === 'head')?.username;
    const by = person(head ?? named.programme.classes[i]?.unitAdmin ?? 'city').id;
    const lines = [
      { source: 'unit', purpose: 'staff', amountFen: 900000 + i * 40000, note: '托管老师劳务' },
      { source: 'grassrootsUnion', purpose: 'materials', amountFen: 300000, note: '图书文具、活动材料' },
      { source: 'cityUnion', purpose: 'meals', amountFen: 450000, note: '午餐补贴' },
    ];
    await tx.insert(budgetLines).values(lines.map((l) => ({ ...l, classId: c.id, version: 1, createdAt: now })));
    const entries = [
      ...lines.map((l) => ({ ...l, kind: 'income', date: `${year}-06-30`, counterparty: '单位财务', note: l.note })),
      {
        kind: 'expense',
        source: 'unit',
        purpose: 'staff',
        amountFen: 880000 + i * 40000,
        date: `${year}-08-15`,
        counterparty: '托管老师',
        note: '暑期劳务',
      },
      {
        kind: 'expense',
        source: 'grassrootsUnion',
        purpose: 'materials',
        amountFen: 268450,
        date: `${year}-07-04`,
        counterparty: '新华书店',
        note: '图书、文具',
      },
      {
        kind: 'expense',
        source: 'cityUnion',
        purpose: 'meals',
        amountFen: 436200,
        date: `${year}-08-15`,
        counterparty: '职工食堂',
        note: '暑期午餐',
      },
    ];
    for (const e of entries) {
      const [row] = await tx
        .insert(ledgerEntries)
        .values({ ...e, classId: c.id, createdBy: by, createdAt: now })
        .returning({ id: ledgerEntries.id });
      if (row)
        await recordEvent(tx, ctx, {
          action: 'ledger.add',
          entity: 'ledger',
          entityId: row.id,
          orgPath: pathOf.get(c.orgId) ?? null,
          after: { ...e, classId: c.id },
        });
    }
  }
  for (const c of await tx.select().from(careClasses).where(eq(careClasses.campaignId, camp.id)))
    await evaluateAndStore(tx, ctx, c, 'demo.load');
  const classes = loaded.map((c) => {
    const u = picked.find((p) => p.id === c.orgId);
    return {
      id: c.id,
      name: c.name,
      unitId: c.orgId,
      unitName: u?.name ?? '',
      districtName: districtName.get(u?.parentId ?? 0) ?? '',
    };
  });

  // The 公示: five official working days from the first working day on or after 20 October.
  const first = workingDaysInRange(`${year}-10-20`, `${year}-11-10`, [], params.calendar)[0] ?? `${year}-10-20`;
  const period = publicityPeriod(first, 5, params.calendar);
  const at = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`);
  const [notice] = await tx
    .insert(publicityNotices)
    .values({
      campaignId: camp.id,
      orgId: o.cityId,
      title: `${year}年度市级示范爱心托管班拟命名名单公示`,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      workdays: 5,
      body: `经单位申报、区县推荐、专家评审，拟命名以下 ${DEMO_NAMED} 个托管班为${year}年度市级示范爱心托管班，现予公示。\n公示期内，对名单有异议的，可在本页验证手机号后实名提出，我们将逐条核实并答复。`,
      createdBy: o.cityUserId,
      createdAt: at(addDays(period.startsOn, -1), '16:00'),
    })
    .returning();
  if (!notice) throw new Error('demo naming: notice not inserted');
  const entries = await tx
    .insert(publicityEntries)
    .values(
      classes.map((c, i) => ({
        noticeId: notice.id,
        classId: c.id,
        rank: i + 1,
        scoreCenti: 9560 - i * 137 - (i % 3) * 11,
        className: c.name,
        unitName: c.unitName,
        districtName: c.districtName,
      })),
    )
    .returning();

  // One objection on the second working day, answered two days later: not upheld.
  const target = entries[6] ?? entries[0];
  const phone = '13900007731';
  const [objection] = await tx
    .insert(publicityObjections)
    .values({
      noticeId: notice.id,
      entryId: target?.id ?? null,
      phoneHash: createHash('sha256').update(`demo-objector:${o.seed}`).digest('hex'),
      phoneSealed: 'demo-unsealed',
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}`,
      content: '该班暑期第三周曾停课两天，家长临时找不到人照看，不宜评为示范班。',
      createdAt: at(period.days[1] ?? period.startsOn, '20:14'),
    })
    .returning();
  if (!objection) throw new Error('demo naming: objection not inserted');
  await tx.insert(publicityObjectionResponses).values({
    objectionId: objection.id,
    outcome: 'not_upheld',
    content:
      '经核实，该班 7 月 22、23 日因暴雨红色预警按规定停课，已提前一天通知家长并于 8 月 16、17 日补课，出勤和安全记录完整。异议不成立，已电话告知异议人。',
    respondedBy: o.cityUserId,
    createdAt: at(period.days[3] ?? period.endsOn, '10:30'),
  });

  // The naming: the second working day after the period.
  const decisionDate =
    workingDaysInRange(addDays(period.endsOn, 1), addDays(period.endsOn, 20), [], params.calendar)[1] ??
    addDays(period.endsOn, 3);
  const decisionNo = `市总工发〔${year}〕27号`;
  const namings = await tx
    .insert(demonstrationNamings)
    .values(
      classes.map((c) => ({
        campaignId: camp.id,
        noticeId: notice.id,
        classId: c.id,
        unitId: c.unitId,
        className: c.name,
        unitName: c.unitName,
        districtName: c.districtName,
        decisionNo,
        decisionDate,
        verifyCode: newVerifyCode(),
        createdBy: o.cityUserId,
        createdAt: at(decisionDate, '15:00'),
      })),
    )
    .returning({ id: demonstrationNamings.id });
  await recordEvent(tx, ctx, {
    action: 'naming.demo_load',
    entity: 'demonstration_naming',
    orgPath: o.cityPath,
    after: { campaignId: camp.id, noticeId: notice.id, named: namings.length, decisionNo, decisionDate },
  });
  return { rows: 1 + classes.length * 2 + 1 + entries.length + 2 + namings.length, campaignId: camp.id };
}
