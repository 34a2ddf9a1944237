/** Calls of the dashboard (/api/stats/dashboard and its .xlsx). Types are the server's (modules/dashboard/dashboard.schema.ts). */
import type { DashboardDto } from '../../../../server/modules/dashboard/dashboard.schema';
import { api, withQuery } from '../../../app/api/client';

export type Dashboard = DashboardDto;
export type DashboardRow = Dashboard['rows'][number];
export type DashboardRisk = Dashboard['risks'][number];

export interface DashboardParams {
  campaignId: number;
  orgId?: number;
  asOf?: string;
}

export const dashboardKey = (p: DashboardParams) => ['dashboard', p.campaignId, p.orgId ?? 0, p.asOf ?? ''] as const;
export const fetchDashboard = (p: DashboardParams) =>
  api.get<Dashboard>('/api/stats/dashboard', { campaignId: p.campaignId, orgId: p.orgId, asOf: p.asOf });
export const dashboardXlsxUrl = (p: DashboardParams) =>
  withQuery('/api/stats/dashboard.xlsx', { campaignId: p.campaignId, orgId: p.orgId, asOf: p.asOf });
