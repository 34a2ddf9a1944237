/**
 * Shapes of the incident API (应急处理, P-R5/P-R6). A report's fields, the addenda that change it, and the list and
 * detail responses. Responses list exactly the fields that leave: children's names only for callers who may see
 * the class's children (`children` is null otherwise; `childCount` is always there).
 */
import { z } from 'zod';

export const INCIDENT_KINDS = ['injury', 'illness', 'lost_child', 'fire', 'food', 'conflict', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const SEVERITIES = ['minor', 'serious', 'critical'] as const;
export type IncidentSeverity = (typeof SEVERITIES)[number];
export const INCIDENT_STATUSES = ['open', 'closed'] as const;
/** `report` is the first addendum of every incident: the report as first filed. */
export const ADDENDUM_KINDS = ['report', 'note', 'update', 'guardian_notified', 'close', 'reopen'] as const;
export type AddendumKind = (typeof ADDENDUM_KINDS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(max).nullable());
const instant = z.iso.datetime({ offset: true });
const childIds = z.array(z.number().int().positive()).max(100);

export const incidentIdParams = z.object({ id: z.coerce.number().int().positive() });

export const reportBody = z.strictObject({
  kind: z.enum(INCIDENT_KINDS),
  severity: z.enum(SEVERITIES),
  occurredAt: instant,
  description: text(4000),
  childIds: childIds.default([]),
  peopleInvolved: optText(1000).optional(),
  actionsTaken: optText(4000).optional(),
  guardianNotifiedBy: optText(100).optional(),
  guardianNotifiedAt: instant.nullable().optional(),
  followUp: optText(4000).optional(),
});
export type ReportInput = z.infer<typeof reportBody>;

/** Fields an `update` addendum may change (the report's facts; status moves only through close/reopen). */
export const updateChanges = z.strictObject({
  kind: z.enum(INCIDENT_KINDS).optional(),
  severity: z.enum(SEVERITIES).optional(),
  occurredAt: instant.optional(),
  description: text(4000).optional(),
  childIds: childIds.optional(),
  peopleInvolved: optText(1000).optional(),
  actionsTaken: optText(4000).optional(),
  followUp: optText(4000).optional(),
});
export type UpdateChanges = z.infer<typeof updateChanges>;

export const guardianChanges = z.strictObject({ guardianNotifiedBy: text(100), guardianNotifiedAt: instant });

export const addendumBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('note'), note: text(4000), version: z.number().int().positive() }),
  z.strictObject({
    kind: z.literal('update'),
    changes: updateChanges,
    note: optText(4000).optional(),
    version: z.number().int().positive(),
  }),
  z.strictObject({
    kind: z.literal('guardian_notified'),
    changes: guardianChanges,
    note: optText(4000).optional(),
    version: z.number().int().positive(),
  }),
]);
export type AddendumInput = z.infer<typeof addendumBody>;

export const statusBody = z.strictObject({
  version: z.number().int().positive(),
  /** Closing: the outcome (处理结果); reopening: why. */
  note: text(4000),
});

export const listIncidentsQuery = z.object({
  status: z.enum(INCIDENT_STATUSES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  classId: z.coerce.number().int().positive().optional(),
  /** Incidents of classes owned under this organisation's subtree. */
  orgId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListIncidentsQuery = z.infer<typeof listIncidentsQuery>;

export const incidentAbilities = z.object({
  addNote: z.boolean(),
  update: z.boolean(),
  recordGuardian: z.boolean(),
  close: z.boolean(),
  reopen: z.boolean(),
  /** Why closing is not possible now (for the page to say), null when it is or the caller may never close. */
  closeBlockedReason: z.string().nullable(),
});

export const incidentSummary = z.object({
  id: z.number(),
  classId: z.number(),
  className: z.string(),
  orgId: z.number(),
  unitName: z.string(),
  kind: z.enum(INCIDENT_KINDS),
  severity: z.enum(SEVERITIES),
  status: z.enum(INCIDENT_STATUSES),
  occurredAt: z.date(),
  description: z.string(),
  childCount: z.number(),
  guardianNotifiedAt: z.date().nullable(),
  reportedByName: z.string().nullable(),
  createdAt: z.date(),
  closedAt: z.date().nullable(),
  version: z.number(),
});
export type IncidentSummary = z.infer<typeof incidentSummary>;

export const addendumResponse = z.object({
  id: z.number(),
  kind: z.enum(ADDENDUM_KINDS),
  /** field → {before, after}; children as ids (names only in `children` of the incident). */
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
  note: z.string().nullable(),
  authorName: z.string().nullable(),
  at: z.date(),
});

export const incidentDetail = incidentSummary.extend({
  childIds: z.array(z.number()).nullable(),
  children: z.array(z.object({ id: z.number(), name: z.string() })).nullable(),
  peopleInvolved: z.string().nullable(),
  actionsTaken: z.string().nullable(),
  guardianNotifiedBy: z.string().nullable(),
  followUp: z.string().nullable(),
  closedByName: z.string().nullable(),
  addenda: z.array(addendumResponse),
  abilities: incidentAbilities,
});
export type IncidentDetail = z.infer<typeof incidentDetail>;

export const classIncidentsResponse = z.object({
  items: z.array(incidentSummary),
  /** May the caller report an incident on this class now. */
  canReport: z.boolean(),
  /** The class's enrolled children, for the report form (only for callers who may see them). */
  children: z.array(z.object({ id: z.number(), name: z.string() })).nullable(),
});
