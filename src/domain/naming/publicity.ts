/**
 * The rules of a 公示 (publicity period) and of naming, pure. The period is counted in official working days
 * (chinese-days through domain/calendar: 法定节假日 are days off, 调休 make-up Saturdays work): by default 5, the
 * first day counted being the start date when it is itself a working day. Objections are taken from the first day
 * to the last day inclusive (calendar days: a holiday inside the period is still inside it). Naming comes after the
 * last day, once every objection has at least one recorded response.
 */
import { addDays, type IsoDate, isIsoDate } from '../calendar/dates.js';
import { type CalendarOverrides, uncoveredYears, workingDaysInRange } from '../calendar/workdays.js';

export const DEFAULT_PUBLICITY_WORKDAYS = 5;
export const MAX_PUBLICITY_WORKDAYS = 30;

export type PublicityPhase = 'scheduled' | 'open' | 'closed';

export interface PublicityPeriod {
  startsOn: IsoDate;
  endsOn: IsoDate;
  /** The official working days in the period, in order. */
  days: IsoDate[];
}

/** The period of `workdays` official working days from `startsOn` (inclusive). */
export function publicityPeriod(
  startsOn: IsoDate,
  workdays: number = DEFAULT_PUBLICITY_WORKDAYS,
  overrides?: CalendarOverrides,
): PublicityPeriod {
  if (!isIsoDate(startsOn)) throw new RangeError(`not a calendar date: ${startsOn}`);
  if (!Number.isInteger(workdays) || workdays < 1 || workdays > MAX_PUBLICITY_WORKDAYS) {
    throw new RangeError(`working days out of range: ${workdays}`);
  }
  // Three calendar weeks per five working days is more than any run of holidays (国庆 is 7–8 days off).
  const days = workingDaysInRange(startsOn, addDays(startsOn, workdays * 3 + 14), [], overrides).slice(0, workdays);
  const endsOn = days[days.length - 1];
  if (!endsOn || days.length < workdays) throw new RangeError(`no ${workdays} working days after ${startsOn}`);
  return { startsOn, endsOn, days };
}

/** Years the period touches whose official calendar is unknown (the count would guess Monday–Friday). */
export function publicityUncoveredYears(startsOn: IsoDate, workdays: number, overrides?: CalendarOverrides): number[] {
  return uncoveredYears(startsOn, publicityPeriod(startsOn, workdays, overrides).endsOn, overrides);
}

export function publicityPhase(p: { startsOn: IsoDate; endsOn: IsoDate }, today: IsoDate): PublicityPhase {
  if (today < p.startsOn) return 'scheduled';
  if (today > p.endsOn) return 'closed';
  return 'open';
}

export interface Refusal {
  zh: string;
  en: string;
}

/** Why an objection cannot be taken today (null: it can). */
export function objectionRefusal(p: { startsOn: IsoDate; endsOn: IsoDate }, today: IsoDate): Refusal | null {
  const phase = publicityPhase(p, today);
  if (phase === 'scheduled') {
    return {
      zh: `公示期自 ${p.startsOn} 开始，届时方可提出异议`,
      en: `The publicity period starts on ${p.startsOn}; objections are taken from then`,
    };
  }
  if (phase === 'closed') {
    return {
      zh: `公示期已于 ${p.endsOn} 结束，不再受理异议`,
      en: `The publicity period ended on ${p.endsOn}; objections are no longer taken`,
    };
  }
  return null;
}

/** Why the classes of a 公示 cannot be named yet (empty: they can). */
export function namingRefusals(
  p: { startsOn: IsoDate; endsOn: IsoDate },
  today: IsoDate,
  unansweredObjections: number,
  decisionDate: IsoDate,
): Refusal[] {
  const out: Refusal[] = [];
  if (publicityPhase(p, today) !== 'closed') {
    out.push({
      zh: `公示期至 ${p.endsOn} 结束，期满后方可命名`,
      en: `The publicity period runs until ${p.endsOn}; naming comes after it`,
    });
  }
  if (decisionDate <= p.endsOn) {
    out.push({
      zh: `命名日期须在公示期结束（${p.endsOn}）之后`,
      en: `The decision date must be after the period's end (${p.endsOn})`,
    });
  }
  if (decisionDate > today) {
    out.push({ zh: '命名日期不能晚于今天', en: 'The decision date cannot be in the future' });
  }
  if (unansweredObjections > 0) {
    out.push({
      zh: `尚有 ${unansweredObjections} 条异议未答复`,
      en: `${unansweredObjections} objection(s) still have no response`,
    });
  }
  return out;
}

export type VerifyState = 'valid' | 'revoked' | 'unknown';

/** What a certificate's verification page says. */
export function verifyState(naming: object | null, revocation: object | null): VerifyState {
  if (!naming) return 'unknown';
  return revocation ? 'revoked' : 'valid';
}

/** A certificate's verification code: 24 base32 characters (120 bits), as the verify page accepts it. */
export const VERIFY_CODE = /^[a-z2-7]{24}$/;

/** Score ×100 ↔ the published figure. */
export const scoreToCenti = (s: number | null | undefined): number | null =>
  s === null || s === undefined || !Number.isFinite(s) ? null : Math.round(s * 100);
export const centiToScore = (c: number | null): number | null => (c === null ? null : c / 100);
