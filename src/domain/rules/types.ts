// The vocabulary of the rules engine: what a class looks like to the rules (a snapshot, every fact
// optional because data arrives over time) and what a rule answers. Owns the rule-id contract of issue 3.

import type { IsoDate } from '../calendar/dates.js';
import type {
  BuildingUse,
  Campaign,
  FundingPurpose,
  FundingSource,
  ManagementDocument,
  PrimaryGrade,
  VenueLocation,
} from '../campaign/schema.js';

/** The rule ids are a contract with screens, reports and stored verdicts: never rename one. */
export const RULE_IDS = [
  'eligibility.grade',
  'eligibility.kindergartenShare',
  'eligibility.kindergartenSelfCare',
  'period.withinSeason',
  'scale.minChildren',
  'scale.minWorkingDays',
  'scale.attendanceRate',
  'venue.independent',
  'venue.forbiddenLocation',
  'venue.hazards',
  'venue.ventilationLighting',
  'venue.fireSafety',
  'venue.surveillance',
  'food.catering',
  'agreement.custody',
  'agreement.partner',
  'provider.qualification',
  'insurance.guardianBought',
  'funding.noUnionFundsForInsurance',
  'management.documents',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Requirement ids of ../shared/docs/POLICY.md that rules cite. */
export type PolicyRef = 'P-R1' | 'P-R2' | 'P-R3' | 'P-R4' | 'P-R5' | 'P-R6' | 'P-R7' | 'P-R8' | 'P-S';

/** `unknown`: the data to judge is not there yet (or contradicts itself), never a crash. */
export type RuleStatus = 'pass' | 'warn' | 'fail' | 'unknown';

export interface Localized {
  zh: string;
  en: string;
}

export interface RuleResult {
  id: RuleId;
  policyRefs: readonly PolicyRef[];
  status: RuleStatus;
  message: Localized;
  /** The numbers and values the verdict rests on, so a reader can re-check it. */
  facts: Record<string, unknown>;
  /** What would make the rule pass (absent when it passes). */
  fix?: Localized;
}

/** 幼儿园 children are written "K". */
export type Grade = PrimaryGrade | 'K';

/** 建设模式 (P-D): standalone 单独开办, joint 联合开办, partner 依托学校/托管机构. */
export type ClassMode = 'standalone' | 'joint' | 'partner';
/** 管理方式 (P-F): union staff, volunteers, purchased professional service. */
export type ClassManagement = 'union' | 'volunteers' | 'purchased';

export interface ChildSnapshot {
  /** Optional label used in facts; otherwise the child's position in the roster. */
  id?: string;
  grade?: Grade;
  /** 具有自理能力 — matters for kindergarten children. */
  selfCare?: boolean;
  /** 托管协议 signed with the guardian. */
  custodyAgreement?: boolean;
  /** Accident insurance bought by the guardian, proof recorded. */
  insurance?: boolean;
  /** Working days present, counted up to and including asOf. */
  presentDays?: number;
  /** Working days on sick leave up to asOf (not also counted in presentDays). Missing means none. */
  sickLeaveDays?: number;
  /** First day in care when later than the class's start. */
  enrolledOn?: IsoDate;
  /** Withdrawal date: the child stops counting from this day on. */
  withdrawnOn?: IsoDate;
}

/**
 * One child's paperwork (P-R7) in a stored class: every child who holds a place or attended, complete or not. The
 * days are judged by the domain's `paperworkGaps` (src/domain/enrolment/paperwork.ts), the door's own test.
 */
export interface ChildPaperwork {
  /** The place (enrolment id), for facts. */
  id: string;
  name: string;
  /** Holds a place (offered or accepted) now; false for a child who attended and has since left. */
  holdsPlace: boolean;
  /** On the reference day (asOf within the class's dates): custody agreement signed, insurance approved. */
  custodyAgreement: boolean;
  insurance: boolean;
  /** Days the child was in the room (present or left) without a signed custody agreement, up to asOf. */
  attendedWithoutAgreement: IsoDate[];
  /** Days the child was in the room without an approved insurance proof covering the day, up to asOf. */
  attendedWithoutInsurance: IsoDate[];
}

export interface VenueSnapshot {
  independent?: boolean;
  location?: VenueLocation;
  buildingUse?: BuildingUse;
  nearHazard?: boolean;
  ventilationLighting?: boolean;
  fireSafety?: boolean;
  /**
   * An evidence file for fire safety is on record (消防安全证明材料, P-R4 "附证明材料"). Absent: not known
   * (`unknown` while the campaign requires it); false: recorded as missing.
   */
  fireEvidence?: boolean;
  surveillance?: boolean;
}

export interface CateringSnapshot {
  mode?: 'self' | 'contracted' | 'none';
  /** Last day of validity of the caterer's food-service licence (餐饮服务许可证). */
  licenseExpiry?: IsoDate;
  /**
   * The catering agreement's period (配餐协议). Absent: not known (`unknown`); `null`: recorded as missing
   * (a stored class whose caterer has no agreement on file), which fails.
   */
  contract?: { start?: IsoDate; end?: IsoDate } | null;
}

/**
 * Where a class is in its life, for rules that cannot be judged yet: `planning` (draft, submitted, returned,
 * approved), `enrolling` (open for enrolment), `running`, `finished` (closed, archived). Absent: judged by
 * the dates alone.
 */
export const CLASS_PHASES = ['planning', 'enrolling', 'running', 'finished'] as const;
export type ClassPhase = (typeof CLASS_PHASES)[number];

export interface FundingLine {
  source?: FundingSource;
  purpose?: FundingPurpose;
  amount?: number;
}

/** A class (托管班) as the rules see it at one moment. */
export interface ClassSnapshot {
  /** Before enrolment closes (planning, enrolling) the rules about enrolled children are pending. */
  phase?: ClassPhase;
  startDate?: IsoDate;
  endDate?: IsoDate;
  closedDates?: IsoDate[];
  mode?: ClassMode;
  management?: ClassManagement;
  partnerAgreement?: boolean;
  providerQualified?: boolean;
  venue?: VenueSnapshot;
  catering?: CateringSnapshot;
  children?: ChildSnapshot[];
  /**
   * Stored classes: every child who holds a place or attended, with the days they attended without paperwork
   * (`children` lists only the children counted as enrolled). The custody and insurance rules judge this list when
   * it is present, and the `children`'s answers otherwise (a check-class input).
   */
  paperwork?: ChildPaperwork[];
  funding?: FundingLine[];
  /**
   * The written rules the class holds (P-S/P-R6/P-R7: `safety`, `emergency`, `duty`, …). Absent: not known
   * (`unknown`); a stored class always gives the list of what it has on file.
   */
  documents?: ManagementDocument[];
}

export interface Rule {
  id: RuleId;
  policyRefs: readonly PolicyRef[];
  /** The rule in plain words with the campaign's numbers, for the "rules in force" page. */
  describe(campaign: Campaign): Localized;
  evaluate(snapshot: ClassSnapshot, campaign: Campaign, asOf: IsoDate): RuleResult;
}
