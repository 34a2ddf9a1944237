/**
 * What a deletion does, in two steps (PIPL art. 47, and the evidence a unit owes the city):
 * - `processRequest` (when the request is made, or after the last running class ends): everything that is not
 *   evidence goes — health notes, allergies, ID numbers, emergency contacts, photos, consents in force, pickup
 *   adults' phones and codes, the guardian's inbox and texts, their name, phone and sign-in (account disabled,
 *   sessions and grants dropped). Evidence stays: attendance, signed agreements, insurance, fees, incidents.
 * - `purgeRequest` (the privacy.purge job, once the city's retention period has passed): the evidence is
 *   anonymised in the rows it points to — the child's name and birth date, pickup adults' names, signatures' typed
 *   names and IP addresses, policy numbers, receipts, the child's name in incident reports, and the files uploaded
 *   for the family's enrolments (insurance scans show the child's name and ID number: their bytes are deleted from
 *   the store by the caller before this runs, see `familyFilesToErase`). Append-only evidence
 *   (attendance_events, incident_addenda, daily_records, audit_log: migrations 0001, 0005, 0007) is never updated:
 *   its rows keep pointing to ids whose identity is gone (docs/ARCHITECTURE.md, "Privacy").
 * Both run inside the caller's transaction and record one audit event.
 */
import { and, eq, inArray, isNull, ne, notInArray, or, sql } from 'drizzle-orm';
import { addDays, todayInChina } from '../../../domain/calendar/dates.js';
import { maskPhone } from '../../../domain/people/mask.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import {
  agreementSignatures,
  careClasses,
  children,
  consents,
  enrolments,
  families,
  files,
  guardians,
  incidents,
  insuranceProofs,
  notifications,
  outbox,
  phoneCodes,
  pickupAdults,
  pickupCodes,
  privacyRequests,
  roleGrants,
  sessions,
  users,
} from '../../db/schema.js';
import { recordEvent } from '../../events/audit.js';
import { ENROLMENT_OWNER } from '../enrolments/documents.service.js';

type RequestRow = typeof privacyRequests.$inferSelect;

export const ERASED_NAME = '已删除';
export const ERASED_USER = '已注销用户';
/** Applications still waiting for a place are withdrawn with this reason when the request is processed. */
const WITHDRAW_REASON = '监护人申请删除个人信息';

/** A class is running for a child: a place held (offered or accepted) in a class not yet over. */
export async function runningClassesOf(db: Db, familyId: number, now: Date) {
  const today = todayInChina(now);
  return db
    .select({ className: careClasses.name, childName: children.name, endDate: careClasses.endDate })
    .from(enrolments)
    .innerJoin(careClasses, eq(careClasses.id, enrolments.classId))
    .innerJoin(children, eq(children.id, enrolments.childId))
    .where(
      and(
        eq(enrolments.familyId, familyId),
        inArray(enrolments.status, ['offered', 'accepted']),
        notInArray(careClasses.status, ['closed', 'archived']),
        or(isNull(careClasses.endDate), sql`${careClasses.endDate} >= ${today}`),
      ),
    );
}

/** The first day (00:00 China time) after every running class has ended; tomorrow when a class has no end date. */
export function processAfterOf(running: { endDate: string | null }[], now: Date): { day: string; at: Date } | null {
  if (running.length === 0) return null;
  const today = todayInChina(now);
  const last = running.reduce((m, r) => (r.endDate && r.endDate > m ? r.endDate : m), today);
  const day = addDays(last, 1);
  return { day, at: new Date(`${day}T00:00:00+08:00`) };
}

/** Whose accounts a request covers: the requester, and for a family request every guardian of the family. */
async function accountsOf(tx: Db, r: RequestRow) {
  if (r.scope !== 'family')
    return tx.select({ id: users.id, phone: users.phone }).from(users).where(eq(users.id, r.requestedBy));
  return tx
    .select({ id: users.id, phone: users.phone })
    .from(guardians)
    .innerJoin(users, eq(users.id, guardians.userId))
    .where(eq(guardians.familyId, r.familyId));
}

/** Removes what is not evidence. The request is `processed` afterwards. */
export async function processRequest(tx: Db, ctx: RequestContext, r: RequestRow, orgPath: string | null) {
  const now = ctx.now;
  const accounts = await accountsOf(tx, r);
  const userIds = accounts.map((a) => a.id);
  const phones = accounts.map((a) => a.phone).filter((p): p is string => !!p);
  const counts: Record<string, number> = { accounts: userIds.length };

  // The guardians: signed out everywhere, no grants, no name or phone, cannot sign in again.
  await tx.delete(sessions).where(inArray(sessions.userId, userIds));
  await tx.delete(roleGrants).where(inArray(roleGrants.userId, userIds));
  for (const id of userIds)
    await tx
      .update(users)
      .set({
        username: `deleted-${id}`,
        displayName: ERASED_USER,
        phone: null,
        passwordHash: '!deleted',
        active: false,
        totpSecret: null,
        totpEnabled: false,
        updatedAt: now,
        version: sql`${users.version} + 1`,
      })
      .where(eq(users.id, id));
  await tx.update(guardians).set({ priorityFlags: [] }).where(inArray(guardians.userId, userIds));
  counts.notifications = (
    await tx.delete(notifications).where(inArray(notifications.userId, userIds)).returning({ id: notifications.id })
  ).length;
  if (phones.length) {
    // The send log keeps that a text went out, not to whom in full nor what it said; nothing still queued leaves.
    for (const phone of phones)
      counts.texts =
        (counts.texts ?? 0) +
        (
          await tx
            .update(outbox)
            .set({
              target: maskPhone(phone) ?? '',
              payload: { text: ERASED_NAME },
              status: sql`CASE WHEN ${outbox.status} = 'pending' THEN 'dead' ELSE ${outbox.status} END`,
              lastError: sql`CASE WHEN ${outbox.status} = 'pending' THEN 'privacy deletion' ELSE ${outbox.lastError} END`,
            })
            .where(and(eq(outbox.channel, 'sms'), eq(outbox.target, phone)))
            .returning({ id: outbox.id })
        ).length;
    await tx.delete(phoneCodes).where(inArray(phoneCodes.phone, phones));
  }

  if (r.scope === 'family') {
    const kids = await tx.select({ id: children.id }).from(children).where(eq(children.familyId, r.familyId));
    const kidIds = kids.length ? kids.map((k) => k.id) : [-1];
    counts.children = kids.length;
    await tx
      .update(children)
      .set({
        allergies: null,
        healthNotes: null,
        idNumberEnc: null,
        idNumberHash: null,
        emergencyContacts: [],
        photoFileId: null,
        active: false,
        version: sql`${children.version} + 1`,
        updatedAt: now,
      })
      .where(eq(children.familyId, r.familyId));
    counts.consentsWithdrawn = (
      await tx
        .update(consents)
        .set({ withdrawnAt: now })
        .where(and(eq(consents.familyId, r.familyId), isNull(consents.withdrawnAt)))
        .returning({ id: consents.id })
    ).length;
    const adults = await tx
      .update(pickupAdults)
      .set({ phone: null, photoFileId: null, revokedAt: sql`coalesce(${pickupAdults.revokedAt}, ${now})` })
      .where(inArray(pickupAdults.childId, kidIds))
      .returning({ id: pickupAdults.id });
    counts.pickupAdults = adults.length;
    if (adults.length)
      await tx
        .update(pickupCodes)
        .set({ codeEnc: null, revokedAt: sql`coalesce(${pickupCodes.revokedAt}, ${now})` })
        .where(
          inArray(
            pickupCodes.pickupAdultId,
            adults.map((a) => a.id),
          ),
        );
    counts.applicationsWithdrawn = (
      await tx
        .update(enrolments)
        .set({
          status: 'withdrawn',
          withdrawnAt: now,
          reason: WITHDRAW_REASON,
          version: sql`${enrolments.version} + 1`,
        })
        .where(and(eq(enrolments.familyId, r.familyId), inArray(enrolments.status, ['applied', 'waitlisted'])))
        .returning({ id: enrolments.id })
    ).length;
    await tx.update(families).set({ inviteCodeHash: null, inviteExpiresAt: null }).where(eq(families.id, r.familyId));
  }

  await tx
    .update(privacyRequests)
    .set({ status: 'processed', processedAt: now, processAfter: null })
    .where(eq(privacyRequests.id, r.id));
  await recordEvent(tx, ctx, {
    action: 'privacy.process',
    entity: 'family',
    entityId: r.familyId,
    orgPath,
    after: { requestId: r.id, scope: r.scope, ...counts },
  });
}

/** The files uploaded for a family's enrolments (insurance scans …): erased with the family's evidence. */
export async function familyFilesToErase(db: Db, familyId: number) {
  return db
    .select({ id: files.id, storageKey: files.storageKey })
    .from(files)
    .innerJoin(enrolments, and(eq(files.ownerType, ENROLMENT_OWNER), eq(files.ownerId, enrolments.id)))
    .where(eq(enrolments.familyId, familyId));
}

/** Anonymises the evidence kept after the retention period. The request is `purged` afterwards. */
export async function purgeRequest(tx: Db, ctx: RequestContext, r: RequestRow, orgPath: string | null) {
  const counts: Record<string, number> = {};
  const signers = r.scope === 'family' ? undefined : [r.requestedBy];
  const es = await tx.select({ id: enrolments.id }).from(enrolments).where(eq(enrolments.familyId, r.familyId));
  const eIds = es.length ? es.map((e) => e.id) : [-1];
  counts.signatures = (
    await tx
      .update(agreementSignatures)
      .set({ typedName: ERASED_NAME, ip: null })
      .where(
        and(
          inArray(agreementSignatures.enrolmentId, eIds),
          signers ? inArray(agreementSignatures.signerUserId, signers) : undefined,
          ne(agreementSignatures.typedName, ERASED_NAME),
        ),
      )
      .returning({ id: agreementSignatures.id })
  ).length;
  await tx.update(guardians).set({ reason: null }).where(eq(guardians.userId, r.requestedBy));

  if (r.scope === 'family') {
    const kids = await tx.select().from(children).where(eq(children.familyId, r.familyId));
    const kidIds = kids.length ? kids.map((k) => k.id) : [-1];
    // The child's name in the incident reports that concern them (the report text is not append-only; its addenda are).
    const names = kids.map((k) => k.name).filter((n) => n && n !== ERASED_NAME);
    const reports = await tx
      .select()
      .from(incidents)
      .where(
        sql`exists (select 1 from jsonb_array_elements_text(${incidents.childIds}) x where x::int in (${sql.join(
          kidIds.map((id) => sql`${id}`),
          sql`, `,
        )}))`,
      );
    const scrub = (s: string | null) => (s === null ? null : names.reduce((t, n) => t.split(n).join('某儿童'), s));
    for (const i of reports)
      await tx
        .update(incidents)
        .set({
          description: scrub(i.description) ?? '',
          peopleInvolved: scrub(i.peopleInvolved),
          actionsTaken: scrub(i.actionsTaken),
          followUp: scrub(i.followUp),
          guardianNotifiedBy: scrub(i.guardianNotifiedBy),
        })
        .where(eq(incidents.id, i.id));
    counts.incidents = reports.length;
    counts.insuranceProofs = (
      await tx
        .update(insuranceProofs)
        .set({ policyNo: ERASED_NAME, reviewNote: null })
        .where(inArray(insuranceProofs.enrolmentId, eIds))
        .returning({ id: insuranceProofs.id })
    ).length;
    await tx.update(enrolments).set({ feeReceipt: null }).where(inArray(enrolments.id, eIds));
    // The uploaded scans: their bytes are already gone from the store (runPrivacyJob), now their rows.
    const uploaded = await familyFilesToErase(tx, r.familyId);
    if (uploaded.length) {
      const ids = uploaded.map((f) => f.id);
      await tx.update(insuranceProofs).set({ fileId: null }).where(inArray(insuranceProofs.fileId, ids));
      await tx.delete(files).where(inArray(files.id, ids));
    }
    counts.files = uploaded.length;
    counts.pickupAdults = (
      await tx
        .update(pickupAdults)
        .set({ name: ERASED_NAME, phone: null })
        .where(inArray(pickupAdults.childId, kidIds))
        .returning({ id: pickupAdults.id })
    ).length;
    for (const k of kids)
      await tx
        .update(children)
        .set({
          name: ERASED_NAME,
          gender: null,
          // The year alone keeps the class's age figures true; the day and month identify.
          birthDate: `${k.birthDate.slice(0, 4)}-01-01`,
          school: null,
          idNumberMasked: null,
          version: k.version + 1,
          updatedAt: ctx.now,
        })
        .where(eq(children.id, k.id));
    counts.children = kids.length;
  }

  await tx.update(privacyRequests).set({ status: 'purged', purgedAt: ctx.now }).where(eq(privacyRequests.id, r.id));
  await recordEvent(tx, ctx, {
    action: 'privacy.purge',
    entity: 'family',
    entityId: r.familyId,
    orgPath,
    after: { requestId: r.id, scope: r.scope, ...counts },
  });
}
