/**
 * Every table that holds a family's data — found by its key columns (family_id, child_id, child_ids, guardian_id,
 * enrolment_id, pickup_adult_id) — with the export section that answers for it and what a deletion does to it.
 * `test/api/privacy.test.ts` fails when a table with such a column appears in the database and is missing here, or
 * when a real export lacks the section named for it: a new table cannot slip out of the guardian's copy or out
 * of the deletion's account.
 */

/** What a processed deletion request does to a table's rows; `purge` is what the retention job does after. */
export interface FamilyTable {
  /** The key of the export object that holds the table's rows. */
  section: string;
  /** now: removed/anonymised when the request is processed; kept: evidence, kept until the retention ends. */
  onDeletion: 'now' | 'kept';
  /** What happens (for docs/ARCHITECTURE.md and the guardian's explanation). */
  how: string;
}

export const FAMILY_KEY_COLUMNS = [
  'family_id',
  'child_id',
  'child_ids',
  'guardian_id',
  'enrolment_id',
  'pickup_adult_id',
] as const;

export const FAMILY_TABLES: Record<string, FamilyTable> = {
  guardians: {
    section: 'guardians',
    onDeletion: 'now',
    how: 'the account is disabled, its sessions and grants dropped, name/phone/username replaced; the row stays (signatures name it)',
  },
  children: {
    section: 'children',
    onDeletion: 'now',
    how: 'health notes, allergies, ID number, emergency contacts and photo removed now; name and birth date anonymised at the purge',
  },
  consents: {
    section: 'consents',
    onDeletion: 'now',
    how: 'every consent in force is withdrawn (the record of it stays)',
  },
  pickup_adults: {
    section: 'pickupAdults',
    onDeletion: 'now',
    how: 'revoked and phones removed now; names anonymised at the purge (check-outs point to them)',
  },
  pickup_codes: { section: 'pickupCodes', onDeletion: 'now', how: 'revoked, the sealed code removed' },
  enrolments: {
    section: 'enrolments',
    onDeletion: 'kept',
    how: 'applications still waiting are withdrawn; places, fees and receipts kept until the purge (receipt removed then)',
  },
  agreement_signatures: {
    section: 'agreements',
    onDeletion: 'kept',
    how: 'kept as evidence; the typed name and IP address are anonymised at the purge',
  },
  insurance_proofs: {
    section: 'insuranceProofs',
    onDeletion: 'kept',
    how: 'kept as evidence; the policy number is anonymised at the purge',
  },
  attendance_events: {
    section: 'attendanceEvents',
    onDeletion: 'kept',
    how: 'append-only evidence, never changed: it points to the child and pickup adult rows, which are anonymised',
  },
  attendance_days: { section: 'attendanceDays', onDeletion: 'kept', how: 'kept (a projection of the events)' },
  incidents: {
    section: 'incidents',
    onDeletion: 'kept',
    how: "kept as evidence; the child's name is replaced in the report's text at the purge (addenda are append-only)",
  },
  satisfaction_invitations: {
    section: 'satisfaction',
    onDeletion: 'kept',
    how: 'kept: which enrolment was asked, with no answer in it; it points to the enrolment, anonymised at the purge',
  },
  satisfaction_answers: {
    section: 'satisfaction',
    onDeletion: 'kept',
    how: "append-only and counted in the class's indices; it names nobody (remarks are shown masked, in aggregate only)",
  },
  public_photo_children: {
    section: 'photoAppearances',
    onDeletion: 'kept',
    how: 'the record that a child appears in a photo stays; every publicity consent is withdrawn, so the photo leaves the public site at once',
  },
  stats_members: {
    section: 'enrolments',
    onDeletion: 'kept',
    how: 'derived from the places for the statistics (ids and days only: which place, child and family counted where from which day); rebuilt from the enrolments, so it follows them',
  },
  stats_members_v: {
    section: 'enrolments',
    onDeletion: 'kept',
    how: 'a view over the enrolments (stores nothing): how stats_members is computed',
  },
  stats_places_v: {
    section: 'enrolments',
    onDeletion: 'kept',
    how: 'a view over the enrolments (stores nothing): the places as the statistics count them',
  },
  privacy_requests: {
    section: 'privacyRequests',
    onDeletion: 'kept',
    how: 'the request itself, kept as its own record',
  },
};
