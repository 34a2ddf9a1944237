/**
 * Volunteers (职工志愿者、社会志愿者, P-F): the pure rules of a class's call for help, of accepting an applicant into
 * the class's staff, and of the hours a volunteer served, counted from their own door check-ins. No I/O.
 */
import { addDays, daysBetween, type IsoDate } from '../calendar/dates.js';

export const VOLUNTEER_SKILLS = ['homework', 'reading', 'sports', 'arts', 'other'] as const;
export type VolunteerSkill = (typeof VOLUNTEER_SKILLS)[number];
export const SKILL_LABELS: Record<VolunteerSkill, { zh: string; en: string }> = {
  homework: { zh: '作业辅导', en: 'Homework help' },
  reading: { zh: '阅读', en: 'Reading' },
  sports: { zh: '体育', en: 'Sports' },
  arts: { zh: '艺术', en: 'Arts' },
  other: { zh: '其他', en: 'Other' },
};

/** 职工志愿者 (from a workplace, names an employer) or 社会志愿者. A call may want either. */
export const VOLUNTEER_KINDS = ['employee', 'social'] as const;
export type VolunteerKind = (typeof VOLUNTEER_KINDS)[number];
export const CALL_KINDS = ['employee', 'social', 'either'] as const;
export type CallKind = (typeof CALL_KINDS)[number];
export const KIND_LABELS: Record<CallKind, { zh: string; en: string }> = {
  employee: { zh: '职工志愿者', en: 'Employee volunteers' },
  social: { zh: '社会志愿者', en: 'Social volunteers' },
  either: { zh: '职工或社会志愿者', en: 'Employee or social volunteers' },
};
/** The class_staff role an accepted volunteer gets (STAFF_ROLES in domain/classes/lifecycle.ts). */
export const STAFF_ROLE_OF: Record<VolunteerKind, 'employee_volunteer' | 'social_volunteer'> = {
  employee: 'employee_volunteer',
  social: 'social_volunteer',
};

export const CALL_STATUSES = ['open', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
export const APPLICATION_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface CallWindow {
  status: CallStatus;
  endDate: IsoDate;
}

/** A call takes applications while it is open and its last day has not passed. */
export const callTakesApplications = (c: CallWindow, today: IsoDate): boolean =>
  c.status === 'open' && c.endDate >= today;

/** Whether an applicant of `kind` fits a call asking for `wanted`. */
export const kindFits = (wanted: CallKind, kind: VolunteerKind): boolean => wanted === 'either' || wanted === kind;

/**
 * The checks staff need before they work with children (托管班人员): a health certificate (健康证) that is still
 * valid on the volunteer's first day and a background check (无犯罪记录查询). The 2021 campaign text names neither
 * with a number, so these are the defaults a class is held to; a certificate is valid for a year from its date.
 */
export interface StaffCheckRules {
  healthCertificate: boolean;
  backgroundCheck: boolean;
  healthCertValidDays: number;
}
export const STAFF_CHECK_DEFAULTS: StaffCheckRules = {
  healthCertificate: true,
  backgroundCheck: true,
  healthCertValidDays: 365,
};

export interface StaffCheckInput {
  healthCertDate: IsoDate | null;
  backgroundCheckDate: IsoDate | null;
}
export interface CheckProblem {
  field: 'healthCertDate' | 'backgroundCheckDate';
  zh: string;
  en: string;
}

/** Every check that stops acceptance on `firstDay` (the later of the call's start and today), each said plainly. */
export function staffCheckProblems(
  input: StaffCheckInput,
  firstDay: IsoDate,
  today: IsoDate,
  rules: StaffCheckRules = STAFF_CHECK_DEFAULTS,
): CheckProblem[] {
  const out: CheckProblem[] = [];
  const h = input.healthCertDate;
  if (rules.healthCertificate) {
    if (!h)
      out.push({ field: 'healthCertDate', zh: '须填写健康证日期', en: 'The health certificate date is required' });
    else if (h > today)
      out.push({
        field: 'healthCertDate',
        zh: '健康证日期不能晚于今天',
        en: 'The health certificate date is in the future',
      });
    else if (addDays(h, rules.healthCertValidDays) < firstDay)
      out.push({
        field: 'healthCertDate',
        zh: `健康证已过期（有效期 ${rules.healthCertValidDays} 天）`,
        en: `The health certificate has expired (valid ${rules.healthCertValidDays} days)`,
      });
  }
  const b = input.backgroundCheckDate;
  if (rules.backgroundCheck) {
    if (!b)
      out.push({
        field: 'backgroundCheckDate',
        zh: '须完成背景审查（无犯罪记录查询）并填写日期',
        en: 'The background check date is required',
      });
    else if (b > today)
      out.push({
        field: 'backgroundCheckDate',
        zh: '背景审查日期不能晚于今天',
        en: 'The background check date is in the future',
      });
  }
  return out;
}

// ---- hours served, from the volunteer's own door check-ins -------------------------------------------------

export interface DoorMark {
  classId: number;
  /** YYYY-MM-DD, China time. */
  day: IsoDate;
  kind: 'in' | 'out';
  at: Date;
}
export interface ServedDay {
  classId: number;
  day: IsoDate;
  firstIn: Date;
  lastOut: Date | null;
  /** Minutes counted for the day: the sum of in→out spans; an unclosed span counts nothing. */
  minutes: number;
  /** A check-in with no check-out that day (counted as 0, shown so the unit can follow up). */
  open: boolean;
}

/** No single span counts for more than this (a forgotten check-out the next morning is not a 20-hour shift). */
export const MAX_SPAN_MINUTES = 12 * 60;

/**
 * Pairs each check-in with the next check-out of the same class and day. Repeated check-ins keep the first;
 * a check-out without a check-in is ignored. Days are returned in order.
 */
export function servedDays(marks: readonly DoorMark[]): ServedDay[] {
  const byDay = new Map<string, DoorMark[]>();
  for (const m of marks) {
    const k = `${m.classId}|${m.day}`;
    const list = byDay.get(k) ?? [];
    list.push(m);
    byDay.set(k, list);
  }
  const out: ServedDay[] = [];
  for (const list of byDay.values()) {
    list.sort((a, b) => a.at.getTime() - b.at.getTime());
    let openAt: Date | null = null;
    let minutes = 0;
    let firstIn: Date | null = null;
    let lastOut: Date | null = null;
    for (const m of list) {
      if (m.kind === 'in') {
        if (!openAt) openAt = m.at;
        if (!firstIn) firstIn = m.at;
      } else if (openAt) {
        minutes += Math.min(MAX_SPAN_MINUTES, Math.floor((m.at.getTime() - openAt.getTime()) / 60_000));
        lastOut = m.at;
        openAt = null;
      }
    }
    const first = list[0];
    if (!first || !firstIn) continue;
    out.push({ classId: first.classId, day: first.day, firstIn, lastOut, minutes, open: openAt !== null });
  }
  return out.sort((a, b) => (a.day === b.day ? a.classId - b.classId : a.day < b.day ? -1 : 1));
}

export interface HoursSummary {
  days: number;
  minutes: number;
  /** Hours to one decimal, for display and the record. */
  hours: number;
  openDays: number;
}

export function summariseHours(days: readonly ServedDay[]): HoursSummary {
  const minutes = days.reduce((s, d) => s + d.minutes, 0);
  return {
    days: days.filter((d) => d.minutes > 0).length,
    minutes,
    hours: Math.round(minutes / 6) / 10,
    openDays: days.filter((d) => d.open).length,
  };
}

/** Call dates: start ≤ end, and a call lasts at most a season (about 100 days). */
export function callDateProblem(startDate: IsoDate, endDate: IsoDate): { zh: string; en: string } | null {
  if (endDate < startDate) return { zh: '结束日期不能早于开始日期', en: 'The end date is before the start date' };
  if (daysBetween(startDate, endDate) > 120) return { zh: '一次招募最长 120 天', en: 'A call lasts at most 120 days' };
  return null;
}
