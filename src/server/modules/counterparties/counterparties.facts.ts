/**
 * Facts other modules (care classes, the rules panel) read off a counterparty, so that nobody re-derives them:
 * whether a caterer's licence covers a date (`food.catering`), whether an agreement covers a period
 * (`agreement.partner`), whether a provider passed its review (`provider.qualification`).
 * Each answers true, false, or undefined for "not recorded" — the rules engine's `unknown`.
 */
import type { IsoDate } from '../../../domain/calendar/dates.js';
import type { CounterpartyRecord } from './counterparties.repo.js';

type Caterer = Pick<CounterpartyRecord, 'kind' | 'licenceNo' | 'licenceExpiry'>;

/** Is the caterer's food-service licence valid through `date` (inclusive)? Not a caterer: false. */
export function licenceValidThrough(caterer: Caterer, date: IsoDate): boolean | undefined {
  if (caterer.kind !== 'caterer') return false;
  if (!caterer.licenceNo || !caterer.licenceExpiry) return undefined;
  // ISO dates compare correctly as strings.
  return caterer.licenceExpiry >= date;
}

/** Does the recorded agreement period cover [start, end]? */
export function agreementCovers(
  c: Pick<CounterpartyRecord, 'agreementStart' | 'agreementEnd'>,
  start: IsoDate,
  end: IsoDate,
): boolean | undefined {
  if (!c.agreementStart || !c.agreementEnd) return undefined;
  return c.agreementStart <= start && c.agreementEnd >= end;
}

/** The provider's qualification review: passed → true, failed → false, pending or none → undefined. */
export function providerQualified(p: Pick<CounterpartyRecord, 'kind' | 'reviewResult'>): boolean | undefined {
  if (p.kind !== 'provider') return false;
  if (p.reviewResult === 'passed') return true;
  if (p.reviewResult === 'failed') return false;
  return undefined;
}
