/** Shapes of the families API: parent registration, guardians' verification, children, consents. */
import { z } from 'zod';
import { boundedIsoDate } from '../../../domain/calendar/bounded.js';
import { normalizeMobile } from '../../../domain/people/mask.js';

export const mobileField = z
  .string()
  .trim()
  .refine((v) => normalizeMobile(v) !== null, { message: 'i18n:mobile' })
  .transform((v) => normalizeMobile(v) as string);
// Every date a request carries lies in 2000–2100 (issue 13: a year-0 or year-9999 date made date loops run away).
const isoDate = boundedIsoDate;

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const okResponse = z.object({ ok: z.literal(true) });

export const phoneCodeBody = z.object({ phone: mobileField });
export const phoneCodeResponse = z.object({ expiresInSeconds: z.number() });
export const registerBody = z.object({
  phone: mobileField,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
  password: z.string().min(1).max(128),
  displayName: z.string().trim().min(1).max(50),
  employerOrgId: z.number().int().positive(),
  /** Joins the family of the guardian who shared this code (the second guardian). */
  familyInviteCode: z.string().trim().max(20).optional(),
  /** The version of the privacy notice the person read and accepted. */
  privacyNoticeVersion: z.string().trim().min(1).max(20),
});

export const registerResponse = z.object({ userId: z.number() });

/** Registration names the employer: active units by name, nothing more. */
export const employersQuery = z.object({ q: z.string().trim().min(2).max(50) });
export const employerListResponse = z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) });

export const inviteResponse = z.object({ code: z.string() });

export const verifyGuardianBody = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(500).optional(),
});

const contact = z.object({
  name: z.string().trim().min(1).max(50),
  relation: z.string().trim().max(20).optional(),
  phone: mobileField,
});
export const pickupAdultBody = z.object({
  name: z.string().trim().min(1).max(50),
  relation: z.string().trim().min(1).max(20),
  phone: mobileField.optional(),
  allowed: z.boolean(),
});

export const childBody = z.object({
  name: z.string().trim().min(1).max(50),
  gender: z.enum(['M', 'F']).nullable().optional(),
  birthDate: isoDate,
  school: z.string().trim().max(100).nullable().optional(),
  grade: z.enum(['1', '2', '3', '4', '5', '6', 'K']),
  selfCare: z.boolean().nullable().optional(),
  allergies: z.string().trim().max(500).nullable().optional(),
  healthNotes: z.string().trim().max(1000).nullable().optional(),
  idNumber: z.string().trim().max(30).nullable().optional(),
  emergencyContacts: z.array(contact).max(5).optional(),
  pickupAdults: z.array(pickupAdultBody).max(10).optional(),
  /** Consents given with this save: the privacy notice is required; health and photo are separate. */
  consents: z.object({
    privacyNoticeVersion: z.string().trim().min(1).max(20),
    health: z.boolean(),
    photo: z.boolean(),
  }),
});
export type ChildInput = z.infer<typeof childBody>;
export const updateChildBody = childBody
  .omit({ consents: true, pickupAdults: true })
  .partial()
  .extend({ version: z.number().int().positive() })
  .strict();

export const withdrawConsentBody = z.object({
  kind: z.enum(['health', 'photo', 'publicity']),
  childId: z.number().int().positive(),
});
export const grantConsentBody = z.object({
  kind: z.enum(['health', 'photo', 'publicity']),
  childId: z.number().int().positive(),
  privacyNoticeVersion: z.string().trim().min(1).max(20),
});
export const pickupAdultParams = z.object({
  id: z.coerce.number().int().positive(),
  adultId: z.coerce.number().int().positive(),
});
export const createdIdResponse = z.object({ id: z.number() });
export const revealIdResponse = z.object({ idNumber: z.string() });

export const childResponse = z.object({
  id: z.number(),
  name: z.string(),
  gender: z.enum(['M', 'F']).nullable(),
  birthDate: z.string(),
  school: z.string().nullable(),
  grade: z.enum(['1', '2', '3', '4', '5', '6', 'K']),
  selfCare: z.boolean().nullable(),
  /** null when not given or when the health consent is withdrawn (see `hidden`). */
  allergies: z.string().nullable(),
  healthNotes: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  emergencyContacts: z.array(
    z.object({ name: z.string(), relation: z.string().optional(), phoneMasked: z.string().nullable() }),
  ),
  pickupAdults: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      relation: z.string(),
      phoneMasked: z.string().nullable(),
      allowed: z.boolean(),
    }),
  ),
  /** publicity: photos showing the child may appear on the public site (withdrawable; they leave it at once). */
  consents: z.object({ privacy: z.boolean(), health: z.boolean(), photo: z.boolean(), publicity: z.boolean() }),
  hidden: z.array(z.string()),
  version: z.number(),
  abilities: z.object({ update: z.boolean(), revealId: z.boolean() }),
});
export type ChildDto = z.infer<typeof childResponse>;

/** A guardian's employment as their employer unit judged it (only `verified` may apply). */
export const GUARDIAN_STATUSES = ['pending', 'verified', 'rejected'] as const;

export const guardianResponse = z.object({
  userId: z.number(),
  displayName: z.string(),
  phoneMasked: z.string().nullable(),
  employerOrgId: z.number(),
  employerName: z.string(),
  status: z.enum(GUARDIAN_STATUSES),
  reason: z.string().nullable(),
  createdAt: z.date(),
});

export const guardiansQuery = z.object({
  status: z.enum(GUARDIAN_STATUSES).optional(),
  orgId: z.coerce.number().int().positive().optional(),
});
export const guardianListResponse = z.object({ items: z.array(guardianResponse) });

export const familyResponse = z.object({
  familyId: z.number(),
  guardians: z.array(guardianResponse),
  children: z.array(childResponse),
});

export const privacyNoticeResponse = z.object({ version: z.string(), title: z.string(), body: z.string() });

export const PRIVACY_NOTICE = {
  version: '2026-1',
  title: '爱心托管服务平台个人信息保护告知书',
  body: [
    '为办理职工子女爱心托管服务，我们需要收集您和孩子的以下信息：姓名、性别、出生日期、学校与年级、监护人和紧急联系人的联系方式、接送人信息；身份证号为选填。',
    '健康与过敏信息、照片属于敏感个人信息，需您单独同意；您可随时撤回，撤回后相关信息将不再向工作人员展示。',
    '信息仅用于托管班报名、接送、安全管理和工会统计，不向无关第三方提供；身份证号加密保存，默认打码显示，查看明文会被记录。',
    '托管结束后按工会档案管理规定保存；您可以联系所在单位工会查询、更正或删除您的信息。',
  ].join('\n'),
};
