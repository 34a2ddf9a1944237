/** Shapes of the volunteers API (P-F): calls for help, applications, acceptance, staff check-ins and hours. */
import { z } from 'zod';
import { boundedIsoDate } from '../../../domain/calendar/bounded.js';
import {
  APPLICATION_STATUSES,
  CALL_KINDS,
  CALL_STATUSES,
  VOLUNTEER_KINDS,
  VOLUNTEER_SKILLS,
} from '../../../domain/volunteers/index.js';
import { mobileField } from '../families/families.schema.js';

const isoDate = boundedIsoDate;
const skills = z.array(z.enum(VOLUNTEER_SKILLS)).min(1).max(VOLUNTEER_SKILLS.length);
const optionalText = (max: number) =>
  z.preprocess((v) => (v === '' ? null : v), z.string().trim().max(max).nullable().optional());

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const okResponse = z.object({ ok: z.literal(true) });

// ---- calls -------------------------------------------------------------------------------------------------
const callFields = {
  title: z.string().trim().min(2).max(60),
  description: z.string().trim().max(1000).default(''),
  skills,
  otherSkill: optionalText(40),
  volunteerKind: z.enum(CALL_KINDS),
  startDate: isoDate,
  endDate: isoDate,
  schedule: z.string().trim().min(2).max(100),
  hoursPerWeek: z.number().int().min(1).max(60).nullable().optional(),
  wanted: z.number().int().min(1).max(50),
};
export const createCallBody = z.strictObject({ classId: z.number().int().positive(), ...callFields });
export type CreateCallInput = z.infer<typeof createCallBody>;
export const updateCallBody = z.strictObject({
  ...callFields,
  status: z.enum(CALL_STATUSES),
  version: z.number().int().positive(),
});
export type UpdateCallInput = z.infer<typeof updateCallBody>;

export const listCallsQuery = z.object({
  classId: z.coerce.number().int().positive().optional(),
  status: z.enum(CALL_STATUSES).optional(),
});

export const callAbilities = z.object({ update: z.boolean(), review: z.boolean() });
export const callResponse = z.object({
  id: z.number(),
  classId: z.number(),
  className: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  description: z.string(),
  skills: z.array(z.string()),
  otherSkill: z.string().nullable(),
  volunteerKind: z.enum(CALL_KINDS),
  startDate: z.string(),
  endDate: z.string(),
  schedule: z.string(),
  hoursPerWeek: z.number().nullable(),
  wanted: z.number(),
  status: z.enum(CALL_STATUSES),
  /** open and its last day not passed */
  takingApplications: z.boolean(),
  counts: z.object({ pending: z.number(), accepted: z.number(), declined: z.number() }),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
  abilities: callAbilities,
});
export type CallDto = z.infer<typeof callResponse>;
export const callListResponse = z.object({ items: z.array(callResponse), canCreate: z.boolean() });

/** Classes the caller may post a call for (unit admin over the owner, or the class head). */
export const postableClassesResponse = z.object({
  items: z.array(
    z.object({ id: z.number(), name: z.string(), orgName: z.string(), startDate: z.string(), endDate: z.string() }),
  ),
});

// ---- applications ------------------------------------------------------------------------------------------
export const applicationResponse = z.object({
  id: z.number(),
  callId: z.number(),
  name: z.string(),
  /** Masked unless revealed (the reveal is its own audited request). */
  phone: z.string(),
  kind: z.enum(VOLUNTEER_KINDS),
  employer: z.string().nullable(),
  skills: z.array(z.string()),
  availability: z.string(),
  note: z.string().nullable(),
  status: z.enum(APPLICATION_STATUSES),
  decidedAt: z.date().nullable(),
  decisionNote: z.string().nullable(),
  userId: z.number().nullable(),
  classStaffId: z.number().nullable(),
  version: z.number(),
  createdAt: z.date(),
  abilities: z.object({ decide: z.boolean(), revealPhone: z.boolean() }),
});
export type ApplicationDto = z.infer<typeof applicationResponse>;
export const applicationListResponse = z.object({ items: z.array(applicationResponse) });

export const acceptBody = z.strictObject({
  version: z.number().int().positive(),
  healthCertDate: isoDate.nullable(),
  backgroundCheckDate: isoDate.nullable(),
  note: optionalText(200),
});
export type AcceptInput = z.infer<typeof acceptBody>;
export const declineBody = z.strictObject({
  version: z.number().int().positive(),
  note: z.string().trim().min(2).max(200),
});
export const acceptResponse = z.object({
  application: applicationResponse,
  account: z.object({
    userId: z.number(),
    username: z.string(),
    /** Set only when an account was made now: shown once to the unit, also sent to the volunteer by SMS. */
    initialPassword: z.string().nullable(),
    linkedExisting: z.boolean(),
  }),
});
export const revealResponse = z.object({ phone: z.string() });

// ---- the public side ---------------------------------------------------------------------------------------
export const publicCodeBody = z.strictObject({ phone: mobileField });
export const publicCodeResponse = z.object({ expiresInSeconds: z.number(), phone: z.string() });
export const publicApplyBody = z.strictObject({
  name: z.string().trim().min(2).max(30),
  phone: mobileField,
  /** Checked in the service, so the refusal says 「验证码须为 6 位数字」. */
  code: z.string().trim().max(10),
  kind: z.enum(VOLUNTEER_KINDS),
  employer: optionalText(60),
  skills,
  availability: z.string().trim().min(2).max(200),
  note: optionalText(300),
});
export type PublicApplyInput = z.infer<typeof publicApplyBody>;
export const publicApplyResponse = z.object({ ok: z.literal(true), message: z.string() });

// ---- staff door check-ins and hours ------------------------------------------------------------------------
export const checkBody = z.strictObject({ classId: z.number().int().positive(), kind: z.enum(['in', 'out']) });
export const myClassesResponse = z.object({
  items: z.array(
    z.object({
      classId: z.number(),
      className: z.string(),
      role: z.string(),
      /** Today's last mark at this class, if any. */
      lastToday: z.object({ kind: z.enum(['in', 'out']), at: z.date() }).nullable(),
      /** Today's marks at this class in order (the door screen counts today's hours with its queue on top). */
      marksToday: z.array(z.object({ kind: z.enum(['in', 'out']), at: z.date() })),
    }),
  ),
});
export type MyDoorClassDto = z.infer<typeof myClassesResponse>['items'][number];

/**
 * Marks queued on the door screen (offline or not): each made on the phone with its own clientId and time, so a
 * batch sent again after a lost answer changes nothing. Refusals come back per mark, never as a failed request.
 */
export const markInput = z.strictObject({
  clientId: z.string().trim().min(8).max(64),
  classId: z.number().int().positive(),
  kind: z.enum(['in', 'out']),
  occurredAt: z.iso.datetime({ offset: true }),
});
export type MarkInput = z.infer<typeof markInput>;
export const postMarksBody = z.strictObject({ marks: z.array(markInput).min(1).max(50) });
export const markResult = z.object({
  clientId: z.string(),
  outcome: z.enum(['applied', 'replayed', 'refused']),
  code: z.string().optional(),
  message: z.string().optional(),
});
export type MarkResult = z.infer<typeof markResult>;
export const postMarksResponse = z.object({ results: z.array(markResult), items: myClassesResponse.shape.items });
export const servedDay = z.object({
  classId: z.number(),
  className: z.string(),
  day: z.string(),
  firstIn: z.date(),
  lastOut: z.date().nullable(),
  minutes: z.number(),
  open: z.boolean(),
});
export const myHoursResponse = z.object({
  name: z.string(),
  days: z.array(servedDay),
  total: z.object({ days: z.number(), minutes: z.number(), hours: z.number(), openDays: z.number() }),
});
export const classHoursQuery = z.object({ classId: z.coerce.number().int().positive() });
export const classHoursResponse = z.object({
  items: z.array(
    z.object({
      classStaffId: z.number(),
      userId: z.number().nullable(),
      name: z.string(),
      role: z.string(),
      days: z.number(),
      minutes: z.number(),
      hours: z.number(),
      openDays: z.number(),
      lastDay: z.string().nullable(),
    }),
  ),
});
