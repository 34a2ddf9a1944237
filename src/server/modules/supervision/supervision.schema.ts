/**
 * Shapes of the supervision API (督导、整改、推进会、先进经验). The web console and the inspector's phone page import
 * the types from here.
 */
import { z } from 'zod';
import { boundedIsoDate } from '../../../domain/calendar/bounded.js';
import { CHECK_ITEMS, RESULTS, SEVERITIES } from '../../../domain/supervision/checklist.js';
import { fileResponse } from '../files/files.schema.js';

const id = z.number().int().positive().max(2_147_483_647);
const idParam = z.coerce.number().int().positive().max(2_147_483_647);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a time HH:MM' });
const text = (max: number) => z.string().trim().max(max);

export const VISIT_KINDS = ['announced', 'unannounced'] as const;
export const VISIT_STATUSES = ['planned', 'done', 'cancelled'] as const;
export const ITEM_STATUSES = ['open', 'responded', 'closed'] as const;
export const MEETING_KINDS = ['progress', 'on_site'] as const;

export const idParams = z.object({ id: idParam });

// ---- visits ------------------------------------------------------------------------------------------------
export const planVisitBody = z.strictObject({
  classId: id,
  kind: z.enum(VISIT_KINDS),
  plannedDate: boundedIsoDate,
  inspectorIds: z.array(id).min(1).max(10),
  /** Checklist items to ask; every item of the campaign's list when omitted. */
  items: z.array(z.enum(CHECK_ITEMS)).min(1).max(CHECK_ITEMS.length).optional(),
  note: text(500).optional(),
});
export type PlanVisitInput = z.infer<typeof planVisitBody>;

export const listVisitsQuery = z.object({
  campaignId: idParam.optional(),
  classId: idParam.optional(),
  status: z.enum(VISIT_STATUSES).optional(),
  /** Only visits the caller is an inspector of. */
  mine: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const checkResultInput = z.strictObject({
  key: z.enum(CHECK_ITEMS),
  result: z.enum(RESULTS),
  note: text(1000).optional(),
  /** For a failed item: how serious (a finding becomes a rectification item). */
  severity: z.enum(SEVERITIES).optional(),
  /** The day the unit must have put it right; by severity when omitted. */
  deadline: boundedIsoDate.optional(),
  /** Photos uploaded to this visit beforehand. */
  fileIds: z.array(id).max(20).optional(),
});

export const submitVisitBody = z.strictObject({
  /** Made on the phone when the form was filled: resending the same submission changes nothing. */
  clientId: z.string().trim().min(8).max(64),
  visitedOn: boundedIsoDate,
  /** China time of the head count. */
  visitedTime: hhmm,
  results: z.array(checkResultInput).min(1).max(CHECK_ITEMS.length),
  /** Children counted on site. */
  headCount: z.number().int().min(0).max(10_000).nullable().optional(),
  summary: text(4000).optional(),
});
export type SubmitVisitInput = z.infer<typeof submitVisitBody>;

export const cancelVisitBody = z.strictObject({ reason: text(500).min(2) });

export const checkResultResponse = z.object({
  key: z.enum(CHECK_ITEMS),
  result: z.enum(RESULTS),
  note: z.string().nullable(),
  severity: z.enum(SEVERITIES).nullable(),
  fileIds: z.array(z.number()),
});

export const visitResponse = z.object({
  id: z.number(),
  campaignId: z.number(),
  classId: z.number(),
  className: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.enum(VISIT_KINDS),
  plannedDate: z.string(),
  status: z.enum(VISIT_STATUSES),
  note: z.string().nullable(),
  items: z.array(z.enum(CHECK_ITEMS)),
  inspectors: z.array(z.object({ id: z.number(), name: z.string() })),
  results: z.array(checkResultResponse).nullable(),
  headCount: z.number().nullable(),
  doorPresent: z.number().nullable(),
  summary: z.string().nullable(),
  doneAt: z.date().nullable(),
  findings: z.number(),
  version: z.number(),
  abilities: z.object({ cancel: z.boolean(), perform: z.boolean(), upload: z.boolean() }),
});
export type VisitDto = z.infer<typeof visitResponse>;
export const visitListResponse = z.object({ items: z.array(visitResponse), total: z.number() });

export const headcountQuery = z.object({ day: boundedIsoDate, time: hhmm });
export const headcountResponse = z.object({ day: z.string(), time: z.string(), present: z.number() });

export const inspectorsQuery = z.object({ classId: idParam });
export const inspectorsResponse = z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) });

// ---- rectification items -----------------------------------------------------------------------------------
export const listItemsQuery = z.object({
  campaignId: idParam.optional(),
  classId: idParam.optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(200),
});

export const respondBody = z.strictObject({
  text: text(4000).min(2),
  /** Evidence files uploaded to this item beforehand. */
  fileIds: z.array(id).max(20).optional(),
});
export const decideBody = z.strictObject({
  decision: z.enum(['close', 'send_back']),
  comment: text(2000).min(2),
  /** A send-back may give the unit a new deadline. */
  deadline: boundedIsoDate.optional(),
});

export const itemEventResponse = z.object({
  id: z.number(),
  kind: z.enum(['response', 'send_back', 'close']),
  text: z.string(),
  fileIds: z.array(z.number()),
  actorName: z.string().nullable(),
  at: z.date(),
});

export const itemResponse = z.object({
  id: z.number(),
  visitId: z.number(),
  campaignId: z.number(),
  classId: z.number(),
  className: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  itemKey: z.enum(CHECK_ITEMS),
  severity: z.enum(SEVERITIES),
  description: z.string(),
  deadline: z.string(),
  status: z.enum(ITEM_STATUSES),
  overdue: z.boolean(),
  closedAt: z.date().nullable(),
  createdAt: z.date(),
  history: z.array(itemEventResponse).optional(),
  abilities: z.object({ respond: z.boolean(), verify: z.boolean() }),
});
export type ItemDto = z.infer<typeof itemResponse>;
export const itemListResponse = z.object({ items: z.array(itemResponse), total: z.number() });

/** What the class page shows: the class's items not yet closed. */
export const classItemsResponse = z.object({
  open: z.number(),
  overdue: z.number(),
  items: z.array(itemResponse),
});

// ---- meetings ----------------------------------------------------------------------------------------------
export const createMeetingBody = z.strictObject({
  campaignId: id,
  kind: z.enum(MEETING_KINDS),
  title: text(100).min(2),
  date: boundedIsoDate,
  /** An on-site meeting is held at a class. */
  classId: id.nullable().optional(),
  place: text(200).optional(),
  inviteeOrgIds: z.array(id).max(100).default([]),
});
export const recordMeetingBody = z.strictObject({
  minutes: text(20_000).optional(),
  /** Organisations that came (the others invited did not). */
  attendedOrgIds: z.array(id).max(100).optional(),
  version: z.number().int().positive(),
});
export const listMeetingsQuery = z.object({ campaignId: idParam.optional() });

export const meetingResponse = z.object({
  id: z.number(),
  campaignId: z.number(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  date: z.string(),
  classId: z.number().nullable(),
  className: z.string().nullable(),
  place: z.string().nullable(),
  minutes: z.string().nullable(),
  invitees: z.array(z.object({ orgId: z.number(), name: z.string(), attended: z.boolean().nullable() })),
  version: z.number(),
  abilities: z.object({ manage: z.boolean() }),
});
export type MeetingDto = z.infer<typeof meetingResponse>;
export const meetingListResponse = z.object({ items: z.array(meetingResponse) });

// ---- good practice cases -----------------------------------------------------------------------------------
export const createCaseBody = z.strictObject({
  classId: id,
  visitId: id.nullable().optional(),
  title: text(100).min(2),
  body: text(10_000).min(2),
});
export const publishBody = z.strictObject({ published: z.boolean() });
export const listCasesQuery = z.object({
  campaignId: idParam.optional(),
  published: z.enum(['true', 'false']).optional(),
});

export const caseResponse = z.object({
  id: z.number(),
  campaignId: z.number(),
  classId: z.number(),
  className: z.string(),
  orgName: z.string(),
  visitId: z.number().nullable(),
  title: z.string(),
  body: z.string(),
  published: z.boolean(),
  publishedAt: z.date().nullable(),
  photos: z.array(fileResponse),
  createdAt: z.date(),
  abilities: z.object({ publish: z.boolean(), unpublish: z.boolean() }),
});
export type CaseDto = z.infer<typeof caseResponse>;
export const caseListResponse = z.object({ items: z.array(caseResponse) });

export const uploadResponse = fileResponse;
