/**
 * The care-class lifecycle (issue 4): draft → submitted → approved (or returned with comments) → open for
 * enrolment → running → closed → archived. Which level of the tree may take each step; the engine in
 * src/server/modules/classes decides who, from this table and the actor's grants.
 */
export const CLASS_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'open',
  'running',
  'closed',
  'archived',
] as const;
export type ClassStatus = (typeof CLASS_STATUSES)[number];

export const CLASS_ACTIONS = ['submit', 'approve', 'return', 'open', 'start', 'close', 'archive'] as const;
export type ClassAction = (typeof CLASS_ACTIONS)[number];

/** `level` is the admin level needed over the owning unit: 1 the unit itself, 2 its district, 3 the city. */
export const TRANSITIONS: Record<
  ClassAction,
  { from: readonly ClassStatus[]; to: ClassStatus; level: 1 | 2 | 3; reasonRequired: boolean }
> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', level: 1, reasonRequired: false },
  approve: { from: ['submitted'], to: 'approved', level: 2, reasonRequired: false },
  return: { from: ['submitted'], to: 'returned', level: 2, reasonRequired: true },
  open: { from: ['approved'], to: 'open', level: 1, reasonRequired: false },
  start: { from: ['open'], to: 'running', level: 1, reasonRequired: false },
  close: { from: ['running'], to: 'closed', level: 1, reasonRequired: false },
  archive: { from: ['closed'], to: 'archived', level: 2, reasonRequired: false },
};

export const STATUS_LABELS: Record<ClassStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审批', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  approved: { zh: '已批准', en: 'Approved' },
  open: { zh: '报名中', en: 'Open for enrolment' },
  running: { zh: '运行中', en: 'Running' },
  closed: { zh: '已结束', en: 'Closed' },
  archived: { zh: '已归档', en: 'Archived' },
};

/** Details may change only before the district has approved (a returned class is being fixed). */
export const EDITABLE: readonly ClassStatus[] = ['draft', 'returned'];

/**
 * Rules that can be judged before any child enrols; submission is refused while any of them fails
 * (dates, venue, catering, partner, provider).
 */
export const PRE_SUBMISSION_RULES = [
  'period.withinSeason',
  'scale.minWorkingDays',
  'venue.independent',
  'venue.forbiddenLocation',
  'venue.hazards',
  'venue.ventilationLighting',
  'venue.fireSafety',
  'venue.surveillance',
  'food.catering',
  'agreement.partner',
  'provider.qualification',
] as const;

export const CLASS_MODES = ['standalone', 'joint', 'partner'] as const;
export const MANAGEMENT_MODES = ['union', 'volunteers', 'purchased'] as const;
export const MEAL_MODES = ['self', 'contracted', 'none'] as const;
export const ACTIVITY_KINDS = [
  'homework',
  'tutoring',
  'reading',
  'sports',
  'arts',
  'practice',
  'rest',
  'other',
] as const;
export const STAFF_ROLES = [
  'head',
  'safety',
  'teacher',
  'union_staff',
  'employee_volunteer',
  'social_volunteer',
  'provider_staff',
] as const;

/** Staffing (issue 4): children per adult against the campaign's maximum. */
export function staffRatio(children: number, adults: number, maxChildrenPerAdult: number) {
  const ratio = adults === 0 ? (children === 0 ? 0 : Number.POSITIVE_INFINITY) : children / adults;
  const adultsNeeded = Math.ceil(children / maxChildrenPerAdult);
  return { children, adults, ratio, adultsNeeded, short: adults < adultsNeeded };
}
