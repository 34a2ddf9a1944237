/**
 * Shapes of the daily-records and timetable API (issue 6, P-R6 and P-E). A record's body is one short form per
 * kind (a discriminated union on `kind`); what leaves the server lists exactly the stored fields, flattened.
 */
import { z } from 'zod';
import { boundedIsoDate } from '../../../domain/calendar/bounded.js';
import { DAILY_RECORD_KINDS, RECORD_FREQUENCIES } from '../../../domain/campaign/schema.js';
import { ACTIVITY_KINDS } from '../../../domain/classes/lifecycle.js';

// Every date a request carries lies in 2000–2100 (issue 13: a year-0 or year-9999 date made date loops run away).
const isoDate = boundedIsoDate;
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a time HH:MM' });
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).optional();
const areas = z.array(text(40)).min(1).max(20);

/** The fields of each kind, as stored in `daily_records.data` (besides the common time). */
export const RECORD_FIELDS = {
  /** 安全巡查 */
  patrol: {
    areas,
    findings: text(500),
    issuesFound: z.boolean(),
    actions: optText(500),
  },
  /** 通风消杀 */
  disinfection: {
    area: text(60),
    agent: text(60),
    method: text(100),
  },
  /** 供餐与留样 */
  meal: {
    supplier: z.enum(['self', 'caterer']),
    menu: text(300),
    sampleKept: z.boolean(),
    sampleAt: hhmm.optional(),
    sampleWeightG: z.number().int().min(1).max(2000).optional(),
  },
  /** 保洁 */
  cleaning: {
    areas,
    by: text(60),
  },
  /** 消防检查 */
  fire: {
    extinguishersOk: z.boolean(),
    exitsClear: z.boolean(),
    alarmsOk: z.boolean(),
    notes: optText(500),
  },
  /** 防疫措施 (only while the campaign's epidemicMeasures is on) */
  epidemic: {
    temperatureChecks: z.number().int().min(0).max(1000),
    abnormalCount: z.number().int().min(0).max(1000),
    masks: z.boolean(),
    notes: optText(500),
  },
} as const;

const common = {
  /** The class day; today (China time) when left out. */
  day: isoDate.optional(),
  time: hhmm,
  /** Photos uploaded first through POST /api/classes/:id/daily-files. */
  photoFileIds: z.array(z.number().int().positive()).max(6).optional(),
  /** A correction: the record it replaces (which stays visible, marked superseded) and why. */
  supersedesId: z.number().int().positive().optional(),
  reason: optText(300),
};

export const createRecordBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('patrol'), ...common, ...RECORD_FIELDS.patrol }),
  z.object({ kind: z.literal('disinfection'), ...common, ...RECORD_FIELDS.disinfection }),
  z.object({ kind: z.literal('meal'), ...common, ...RECORD_FIELDS.meal }),
  z.object({ kind: z.literal('cleaning'), ...common, ...RECORD_FIELDS.cleaning }),
  z.object({ kind: z.literal('fire'), ...common, ...RECORD_FIELDS.fire }),
  z.object({ kind: z.literal('epidemic'), ...common, ...RECORD_FIELDS.epidemic }),
]);
export type CreateRecordInput = z.infer<typeof createRecordBody>;

const photo = z.object({ id: z.number(), url: z.string() });
const recordCommonOut = {
  id: z.number(),
  classId: z.number(),
  day: z.string(),
  time: z.string(),
  photos: z.array(photo),
  supersedesId: z.number().nullable(),
  reason: z.string().nullable(),
  /** Set when a later correction replaced this record (it stays visible). */
  supersededById: z.number().nullable(),
  recordedBy: z.number(),
  recordedByName: z.string().nullable(),
  recordedAt: z.date(),
};
const opt = <T extends z.ZodType>(t: T) => t.optional();
export const recordResponse = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('patrol'), ...recordCommonOut, ...RECORD_FIELDS.patrol }),
  z.object({ kind: z.literal('disinfection'), ...recordCommonOut, ...RECORD_FIELDS.disinfection }),
  z.object({
    kind: z.literal('meal'),
    ...recordCommonOut,
    ...RECORD_FIELDS.meal,
    /** The caterer's name when supplied by the class's caterer. */
    supplierName: opt(z.string()),
    /** sampleAt + 48 h, computed by the server. */
    sampleKeepUntil: opt(z.string()),
  }),
  z.object({ kind: z.literal('cleaning'), ...recordCommonOut, ...RECORD_FIELDS.cleaning }),
  z.object({ kind: z.literal('fire'), ...recordCommonOut, ...RECORD_FIELDS.fire }),
  z.object({ kind: z.literal('epidemic'), ...recordCommonOut, ...RECORD_FIELDS.epidemic }),
]);
export type RecordDto = z.infer<typeof recordResponse>;

const kindEnum = z.enum(DAILY_RECORD_KINDS);
export const dailyAbilities = z.object({ write: z.boolean() });

export const dayRecordsResponse = z.object({
  day: z.string(),
  classDay: z.boolean(),
  /** Required kinds with their frequency. */
  required: z.array(z.object({ kind: kindEnum, frequency: z.enum(RECORD_FREQUENCIES) })),
  missing: z.array(kindEnum),
  records: z.array(recordResponse),
  settings: z.object({
    epidemicMeasures: z.boolean(),
    meals: z.string(),
    catererName: z.string().nullable(),
    /** Kinds that may be written for this class (e.g. no meal for a class without meals). */
    writableKinds: z.array(kindEnum),
  }),
  abilities: dailyAbilities,
});
export type DayRecordsDto = z.infer<typeof dayRecordsResponse>;

export const missingTodayResponse = z.object({
  day: z.string(),
  classDay: z.boolean(),
  required: z.array(kindEnum),
  missing: z.array(kindEnum),
});
export type MissingTodayDto = z.infer<typeof missingTodayResponse>;

export const summaryQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export const summaryResponse = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(
    z.object({
      day: z.string(),
      classDay: z.boolean(),
      required: z.array(kindEnum),
      done: z.array(kindEnum),
      missing: z.array(kindEnum),
    }),
  ),
  totals: z.object({ classDays: z.number(), completeDays: z.number(), missing: z.number() }),
});
export type SummaryDto = z.infer<typeof summaryResponse>;

export const dayQuery = z.object({ day: isoDate.optional() });
export const classIdParams = z.object({ id: z.coerce.number().int().positive() });
export const classFileParams = z.object({
  id: z.coerce.number().int().positive(),
  fileId: z.coerce.number().int().positive(),
});
export const sessionParams = z.object({
  id: z.coerce.number().int().positive(),
  sessionId: z.coerce.number().int().positive(),
});

export const doneBody = z.object({
  note: optText(300),
  photoFileId: z.number().int().positive().optional(),
});
export const noteBody = z.object({ note: text(300) });

export const sessionResponse = z.object({
  id: z.number(),
  day: z.string(),
  start: z.string(),
  end: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  title: z.string().nullable(),
  done: z.boolean(),
  doneAt: z.date().nullable(),
  doneByName: z.string().nullable(),
  note: z.string().nullable(),
  photo: photo.nullable(),
});
export type SessionDto = z.infer<typeof sessionResponse>;

export const timetableResponse = z.object({
  day: z.string(),
  classDay: z.boolean(),
  sessions: z.array(sessionResponse),
  abilities: dailyAbilities,
});
export type TimetableDto = z.infer<typeof timetableResponse>;

/** What a guardian sees: the class's day, no staff names and no photos (other children may be in them). */
export const parentTimetableResponse = z.object({
  class: z.object({
    id: z.number(),
    name: z.string(),
    dailyStart: z.string().nullable(),
    dailyEnd: z.string().nullable(),
  }),
  day: z.string(),
  classDay: z.boolean(),
  sessions: z.array(
    z.object({
      id: z.number(),
      start: z.string(),
      end: z.string(),
      kind: z.enum(ACTIVITY_KINDS),
      title: z.string().nullable(),
      done: z.boolean(),
      doneAt: z.date().nullable(),
      note: z.string().nullable(),
    }),
  ),
});
export type ParentTimetableDto = z.infer<typeof parentTimetableResponse>;

export const dailyFileResponse = z.object({
  id: z.number(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  url: z.string(),
});
