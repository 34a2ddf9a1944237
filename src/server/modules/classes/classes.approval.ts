/**
 * What stands between a submitted class and its approval (issue 12): the rules judged before enrolment
 * (PRE_SUBMISSION_RULES) plus the written rules on paper (`management.documents`), and a venue whose P-R4
 * checklist the district (or the city, or an inspector) has confirmed — an edit to the checklist clears the
 * confirmation, and one written by someone without that right does not count. The same list refuses the approval
 * (409 with every reason, zh and en) and tells the console why its approve button is disabled. After approval, a
 * venue that is no longer confirmed flags the class to the district (`venueUnconfirmed`).
 */
import { PRE_SUBMISSION_RULES } from '../../../domain/classes/lifecycle.js';
import type { Localized } from '../../../domain/rules/index.js';
import type { Db } from '../../db/client.js';
import { type VenueConfirmation, venueConfirmations } from '../venues/venues.confirmation.js';
import type { ClassRow } from './classes.repo.js';

/** Rules whose failure refuses approval: those of submission, and the written rules. */
export const APPROVAL_RULES: readonly string[] = [...PRE_SUBMISSION_RULES, 'management.documents'];

/** Statuses after approval: the district vouched for the venue as it was. */
export const APPROVED_STATUSES: readonly string[] = ['approved', 'open', 'running'];

export interface ApprovalBlocker {
  /** `venue.none`, `venue.unconfirmed`, `venue.unauthorised`, or the id of a failing rule. */
  id: string;
  message: Localized;
  fix: Localized | null;
}

interface StoredResult {
  id: string;
  status: string;
  message: Localized;
  fix?: Localized;
}

export function venueBlocker(venueId: number | null, c: VenueConfirmation | undefined): ApprovalBlocker | null {
  if (venueId === null || !c)
    return {
      id: 'venue.none',
      message: { zh: '尚未选择托管场地', en: 'No venue is chosen for the class' },
      fix: { zh: '在托管班中选择已登记的场地。', en: 'Choose a registered venue for the class.' },
    };
  if (c.confirmed) return null;
  if (c.byUnauthorised)
    return {
      id: 'venue.unauthorised',
      message: {
        zh: `场地「${c.name}」的检查表由无确认权限的人员${c.byName ? `（${c.byName}）` : ''}确认，不予认可`,
        en: `The checklist of venue "${c.name}" was confirmed by someone${c.byName ? ` (${c.byName})` : ''} who may not confirm it`,
      },
      fix: {
        zh: '请区县工会或督导员核查场地后确认检查表。',
        en: 'The district union or an inspector checks the venue and confirms its checklist.',
      },
    };
  return {
    id: 'venue.unconfirmed',
    message: {
      zh: `场地「${c.name}」的检查表尚未经区县工会或督导员确认（修改检查表后须重新确认）`,
      en: `The checklist of venue "${c.name}" is not confirmed by the district union or an inspector (an edit clears the confirmation)`,
    },
    fix: {
      zh: '请区县工会或督导员在场地页核查并点击“确认检查表”。',
      en: 'The district union or an inspector reviews the venue page and confirms the checklist.',
    },
  };
}

/** Every reason the class cannot be approved now, from its latest verdict and its venue. Empty: approvable. */
export async function approvalBlockers(
  db: Db,
  row: Pick<ClassRow, 'venueId'>,
  results: readonly StoredResult[],
): Promise<ApprovalBlocker[]> {
  const confirmations = await venueConfirmations(db, row.venueId === null ? [] : [row.venueId]);
  const venue = venueBlocker(row.venueId, row.venueId === null ? undefined : confirmations.get(row.venueId));
  const rules = results
    .filter((r) => r.status === 'fail' && APPROVAL_RULES.includes(r.id))
    .map((r) => ({ id: r.id, message: r.message, fix: r.fix ?? null }));
  return [...(venue ? [venue] : []), ...rules];
}

/** The refusal's text: every reason, numbered, in both languages. */
export function refusalText(blockers: readonly ApprovalBlocker[]): Localized {
  const strip = (s: string) => s.replace(/[。.]+$/, '');
  return {
    zh: `不能批准：${blockers.map((b, i) => `${i + 1}. ${strip(b.message.zh)}`).join('；')}。`,
    en: `Cannot approve: ${blockers.map((b, i) => `${i + 1}. ${strip(b.message.en)}`).join('; ')}.`,
  };
}

/** Which of these classes, past approval, have a venue that is no longer (validly) confirmed. */
export async function venueFlags(
  db: Db,
  rows: readonly Pick<ClassRow, 'id' | 'status' | 'venueId'>[],
): Promise<Set<number>> {
  const approved = rows.filter((r) => APPROVED_STATUSES.includes(r.status));
  const confirmations = await venueConfirmations(
    db,
    approved.map((r) => r.venueId).filter((v): v is number => v !== null),
  );
  return new Set(
    approved.filter((r) => r.venueId === null || !confirmations.get(r.venueId)?.confirmed).map((r) => r.id),
  );
}
