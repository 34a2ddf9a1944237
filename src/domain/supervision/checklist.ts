/**
 * The supervision checklist (督导检查表, P-K3: 安全、卫生、消防等过程监管) and the rules a visit's findings follow.
 * Pure: the server and the phone form both read it, so the items and their labels are written once.
 */
import { addDays, daysBetween, type IsoDate } from '../calendar/dates.js';

export const CHECK_ITEMS = ['safety', 'hygiene', 'fire', 'food', 'records', 'staffing', 'headcount'] as const;
export type CheckItem = (typeof CHECK_ITEMS)[number];

export const CHECK_LABELS: Record<CheckItem, { zh: string; en: string; hint: { zh: string; en: string } }> = {
  safety: {
    zh: '安全管理',
    en: 'Safety',
    hint: { zh: '门禁、监控、接送登记、应急通道', en: 'Entrance, surveillance, pickup log, emergency exits' },
  },
  hygiene: {
    zh: '卫生',
    en: 'Hygiene',
    hint: { zh: '通风、清洁消毒、饮水', en: 'Ventilation, cleaning and disinfection, drinking water' },
  },
  fire: {
    zh: '消防',
    en: 'Fire',
    hint: { zh: '灭火器、疏散标识、消防通道畅通', en: 'Extinguishers, exit signs, clear fire lanes' },
  },
  food: {
    zh: '餐饮与留样',
    en: 'Food and samples (留样)',
    hint: { zh: '配餐资质、食品留样 48 小时', en: 'Caterer licence, food samples kept 48 h' },
  },
  records: {
    zh: '台账记录',
    en: 'Records',
    hint: { zh: '出勤、日志、活动记录齐全', en: 'Attendance, daily log, activity records complete' },
  },
  staffing: {
    zh: '人员配备',
    en: 'Staffing',
    hint: { zh: '在岗人数与师生比、健康证', en: 'Staff on duty, ratio, health certificates' },
  },
  headcount: {
    zh: '现场点名',
    en: 'Head count',
    hint: { zh: '现场人数与接送出勤名单核对', en: 'Children on site against the door list' },
  },
};

export const RESULTS = ['pass', 'fail', 'na'] as const;
export type CheckResult = (typeof RESULTS)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Days a unit has to put a finding right when the inspector names no deadline. */
export const DEFAULT_RECTIFY_DAYS: Record<Severity, number> = { high: 3, medium: 7, low: 14 };

export function defaultDeadline(visitedOn: IsoDate, severity: Severity): IsoDate {
  return addDays(visitedOn, DEFAULT_RECTIFY_DAYS[severity]);
}

/** Escalations an item can receive, each sent once: the unit a day before, the district and then the city after. */
export const ESCALATION_KINDS = ['due_soon', 'overdue_district', 'overdue_city'] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

/** An item still waiting for the unit (open): overdue this many days or more reaches the city whatever its severity. */
export const CITY_AFTER_DAYS = 7;

/**
 * Which notices an item waiting for its unit deserves today. `due_soon` when the deadline is today or tomorrow;
 * overdue (the deadline has passed) reaches the district, and the city when the item is high severity or more
 * than CITY_AFTER_DAYS days late. An item the unit has answered (awaiting the inspector) or closed deserves none.
 */
export function escalationsDue(
  item: { status: string; severity: Severity; deadline: IsoDate },
  today: IsoDate,
): EscalationKind[] {
  if (item.status !== 'open') return [];
  const left = daysBetween(today, item.deadline);
  if (left >= 0) return left <= 1 ? ['due_soon'] : [];
  const late = -left;
  return item.severity === 'high' || late > CITY_AFTER_DAYS
    ? ['overdue_district', 'overdue_city']
    : ['overdue_district'];
}

/** Overdue: still waiting for the unit (open) after its deadline day. */
export function isOverdue(item: { status: string; deadline: IsoDate }, today: IsoDate): boolean {
  return item.status === 'open' && item.deadline < today;
}
