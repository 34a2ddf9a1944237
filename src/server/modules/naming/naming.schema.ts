/**
 * Shapes of the 公示 and naming API: the console's (/api/naming/…) and the public objection flow
 * (/api/public/publicity/:id/…). The web console imports the types from here.
 */
import { z } from 'zod';
import { boundedIsoDate } from '../../../domain/calendar/bounded.js';
import { MAX_PUBLICITY_WORKDAYS } from '../../../domain/naming/publicity.js';
import { mobileField } from '../families/families.schema.js';

const id = z.coerce.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);

export const idParams = z.object({ id });
export const listQuery = z.object({ campaignId: id.optional() });

export const publishBody = z.strictObject({
  campaignId: id,
  title: text(120),
  startsOn: boundedIsoDate,
  workdays: z.number().int().min(1).max(MAX_PUBLICITY_WORKDAYS).default(5),
  body: z.string().trim().max(4000).default(''),
  entries: z
    .array(
      z.strictObject({
        classId: z.number().int().positive(),
        rank: z.number().int().min(1).max(999),
        score: z.number().min(0).max(1000).nullable().optional(),
      }),
    )
    .min(1)
    .max(200),
});
export type PublishInput = z.infer<typeof publishBody>;

export const OUTCOMES = ['upheld', 'not_upheld', 'noted'] as const;
export const respondBody = z.strictObject({ outcome: z.enum(OUTCOMES), content: text(2000) });

export const nameBody = z.strictObject({
  noticeId: id,
  decisionNo: text(60),
  decisionDate: boundedIsoDate,
  /** The entries' classes to name (default: every class on the 公示). */
  classIds: z.array(z.number().int().positive()).max(200).optional(),
});
export type NameInput = z.infer<typeof nameBody>;

export const revokeBody = z.strictObject({
  reason: text(500),
  revokedOn: boundedIsoDate,
  decisionNo: z.string().trim().max(60).optional(),
});

export const publicCodeBody = z.strictObject({ phone: mobileField });
export const publicCodeResponse = z.object({ expiresInSeconds: z.number(), phone: z.string() });
export const publicObjectionBody = z.strictObject({
  phone: mobileField,
  code: z.string().regex(/^\d{6}$/),
  entryId: z.number().int().positive().nullable().optional(),
  content: text(2000),
});
export const publicObjectionResponse = z.object({ id: z.number(), receivedAt: z.date(), phone: z.string() });

const entry = z.object({
  id: z.number(),
  classId: z.number(),
  rank: z.number(),
  score: z.number().nullable(),
  className: z.string(),
  unitName: z.string(),
  districtName: z.string(),
});
const responseDto = z.object({
  id: z.number(),
  outcome: z.enum(OUTCOMES),
  content: z.string(),
  respondedByName: z.string().nullable(),
  createdAt: z.date(),
});
const objection = z.object({
  id: z.number(),
  entryId: z.number().nullable(),
  className: z.string().nullable(),
  phone: z.string(),
  content: z.string(),
  createdAt: z.date(),
  responses: z.array(responseDto),
});
export const namingDto = z.object({
  id: z.number(),
  campaignId: z.number(),
  campaignName: z.string(),
  noticeId: z.number().nullable(),
  classId: z.number(),
  className: z.string(),
  unitName: z.string(),
  districtName: z.string(),
  decisionNo: z.string(),
  decisionDate: z.string(),
  verifyPath: z.string(),
  revocation: z.object({ reason: z.string(), revokedOn: z.string(), decisionNo: z.string().nullable() }).nullable(),
  abilities: z.object({ certificate: z.boolean(), revoke: z.boolean() }),
});
const abilities = z.object({
  publish: z.boolean(),
  respond: z.boolean(),
  name: z.boolean(),
  revoke: z.boolean(),
  revealPhone: z.boolean(),
});
export const noticeSummary = z.object({
  id: z.number(),
  campaignId: z.number(),
  campaignName: z.string(),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  workdays: z.number(),
  phase: z.enum(['scheduled', 'open', 'closed']),
  entries: z.number(),
  objections: z.number(),
  unanswered: z.number(),
  named: z.number(),
  publicPath: z.string(),
});
export const noticeListResponse = z.object({ items: z.array(noticeSummary), abilities });
export const noticeResponse = noticeSummary.extend({
  body: z.string(),
  days: z.array(z.string()),
  entryList: z.array(entry),
  objectionList: z.array(objection),
  namings: z.array(namingDto),
  /** Why naming is not possible yet (empty when it is). */
  namingBlockers: z.array(z.object({ zh: z.string(), en: z.string() })),
  abilities,
});
export const namingListResponse = z.object({ items: z.array(namingDto) });
export const revealResponse = z.object({ phone: z.string() });
export type NoticeDto = z.infer<typeof noticeResponse>;
export type NoticeSummaryDto = z.infer<typeof noticeSummary>;
export type NamingDto = z.infer<typeof namingDto>;
