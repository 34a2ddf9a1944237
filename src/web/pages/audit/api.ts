/**
 * Calls of the audit page (/api/audit). The server keeps the row shape in audit.routes.ts without exporting it,
 * so it is restated here (see the report: an exported audit.schema.ts would let us infer it).
 */
import { api } from '../../app/api/client';
import type { Page } from '../../app/api/types';

export interface AuditRow {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  /** The person's name; sign-ins credited to the person who signed in. */
  personName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  hash: string | null;
}

export interface AuditQuery {
  action?: string;
  entity?: string;
  entityId?: string;
  actor?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  brokenId?: number;
  reason?: string;
}

export const listAudit = (q: AuditQuery) => api.get<Page<AuditRow>>('/api/audit', { ...q });
export const verifyAudit = () => api.get<VerifyResult>('/api/audit/verify');
