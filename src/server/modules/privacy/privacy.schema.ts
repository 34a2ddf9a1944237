/**
 * Shapes of the privacy routes (PIPL: a copy of the family's data, a deletion request). The export lists every
 * section of FAMILY_TABLES (privacy.tables.ts) plus the family's messages; the web app imports the types.
 */
import { z } from 'zod';

const when = z.date().nullable();
const guardian = z.object({
  userId: z.number(),
  /** The guardian who asked for this copy: their own data in full; another guardian's phone leaves masked. */
  self: z.boolean(),
  displayName: z.string(),
  username: z.string().nullable(),
  phone: z.string().nullable(),
  employerName: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  verifiedAt: when,
  priorityFlags: z.array(z.string()),
  createdAt: z.date(),
});
const child = z.object({
  id: z.number(),
  name: z.string(),
  gender: z.string().nullable(),
  birthDate: z.string(),
  school: z.string().nullable(),
  grade: z.string(),
  selfCare: z.boolean().nullable(),
  allergies: z.string().nullable(),
  healthNotes: z.string().nullable(),
  /** In full: the family gave it; it is held sealed. */
  idNumber: z.string().nullable(),
  emergencyContacts: z.array(z.object({ name: z.string(), relation: z.string().optional(), phone: z.string() })),
  active: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
const consent = z.object({
  id: z.number(),
  childId: z.number().nullable(),
  kind: z.string(),
  noticeVersion: z.string(),
  grantedBy: z.number(),
  grantedAt: z.date(),
  withdrawnAt: when,
});
const pickupAdult = z.object({
  id: z.number(),
  childId: z.number(),
  name: z.string(),
  relation: z.string(),
  phone: z.string().nullable(),
  allowed: z.boolean(),
  revokedAt: when,
  createdAt: z.date(),
});
const pickupCode = z.object({ id: z.number(), pickupAdultId: z.number(), createdAt: z.date(), revokedAt: when });
const historyEntry = z.object({
  at: z.date(),
  action: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
const enrolment = z.object({
  id: z.number(),
  childId: z.number(),
  classId: z.number(),
  className: z.string(),
  unitName: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  status: z.string(),
  appliedAt: z.date(),
  offeredAt: when,
  acceptedAt: when,
  withdrawnAt: when,
  reason: z.string().nullable(),
  priorityGroup: z.number(),
  lotteryRank: z.number().nullable(),
  history: z.array(historyEntry),
});
const fee = z.object({
  enrolmentId: z.number(),
  className: z.string(),
  /** The parents' share per child in yuan (0 = free). */
  feeAmount: z.number(),
  feeNote: z.string().nullable(),
  feeStatus: z.string(),
  feeReceipt: z.string().nullable(),
});
const agreement = z.object({
  id: z.number(),
  enrolmentId: z.number(),
  title: z.string(),
  version: z.number(),
  typedName: z.string(),
  signedAt: z.date(),
  textSha256: z.string(),
  phoneVerifiedAt: when,
  ip: z.string().nullable(),
  body: z.string().nullable(),
});
const insuranceProof = z.object({
  id: z.number(),
  enrolmentId: z.number(),
  insurer: z.string(),
  policyNo: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.string(),
  uploadedAt: z.date(),
  reviewedAt: when,
  reviewNote: z.string().nullable(),
  file: z
    .object({
      filename: z.string(),
      contentType: z.string(),
      size: z.number(),
      sha256: z.string(),
      createdAt: z.date(),
    })
    .nullable(),
});
const attendanceEvent = z.object({
  id: z.number(),
  childId: z.number(),
  classId: z.number(),
  day: z.string(),
  kind: z.string(),
  occurredAt: z.date(),
  pickupAdultId: z.number().nullable(),
  pickupMethod: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
});
const attendanceDay = z.object({
  childId: z.number(),
  classId: z.number(),
  day: z.string(),
  status: z.string(),
  checkInAt: when,
  checkOutAt: when,
  pickupAdultId: z.number().nullable(),
  absenceReason: z.string().nullable(),
});
/** What the family was told about an incident concerning their child (not other children's details). */
const incident = z.object({
  id: z.number(),
  classId: z.number(),
  className: z.string(),
  childIds: z.array(z.number()),
  kind: z.string(),
  severity: z.string(),
  occurredAt: z.date(),
  status: z.string(),
  guardianNotifiedBy: z.string().nullable(),
  guardianNotifiedAt: when,
  closedAt: when,
});
const notification = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.date(),
  readAt: when,
});
const text = z.object({
  id: z.number(),
  to: z.string(),
  text: z.string(),
  status: z.string(),
  createdAt: z.date(),
  sentAt: when,
});
export const privacyRequestDto = z.object({
  id: z.number(),
  scope: z.enum(['family', 'guardian']),
  reason: z.string(),
  status: z.enum(['waiting', 'processed', 'purged']),
  requestedAt: z.date(),
  processAfter: when,
  processedAt: when,
  purgedAt: when,
  /** When the evidence kept is anonymised (processedAt + the city's retention), once processed. */
  keptUntil: when,
});
export type PrivacyRequestDto = z.infer<typeof privacyRequestDto>;

/** A satisfaction survey the family was asked (one per enrolment and round) and its answer, if given. */
const satisfaction = z.object({
  enrolmentId: z.number(),
  classId: z.number(),
  round: z.string(),
  invitedAt: z.date(),
  answer: z
    .object({
      overall: z.number(),
      safety: z.number(),
      care: z.number(),
      activities: z.number(),
      meals: z.number().nullable(),
      communication: z.number(),
      happy: z.number(),
      comment: z.string().nullable(),
      answeredAt: z.date(),
    })
    .nullable(),
});
/** A photo recorded as showing one of the family's children (public site: shown only with publicity consent). */
const photoAppearance = z.object({ childId: z.number(), fileId: z.number(), recordedAt: z.date() });

export const familyExportResponse = z.object({
  exportedAt: z.date(),
  exportedBy: z.number(),
  family: z.object({ id: z.number(), createdAt: z.date() }),
  guardians: z.array(guardian),
  children: z.array(child),
  consents: z.array(consent),
  pickupAdults: z.array(pickupAdult),
  pickupCodes: z.array(pickupCode),
  enrolments: z.array(enrolment),
  fees: z.array(fee),
  agreements: z.array(agreement),
  insuranceProofs: z.array(insuranceProof),
  attendanceEvents: z.array(attendanceEvent),
  attendanceDays: z.array(attendanceDay),
  incidents: z.array(incident),
  notifications: z.array(notification),
  texts: z.array(text),
  privacyRequests: z.array(privacyRequestDto),
  satisfaction: z.array(satisfaction),
  photoAppearances: z.array(photoAppearance),
  /** What is held but not in this copy, and why. */
  notes: z.array(z.string()),
});
export type FamilyExport = z.infer<typeof familyExportResponse>;

/** What a deletion would do now: whose data, whether it waits for a running class, how long evidence is kept. */
export const deletionStateResponse = z.object({
  request: privacyRequestDto.nullable(),
  plan: z.object({
    scope: z.enum(['family', 'guardian']),
    /** The day (China time) the request would be processed, when a class is running for a child. */
    waitsUntil: z.string().nullable(),
    runningClasses: z.array(z.object({ className: z.string(), childName: z.string(), endDate: z.string().nullable() })),
    retentionYears: z.number(),
  }),
});
export type DeletionState = z.infer<typeof deletionStateResponse>;

export const deletionCodeResponse = z.object({ expiresInSeconds: z.number(), phone: z.string() });

export const deletionBody = z.object({
  reason: z.string().trim().min(1).max(500),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});
export type DeletionBody = z.infer<typeof deletionBody>;
