/** Shapes of the audit API, shared with the web client. */
import { z } from 'zod';

export const auditQuery = z.object({
  action: z.string().trim().max(60).optional(),
  entity: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(40).optional(),
  actor: z.string().trim().max(64).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditRow = z.object({
  id: z.number(),
  at: z.date(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  /**
   * The person's name (users.display_name) rather than the account name the row keeps; a sign-in or sign-out is
   * credited to the person who signed in (those rows are written before or after the session, with no actor).
   */
  personName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  hash: z.string().nullable(),
});

export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  rows: z.number(),
  brokenId: z.number().optional(),
  reason: z.string().optional(),
});
