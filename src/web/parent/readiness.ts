/**
 * "Before the first day" from the parent's side: which of confirmation, agreement, insurance and fee are still
 * missing for a place, and the one next step to show. GET /api/parent/enrolments carries the readiness of a held
 * place; when it does not (an older server), the agreement's `signed` flag comes from its own endpoint and an
 * insurance submission is remembered on this phone.
 */
import { isHoldingStatus } from '../../domain/enrolment/statuses';
import { ApiError } from './api/client';
import { getAgreement } from './api/calls';
import type { InsuranceState, ParentEnrolment } from './api/types';
import type { MessageKey } from './i18n';
import { formatMoment } from './labels';

export interface Readiness {
  agreement: 'signed' | 'unsigned' | 'unpublished' | 'unknown';
  /** `submitted`: sent from this phone, review outcome unknown. */
  insurance: InsuranceState | 'submitted';
  fee: string;
  /** null while the server does not say. */
  enrolled: boolean | null;
}

const STORE = 'tuoguan.m.insurance';

function submittedIds(): number[] {
  try {
    const v = JSON.parse(localStorage.getItem(STORE) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
  } catch {
    return [];
  }
}

export function rememberInsuranceSubmitted(enrolmentId: number): void {
  try {
    localStorage.setItem(STORE, JSON.stringify([...new Set([...submittedIds(), enrolmentId])].slice(-50)));
  } catch {
    // private mode: the home screen will ask for the policy again, which is harmless
  }
}

export const holdsPlace = (e: ParentEnrolment) => isHoldingStatus(e.status);

export async function loadReadiness(e: ParentEnrolment): Promise<Readiness> {
  let agreement: Readiness['agreement'];
  if (e.agreementSigned !== undefined) agreement = e.agreementSigned ? 'signed' : 'unsigned';
  else {
    try {
      agreement = (await getAgreement(e.id)).signed ? 'signed' : 'unsigned';
    } catch (err) {
      agreement = err instanceof ApiError && err.status === 404 ? 'unpublished' : 'unknown';
    }
  }
  return {
    agreement,
    insurance: e.insurance ?? (submittedIds().includes(e.id) ? 'submitted' : 'missing'),
    fee: e.feeStatus,
    enrolled: e.enrolled ?? null,
  };
}

export async function loadAllReadiness(items: ParentEnrolment[]): Promise<Map<number, Readiness>> {
  const held = items.filter(holdsPlace);
  const rs = await Promise.all(held.map(loadReadiness));
  return new Map(held.map((e, i) => [e.id, rs[i] as Readiness]));
}

export interface NextStep {
  key: MessageKey;
  tone: 'todo' | 'wait' | 'done' | 'closed';
  params?: Record<string, string | number>;
  /** The screen that does it, when the parent can act. */
  to?: string;
}

export function nextStep(e: ParentEnrolment, r: Readiness | undefined): NextStep {
  switch (e.status) {
    case 'applied':
      return { key: 'next.lottery', tone: 'wait' };
    case 'waitlisted':
      return { key: 'next.waitlist', tone: 'wait' };
    case 'offered':
      return {
        key: e.offerExpiresAt ? 'next.confirmBy' : 'next.confirm',
        tone: 'todo',
        params: { deadline: formatMoment(e.offerExpiresAt) },
        to: `/enrolments/${e.id}`,
      };
    case 'withdrawn':
      return { key: 'next.withdrawn', tone: 'closed' };
    case 'expired':
      return { key: 'next.expired', tone: 'closed' };
    case 'rejected':
      return { key: 'next.rejected', tone: 'closed' };
    default:
      break;
  }
  if (!r) return { key: 'common.loading', tone: 'wait' };
  if (r.enrolled) return { key: 'next.done', tone: 'done' };
  if (r.agreement === 'unsigned' || r.agreement === 'unknown')
    return { key: 'next.sign', tone: 'todo', to: `/enrolments/${e.id}/agreement` };
  if (r.insurance === 'missing') return { key: 'next.insurance', tone: 'todo', to: `/enrolments/${e.id}/insurance` };
  if (r.insurance === 'rejected')
    return { key: 'next.insuranceRejected', tone: 'todo', to: `/enrolments/${e.id}/insurance` };
  if (r.agreement === 'unpublished') return { key: 'next.agreementUnpublished', tone: 'wait' };
  if (r.insurance === 'pending' || r.insurance === 'submitted') return { key: 'next.insurancePending', tone: 'wait' };
  if (r.fee === 'due') return { key: 'next.fee', tone: 'wait' };
  return { key: 'next.done', tone: 'done' };
}
