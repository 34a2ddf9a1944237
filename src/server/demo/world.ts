/**
 * The demo's running programme as plain rows (no I/O): one campaign from the 2021 template rolled to the demo's
 * year, a class running at `unit0` (staff, families, enrolled children, past attendance, daily records, ticked
 * timetable slots, one closed incident), a class open for enrolment and one waiting for the district's approval.
 * Pure and deterministic for a seed and a `now`: every date is relative to the China date of `now`.
 */
import { addDays, maxDate, minDate, todayInChina } from '../../domain/calendar/dates.js';
import { layerCalendars, type OfficialYear } from '../../domain/calendar/official.js';
import { workingDaysInRange } from '../../domain/calendar/workdays.js';
import {
  type Campaign,
  campaignParamsSchema,
  type DailyRecordKind,
  rollCampaignToYear,
  TEMPLATE_2021,
} from '../../domain/campaign/index.js';
import { type PlanSlot, timetableFor } from '../../domain/daily/timetable.js';
import type { ClassStatus } from '../../domain/classes/lifecycle.js';
import type { Grade } from '../../domain/rules/types.js';
import type { DemoOrg, DemoUser } from './types.js';
import { type Rng, seededRng } from './random.js';
import { type DemoAttendanceEvent, dayInTheRoom, reportedAbsence } from './door-day.js';
import { routineRecords } from './routine-records.js';

/**
 * The national holiday schedule of 2027 as the demo's city administrator entered it on the calendar page (the
 * bundled calendar ends in 2026). ILLUSTRATIVE: the State Council publishes the real one late in the year before;
 * the demo's classes that run into 2027 count their working days with it, as the server does.
 */
export const DEMO_CALENDAR_2027: OfficialYear = {
  holidays: [
    '2027-01-01',
    ...['05', '06', '07', '08', '09', '10', '11', '12'].map((d) => `2027-02-${d}`),
    '2027-04-05',
    ...['01', '02', '03', '04', '05'].map((d) => `2027-05-${d}`),
    '2027-06-09',
    '2027-09-15',
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2027-10-${d}`),
  ],
  workdays: ['2027-02-20', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09'],
};
export const DEMO_CALENDAR = layerCalendars(DEMO_CALENDAR_2027);

/** The running class's children who joined today with their paperwork unfinished (see the enrolments). */
const LATE_JOINERS = [20, 21, 22];

/** A class's key within its programme ('running', 'open', 'submitted' here; city-year.ts adds its own). */
export type ClassKey = string;

export interface DemoClass {
  key: ClassKey;
  orgKey: string;
  name: string;
  status: ClassStatus;
  /** The owning unit's administrator (creates, publishes the agreement, verifies guardians); default `unit`. */
  unitAdmin?: string;
  /** Who confirmed the venue checklist: the district's administrator; default `district`. */
  confirmer?: string;
  startDate: string;
  endDate: string;
  capacity: number;
  gradesOffered: Grade[];
  meals: 'self' | 'contracted';
  publicDescription: string;
  activityPlan: PlanSlot[];
  venue: { name: string; address: string; areaM2: number; capacity: number; floor: string };
  caterer: {
    name: string;
    licenceNo: string;
    licenceExpiry: string;
    agreementStart: string;
    agreementEnd: string;
  } | null;
  staff: { username: string | null; name: string; role: string; phone: string | null; qualification: string | null }[];
  /** Lifecycle steps from draft, each by a demo account, at an instant. */
  transitions: { from: string; to: string; by: string; comment: string | null; at: string }[];
  enrolment: { windowOpensAt: string; windowClosesAt: string; openToAll: boolean } | null;
}

export interface DemoChild {
  /** Index in the flattened list of all demo children. */
  no: number;
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  school: string;
  grade: string;
  selfCare: boolean;
  allergies: string | null;
  healthNotes: string | null;
  healthConsent: boolean;
  emergencyContacts: { name: string; relation: string; phone: string }[];
  pickup: { name: string; relation: string; phone: string | null; allowed: boolean }[];
  enrolment: {
    classKey: ClassKey;
    appliedAt: string;
    acceptedAt: string;
    agreementSigned: boolean;
    insurance: 'confirmed' | 'pending' | 'missing';
  } | null;
}

export interface DemoFamily {
  guardian: string;
  employerKey: string;
  /** The unit administrator who verified the guardian's employment; default `unit`. */
  verifier?: string;
  priorityFlags: string[];
  children: DemoChild[];
}

export type { DemoAttendanceEvent } from './door-day.js';

export interface DemoWorld {
  today: string;
  campaign: { name: string; year: number; params: Campaign };
  classes: DemoClass[];
  families: DemoFamily[];
  /** The running class's past days. */
  pastDays: string[];
  attendance: DemoAttendanceEvent[];
  records: {
    classKey?: ClassKey;
    day: string;
    kind: DailyRecordKind;
    time: string;
    data: Record<string, unknown>;
    at: string;
  }[];
  activities: {
    classKey?: ClassKey;
    day: string;
    slot: string;
    start: string;
    end: string;
    kind: string;
    title: string | null;
    doneAt: string | null;
    note: string | null;
  }[];
  incident: {
    childNo: number;
    occurredAt: string;
    description: string;
    actionsTaken: string;
    followUp: string;
    guardianNotifiedAt: string;
    closedAt: string;
  } | null;
}

/** An incident in a programme: what happened to whom, and whether it is closed. */
export interface DemoIncident {
  classKey: ClassKey;
  childNo: number;
  kind: 'injury' | 'illness' | 'lost_child' | 'fire' | 'food' | 'conflict' | 'other';
  severity: 'minor' | 'serious' | 'critical';
  occurredAt: string;
  description: string;
  peopleInvolved: string;
  actionsTaken: string;
  guardianNotifiedAt: string;
  /** Written when it is closed. */
  followUp: string | null;
  closedAt: string | null;
}

/** What load-world.ts loads into a campaign: classes with their families, doors, ledgers and incidents. */
export type DemoProgramme = Pick<DemoWorld, 'classes' | 'families' | 'attendance' | 'records' | 'activities'> & {
  incidents: DemoIncident[];
};

/** How many extra parent accounts `unit0` gets for the running class's families (u0_parent4 …). */
export const EXTRA_UNIT0_PARENTS = 12;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖'.split('');
const BOY = '浩然 子轩 宇航 梓豪 俊熙 博文 一鸣 思远 嘉乐 天佑 明哲 皓宇'.split(' ');
const GIRL = '欣怡 梓涵 一诺 若曦 雨桐 诗琪 可馨 语嫣 思彤 佳怡 梦瑶 安琪'.split(' ');
const SCHOOLS = ['示例市实验小学', '示例市第一小学', '泉城路小学', '明湖小学'];
const ALLERGIES = ['花生过敏', '海鲜（虾蟹）过敏', '牛奶蛋白过敏'];

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const phone = (rng: Rng, n: number) => `13${rng.int(0, 9)}${String(90000000 + n).padStart(8, '0')}`;

export const ACTIVITY_PLAN: PlanSlot[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, start: '08:30', end: '10:00', kind: 'homework', title: '作业辅导' },
  { weekday, start: '10:15', end: '11:15', kind: 'reading', title: weekday % 2 ? '绘本共读' : '名著阅读' },
  { weekday, start: '11:30', end: '13:30', kind: 'rest', title: '午餐与午休' },
  {
    weekday,
    start: '14:00',
    end: '15:30',
    kind: weekday % 2 ? 'sports' : 'arts',
    title: weekday % 2 ? '趣味体育' : '书法绘画',
  },
  {
    weekday,
    start: '15:45',
    end: '17:00',
    kind: weekday % 2 ? 'arts' : 'sports',
    title: weekday % 2 ? '手工制作' : '跳绳比赛',
  },
]);

/** Extra parent accounts at unit0, made with their own RNG so the organisations' stream stays as it was. */
export function extraParents(seed: number): DemoUser[] {
  const rng = seededRng(seed * 7919 + 17);
  return Array.from({ length: EXTRA_UNIT0_PARENTS }, (_, k) => ({
    username: `u0_parent${4 + k}`,
    displayName: `${rng.pick(SURNAMES)}${rng.pick([...BOY, ...GIRL]).slice(0, 1)}${rng.pick(['女士', '先生'])}`,
    phone: phone(rng, 1000 + k),
    role: 'parent' as const,
    orgKey: 'unit0',
  }));
}

function pickUnit(orgs: DemoOrg[], parentKey: string, skip: string[]): string {
  const u = orgs.find((o) => o.kind === 'unit' && o.parentKey === parentKey && !skip.includes(o.key));
  return u?.key ?? 'unit0';
}

export function generateWorld(opts: { seed: number; now: Date; orgs: DemoOrg[] }): DemoWorld {
  const rng = seededRng(opts.seed * 104729 + 3);
  const today = todayInChina(opts.now);
  const year = Number(today.slice(0, 4));
  // The running class: ten working days before today to twenty after.
  const before = workingDaysInRange(addDays(today, -45), addDays(today, -1), [], DEMO_CALENDAR);
  const start = before[Math.max(0, before.length - 10)] ?? addDays(today, -14);
  const after = workingDaysInRange(addDays(today, 1), addDays(today, 60), [], DEMO_CALENDAR);
  const end = after[19] ?? addDays(today, 28);
  const pastDays = workingDaysInRange(start, addDays(today, -1), [], DEMO_CALENDAR);
  // The open class starts in three weeks; the submitted one later still.
  const openStart =
    workingDaysInRange(addDays(today, 21), addDays(today, 35), [], DEMO_CALENDAR)[0] ?? addDays(today, 21);
  const openEnd =
    workingDaysInRange(openStart, addDays(openStart, 60), [], DEMO_CALENDAR)[21] ?? addDays(openStart, 30);
  const subStart =
    workingDaysInRange(addDays(today, 35), addDays(today, 50), [], DEMO_CALENDAR)[0] ?? addDays(today, 35);
  const subEnd = workingDaysInRange(subStart, addDays(subStart, 60), [], DEMO_CALENDAR)[21] ?? addDays(subStart, 30);

  const rolled = rollCampaignToYear(TEMPLATE_2021, year);
  const name = `${year}年演示项目`;
  const firstDay = addDays(start, -30);
  const params = campaignParamsSchema.parse({
    ...rolled,
    name,
    season: {
      start: minDate(rolled.season.start, firstDay),
      end: maxDate(rolled.season.end, addDays(subEnd, 7)),
    },
  });

  const openKey = pickUnit(opts.orgs, 'district0', ['unit0']);
  const subKey = pickUnit(opts.orgs, 'district0', ['unit0', openKey]);
  const venue = (n: string, addr: string) => ({ name: n, address: addr, areaM2: 160, capacity: 40, floor: '1' });
  const step = (from: string, to: string, by: string, day: string, time: string, comment: string | null = null) => ({
    from,
    to,
    by,
    comment,
    at: at(day, time),
  });
  const classes: DemoClass[] = [
    {
      key: 'running',
      orgKey: 'unit0',
      name: `${year}年职工子女爱心托管班（演示）`,
      status: 'running',
      startDate: start,
      endDate: end,
      capacity: 30,
      gradesOffered: [1, 2, 3, 4, 5, 6],
      meals: 'contracted',
      publicDescription: '单位工会主办，在职职工子女免费参加：作业辅导、阅读、体育与艺术活动，午餐由持证配餐企业供应。',
      activityPlan: ACTIVITY_PLAN,
      venue: venue('职工之家活动中心', '示例市解放路88号职工之家一楼'),
      caterer: {
        name: '示例市阳光配餐有限公司',
        licenceNo: 'JY13701020000123',
        licenceExpiry: addDays(end, 365),
        agreementStart: addDays(start, -20),
        agreementEnd: addDays(end, 10),
      },
      staff: [
        { username: 'staff', name: '托管班 刘老师', role: 'head', phone: null, qualification: '小学教师资格证' },
        { username: 'volunteer', name: '志愿者 陈同学', role: 'employee_volunteer', phone: null, qualification: null },
        { username: null, name: '孙建国', role: 'safety', phone: phone(rng, 501), qualification: '安全员证' },
        { username: null, name: '马丽', role: 'teacher', phone: phone(rng, 502), qualification: '小学教师资格证' },
      ],
      transitions: [
        step('draft', 'submitted', 'unit', addDays(start, -40), '10:00'),
        step('submitted', 'approved', 'district', addDays(start, -37), '15:20', '材料齐全，同意开办'),
        step('approved', 'open', 'unit', addDays(start, -35), '09:00'),
        step('open', 'running', 'staff', start, '07:45'),
      ],
      enrolment: {
        windowOpensAt: at(addDays(start, -35), '09:00'),
        windowClosesAt: at(addDays(start, -5), '18:00'),
        openToAll: false,
      },
    },
    {
      key: 'open',
      orgKey: openKey,
      name: `${year}年职工子女托管二班（演示·报名中）`,
      status: 'open',
      startDate: openStart,
      endDate: openEnd,
      capacity: 25,
      gradesOffered: [1, 2, 3, 4, 5, 6],
      meals: 'self',
      publicDescription: '面向全市职工子女开放报名，先到先得；单位食堂供应午餐。',
      activityPlan: ACTIVITY_PLAN,
      venue: venue('单位培训楼多功能厅', '示例市人民路120号培训楼一层'),
      caterer: null,
      staff: [
        { username: null, name: '高文静', role: 'head', phone: phone(rng, 503), qualification: '小学教师资格证' },
      ],
      transitions: [
        step('draft', 'submitted', 'district', addDays(today, -12), '10:00'),
        step('submitted', 'approved', 'district', addDays(today, -10), '14:00', '同意'),
        step('approved', 'open', 'district', addDays(today, -7), '09:00'),
      ],
      enrolment: {
        windowOpensAt: at(addDays(today, -7), '09:00'),
        windowClosesAt: at(addDays(openStart, -3), '18:00'),
        openToAll: true,
      },
    },
    {
      key: 'submitted',
      orgKey: subKey,
      name: `${year}年职工子女托管班（演示·待审批）`,
      status: 'submitted',
      startDate: subStart,
      endDate: subEnd,
      capacity: 30,
      gradesOffered: [1, 2, 3, 4, 5, 6],
      meals: 'self',
      publicDescription: '等待区总工会审批。',
      activityPlan: ACTIVITY_PLAN,
      venue: venue('社区活动室', '示例市和平路36号'),
      caterer: null,
      staff: [
        { username: null, name: '林海燕', role: 'head', phone: phone(rng, 504), qualification: '小学教师资格证' },
      ],
      transitions: [step('draft', 'submitted', 'district', addDays(today, -2), '16:30')],
      enrolment: null,
    },
  ];

  // Families: the `parent` account with two children, then unit0's other parents with one or two each.
  const guardians = ['parent', ...Array.from({ length: 4 + EXTRA_UNIT0_PARENTS }, (_, k) => `u0_parent${k}`)];
  const families: DemoFamily[] = [];
  let no = 0;
  const TOTAL = 23;
  for (const [gi, g] of guardians.entries()) {
    if (no >= TOTAL) break;
    const surname = rng.pick(SURNAMES);
    // Two children where the remaining guardians would otherwise be too few for TOTAL.
    const mustDouble = TOTAL - no > guardians.length - gi;
    const n = gi === 0 ? 2 : Math.min(TOTAL - no, mustDouble || rng.next() < 0.4 ? 2 : 1);
    const kids: DemoChild[] = [];
    const usedNames = new Set<string>();
    for (let k = 0; k < n; k++) {
      const gender = rng.next() < 0.5 ? 'M' : 'F';
      let given = rng.pick(gender === 'M' ? BOY : GIRL);
      while (usedNames.has(given)) given = rng.pick(gender === 'M' ? BOY : GIRL);
      usedNames.add(given);
      const grade = rng.int(1, 6);
      const allergic = no === 0 || no === 7 || no === 15;
      const notAllowed = no % 8 === 3;
      kids.push({
        no,
        name: `${surname}${given}`,
        gender,
        birthDate: `${year - 6 - grade}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
        school: rng.pick(SCHOOLS),
        grade: String(grade),
        selfCare: true,
        allergies: allergic ? (ALLERGIES[no % ALLERGIES.length] ?? null) : null,
        healthNotes: allergic ? '午餐请避开过敏食物；随身携带的药品放在老师处' : null,
        healthConsent: allergic || gi === 0,
        emergencyContacts: [
          {
            name: `${surname}${rng.pick(['建华', '志强', '丽娟', '秀英'])}`,
            relation: '父母',
            phone: phone(rng, 600 + no),
          },
        ],
        pickup: [
          {
            name: `${surname}${rng.pick(['奶奶', '爷爷', '外婆', '外公'])}`,
            relation: '祖父母',
            phone: phone(rng, 700 + no),
            allowed: true,
          },
          ...(notAllowed ? [{ name: '赵某某', relation: '其他', phone: null, allowed: false }] : []),
        ],
        enrolment: {
          classKey: 'running',
          appliedAt: at(addDays(start, -30), hhmm(9 * 60 + no * 7)),
          // Three took places that came free this morning and are not ready yet, so the readiness list and the door
          // show something: one unsigned, one proof waiting, one none. The door refuses them until it is done
          // (P-R7), so they have no past days.
          acceptedAt: LATE_JOINERS.includes(no) ? at(today, '07:30') : at(addDays(start, -28), hhmm(10 * 60 + no * 3)),
          agreementSigned: no !== 20,
          insurance: no === 21 ? 'pending' : no === 22 ? 'missing' : 'confirmed',
        },
      });
      no++;
    }
    families.push({
      guardian: g,
      employerKey: 'unit0',
      priorityFlags: gi % 3 === 0 ? ['bothEmployed'] : [],
      children: kids,
    });
  }

  // Attendance for the past days: about 90 % in the room, the rest sick or personal absences reported beforehand.
  const attendance: DemoAttendanceEvent[] = [];
  const kids = families.flatMap((f) => f.children);
  for (const day of pastDays) {
    for (const c of kids) {
      if (LATE_JOINERS.includes(c.no)) continue;
      const r = rng.next();
      const of = { id: `demo-${day}-${c.no}`, childNo: c.no, day };
      if (r < 0.05 || r > 0.97) {
        const reason = r < 0.05 ? 'sick' : 'personal';
        attendance.push(
          reportedAbsence(rng, of, reason, () => (reason === 'sick' ? '发烧，在家休息' : '家中有事请假一天')),
        );
        continue;
      }
      attendance.push(...dayInTheRoom(rng, of));
    }
  }

  // The ledger (台账) for every past day but one (a gap to show), and the timetable ticked off.
  const records: DemoWorld['records'] = [];
  const activities: DemoWorld['activities'] = [];
  const menus = [
    '米饭、番茄炒蛋、清炒西兰花、紫菜汤',
    '馒头、红烧鸡块、炒青菜、冬瓜汤',
    '米饭、鱼香肉丝、蒜蓉生菜、绿豆汤',
  ];
  for (const [i, day] of pastDays.entries()) {
    if (i !== pastDays.length - 3)
      records.push(
        ...routineRecords(day, {
          meal: { supplier: 'caterer', menu: menus[i % menus.length] ?? '', supplierName: '示例市阳光配餐有限公司' },
          cleanedBy: '保洁 王阿姨',
          fireCheck: i % 5 === 0,
        }),
      );
    for (const s of timetableFor(ACTIVITY_PLAN, day)) {
      const done = rng.next() < 0.92;
      activities.push({
        day,
        ...s,
        doneAt: done ? at(day, s.end) : null,
        note: done && s.kind === 'sports' ? '全员参加，注意补水' : null,
      });
    }
  }

  const hurtDay = pastDays[Math.max(0, pastDays.length - 4)];
  const hurt = kids[5];
  return {
    today,
    campaign: { name, year, params },
    classes,
    families,
    pastDays,
    attendance,
    records,
    activities,
    incident:
      hurtDay && hurt
        ? {
            childNo: hurt.no,
            occurredAt: at(hurtDay, '14:40'),
            description: '趣味体育课跑步时摔倒，左膝轻微擦伤。',
            actionsTaken: '安全员当即用碘伏清洗消毒并贴创可贴，孩子休息后继续参加活动。',
            followUp: '次日复查伤口已结痂；提醒学生跑步时系好鞋带。',
            guardianNotifiedAt: at(hurtDay, '14:55'),
            closedAt: at(addDays(hurtDay, 1), '09:30'),
          }
        : null,
  };
}
