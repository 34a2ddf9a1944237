/**
 * Reading everything held about one family, for the guardian's copy (PIPL art. 45). Every read is keyed by the
 * family id that the caller's own guardianship gave (privacy.policy.ts), never by an id from the request; the
 * sections match FAMILY_TABLES (privacy.tables.ts).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { maskPhone } from '../../../domain/people/mask.js';
import type { Sealer } from '../../crypto/secrets.js';
import type { Db } from '../../db/client.js';
import {
  agreementSignatures,
  agreementTexts,
  attendanceDays,
  attendanceEvents,
  auditLog,
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
  organizations,
  outbox,
  pickupAdults,
  pickupCodes,
  privacyRequests,
  users,
} from '../../db/schema.js';
import { publicPhotoChildren } from '../../db/tables/public.js';
import { satisfactionAnswers, satisfactionInvitations } from '../../db/tables/satisfaction.js';
import type { GuardianRef } from './privacy.policy.js';
import type { FamilyExport, PrivacyRequestDto } from './privacy.schema.js';

/** The caller as a guardian (undefined when they are not one). */
export async function guardianOf(db: Db, userId: number): Promise<GuardianRef | undefined> {
  const [g] = await db
    .select({ userId: guardians.userId, familyId: guardians.familyId, phone: users.phone })
    .from(guardians)
    .innerJoin(users, eq(users.id, guardians.userId))
    .where(and(eq(guardians.userId, userId), eq(users.active, true)));
  return g;
}

const YEAR_MS = 365.25 * 86_400_000;
export const keptUntil = (processedAt: Date | null, years: number) =>
  processedAt ? new Date(processedAt.getTime() + years * YEAR_MS) : null;

export function presentRequest(r: typeof privacyRequests.$inferSelect, retentionYears: number): PrivacyRequestDto {
  return {
    id: r.id,
    scope: r.scope as PrivacyRequestDto['scope'],
    reason: r.reason,
    status: r.status as PrivacyRequestDto['status'],
    requestedAt: r.requestedAt,
    processAfter: r.processAfter,
    processedAt: r.processedAt,
    purgedAt: r.purgedAt,
    keptUntil: r.status === 'purged' ? r.purgedAt : keptUntil(r.processedAt, retentionYears),
  };
}

/** Everything held about the family, as the guardian `self` may see it. */
export async function readFamily(
  db: Db,
  g: GuardianRef,
  sealer: Sealer,
  retentionYears: number,
  now: Date,
): Promise<FamilyExport> {
  const familyId = g.familyId;
  const [family] = await db.select().from(families).where(eq(families.id, familyId));
  const gs = await db
    .select({ g: guardians, u: users, employerName: organizations.name })
    .from(guardians)
    .innerJoin(users, eq(users.id, guardians.userId))
    .innerJoin(organizations, eq(organizations.id, guardians.employerOrgId))
    .where(eq(guardians.familyId, familyId))
    .orderBy(asc(guardians.userId));
  const kids = await db.select().from(children).where(eq(children.familyId, familyId)).orderBy(asc(children.id));
  const childIds = kids.map((k) => k.id);
  const anyChild = childIds.length ? childIds : [-1];
  const adults = await db
    .select()
    .from(pickupAdults)
    .where(inArray(pickupAdults.childId, anyChild))
    .orderBy(asc(pickupAdults.id));
  const codes = adults.length
    ? await db
        .select()
        .from(pickupCodes)
        .where(
          inArray(
            pickupCodes.pickupAdultId,
            adults.map((a) => a.id),
          ),
        )
        .orderBy(asc(pickupCodes.id))
    : [];
  const es = await db
    .select({ e: enrolments, c: careClasses, unitName: organizations.name })
    .from(enrolments)
    .innerJoin(careClasses, eq(careClasses.id, enrolments.classId))
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .where(eq(enrolments.familyId, familyId))
    .orderBy(asc(enrolments.id));
  const enrolmentIds = es.length ? es.map((r) => r.e.id) : [-1];
  const history = await db
    .select({
      entityId: auditLog.entityId,
      at: auditLog.at,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'enrolment'), inArray(auditLog.entityId, enrolmentIds.map(String))))
    .orderBy(asc(auditLog.id));
  const sigs = await db
    .select({ s: agreementSignatures, title: agreementTexts.title, version: agreementTexts.version })
    .from(agreementSignatures)
    .innerJoin(agreementTexts, eq(agreementTexts.id, agreementSignatures.agreementTextId))
    .where(inArray(agreementSignatures.enrolmentId, enrolmentIds))
    .orderBy(asc(agreementSignatures.id));
  const proofs = await db
    .select({ p: insuranceProofs, f: files })
    .from(insuranceProofs)
    .leftJoin(files, eq(files.id, insuranceProofs.fileId))
    .where(inArray(insuranceProofs.enrolmentId, enrolmentIds))
    .orderBy(asc(insuranceProofs.id));
  const events = await db
    .select()
    .from(attendanceEvents)
    .where(inArray(attendanceEvents.childId, anyChild))
    .orderBy(asc(attendanceEvents.id));
  const days = await db
    .select()
    .from(attendanceDays)
    .where(inArray(attendanceDays.childId, anyChild))
    .orderBy(asc(attendanceDays.day), asc(attendanceDays.childId));
  const incs = await db
    .select({ i: incidents, className: careClasses.name })
    .from(incidents)
    .innerJoin(careClasses, eq(careClasses.id, incidents.classId))
    .where(
      and(
        // Incidents are filed against a class: only the classes the family applied to can hold one about its children.
        inArray(incidents.classId, es.length ? [...new Set(es.map((r) => r.e.classId))] : [-1]),
        sql`exists (select 1 from jsonb_array_elements_text(${incidents.childIds}) x
                     where x::int in (${sql.join(
                       anyChild.map((id) => sql`${id}`),
                       sql`, `,
                     )}))`,
      ),
    )
    .orderBy(asc(incidents.id));
  const invited = await db
    .select({ i: satisfactionInvitations, a: satisfactionAnswers })
    .from(satisfactionInvitations)
    .leftJoin(satisfactionAnswers, eq(satisfactionAnswers.invitationId, satisfactionInvitations.id))
    .where(eq(satisfactionInvitations.familyId, familyId))
    .orderBy(asc(satisfactionInvitations.id));
  const photoRows = await db
    .select()
    .from(publicPhotoChildren)
    .where(inArray(publicPhotoChildren.childId, anyChild))
    .orderBy(asc(publicPhotoChildren.id));
  const inbox = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, g.userId))
    .orderBy(asc(notifications.id));
  const texts = g.phone
    ? await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.channel, 'sms'), eq(outbox.target, g.phone)))
        .orderBy(asc(outbox.id))
    : [];
  const requests = await db
    .select()
    .from(privacyRequests)
    .where(eq(privacyRequests.familyId, familyId))
    .orderBy(asc(privacyRequests.id));

  const open = (enc: string | null) => {
    if (!enc) return null;
    try {
      return sealer.open(enc);
    } catch {
      return null;
    }
  };
  return {
    exportedAt: now,
    exportedBy: g.userId,
    family: { id: familyId, createdAt: family?.createdAt ?? now },
    guardians: gs.map(({ g: row, u, employerName }) => {
      const self = u.id === g.userId;
      return {
        userId: u.id,
        self,
        displayName: u.displayName,
        username: self ? u.username : null,
        phone: self ? u.phone : maskPhone(u.phone),
        employerName,
        status: row.status,
        reason: row.reason,
        verifiedAt: row.verifiedAt,
        priorityFlags: self ? row.priorityFlags : [],
        createdAt: row.createdAt,
      };
    }),
    children: kids.map((k) => ({
      id: k.id,
      name: k.name,
      gender: k.gender,
      birthDate: k.birthDate,
      school: k.school,
      grade: k.grade,
      selfCare: k.selfCare,
      allergies: k.allergies,
      healthNotes: k.healthNotes,
      idNumber: open(k.idNumberEnc) ?? k.idNumberMasked,
      emergencyContacts: k.emergencyContacts.map((c) => ({
        name: c.name,
        ...(c.relation ? { relation: c.relation } : {}),
        phone: c.phone,
      })),
      active: k.active,
      createdAt: k.createdAt,
      updatedAt: k.updatedAt,
    })),
    consents: (await db.select().from(consents).where(eq(consents.familyId, familyId)).orderBy(asc(consents.id))).map(
      (c) => ({
        id: c.id,
        childId: c.childId,
        kind: c.kind,
        noticeVersion: c.noticeVersion,
        grantedBy: c.grantedBy,
        grantedAt: c.grantedAt,
        withdrawnAt: c.withdrawnAt,
      }),
    ),
    pickupAdults: adults.map((a) => ({
      id: a.id,
      childId: a.childId,
      name: a.name,
      relation: a.relation,
      phone: a.phone,
      allowed: a.allowed,
      revokedAt: a.revokedAt,
      createdAt: a.createdAt,
    })),
    pickupCodes: codes.map((c) => ({
      id: c.id,
      pickupAdultId: c.pickupAdultId,
      createdAt: c.createdAt,
      revokedAt: c.revokedAt,
    })),
    enrolments: es.map(({ e, c, unitName }) => ({
      id: e.id,
      childId: e.childId,
      classId: e.classId,
      className: c.name,
      unitName,
      startDate: c.startDate,
      endDate: c.endDate,
      status: e.status,
      appliedAt: e.appliedAt,
      offeredAt: e.offeredAt,
      acceptedAt: e.acceptedAt,
      withdrawnAt: e.withdrawnAt,
      reason: e.reason,
      priorityGroup: e.priorityGroup,
      lotteryRank: e.lotteryRank,
      history: history
        .filter((h) => h.entityId === String(e.id))
        .map((h) => ({ at: h.at, action: h.action, before: h.before ?? null, after: h.after ?? null })),
    })),
    fees: es.map(({ e, c }) => ({
      enrolmentId: e.id,
      className: c.name,
      feeAmount: c.feeAmount,
      feeNote: c.feeNote,
      feeStatus: e.feeStatus,
      feeReceipt: e.feeReceipt,
    })),
    agreements: sigs.map(({ s, title, version }) => ({
      id: s.id,
      enrolmentId: s.enrolmentId,
      title,
      version,
      typedName: s.typedName,
      signedAt: s.signedAt,
      textSha256: s.textSha256,
      phoneVerifiedAt: s.phoneVerifiedAt,
      ip: s.ip,
      body: s.body,
    })),
    insuranceProofs: proofs.map(({ p, f }) => ({
      id: p.id,
      enrolmentId: p.enrolmentId,
      insurer: p.insurer,
      policyNo: p.policyNo,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      status: p.status,
      uploadedAt: p.uploadedAt,
      reviewedAt: p.reviewedAt,
      reviewNote: p.reviewNote,
      file: f
        ? { filename: f.filename, contentType: f.contentType, size: f.size, sha256: f.sha256, createdAt: f.createdAt }
        : null,
    })),
    attendanceEvents: events.map((e) => ({
      id: e.id,
      childId: e.childId,
      classId: e.classId,
      day: e.day,
      kind: e.kind,
      occurredAt: e.occurredAt,
      pickupAdultId: e.pickupAdultId,
      pickupMethod: e.pickupMethod,
      reason: e.reason,
      note: e.note,
    })),
    attendanceDays: days.map((d) => ({
      childId: d.childId,
      classId: d.classId,
      day: d.day,
      status: d.status,
      checkInAt: d.checkInAt,
      checkOutAt: d.checkOutAt,
      pickupAdultId: d.pickupAdultId,
      absenceReason: d.absenceReason,
    })),
    incidents: incs.map(({ i, className }) => ({
      id: i.id,
      classId: i.classId,
      className,
      // Only this family's children: an incident may concern others, whose names are not the family's to see.
      childIds: i.childIds.filter((id) => childIds.includes(id)),
      kind: i.kind,
      severity: i.severity,
      occurredAt: i.occurredAt,
      status: i.status,
      guardianNotifiedBy: i.guardianNotifiedBy,
      guardianNotifiedAt: i.guardianNotifiedAt,
      closedAt: i.closedAt,
    })),
    notifications: inbox.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      createdAt: n.createdAt,
      readAt: n.readAt,
    })),
    texts: texts.map((o) => ({
      id: o.id,
      to: o.target,
      text: 'text' in o.payload ? o.payload.text : '',
      status: o.status,
      createdAt: o.createdAt,
      sentAt: o.sentAt,
    })),
    privacyRequests: requests.map((r) => presentRequest(r, retentionYears)),
    satisfaction: invited.map(({ i, a }) => ({
      enrolmentId: i.enrolmentId,
      classId: i.classId,
      round: i.round,
      invitedAt: i.createdAt,
      answer: a
        ? {
            overall: a.overall,
            safety: a.safety,
            care: a.care,
            activities: a.activities,
            meals: a.meals,
            communication: a.communication,
            happy: a.happy,
            comment: a.comment,
            answeredAt: a.answeredAt,
          }
        : null,
    })),
    photoAppearances: photoRows.map((p) => ({ childId: p.childId, fileId: p.fileId, recordedAt: p.recordedAt })),
    notes: [
      '日常管理台账（巡查、消毒、餐食等）按托管班记录，不含孩子个人信息，未列入。Daily records are kept per class and hold no child data.',
      '操作审计日志中涉及本家庭的记录已脱敏（手机号、身份证号遮盖），报名记录的变更历史见 enrolments[].history。The audit log masks phones and ID numbers; enrolment history is under enrolments[].history.',
      '另一位监护人的手机号按最小必要原则遮盖显示。Another guardian’s phone number is shown masked.',
    ],
  };
}
