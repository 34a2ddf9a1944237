/**
 * The shapes of jsonb columns that exist only in storage (no domain type describes them). schema.ts gives each
 * jsonb column its type with `.$type<…>()`; the types of the domain (`Campaign`, `RuleResult`, `DayEvent`, …) are
 * used directly where they exist. Types only: nothing here reaches the database or the migrations.
 */
import type { VenueCheck } from '../../domain/campaign/schema.js';

/** Any value JSON can hold (settings values). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** audit_log.before / after: the masked record (see maskForAudit in events/audit.ts). */
export type AuditRecord = Record<string, unknown>;

/** A P-R4 answer: true/false, null while not checked yet. */
export type ChecklistAnswer = boolean | null;

/**
 * venues.checklist: the P-R4 answers (`nearHazard` true is the bad answer), a note and evidence file ids per item.
 * Every key is optional: rows written before a key existed lack it (venues.checklist.ts reads them tolerantly).
 */
export interface VenueChecklist {
  independent?: ChecklistAnswer;
  nearHazard?: ChecklistAnswer;
  ventilationLighting?: ChecklistAnswer;
  fireSafety?: ChecklistAnswer;
  surveillance?: ChecklistAnswer;
  notes?: Partial<Record<VenueCheck, string>>;
  evidence?: Partial<Record<VenueCheck, number[]>>;
}

/** children.emergency_contacts: one contact (the phone in full; it leaves the server masked). */
export interface EmergencyContact {
  name: string;
  relation?: string | undefined;
  phone: string;
}

/** daily_records.data: the kind's own fields (areas, findings, agent, supplier, menu, sampleAt, …). */
export type DailyRecordData = Record<string, unknown>;

/** incident_addenda.changes: each changed field with its value before and after (dates in ISO 8601 form). */
export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/** notifications.data: machine-readable facts of the notification (e.g. `{ childId, eventId }`). */
export type NotificationData = Record<string, unknown>;

/** outbox.payload of a `webhook` row: the robot message, and the channel kind it was formatted for. */
export interface WebhookPayload {
  kind: string;
  severity: string;
  title: string;
  body: string;
  link?: string | null;
  /** wecom | dingtalk (the channel's kind when queued; the dispatcher prefers the channel's current kind). */
  format?: string;
}

/** outbox.payload of an `sms` row: the text sent to the phone. */
export interface SmsPayload {
  text: string;
}

/** outbox.payload: what the dispatcher sends (`channel` says which of the two). */
export type OutboxPayload = WebhookPayload | SmsPayload;
