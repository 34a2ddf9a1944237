/**
 * The demo city's year as plain rows (no I/O): beside world.ts's three classes, most grassroots units ran a class in
 * the summer (closed or archived by now), many run one today, and others are open, approved, submitted, returned or
 * still drafts — about 1,100 families, their doors, ledgers and incidents. Two districts (北山区, 高新区) lag: fewer
 * classes and families, lower attendance, gaps in the ledgers. Pure and deterministic for a seed and the world's
 * `today`; dates come from the same demo calendar and season as world.ts.
 */
import { addDays, minDate } from '../../domain/calendar/dates.js';
import { workingDaysInRange } from '../../domain/calendar/workdays.js';
import type { ClassStatus } from '../../domain/classes/lifecycle.js';
import { timetableFor } from '../../domain/daily/timetable.js';
import type { Grade } from '../../domain/rules/types.js';
import { seededRng } from './random.js';
import { dayInTheRoom, reportedAbsence } from './door-day.js';
import { routineRecords } from './routine-records.js';
import type { DemoOrg, DemoUser } from './types.js';
import {
  ACTIVITY_PLAN,
  DEMO_CALENDAR,
  type DemoAttendanceEvent,
  type DemoChild,
  type DemoClass,
  type DemoFamily,
  type DemoIncident,
  type DemoProgramme,
  type DemoWorld,
} from './world.js';

/** The districts that lag behind (fewer classes and families, lower attendance, missing records). */
export const BEHIND_DISTRICTS = ['district3', 'district4'];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程'.split('');
const BOY = '浩然 子轩 宇航 梓豪 俊熙 博文 一鸣 思远 嘉乐 天佑 明哲 皓宇 睿泽 沐阳 奕辰 承宇 子墨 景行'.split(' ');
const GIRL = '欣怡 梓涵 一诺 若曦 雨桐 诗琪 可馨 语嫣 思彤 佳怡 梦瑶 安琪 紫萱 沐晴 书瑶 芷若 清妍 语桐'.split(' ');
const ADULT = '建华 志强 丽娟 秀英 海燕 国庆 红梅 晓东 春梅 建军 玉兰 文杰'.split(' ');
const SCHOOLS = ['实验小学', '第一小学', '第二小学', '育英小学', '外国语小学', '师范附属小学'];
const ALLERGIES = ['花生过敏', '海鲜（虾蟹）过敏', '牛奶蛋白过敏', '芒果过敏'];
const MENUS = [
  '米饭、番茄炒蛋、清炒西兰花、紫菜汤',
  '馒头、红烧鸡块、炒青菜、冬瓜汤',
  '米饭、鱼香肉丝、蒜蓉生菜、绿豆汤',
  '花卷、土豆炖牛肉、醋溜白菜、小米粥',
];

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** One class a unit runs this year: its status and, for classes with a door, how well the children come. */
interface Plan {
  status: ClassStatus;
  /** Target share of child-days present. */
  rate: number;
  /** Share of past days with no ledger at all. */
  missing: number;
}

/** What the healthy units do, cycled: a summer class and often a second one now. */
const GOOD: ClassStatus[][] = [
  ['closed', 'running'],
  ['archived', 'running'],
  ['closed'],
  ['closed', 'open'],
  ['running'],
  ['archived'],
  ['closed', 'approved'],
  ['closed', 'running'],
  ['closed', 'draft'],
  ['archived', 'submitted'],
];
/** The lagging districts' units, in order: several do nothing, drafts and returns, classes that come poorly. */
const BEHIND: ClassStatus[][] = [
  // By unit index the two districts alternate (北山 3, 高新 4, 北山 8, 高新 9, …): five classes each, two units idle.
  ['closed'],
  [],
  ['running'],
  ['closed'],
  ['draft'],
  ['running'],
  [],
  ['submitted'],
  [],
  ['closed'],
  ['returned'],
  ['returned'],
  [],
  ['closed'],
];

const enrolledOrNot = (s: ClassStatus) => ['open', 'running', 'closed', 'archived'].includes(s);

export interface CityYear {
  /** District administrators for the unions without one, and the families' guardians beyond each unit's four. */
  users: DemoUser[];
  programme: DemoProgramme;
}

export function generateCityYear(opts: {
  seed: number;
  orgs: DemoOrg[];
  /** generateDemo's people: the class staff's names come from their accounts. */
  people: DemoUser[];
  world: DemoWorld;
  now: Date;
}): CityYear {
  const rng = seededRng(opts.seed * 31337 + 11);
  const { today, campaign } = opts.world;
  const china = new Date(opts.now.getTime() + 8 * 3_600_000);
  const minutesNow = china.getUTCHours() * 60 + china.getUTCMinutes();
  const openToday = workingDaysInRange(today, today, [], DEMO_CALENDAR).length === 1;
  const year = campaign.year;
  const seasonEnd = campaign.params.season.end;
  const minRate = campaign.params.scale.minAttendanceRate;
  const taken = new Set(opts.world.classes.map((c) => c.orgKey));
  const users: DemoUser[] = [];
  let phoneSeq = 0;
  const mobile = () => `1${rng.pick(['5', '7', '8'])}${rng.int(0, 9)}${String(60000000 + phoneSeq++)}`;
  const person = () => rng.pick(SURNAMES) + rng.pick(ADULT);
  const displayName = new Map(opts.people.map((p) => [p.username, p.displayName]));
  const account = (username: string, role: string, qualification: string | null) => ({
    username,
    name: displayName.get(username) ?? username,
    role,
    phone: null,
    qualification,
  });

  // A level-2 administrator for every union (district0 has the README's `district`).
  const adminOf = new Map<string, string>([['district0', 'district']]);
  for (const o of opts.orgs.filter((x) => x.kind !== 'unit' && x.key !== 'district0')) {
    const username = o.key;
    adminOf.set(o.key, username);
    users.push({
      username,
      displayName: `${o.name.replace('总工会', '').replace('工会', '')} ${rng.pick(SURNAMES)}部长`,
      phone: null,
      role: 'district_admin',
      orgKey: o.key,
    });
  }

  // Which units run what.
  const plans: { unit: DemoOrg; plans: Plan[] }[] = [];
  let g = 0;
  let b = 0;
  for (const unit of opts.orgs.filter((o) => o.kind === 'unit' && o.key !== 'unit0')) {
    const behind = BEHIND_DISTRICTS.includes(unit.parentKey ?? '');
    const statuses = taken.has(unit.key)
      ? ['closed' as const]
      : behind
        ? (BEHIND[b++ % BEHIND.length] ?? [])
        : (GOOD[g++ % GOOD.length] ?? []);
    plans.push({
      unit,
      plans: statuses.map((status, k) => ({
        status,
        // Mostly 85–97 %; the lagging districts 68–84 %; two healthy units' first classes under the minimum.
        rate: behind
          ? 0.68 + rng.next() * 0.16
          : (g === 5 || g === 14) && k === 0
            ? minRate - 0.02 - rng.next() * 0.04
            : 0.85 + rng.next() * 0.12,
        missing: behind ? 0.15 + rng.next() * 0.15 : rng.next() < 0.3 ? 0.04 : 0,
      })),
    });
  }

  // Dates: the summer classes in July and August; the running ones started 5–15 working days ago.
  const summer = workingDaysInRange(`${year}-07-01`, `${year}-08-31`, [], DEMO_CALENDAR);
  const past = workingDaysInRange(addDays(today, -40), addDays(today, -1), [], DEMO_CALENDAR);
  const ahead = workingDaysInRange(addDays(today, 1), addDays(today, 120), [], DEMO_CALENDAR);
  const period = (status: ClassStatus, n: number): { start: string; end: string } => {
    const pick = (days: string[], i: number, len: number) => {
      const start = days[Math.max(0, Math.min(days.length - 1, i))] ?? today;
      const from = days.indexOf(start);
      const end = days[Math.min(days.length - 1, from + len - 1)] ?? start;
      return { start, end: minDate(end, seasonEnd) };
    };
    if (status === 'closed' || status === 'archived') return pick(summer, 3 + (n % 8), 21 + (n % 4));
    if (status === 'running') {
      const started = past.length - 5 - (n % 11);
      const all = [...past, ...ahead];
      return pick(all, started, 22 + (n % 3));
    }
    const offset = { open: 12, approved: 20, submitted: 24, returned: 22, draft: 30 }[status as string] ?? 20;
    return pick(ahead, offset + (n % 5), 21 + (n % 3));
  };

  const classes: DemoClass[] = [];
  const families: DemoFamily[] = [];
  const attendance: DemoAttendanceEvent[] = [];
  const records: DemoProgramme['records'] = [];
  const activities: DemoProgramme['activities'] = [];
  const incidents: DemoIncident[] = [];
  let childNo = 0;
  let n = 0;
  for (const { unit, plans: unitPlans } of plans) {
    const i = unit.key.slice(4);
    const unitAdmin = `u${i}_unitadmin0`;
    const confirmer = adminOf.get(unit.parentKey ?? '') ?? 'district';
    let parentNo = 0;
    for (const plan of unitPlans) {
      n++;
      const key = `cy${n}`;
      const { start, end } = period(plan.status, n);
      const summerClass = start < today && plan.status !== 'running';
      const kindergarten = n % 4 === 1;
      const lower = n % 5 === 2;
      const gradesOffered: Grade[] = [
        ...(kindergarten ? ['K' as const] : []),
        ...(lower ? [1, 2, 3] : [1, 2, 3, 4, 5, 6]),
      ] as Grade[];
      const capacity = summerClass ? 34 + (n % 3) * 4 : plan.status === 'running' ? 30 + (n % 2) * 5 : 30;
      const behind = BEHIND_DISTRICTS.includes(unit.parentKey ?? '');
      const enrolledCount =
        behind && enrolledOrNot(plan.status)
          ? rng.int(20, 26)
          : summerClass
            ? capacity - rng.int(0, 6)
            : plan.status === 'running'
              ? capacity - rng.int(0, 5)
              : plan.status === 'open'
                ? rng.int(8, 18)
                : 0;
      const contracted = n % 3 !== 0;
      const adults = Math.max(4, Math.ceil(capacity / 10));
      const staff: DemoClass['staff'] = [
        account(`u${i}_classstaff0`, 'head', '小学教师资格证'),
        account(`u${i}_classstaff1`, 'teacher', '小学教师资格证'),
        account(`u${i}_volunteer0`, 'employee_volunteer', null),
        { username: null, name: person(), role: 'safety', phone: mobile(), qualification: '安全员证' },
        ...Array.from({ length: adults - 4 }, () => ({
          username: null,
          name: person(),
          role: 'social_volunteer',
          phone: mobile(),
          qualification: null,
        })),
      ];
      const steps: DemoClass['transitions'] = [];
      const step = (from: ClassStatus, to: ClassStatus, by: string, day: string, time: string, comment?: string) =>
        steps.push({ from, to, by, comment: comment ?? null, at: at(day, time) });
      const order: ClassStatus[] = ['submitted', 'approved', 'open', 'running', 'closed', 'archived'];
      const reached = (s: ClassStatus) =>
        plan.status === 'returned' ? s === 'submitted' : order.indexOf(s) <= order.indexOf(plan.status);
      const base = summerClass || plan.status === 'running' ? start : today;
      const lead = summerClass || plan.status === 'running' ? 40 : 14 + (n % 5);
      if (plan.status !== 'draft' && reached('submitted'))
        step('draft', 'submitted', unitAdmin, addDays(base, -lead), '10:00');
      if (plan.status === 'returned')
        step(
          'submitted',
          'returned',
          confirmer,
          addDays(base, -lead + 3),
          '15:00',
          '消防验收证明不全，请补充后重新提交',
        );
      if (plan.status !== 'returned' && reached('approved'))
        step('submitted', 'approved', confirmer, addDays(base, -lead + 3), '15:20', '材料齐全，同意开办');
      if (plan.status !== 'returned' && reached('open'))
        step('approved', 'open', unitAdmin, addDays(base, -lead + 5), '09:00');
      if (reached('running') && plan.status !== 'returned')
        step('open', 'running', `u${i}_classstaff0`, start, '07:45');
      if (reached('closed') && plan.status !== 'returned') step('running', 'closed', unitAdmin, end, '18:00');
      if (plan.status === 'archived') step('closed', 'archived', confirmer, addDays(end, 20), '10:00');
      const opened = steps.find((s) => s.to === 'open');
      classes.push({
        key,
        orgKey: unit.key,
        name: `${unit.name}${year}年${summerClass ? '暑期' : '冬季'}职工子女爱心托管班`,
        status: plan.status,
        unitAdmin,
        confirmer,
        startDate: start,
        endDate: end,
        capacity,
        gradesOffered,
        meals: contracted ? 'contracted' : 'self',
        publicDescription: `${unit.name}工会主办，在职职工子女参加：作业辅导、阅读、体育与艺术活动。`,
        activityPlan: ACTIVITY_PLAN,
        venue: {
          name: rng.pick(['职工之家活动室', '培训楼多功能厅', '职工书屋', '会议中心二楼活动区']),
          address: unit.address,
          areaM2: capacity * 4,
          capacity: capacity + 5,
          floor: rng.pick(['1', '1', '2']),
        },
        caterer: contracted
          ? {
              name: rng.pick(['示例市阳光配餐有限公司', '示例市放心餐饮管理有限公司', '示例市晨光团餐有限公司']),
              licenceNo: `JY1370${String(rng.int(10000000, 99999999))}`,
              licenceExpiry: addDays(end, 400),
              agreementStart: addDays(start, -20),
              agreementEnd: addDays(end, 10),
            }
          : null,
        staff,
        transitions: steps,
        enrolment: opened
          ? {
              windowOpensAt: opened.at,
              windowClosesAt: at(addDays(start, -3), '18:00'),
              openToAll: n % 2 === 0,
            }
          : null,
      });

      // Families: one child mostly, siblings in the same class sometimes; a few kindergarten children (≤ 10 %).
      const kids: DemoChild[] = [];
      const kCount = kindergarten ? Math.min(2, Math.floor(enrolledCount * 0.1)) : 0;
      while (kids.length < enrolledCount) {
        const guardian = `u${i}_parent${parentNo++}`;
        if (parentNo > 4)
          users.push({
            username: guardian,
            displayName: `${rng.pick(SURNAMES)}${rng.pick(ADULT).slice(0, 1)}${rng.pick(['女士', '先生'])}`,
            phone: mobile(),
            role: 'parent',
            orgKey: unit.key,
          });
        const surname = rng.pick(SURNAMES);
        const siblings = kids.length + 1 < enrolledCount && rng.next() < 0.14 ? 2 : 1;
        const names = new Set<string>();
        const mine: DemoChild[] = [];
        for (let s = 0; s < siblings; s++) {
          const gender = rng.next() < 0.5 ? 'M' : 'F';
          let given = rng.pick(gender === 'M' ? BOY : GIRL);
          while (names.has(given)) given = rng.pick(gender === 'M' ? BOY : GIRL);
          names.add(given);
          const isK = kids.length + mine.length < kCount;
          const grade = isK ? 'K' : String(rng.int(1, lower ? 3 : 6));
          const age = isK ? 6 : 6 + Number(grade);
          const no = childNo++;
          const allergic = rng.next() < 0.04;
          const applied = addDays(start, -rng.int(15, 30));
          const accepted = addDays(applied, rng.int(1, 3));
          const late = plan.status === 'running' && no % 29 === 0;
          mine.push({
            no,
            name: `${surname}${given}`,
            gender,
            birthDate: `${year - age}-${String(rng.int(1, 8)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
            school: isK ? `示例市${rng.pick(['机关', '实验', '阳光'])}幼儿园` : `示例市${rng.pick(SCHOOLS)}`,
            grade,
            selfCare: true,
            allergies: allergic ? (ALLERGIES[no % ALLERGIES.length] ?? null) : null,
            healthNotes: allergic ? '午餐请避开过敏食物' : null,
            healthConsent: allergic,
            emergencyContacts: [{ name: `${surname}${rng.pick(ADULT)}`, relation: '父母', phone: mobile() }],
            pickup: [
              {
                name: `${surname}${rng.pick(['奶奶', '爷爷', '外婆', '外公'])}`,
                relation: '祖父母',
                phone: mobile(),
                allowed: true,
              },
            ],
            enrolment: {
              classKey: key,
              appliedAt: at(applied, hhmm(9 * 60 + rng.int(0, 600))),
              acceptedAt: at(accepted, hhmm(9 * 60 + rng.int(0, 480))),
              agreementSigned: !late,
              insurance: late ? 'pending' : 'confirmed',
            },
          });
        }
        kids.push(...mine);
        families.push({
          guardian,
          employerKey: unit.key,
          verifier: unitAdmin,
          priorityFlags: rng.next() < 0.3 ? ['bothEmployed'] : [],
          children: mine,
        });
      }

      // The door, the ledger and the timetable over the class's past working days.
      if (plan.status !== 'running' && !summerClass) continue;
      const days = workingDaysInRange(start, end < today ? end : addDays(today, -1), [], DEMO_CALENDAR);
      // Today, in a running class: the children who came are checked in once the morning is under way (and out
      // after the day), as the door would show them at `now`.
      const doorDays = plan.status === 'running' && openToday && minutesNow >= 8 * 60 + 30 ? [...days, today] : days;
      for (const c of kids) {
        if (c.enrolment?.agreementSigned === false) continue; // the door refuses them until the papers are done
        const own = Math.min(0.995, Math.max(0.4, plan.rate + (rng.next() - 0.5) * 0.16));
        for (const day of doorDays) {
          const of = { classKey: key, id: `cy-${key}-${day}-${c.no}`, childNo: c.no, day };
          const r = rng.next();
          if (r >= own) {
            if (r > own + (1 - own) * 0.85) continue; // no word from home: simply not there
            const sick = rng.next() < 0.6;
            attendance.push(
              reportedAbsence(rng, of, sick ? 'sick' : 'personal', () =>
                sick ? rng.pick(['发烧，在家休息', '感冒咳嗽', '肠胃不适']) : '家中有事请假一天',
              ),
            );
            continue;
          }
          attendance.push(...dayInTheRoom(rng, of, !(day === today && minutesNow < 17 * 60 + 40)));
        }
      }
      for (const [k, day] of days.entries()) {
        if (rng.next() >= plan.missing) {
          const meal = {
            supplier: contracted ? ('caterer' as const) : ('self' as const),
            menu: MENUS[(k + n) % MENUS.length] ?? '',
            supplierName: contracted ? (classes.at(-1)?.caterer?.name ?? '') : `${unit.name}职工食堂`,
          };
          for (const r of routineRecords(day, { meal, cleanedBy: '保洁员', fireCheck: k % 5 === 0 }))
            records.push({ classKey: key, ...r });
        }
        for (const s of timetableFor(ACTIVITY_PLAN, day)) {
          const done = rng.next() < 1 - plan.missing / 2 - 0.05;
          activities.push({ classKey: key, day, ...s, doneAt: done ? at(day, s.end) : null, note: null });
        }
      }

      // Incidents: a minor one in about every third class with a door; the serious ones fixed below.
      const someone = kids[rng.int(0, Math.max(0, kids.length - 1))];
      const when = days[rng.int(0, Math.max(0, days.length - 1))];
      if (someone && when && n % 3 === 0) {
        const open = plan.status === 'running' && incidents.every((x) => x.closedAt !== null || x.severity !== 'minor');
        const minor = rng.pick([
          {
            kind: 'injury' as const,
            description: '课间追跑时摔倒，手肘轻微擦伤。',
            actionsTaken: '碘伏消毒并贴创可贴，休息后继续活动。',
          },
          {
            kind: 'illness' as const,
            description: '午休后流鼻血。',
            actionsTaken: '安全员止血处理，孩子休息半小时后恢复。',
          },
          {
            kind: 'conflict' as const,
            description: '两名孩子因玩具发生争执推搡，未受伤。',
            actionsTaken: '老师分开调解，双方互相道歉。',
          },
          {
            kind: 'illness' as const,
            description: '下午体温37.8℃。',
            actionsTaken: '在医务角休息观察，通知家长提前接回。',
          },
        ]);
        incidents.push({
          classKey: key,
          childNo: someone.no,
          severity: 'minor',
          ...minor,
          occurredAt: at(when, '14:40'),
          peopleInvolved: '安全员、带班老师',
          guardianNotifiedAt: at(when, '14:55'),
          followUp: open ? null : '次日回访，孩子情况良好；提醒注意活动安全。',
          closedAt: open ? null : at(addDays(when, 1), '09:30'),
        });
      }
    }
  }

  // Two serious incidents: one in the summer (closed, with its follow-up), one this month still open.
  const firstOf = (pred: (c: DemoClass) => boolean) => {
    const cls = classes.find(pred);
    const kid = cls && families.flatMap((f) => f.children).find((c) => c.enrolment?.classKey === cls.key);
    return cls && kid ? { cls, kid } : null;
  };
  const summerHurt = firstOf((c) => c.status === 'closed' && c.startDate < today);
  if (summerHurt) {
    const day = addDays(summerHurt.cls.startDate, 8);
    incidents.push({
      classKey: summerHurt.cls.key,
      childNo: summerHurt.kid.no,
      kind: 'injury',
      severity: 'serious',
      occurredAt: at(day, '15:10'),
      description: '跳绳活动时绊倒，右手腕着地，疼痛肿胀。',
      peopleInvolved: '安全员、带班老师、家长',
      actionsTaken: '立即冰敷固定，安全员陪同送医，诊断为右桡骨远端骨裂，石膏固定。',
      guardianNotifiedAt: at(day, '15:15'),
      followUp: '家长签署情况说明；单位组织活动场地安全复查，跳绳改在塑胶场地进行；保险已理赔。',
      closedAt: at(addDays(day, 12), '10:00'),
    });
  }
  const nowHurt = firstOf(
    (c) =>
      c.status === 'running' && BEHIND_DISTRICTS.includes(opts.orgs.find((o) => o.key === c.orgKey)?.parentKey ?? ''),
  );
  if (nowHurt) {
    const day = past[past.length - 2] ?? addDays(today, -2);
    incidents.push({
      classKey: nowHurt.cls.key,
      childNo: nowHurt.kid.no,
      kind: 'food',
      severity: 'serious',
      occurredAt: at(day, '13:20'),
      description: '午餐后孩子出现呕吐、腹痛。',
      peopleInvolved: '带班老师、配餐企业、区市场监管局',
      actionsTaken: '立即送医观察，封存当日留样，暂停该配餐企业供餐，报告区总工会和市场监管部门。',
      guardianNotifiedAt: at(day, '13:30'),
      followUp: null,
      closedAt: null,
    });
  }
  return { users, programme: { classes, families, attendance, records, activities, incidents } };
}
