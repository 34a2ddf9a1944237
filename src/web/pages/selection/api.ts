/** Calls of the demonstration-class selection (/api/selection…, /api/campaigns/:id/selection/…). */
import { api } from '../../app/api/client';

export interface MyAssignment {
  applicationId: number;
  campaignId: number;
  /** Class name, or null in blind mode. */
  className: string | null;
  unitName: string | null;
  panelName: string;
  status: 'to_score' | 'scored' | 'recused';
  lastScoredAt: string | null;
}

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Criterion {
  key: string;
  source: 'data' | 'reviewer';
  metric?: string;
  label: string;
  labelEn?: string;
  weight: number;
  guide?: string;
  guideEn?: string;
  target?: number;
  formula: Bilingual;
}

export interface Dossier {
  asOf: string;
  class: { id: number; name: string; status: string; startDate: string | null; endDate: string | null };
  unitName: string;
  districtName: string;
  figures: {
    children: number;
    capacity: number;
    workingDays: number;
    attendanceRate: number | null;
    recordsCompleteness: number | null;
    incidents: { minor: number; serious: number; critical: number };
    openSeriousIncidents: number;
    inspectionsDone: number;
    rectifications: { total: number; open: number };
    satisfactionIndex: number | null;
    funding: { incomeFen: number; expenseFen: number } | null;
  };
  failingRules: (Bilingual & { id: string })[] | null;
  verdicts: { asOf: string; computedAt: string; trigger: string; failing: string[] }[];
  summaryReport: { id: number; status: string; submittedAt: string | null } | null;
  narrative: { practices: string; outcomes: string };
  photos: { id: number; filename: string }[];
  videoLinks: string[];
}

export interface Application {
  id: number;
  campaignId: number;
  classId: number;
  className: string;
  classStatus: string;
  unitId: number;
  unitName: string;
  districtId: number;
  districtName: string;
  reportId: number | null;
  status: 'draft' | 'submitted' | 'withdrawn';
  practices: string;
  outcomes: string;
  photoIds: number[];
  videoLinks: string[];
  submittedAt: string | null;
  recommended: boolean | null;
  version: number;
  abilities: { edit: boolean; submit: boolean; withdraw: boolean; recommend: boolean };
}

export interface Unmet extends Bilingual {
  key: string;
}

export interface ReviewView {
  applicationId: number;
  blind: boolean;
  dossier: Dossier;
  rubric: Criterion[];
  myScores: { criterion: string; score: number; comment: string; at: string }[];
}

export interface RankingItem {
  applicationId: number;
  classId: number;
  className: string;
  unitName: string;
  districtName: string;
  score: number | null;
  rank: number;
  recommended: boolean;
  flagged: boolean;
  reviewerPart: number | null;
  reviewers: number;
  criteria: {
    key: string;
    weight: number;
    score: number | null;
    aggregate?: { n: number; mean: number | null; trimmedMean: number | null; method: string; range: number };
  }[];
}

export const myAssignmentsKey = ['selection', 'assignments', 'mine'] as const;
export const listMyAssignments = () => api.get<{ items: MyAssignment[] }>('/api/selection/assignments/mine');

export const reviewKey = (id: number) => ['selection', 'review', id] as const;
export const fetchReview = (id: number) => api.get<ReviewView>(`/api/selection/review/${id}`);
export const submitScores = (id: number, scores: { criterion: string; score: number; comment: string }[]) =>
  api.post<{ items: ReviewView['myScores'] }>(`/api/selection/review/${id}/scores`, { scores });
export const recuse = (id: number, reason: string) => api.post(`/api/selection/review/${id}/recuse`, { reason });

export const applicationsKey = (campaignId: number) => ['selection', 'applications', campaignId] as const;
export const listApplications = (campaignId: number) =>
  api.get<{
    items: Application[];
    quotas: { districtId: number; districtName: string; quota: number; used: number }[];
    abilities: { manage: boolean };
  }>(`/api/campaigns/${campaignId}/selection/applications`);
export const listCandidates = (campaignId: number) =>
  api.get<{ items: { id: number; name: string; status: string; unitName: string }[] }>(
    `/api/campaigns/${campaignId}/selection/candidates`,
  );
export const createApplication = (campaignId: number, classId: number) =>
  api.post<Application>(`/api/campaigns/${campaignId}/selection/applications`, { classId });

export const applicationKey = (id: number) => ['selection', 'application', id] as const;
export const fetchApplication = (id: number) =>
  api.get<{ application: Application; dossier: Dossier; frozen: boolean; gate: { unmet: Unmet[] } }>(
    `/api/selection/applications/${id}`,
  );
export const updateApplication = (
  id: number,
  body: { practices?: string; outcomes?: string; videoLinks?: string[]; version: number },
) => api.patch<Application>(`/api/selection/applications/${id}`, body);
export const submitApplication = (id: number) => api.post<Application>(`/api/selection/applications/${id}/submit`);
export const recommendApplication = (id: number, recommended: boolean, reason = '') =>
  api.post<Application>(`/api/selection/applications/${id}/recommend`, { recommended, reason });

export const rankingKey = (campaignId: number) => ['selection', 'ranking', campaignId] as const;
export const fetchRanking = (campaignId: number) =>
  api.get<{ items: RankingItem[] }>(`/api/campaigns/${campaignId}/selection/ranking`);

// ——— The city's console: settings (评选设置) and panels (评审组) ———

export interface GateSettings {
  classFinished: boolean;
  requiredRulesPassed: boolean;
  noSeriousIncident: boolean;
  rectificationsClosed: boolean;
  summarySubmitted: boolean;
  /** 0 = no minimum. */
  minAttendancePercent: number;
  narrativeGiven: boolean;
}

export const DATA_METRICS = ['attendance', 'scale', 'satisfaction', 'compliance', 'records'] as const;
export type DataMetric = (typeof DATA_METRICS)[number];

/** A criterion as the settings form edits it (the server adds `formula` when it answers). */
export interface CriterionInput {
  key: string;
  source: 'data' | 'reviewer';
  metric?: DataMetric;
  label: string;
  labelEn?: string;
  weight: number;
  target?: number;
  guide?: string;
  guideEn?: string;
}

export interface SelectionSettings {
  campaignId: number;
  gate: GateSettings;
  rubric: (CriterionInput & { formula: Bilingual })[];
  defaultQuota: number;
  quotas: Record<string, number>;
  blind: boolean;
  threshold: { range: number; stdDev: number };
  version: number;
  districts: { id: number; name: string; kind: 'district' | 'industry' }[];
  abilities: { manage: boolean };
}

export type SettingsBody = Omit<SelectionSettings, 'campaignId' | 'districts' | 'abilities' | 'rubric'> & {
  rubric: CriterionInput[];
};

export const settingsKey = (campaignId: number) => ['selection', 'settings', campaignId] as const;
export const fetchSettings = (campaignId: number) =>
  api.get<SelectionSettings>(`/api/campaigns/${campaignId}/selection/settings`);
export const saveSettings = (campaignId: number, body: SettingsBody) =>
  api.put<SelectionSettings>(`/api/campaigns/${campaignId}/selection/settings`, body);

export interface Panel {
  id: number;
  name: string;
  reviewers: { id: number; name: string; applications: number; applicationIds: number[] }[];
}

export interface ReviewerCandidate {
  id: number;
  name: string;
  username: string;
  affiliations: { orgId: number; orgName: string; role: string }[];
  excluded: { applicationId: number; className: string; unitName: string; districtName: string; reason: Bilingual }[];
}

export interface Recusal {
  applicationId: number;
  className: string;
  unitName: string;
  reviewerId: number;
  reviewerName: string;
  reason: string;
  at: string;
}

export interface AssignResult {
  assigned: { applicationId: number; reviewerId: number }[];
  skipped: { applicationId: number; reviewerId: number; reason: string }[];
}

export const panelsKey = (campaignId: number) => ['selection', 'panels', campaignId] as const;
export const listPanels = (campaignId: number) =>
  api.get<{ items: Panel[] }>(`/api/campaigns/${campaignId}/selection/panels`);
export const createPanel = (campaignId: number, name: string) =>
  api.post<{ id: number; name: string }>(`/api/campaigns/${campaignId}/selection/panels`, { name });
export const assignToPanel = (
  campaignId: number,
  panelId: number,
  body: { reviewerIds: number[]; applicationIds: number[] },
) => api.post<AssignResult>(`/api/campaigns/${campaignId}/selection/panels/${panelId}/assign`, body);

export const reviewersKey = (campaignId: number) => ['selection', 'reviewers', campaignId] as const;
export const listReviewers = (campaignId: number) =>
  api.get<{ items: ReviewerCandidate[]; recusals: Recusal[] }>(`/api/campaigns/${campaignId}/selection/reviewers`);
