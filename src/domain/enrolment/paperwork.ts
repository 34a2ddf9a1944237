/**
 * "Paperwork complete for child C in class K on day D" (P-R7, 托管协议 and 监护人自购意外险): written once here, in
 * TypeScript, and once as SQL beside it (src/server/modules/enrolments/paperwork.sql.ts, for the door's fast path);
 * test/api/paperwork.property.test.ts checks on random records that the two agree. The door refuses a check-in on a
 * day the paperwork is not complete, and the policy engine fails `agreement.custody` / `insurance.guardianBought`
 * for every day a child attended without it.
 *
 * On day D:
 * - the custody agreement is signed when the guardian signed, on or before D, the agreement text in force on D: the
 *   latest version published on or before D (or, when none was published by then, the first version: the text the
 *   unit put up later is the one that applies from the start);
 * - the insurance is in place when a proof the staff approved (`confirmed`, reviewed on or before D when the review
 *   day is known) covers D (period start ≤ D ≤ period end). A pending, rejected or missing proof, or one whose
 *   period does not cover D, is not.
 */
import type { IsoDate } from '../calendar/dates.js';

export const PAPERWORK_GAPS = ['agreement', 'insurance'] as const;
export type PaperworkGap = (typeof PAPERWORK_GAPS)[number];

export interface PaperworkRecord {
  /** The agreement texts that apply to the class (its unit's versions), with the day each was published. */
  agreements: readonly { id: number; version: number; publishedOn: IsoDate }[];
  /** The guardian's signatures for this place: which text, on which day. */
  signatures: readonly { textId: number; signedOn: IsoDate }[];
  /** Every insurance proof submitted for this place. */
  proofs: readonly { status: string; periodStart: string; periodEnd: string; reviewedOn: IsoDate | null }[];
}

/** The agreement text in force on `day` (see above), or undefined when the unit has none. */
export function agreementInForce(r: PaperworkRecord, day: IsoDate): { id: number; version: number } | undefined {
  let published: PaperworkRecord['agreements'][number] | undefined;
  let first: PaperworkRecord['agreements'][number] | undefined;
  for (const a of r.agreements) {
    if (a.publishedOn <= day && (!published || a.version > published.version)) published = a;
    if (!first || a.version < first.version) first = a;
  }
  return published ?? first;
}

/** What is missing on `day`, in the order the door names it; empty when the paperwork is complete. */
export function paperworkGaps(r: PaperworkRecord, day: IsoDate): PaperworkGap[] {
  const text = agreementInForce(r, day);
  const signed = !!text && r.signatures.some((s) => s.textId === text.id && s.signedOn <= day);
  const insured = r.proofs.some(
    (p) =>
      p.status === 'confirmed' &&
      p.periodStart <= day &&
      day <= p.periodEnd &&
      (p.reviewedOn === null || p.reviewedOn <= day),
  );
  return [...(signed ? [] : (['agreement'] as const)), ...(insured ? [] : (['insurance'] as const))];
}

export const paperworkComplete = (r: PaperworkRecord, day: IsoDate): boolean => paperworkGaps(r, day).length === 0;

const GAP_TEXT: Record<PaperworkGap, { zh: string; en: string }> = {
  agreement: { zh: '未签署托管协议', en: 'the custody agreement is not signed' },
  insurance: { zh: '保险凭证未审核通过', en: 'no approved insurance proof covers the day' },
};

/** "未签署托管协议；保险凭证未审核通过" — what the door says is missing. */
export function describeGaps(gaps: readonly PaperworkGap[]): { zh: string; en: string } {
  return { zh: gaps.map((g) => GAP_TEXT[g].zh).join('；'), en: gaps.map((g) => GAP_TEXT[g].en).join('; ') };
}
