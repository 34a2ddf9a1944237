/** Words for the domain's codes (grades, statuses, allocation, meals) and date formatting, in the UI language. */
import { isLiveStatus } from '../../domain/enrolment/statuses';
import type { Enrolment, EnrolmentStatus, Grade, Guardian } from './api/types';
import { currentLang, type Lang, type MessageKey, translate } from './i18n';
import type { Tone } from './ui/states';

export const GRADES: Grade[] = ['K', '1', '2', '3', '4', '5', '6'];

export const gradeLabel = (g: Grade | string | number, lang?: Lang) =>
  translate(`grade.${String(g)}` as MessageKey, undefined, lang);

export const genderLabel = (g: 'M' | 'F' | null) => (g ? translate(g === 'M' ? 'child.male' : 'child.female') : '');

export const GUARDIAN_TONE: Record<Guardian['status'], Tone> = {
  pending: 'orange',
  verified: 'green',
  rejected: 'red',
};
export const guardianStatusLabel = (s: Guardian['status']) => translate(`guardian.${s}` as MessageKey);

export const ENROLMENT_TONE: Record<EnrolmentStatus, Tone> = {
  applied: 'blue',
  offered: 'orange',
  accepted: 'green',
  waitlisted: 'orange',
  withdrawn: 'grey',
  expired: 'grey',
  rejected: 'grey',
};
export const enrolmentStatusLabel = (s: EnrolmentStatus) => translate(`enrolment.status.${s}` as MessageKey);
export const isLive = (e: Pick<Enrolment, 'status'>) => isLiveStatus(e.status);

export const allocationLabel = (a: string) =>
  translate(a === 'lottery' ? 'class.allocation.lottery' : 'class.allocation.fcfs');
export const mealsLabel = (m: string) =>
  translate(m === 'self' ? 'class.meals.self' : m === 'contracted' ? 'class.meals.contracted' : 'class.meals.none');
export const feeLabel = (amount: number) =>
  amount > 0 ? translate('class.fee.amount', { amount }) : translate('class.fee.free');
export const feeStatusLabel = (s: string) =>
  translate(s === 'paid' ? 'fee.paid' : s === 'waived' ? 'fee.waived' : s === 'due' ? 'fee.due' : 'fee.none');

/** 2026-07-06 → 7月6日 (zh) / 6 Jul (en); the year only when it is not this year. */
export function formatDate(iso: string | null | undefined, lang?: Lang): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  const thisYear = new Date().getFullYear() === y;
  if ((lang ?? currentLang()) === 'en') {
    const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
    return thisYear ? `${d} ${month}` : `${d} ${month} ${y}`;
  }
  return thisYear ? `${m}月${d}日` : `${y}年${m}月${d}日`;
}

export function formatRange(start: string | null, end: string | null): string {
  if (!start && !end) return translate('common.tbd');
  return `${formatDate(start)} – ${formatDate(end)}`;
}

/** A moment as Beijing time, e.g. 6月20日 18:00. */
export function formatMoment(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${formatDate(`${get('year')}-${get('month')}-${get('day')}`)} ${get('hour')}:${get('minute')}`;
}

/** An enrolment's `reason`: the allocation's codes in words; anything else is a person's own text (a withdrawal). */
export function enrolmentReason(reason: string): string {
  if (reason === 'full') return translate('enrolment.reason.full');
  if (reason === 'kindergartenCap') return translate('enrolment.reason.kindergartenCap');
  return reason;
}
