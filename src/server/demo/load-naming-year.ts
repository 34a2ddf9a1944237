/**
 * Last year's named demonstration classes as plain rows (no I/O): each a real summer class that ran its whole
 * season — its roster, 26–38 children of its unit's employees (grades 1–6, agreements signed, insurance confirmed),
 * the door over every working day (about nine in ten children a day), the daily ledgers and the ticked timetable —
 * so that every named class passes every rule at its close, as a demonstration class must. Loaded by
 * load-naming.ts through the same `loadProgramme` as this year's classes. Deterministic for a seed.
 */
import { addDays } from '../../domain/calendar/dates.js';
import type { CalendarOverrides } from '../../domain/calendar/workdays.js';
import { workingDaysInRange } from '../../domain/calendar/workdays.js';
import { timetableFor } from '../../domain/daily/timetable.js';
import { seededRng } from './random.js';
import { dayInTheRoom, reportedAbsence } from './door-day.js';
import { routineRecords } from './routine-records.js';
import type { DemoUser } from './types.js';
import {
  ACTIVITY_PLAN,
  type DemoAttendanceEvent,
  type DemoChild,
  type DemoClass,
  type DemoProgramme,
} from './world.js';

/** A unit that ran one of last year's named classes, with the demo accounts it has. */
export interface NamedUnit {
  /** The key `loadProgramme` resolves to the unit's id. */
  orgKey: string;
  unitId: number;
  name: string;
  address: string;
  className: string;
  unitAdmin: string;
  /** The district's administrator (confirms the venue, approves and archives). */
  confirmer: string;
  /** The unit's class staff accounts: the head first, then a teacher. */
  staff: { username: string; name: string }[];
  volunteer: { username: string; name: string } | null;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程'.split('');
const BOY = '浩然 子轩 宇航 梓豪 俊熙 博文 一鸣 思远 嘉乐 天佑 明哲 皓宇 睿泽 沐阳 奕辰 承宇 子墨 景行'.split(' ');
const GIRL = '欣怡 梓涵 一诺 若曦 雨桐 诗琪 可馨 语嫣 思彤 佳怡 梦瑶 安琪 紫萱 沐晴 书瑶 芷若 清妍 语桐'.split(' ');
const ADULT = '建华 志强 丽娟 秀英 海燕 国庆 红梅 晓东 春梅 建军 玉兰 文杰'.split(' ');
const SCHOOLS = ['实验小学', '第一小学', '第二小学', '育英小学', '外国语小学', '师范附属小学'];
const MENUS = [
  '米饭、番茄炒蛋、清炒西兰花、紫菜汤',
  '馒头、红烧鸡块、炒青菜、冬瓜汤',
  '米饭、鱼香肉丝、蒜蓉生菜、绿豆汤',
];

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export interface NamedYear {
  /** The families' guardians (new accounts, parents at their unit). */
  users: DemoUser[];
  programme: DemoProgramme;
}

export function generateNamedYear(o: {
  seed: number;
  year: number;
  units: NamedUnit[];
  calendar: CalendarOverrides;
}): NamedYear {
  const rng = seededRng(o.seed * 7919 + o.year);
  const users: DemoUser[] = [];
  const classes: DemoClass[] = [];
  const families: DemoProgramme['families'] = [];
  const attendance: DemoAttendanceEvent[] = [];
  const records: DemoProgramme['records'] = [];
  const activities: DemoProgramme['activities'] = [];
  let childNo = 0;
  const start = `${o.year}-07-07`;
  const end = `${o.year}-08-15`;
  const days = workingDaysInRange(start, end, [], o.calendar);
  for (const [k, u] of o.units.entries()) {
    const key = `named${k}`;
    const head = u.staff[0] ?? null;
    const capacity = 36 + (k % 3) * 4;
    const enrolled = capacity - rng.int(2, 8);
    const step = (from: string, to: string, by: string, day: string, time: string, comment: string | null = null) => ({
      from,
      to,
      by,
      comment,
      at: at(day, time),
    });
    classes.push({
      key,
      orgKey: u.orgKey,
      name: u.className,
      status: 'archived',
      unitAdmin: u.unitAdmin,
      confirmer: u.confirmer,
      startDate: start,
      endDate: end,
      capacity,
      gradesOffered: [1, 2, 3, 4, 5, 6],
      meals: 'self',
      publicDescription: '暑期爱心托管：作业辅导、阅读、体育和手工；午餐由单位职工食堂供应。',
      activityPlan: ACTIVITY_PLAN,
      venue: {
        name: rng.pick(['职工之家活动室', '培训楼多功能厅', '职工书屋']),
        address: u.address,
        areaM2: capacity * 4,
        capacity: capacity + 6,
        floor: '1',
      },
      caterer: null,
      staff: [
        ...(head ? [{ ...head, role: 'head', phone: null, qualification: '小学教师资格证' }] : []),
        ...u.staff.slice(1, 2).map((s) => ({
          ...s,
          role: 'teacher',
          phone: null,
          qualification: '小学教师资格证',
        })),
        ...(u.volunteer ? [{ ...u.volunteer, role: 'employee_volunteer', phone: null, qualification: null }] : []),
        {
          username: null,
          name: rng.pick(SURNAMES) + rng.pick(ADULT),
          role: 'safety',
          phone: null,
          qualification: '安全员证',
        },
      ],
      transitions: [
        step('draft', 'submitted', u.unitAdmin, addDays(start, -40), '10:00'),
        step('submitted', 'approved', u.confirmer, addDays(start, -37), '15:20', '材料齐全，同意开办'),
        step('approved', 'open', u.unitAdmin, addDays(start, -35), '09:00'),
        step('open', 'running', head?.username ?? u.unitAdmin, start, '07:45'),
        step('running', 'closed', u.unitAdmin, end, '18:00'),
        step('closed', 'archived', u.confirmer, addDays(end, 20), '10:00'),
      ],
      enrolment: {
        windowOpensAt: at(addDays(start, -35), '09:00'),
        windowClosesAt: at(addDays(start, -3), '18:00'),
        openToAll: false,
      },
    });

    // The unit's families: one child mostly, siblings sometimes; every paper in order.
    const kids: DemoChild[] = [];
    let parentNo = 0;
    while (kids.length < enrolled) {
      const guardian = `ly${u.unitId}_parent${parentNo++}`;
      users.push({
        username: guardian,
        displayName: `${rng.pick(SURNAMES)}${rng.pick(ADULT).slice(0, 1)}${rng.pick(['女士', '先生'])}`,
        phone: null,
        role: 'parent',
        orgKey: u.orgKey,
      });
      const surname = rng.pick(SURNAMES);
      const siblings = kids.length + 1 < enrolled && rng.next() < 0.12 ? 2 : 1;
      const mine: DemoChild[] = [];
      const names = new Set<string>();
      for (let s = 0; s < siblings; s++) {
        const gender = rng.next() < 0.5 ? 'M' : 'F';
        let given = rng.pick(gender === 'M' ? BOY : GIRL);
        while (names.has(given)) given = rng.pick(gender === 'M' ? BOY : GIRL);
        names.add(given);
        const grade = rng.int(1, 6);
        const applied = addDays(start, -rng.int(15, 30));
        mine.push({
          no: childNo++,
          name: `${surname}${given}`,
          gender,
          birthDate: `${o.year - 6 - grade}-${String(rng.int(1, 8)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
          school: `示例市${rng.pick(SCHOOLS)}`,
          grade: String(grade),
          selfCare: true,
          allergies: null,
          healthNotes: null,
          healthConsent: false,
          emergencyContacts: [{ name: `${surname}${rng.pick(ADULT)}`, relation: '父母', phone: '13800000000' }],
          pickup: [
            {
              name: `${surname}${rng.pick(['奶奶', '爷爷', '外婆', '外公'])}`,
              relation: '祖父母',
              phone: null,
              allowed: true,
            },
          ],
          enrolment: {
            classKey: key,
            appliedAt: at(applied, hhmm(9 * 60 + rng.int(0, 480))),
            acceptedAt: at(addDays(applied, rng.int(1, 3)), hhmm(9 * 60 + rng.int(0, 480))),
            agreementSigned: true,
            insurance: 'confirmed',
          },
        });
      }
      kids.push(...mine);
      families.push({ guardian, employerKey: u.orgKey, verifier: u.unitAdmin, priorityFlags: [], children: mine });
    }

    // The door over the whole season: about nine in ten children a day, absences reported by the families.
    const rate = 0.86 + rng.next() * 0.1;
    for (const c of kids) {
      for (const day of days) {
        const of = { classKey: key, id: `ly-${key}-${day}-${c.no}`, childNo: c.no, day };
        if (rng.next() >= rate) {
          const sick = rng.next() < 0.6;
          attendance.push(
            reportedAbsence(rng, of, sick ? 'sick' : 'personal', () => (sick ? '感冒，在家休息' : '家中有事请假一天')),
          );
          continue;
        }
        attendance.push(...dayInTheRoom(rng, of));
      }
    }
    // The ledgers every day, the fire check weekly, and every timetable slot ticked.
    for (const [d, day] of days.entries()) {
      const meal = {
        supplier: 'self' as const,
        menu: MENUS[(d + k) % MENUS.length] ?? '',
        supplierName: `${u.name}职工食堂`,
      };
      for (const r of routineRecords(day, { meal, cleanedBy: '保洁员', fireCheck: d % 5 === 0 }))
        records.push({ classKey: key, ...r });
      for (const s of timetableFor(ACTIVITY_PLAN, day))
        activities.push({ classKey: key, day, ...s, doneAt: at(day, s.end), note: null });
    }
  }
  return { users, programme: { classes, families, attendance, records, activities, incidents: [] } };
}
