/**
 * The database schema (Drizzle, PostgreSQL dialect). The same schema and the migrations generated from it
 * run on PGlite (embedded) and on PostgreSQL (server). Owns: organisations, people, role grants, sessions,
 * settings and the audit log.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { CorrectionSet, DayEvent } from '../../domain/attendance/projection.js';
import type { IsoDate } from '../../domain/calendar/dates.js';
import { type Campaign, DAILY_RECORD_KINDS, HOLIDAY_TYPES } from '../../domain/campaign/schema.js';
import type { PlanSlot } from '../../domain/daily/timetable.js';
import { ORG_KINDS, UNIT_TYPES } from '../../domain/org/orgKinds.js';
import { ROLES } from '../../domain/people/roles.js';
import type { Grade, RuleId, RuleResult } from '../../domain/rules/types.js';
import type {
  AuditRecord,
  DailyRecordData,
  EmergencyContact,
  FieldChanges,
  JsonValue,
  NotificationData,
  OutboxPayload,
  VenueChecklist,
} from './json-types.js';

/** 组织: the city federation, district/county/industry unions, grassroots units. */
export const organizations = pgTable(
  'organizations',
  {
    id: serial('id').primaryKey(),
    parentId: integer('parent_id'),
    /** Materialised path of ids, e.g. `/1/4/17/`; a subtree is every row whose path starts with the node's path. */
    path: text('path').notNull(),
    /** city | district | industry | unit */
    kind: text('kind', { enum: ORG_KINDS }).notNull(),
    /** For units: agency | enterprise | institution | park | street | community | school | other */
    unitType: text('unit_type', { enum: UNIT_TYPES }),
    name: text('name').notNull(),
    /** 统一社会信用代码, 18 characters, checksum-validated. */
    creditCode: text('credit_code'),
    /** 6-digit administrative division code (GB/T 2260). */
    divisionCode: text('division_code'),
    address: text('address'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organizations_path_idx').on(t.path.op('text_pattern_ops')),
    index('organizations_parent_idx').on(t.parentId),
    uniqueIndex('organizations_credit_code_uq').on(t.creditCode),
  ],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    phone: text('phone'),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    active: boolean('active').notNull().default(true),
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** The 30-second step of the last TOTP code accepted: a code is good once (no replay within its window). */
    totpLastStep: integer('totp_last_step'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`), uniqueIndex('users_phone_uq').on(t.phone)],
);

/** A role granted on an organisation node; it covers the node's whole subtree. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ROLES }).notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    grantedBy: integer('granted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('role_grants_uq').on(t.userId, t.role, t.orgId), index('role_grants_org_idx').on(t.orgId)],
);

/**
 * Failed sign-ins under names that belong to nobody, counted and locked like a real account's (users.failed_logins),
 * so that ACCOUNT_LOCKED does not tell which usernames exist. Pruned daily (auth.jobs.ts).
 */
export const loginFailures = pgTable('login_failures', {
  username: text('username').primaryKey(),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Request rate limits shared by every app instance: one row per limited key (route and client address) and
 * window. A hit is one conditional upsert, so two instances behind one balancer count together.
 */
export const rateLimitHits = pgTable('rate_limit_hits', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
});

/** Server-side sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Platform-wide settings set by the city (e.g. require TOTP for admin roles). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<JsonValue>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * 审计日志: append-only and hash-chained. A trigger (see the custom migration) refuses UPDATE and DELETE;
 * each row's hash covers its content and the previous row's hash, so `tuoguan audit verify` finds tampering.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    /** The organisation the record belongs to, so that audit browsing can be scoped by subtree. */
    orgPath: text('org_path'),
    before: jsonb('before').$type<AuditRecord>(),
    after: jsonb('after').$type<AuditRecord>(),
    requestId: text('request_id'),
    ip: text('ip'),
    /**
     * The chain is sealed after commit (events/seal.ts): `seq` is the row's place in the chain, `prev_hash` the
     * previous sealed row's hash. All three stay null until sealed, then never change (trigger).
     */
    seq: bigint('seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    uniqueIndex('audit_log_seq_uq').on(t.seq),
    index('audit_log_unsealed_idx').on(t.id).where(sql`hash IS NULL`),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_at_idx').on(t.at),
  ],
);

/**
 * 年度/假期项目: one run of the programme with every rule parameter (the full, validated `Campaign` of
 * src/domain/campaign in `params`). Owned by the city federation; parameter changes are audited. Rows written
 * before issues 5 and 6 lack `enrolment` and `daily` (the schema defaults them when parsing): readers keep `?.`.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    holidayType: text('holiday_type', { enum: HOLIDAY_TYPES }).notNull(),
    /** draft | active | closed */
    status: text('status').notNull().default('draft'),
    params: jsonb('params').$type<Campaign>().notNull(),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('campaigns_org_idx').on(t.orgId), uniqueIndex('campaigns_name_uq').on(t.orgId, t.name)],
);

/**
 * Uploaded evidence (photos, PDFs, Office documents): stored by the storage module under a server-chosen key,
 * served only to those who may see the record it belongs to (`ownerType`/`ownerId`).
 */
export const files = pgTable(
  'files',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    ownerType: text('owner_type').notNull(),
    ownerId: integer('owner_id').notNull(),
    /** What the file is, e.g. fire_certificate, lease, photo, licence, catering_agreement, partner_agreement. */
    purpose: text('purpose').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: integer('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('files_owner_idx').on(t.ownerType, t.ownerId)],
);

/** 场地: a unit's (or partner's) site, reusable over the years, with the P-R4 safety checklist. */
export const venues = pgTable(
  'venues',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    divisionCode: text('division_code'),
    address: text('address').notNull(),
    /** ground | upper | basement | semi-basement */
    location: text('location').notNull(),
    floor: text('floor'),
    /** office | school | community | production | warehouse | illegal | dangerous | other */
    buildingUse: text('building_use').notNull(),
    areaM2: integer('area_m2'),
    capacity: integer('capacity'),
    /** P-R4 answers: independent, nearHazard, ventilationLighting, fireSafety, surveillance (true/false/null). */
    checklist: jsonb('checklist').$type<VenueChecklist>().notNull(),
    checklistConfirmedBy: integer('checklist_confirmed_by'),
    checklistConfirmedAt: timestamp('checklist_confirmed_at', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('venues_org_idx').on(t.orgId)],
);

/**
 * Outside parties a unit works with: caterers (配餐企业, licence number and expiry, catering agreement), partner
 * institutions (合作机构: schools, care institutions, cooperation agreement) and third-party providers
 * (第三方服务机构, qualification review).
 */
export const counterparties = pgTable(
  'counterparties',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    /** caterer | partner | provider */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    creditCode: text('credit_code'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    /** Caterer: food-service licence. */
    licenceNo: text('licence_no'),
    licenceExpiry: text('licence_expiry'),
    /** Catering or cooperation agreement period (ISO dates). */
    agreementStart: text('agreement_start'),
    agreementEnd: text('agreement_end'),
    /** Partner: school | institution | other */
    partnerType: text('partner_type'),
    /** Provider qualification review: pending | passed | failed, by whom and when. */
    reviewResult: text('review_result'),
    reviewNote: text('review_note'),
    reviewedBy: integer('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('counterparties_org_idx').on(t.orgId, t.kind)],
);

/** 托管班: one care class in a campaign, run by a unit (alone, jointly, or relying on a partner). */
export const careClasses = pgTable(
  'care_classes',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    /** The unit that opened the class (its owner); co-owners of a joint class are in class_units. */
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    /** standalone | joint | partner (P-D) */
    mode: text('mode').notNull(),
    /** union | volunteers | purchased (P-F) */
    management: text('management').notNull(),
    startDate: text('start_date'),
    endDate: text('end_date'),
    closedDates: jsonb('closed_dates').$type<IsoDate[]>().notNull().default([]),
    dailyStart: text('daily_start'),
    dailyEnd: text('daily_end'),
    capacity: integer('capacity'),
    gradesOffered: jsonb('grades_offered').$type<Grade[]>().notNull().default([]),
    /** The parents' share per child in yuan (0 = free) and a note. */
    feeAmount: integer('fee_amount').notNull().default(0),
    feeNote: text('fee_note'),
    /** self | contracted | none (P-R5) */
    meals: text('meals').notNull().default('none'),
    venueId: integer('venue_id').references(() => venues.id),
    catererId: integer('caterer_id').references(() => counterparties.id),
    partnerId: integer('partner_id').references(() => counterparties.id),
    providerId: integer('provider_id').references(() => counterparties.id),
    /** The weekly activity plan (P-E): [{weekday, start, end, kind, title}] */
    activityPlan: jsonb('activity_plan').$type<PlanSlot[]>().notNull().default([]),
    publicDescription: text('public_description'),
    /** draft | submitted | returned | approved | open | running | closed | archived */
    status: text('status').notNull().default('draft'),
    /** Ids of the rules failing at the latest evaluation (a copy of rule_verdicts, for lists and filters). */
    failingRules: jsonb('failing_rules').$type<RuleId[]>().notNull().default([]),
    verdictAt: timestamp('verdict_at', { withTimezone: true }),
    /**
     * The head of the class's timeline (class_transitions): its latest transition by time, then id — when, which,
     * and the status it led to. Kept by the database (a trigger on class_transitions, migration 0041), so that the
     * status as of a day is read from the class alone when the day ends after it (docs/FIGURES.md, "Dashboard").
     */
    lastTransitionAt: timestamp('last_transition_at', { withTimezone: true }),
    lastTransitionId: integer('last_transition_id'),
    lastTransitionStatus: text('last_transition_status'),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('care_classes_org_idx').on(t.orgId), index('care_classes_campaign_idx').on(t.campaignId, t.status)],
);

/** The units that share a joint class (联合开办); the owner is listed too, so one join answers "whose is it". */
export const classUnits = pgTable(
  'class_units',
  {
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    isOwner: boolean('is_owner').notNull().default(false),
  },
  (t) => [uniqueIndex('class_units_pk').on(t.classId, t.orgId), index('class_units_org_idx').on(t.orgId)],
);

/** The lifecycle timeline: every transition with who, when and the written reason. */
export const classTransitions = pgTable(
  'class_transitions',
  {
    id: serial('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    comment: text('comment'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('class_transitions_class_idx').on(t.classId)],
);

/** The class roster of adults (托管班人员): staff and volunteers with their checks. */
export const classStaff = pgTable(
  'class_staff',
  {
    id: serial('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    userId: integer('user_id').references(() => users.id),
    name: text('name').notNull(),
    /** head | safety | teacher | union_staff | employee_volunteer | social_volunteer | provider_staff */
    role: text('role').notNull(),
    phone: text('phone'),
    qualification: text('qualification'),
    healthCertDate: text('health_cert_date'),
    backgroundChecked: boolean('background_checked').notNull().default(false),
    backgroundCheckDate: text('background_check_date'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('class_staff_class_idx').on(t.classId)],
);

/** The policy engine's verdicts on a class, kept with the time they were computed (reports cite a date). */
export const ruleVerdicts = pgTable(
  'rule_verdicts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    campaignId: integer('campaign_id').notNull(),
    /** The whole evaluation: one result per rule ({id, policyRefs, status, message, facts, fix}). */
    results: jsonb('results').$type<RuleResult[]>().notNull(),
    failing: jsonb('failing').$type<RuleId[]>().notNull().default([]),
    asOf: text('as_of').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    /** Why it was computed: class.update, campaign.update, … */
    trigger: text('trigger').notNull(),
  },
  (t) => [index('rule_verdicts_class_idx').on(t.classId, t.computedAt)],
);

// ---- Families and enrolment (issue 5) --------------------------------------------------------------------

/** A family: one or two guardians (监护人) and their children. */
export const families = pgTable('families', {
  id: serial('id').primaryKey(),
  /** A one-time code a guardian gives the second guardian to join the family (hashed, expiring). */
  inviteCodeHash: text('invite_code_hash'),
  inviteExpiresAt: timestamp('invite_expires_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A guardian's profile: the person's account, their family, and the employer unit that verifies they are its
 * employee (职工). Verification grants the `parent` role on that unit.
 */
export const guardians = pgTable(
  'guardians',
  {
    userId: integer('user_id')
      .primaryKey()
      .references(() => users.id),
    familyId: integer('family_id')
      .notNull()
      .references(() => families.id),
    employerOrgId: integer('employer_org_id')
      .notNull()
      .references(() => organizations.id),
    /** pending | verified | rejected */
    status: text('status').notNull().default('pending'),
    reason: text('reason'),
    verifiedBy: integer('verified_by'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** Priority facts the campaign may draw first: bothEmployed (双职工), hardship (困难职工), frontLine (一线职工). */
    priorityFlags: jsonb('priority_flags').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('guardians_family_idx').on(t.familyId), index('guardians_employer_idx').on(t.employerOrgId, t.status)],
);

/** Phone verification codes (hashed), sent through the pluggable message sender. */
export const phoneCodes = pgTable(
  'phone_codes',
  {
    id: serial('id').primaryKey(),
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    purpose: text('purpose').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('phone_codes_phone_idx').on(t.phone, t.createdAt)],
);

/** A child (托管对象). The ID number is stored encrypted; only its masked form leaves the server by default. */
export const children = pgTable(
  'children',
  {
    id: serial('id').primaryKey(),
    familyId: integer('family_id')
      .notNull()
      .references(() => families.id),
    name: text('name').notNull(),
    /** M | F */
    gender: text('gender'),
    birthDate: text('birth_date').notNull(),
    school: text('school'),
    /** '1'…'6' or 'K' (kindergarten) */
    grade: text('grade').notNull(),
    selfCare: boolean('self_care'),
    allergies: text('allergies'),
    healthNotes: text('health_notes'),
    idNumberEnc: text('id_number_enc'),
    idNumberMasked: text('id_number_masked'),
    /** A keyed hash of the ID number: finds duplicates without decrypting. */
    idNumberHash: text('id_number_hash'),
    emergencyContacts: jsonb('emergency_contacts').$type<EmergencyContact[]>().notNull().default([]),
    photoFileId: integer('photo_file_id'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('children_family_idx').on(t.familyId), uniqueIndex('children_id_hash_uq').on(t.idNumberHash)],
);

/** Adults who may (allowed = true) or must not (allowed = false) pick a child up. */
export const pickupAdults = pgTable(
  'pickup_adults',
  {
    id: serial('id').primaryKey(),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id),
    name: text('name').notNull(),
    relation: text('relation').notNull(),
    phone: text('phone'),
    photoFileId: integer('photo_file_id'),
    allowed: boolean('allowed').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pickup_adults_child_idx').on(t.childId)],
);

/** PIPL consents: privacy notice (required), health notes, photos — each with the notice version and time. */
export const consents = pgTable(
  'consents',
  {
    id: serial('id').primaryKey(),
    familyId: integer('family_id')
      .notNull()
      .references(() => families.id),
    childId: integer('child_id').references(() => children.id),
    /** privacy | health | photo */
    kind: text('kind').notNull(),
    noticeVersion: text('notice_version').notNull(),
    grantedBy: integer('granted_by').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('consents_family_idx').on(t.familyId, t.kind), index('consents_child_idx').on(t.childId)],
);

/** Per-class enrolment settings: allocation mode, the application window and the lottery commitment. */
export const classEnrolment = pgTable('class_enrolment', {
  classId: integer('class_id')
    .primaryKey()
    .references(() => careClasses.id),
  /** fcfs | lottery */
  allocation: text('allocation').notNull().default('fcfs'),
  windowOpensAt: timestamp('window_opens_at', { withTimezone: true }),
  windowClosesAt: timestamp('window_closes_at', { withTimezone: true }),
  /** Open to every employee in the city, not only the owning units' (市总面向全市开放). */
  openToAll: boolean('open_to_all').notNull().default(false),
  /** Places taken (offered or enrolled): the counter that capacity is checked against under a row lock. */
  placesTaken: integer('places_taken').notNull().default(0),
  kindergartenTaken: integer('kindergarten_taken').notNull().default(0),
  lotterySeedHash: text('lottery_seed_hash'),
  lotterySeed: text('lottery_seed'),
  lotteryDrawnAt: timestamp('lottery_drawn_at', { withTimezone: true }),
  offerHours: integer('offer_hours').notNull().default(48),
});

/**
 * One application of a child to a class. status: applied (lottery pending) | offered (place held, to confirm)
 * | accepted (confirmed) | waitlisted | withdrawn | expired | rejected. A place is taken by offered + accepted.
 */
export const enrolments = pgTable(
  'enrolments',
  {
    id: serial('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id),
    familyId: integer('family_id')
      .notNull()
      .references(() => families.id),
    appliedBy: integer('applied_by').notNull(),
    status: text('status').notNull(),
    priorityGroup: integer('priority_group').notNull().default(99),
    lotteryRank: integer('lottery_rank'),
    waitlistSeq: bigserial('waitlist_seq', { mode: 'number' }),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    reason: text('reason'),
    /** Fee: none | due | paid | waived, with the receipt reference. */
    feeStatus: text('fee_status').notNull().default('none'),
    feeReceipt: text('fee_receipt'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('enrolments_class_idx').on(t.classId, t.status),
    index('enrolments_child_idx').on(t.childId),
    // One live application per child and class. The list is LIVE_STATUSES (src/domain/enrolment/statuses.ts),
    // restated as fixed DDL: change both together, with a migration.
    uniqueIndex('enrolments_live_uq')
      .on(t.classId, t.childId)
      .where(sql`status IN ('applied', 'offered', 'accepted', 'waitlisted')`),
  ],
);

/** The custody agreement text a unit publishes (托管协议), versioned; the hash is what guardians sign. */
export const agreementTexts = pgTable(
  'agreement_texts',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    sha256: text('sha256').notNull(),
    publishedBy: integer('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('agreement_texts_uq').on(t.orgId, t.version)],
);

/**
 * The city's agreement template per campaign (托管协议范本), versioned: what a unit starts from when it publishes its
 * own text (agreement_texts, which families sign). A new version never changes a unit's published text.
 */
export const agreementTemplates = pgTable(
  'agreement_templates',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    sha256: text('sha256').notNull(),
    note: text('note'),
    publishedBy: integer('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('agreement_templates_uq').on(t.campaignId, t.version)],
);

export const agreementSignatures = pgTable(
  'agreement_signatures',
  {
    id: serial('id').primaryKey(),
    enrolmentId: integer('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    agreementTextId: integer('agreement_text_id')
      .notNull()
      .references(() => agreementTexts.id),
    signerUserId: integer('signer_user_id').notNull(),
    typedName: text('typed_name').notNull(),
    textSha256: text('text_sha256').notNull(),
    ip: text('ip'),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    /** The exact text signed (the template filled with the class's facts); its hash is `textSha256`. */
    body: text('body'),
    /** When the fresh code sent to the guardian's own phone was verified for this signature. */
    phoneVerifiedAt: timestamp('phone_verified_at', { withTimezone: true }),
  },
  (t) => [index('agreement_signatures_enrolment_idx').on(t.enrolmentId)],
);

/** Proof of the accident insurance a guardian bought (P-R7: never with union money), confirmed by staff. */
export const insuranceProofs = pgTable(
  'insurance_proofs',
  {
    id: serial('id').primaryKey(),
    enrolmentId: integer('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    insurer: text('insurer').notNull(),
    policyNo: text('policy_no').notNull(),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    fileId: integer('file_id'),
    uploadedBy: integer('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
    /** pending | confirmed | rejected */
    status: text('status').notNull().default('pending'),
    reviewedBy: integer('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
  },
  (t) => [index('insurance_proofs_enrolment_idx').on(t.enrolmentId)],
);
// ---- Running a class day by day (issue 6) ----------------------------------------------------------------
// Sections below are owned by their modules: attendance, pickup codes, daily records, activities, incidents,
// notifications. Migrations 0006 (tables), 0007 (append-only triggers on the evidence tables), 0008 (an index).

// == attendance (module: attendance) ==
/**
 * 接送出勤 events, append-only: check-ins, check-outs, refused check-outs, parent-reported absences and
 * corrections. `client_id` is generated by the device that recorded the event; the unique index makes a replay
 * change nothing (exactly once). The day's state (attendance_days) is a projection of these events.
 */
export const attendanceEvents = pgTable(
  'attendance_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clientId: text('client_id').notNull(),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id),
    /** The class day, YYYY-MM-DD (China time). */
    day: text('day').notNull(),
    /** check_in | check_out | refused_check_out | absence | absence_cancel | correction */
    kind: text('kind').notNull(),
    /** When it happened on the device (offline events arrive later). */
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    deviceId: text('device_id'),
    /** check_out: the authorised adult who took the child, and how they were identified (list | code). */
    pickupAdultId: integer('pickup_adult_id'),
    pickupMethod: text('pickup_method'),
    /** absence: sick | personal; refused_check_out: not_allowed | revoked_code | unknown_code | not_authorised */
    reason: text('reason'),
    note: text('note'),
    /** correction: the event it corrects, and the corrected facts. */
    targetEventId: bigint('target_event_id', { mode: 'number' }),
    data: jsonb('data').$type<CorrectionSet>(),
  },
  (t) => [
    uniqueIndex('attendance_events_client_uq').on(t.clientId),
    // Every read names the class and the day (and often the child): one index serves them all, and each check-in
    // pays for one index less.
    index('attendance_events_class_day_child_idx').on(t.classId, t.day, t.childId),
  ],
);

/** The day's state of one child in one class: a projection of attendance_events, rebuilt on each event. */
export const attendanceDays = pgTable(
  'attendance_days',
  {
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id),
    day: text('day').notNull(),
    /** expected | present | left | absent | sick */
    status: text('status').notNull(),
    checkInEventId: bigint('check_in_event_id', { mode: 'number' }),
    checkInAt: timestamp('check_in_at', { withTimezone: true, precision: 3 }),
    checkOutEventId: bigint('check_out_event_id', { mode: 'number' }),
    checkOutAt: timestamp('check_out_at', { withTimezone: true, precision: 3 }),
    pickupAdultId: integer('pickup_adult_id'),
    absenceReason: text('absence_reason'),
    /** Allergies/health notes acknowledged by staff today (once per day). */
    healthAckAt: timestamp('health_ack_at', { withTimezone: true }),
    healthAckBy: integer('health_ack_by'),
    /** Alerts already raised for this child today (not checked in by the alert time; not picked up at closing). */
    arrivalAlertAt: timestamp('arrival_alert_at', { withTimezone: true }),
    pickupAlertAt: timestamp('pickup_alert_at', { withTimezone: true }),
    /**
     * The child-day's events as the projection reads them ({id, clientId, kind, occurredAt, pickupAdultId, reason,
     * data}), kept with the state so that the door's fast path projects without reading attendance_events, and the
     * version it compares-and-sets (attendance.fast.ts).
     */
    events: jsonb('events').$type<DayEvent[]>().notNull().default([]),
    version: integer('version').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Class and day first: the door list, the grid and the alerts read a class's day; one index serves them too.
    uniqueIndex('attendance_days_pk').on(t.classId, t.day, t.childId),
  ],
);

/**
 * 接送码: one personal pickup code per authorised adult, revocable. Looked up by a keyed hash; also kept sealed
 * (code_enc) so the guardian can show it again.
 */
export const pickupCodes = pgTable(
  'pickup_codes',
  {
    id: serial('id').primaryKey(),
    pickupAdultId: integer('pickup_adult_id')
      .notNull()
      .references(() => pickupAdults.id),
    codeHash: text('code_hash').notNull(),
    codeEnc: text('code_enc'),
    createdBy: integer('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: integer('revoked_by'),
  },
  (t) => [uniqueIndex('pickup_codes_hash_uq').on(t.codeHash), index('pickup_codes_adult_idx').on(t.pickupAdultId)],
);

// == daily records and activities (module: daily) ==
/**
 * 日常管理台账 (P-R6): one row per record — safety patrol, ventilation/disinfection, meals with food samples,
 * cleaning, fire-safety check, epidemic measures. Append-only: a correction is a new row that supersedes one.
 */
export const dailyRecords = pgTable(
  'daily_records',
  {
    id: serial('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    day: text('day').notNull(),
    /** patrol | disinfection | meal | cleaning | fire | epidemic */
    kind: text('kind', { enum: DAILY_RECORD_KINDS }).notNull(),
    /** HH:MM on the day */
    time: text('time').notNull(),
    /** The kind's fields (areas, findings, agent, supplier, menu, sampleAt, …). */
    data: jsonb('data').$type<DailyRecordData>().notNull(),
    photoFileIds: jsonb('photo_file_ids').$type<number[]>().notNull().default([]),
    supersedesId: integer('supersedes_id'),
    reason: text('reason'),
    recordedBy: integer('recorded_by').notNull(),
    recordedByName: text('recorded_by_name'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('daily_records_class_day_idx').on(t.classId, t.day)],
);

/** The day's timetable, made from the class's weekly plan: each slot ticked off by staff, with a note/photo. */
export const activitySessions = pgTable(
  'activity_sessions',
  {
    id: serial('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    day: text('day').notNull(),
    /** The slot's key within the day (e.g. `09:00-homework`), unique per class and day. */
    slot: text('slot').notNull(),
    start: text('start').notNull(),
    end: text('end').notNull(),
    /** homework | tutoring | reading | sports | arts | social | rest | other */
    kind: text('kind').notNull(),
    title: text('title'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: integer('done_by'),
    doneByName: text('done_by_name'),
    note: text('note'),
    photoFileId: integer('photo_file_id'),
  },
  (t) => [uniqueIndex('activity_sessions_uq').on(t.classId, t.day, t.slot)],
);

// == incidents (module: incidents) ==
/** 应急处理: an incident report. Never deleted; edits are addenda (incident_addenda). */
export const incidents = pgTable(
  'incidents',
  {
    id: serial('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    /** injury | illness | lost_child | fire | food | conflict | other */
    kind: text('kind').notNull(),
    /** minor | serious | critical */
    severity: text('severity').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    description: text('description').notNull(),
    /** Children (ids) and adults (names) involved. */
    childIds: jsonb('child_ids').$type<number[]>().notNull().default([]),
    peopleInvolved: text('people_involved'),
    actionsTaken: text('actions_taken'),
    guardianNotifiedBy: text('guardian_notified_by'),
    guardianNotifiedAt: timestamp('guardian_notified_at', { withTimezone: true }),
    followUp: text('follow_up'),
    /** open | closed */
    status: text('status').notNull().default('open'),
    closedBy: integer('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    reportedBy: integer('reported_by').notNull(),
    reportedByName: text('reported_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('incidents_class_idx').on(t.classId), index('incidents_org_idx').on(t.orgId, t.status)],
);

export const incidentAddenda = pgTable(
  'incident_addenda',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    /** report (the report as first filed) | note | update | guardian_notified | close | reopen */
    kind: text('kind').notNull(),
    /** The fields this addendum changed, before and after. */
    changes: jsonb('changes').$type<FieldChanges>(),
    note: text('note'),
    authorId: integer('author_id').notNull(),
    authorName: text('author_name'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('incident_addenda_incident_idx').on(t.incidentId)],
);

// == notifications (module: notifications) ==
/** The in-app inbox: one row per recipient. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** e.g. attendance.arrival_missing, attendance.check_in, incident.serious, enrolment.offer */
    kind: text('kind').notNull(),
    /** info | warning | critical */
    severity: text('severity').notNull().default('info'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** A path in the console or the parent app that the notification is about. */
    link: text('link'),
    data: jsonb('data').$type<NotificationData>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.id),
    index('notifications_unread_idx').on(t.userId).where(sql`read_at IS NULL`),
  ],
);

/** Outbound channels an organisation configures: group robots (企业微信 / 钉钉 webhooks). */
export const notificationChannels = pgTable(
  'notification_channels',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    /** wecom | dingtalk */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    /** DingTalk's signing secret (加签), sealed at rest. */
    secretEnc: text('secret_enc'),
    /** Severities or kinds that go to this channel; empty = warnings and above. */
    filter: jsonb('filter').$type<string[]>().notNull().default([]),
    active: boolean('active').notNull().default(true),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('notification_channels_org_idx').on(t.orgId)],
);

/**
 * The outbox: every outbound send (webhook post, phone message), written in the transaction of the action that
 * caused it and delivered after commit by a dispatcher with retries and back-off. Its rows are the send log.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** webhook | sms */
    channel: text('channel').notNull(),
    channelId: integer('channel_id'),
    /** The phone number or URL. */
    target: text('target').notNull(),
    payload: jsonb('payload').$type<OutboxPayload>().notNull(),
    /** pending | sent | dead */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** What caused it, e.g. notification id or `enrolment.offer:42`. */
    source: text('source'),
  },
  (t) => [index('outbox_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`)],
);

/**
 * Background job runs (src/server/jobs/runner.ts): one row per job and schedule slot, created by whichever
 * instance sees the slot first (unique job + slot) and claimed with `FOR UPDATE SKIP LOCKED`, so any number of
 * instances run a due job once. A failure keeps its error and is retried with back-off until `max attempts`.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: text('job_id').notNull(),
    /** The schedule slot this run serves. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** pending | running | succeeded | failed | superseded (a newer slot of the same job came first) */
    status: text('status').notNull().default('pending'),
    attempt: integer('attempt').notNull().default(0),
    /** When a pending or failed run may be claimed; null once it is given up. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** A running run whose lease has passed is taken over (its instance died). */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    claimedBy: text('claimed_by'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    error: text('error'),
    result: jsonb('result').$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex('job_runs_slot_uq').on(t.jobId, t.dueAt),
    index('job_runs_due_idx').on(t.nextAttemptAt).where(sql`status IN ('pending', 'failed')`),
  ],
);

// == privacy (module: privacy) ==
/**
 * A guardian's deletion request under PIPL (个人信息删除申请), confirmed by a code sent to their own phone. What is
 * not evidence is removed when it is processed (`processedAt`; at once, or after the end of a class a child is in
 * — `processAfter`); the evidence (attendance, agreements, money, incidents) is kept for the retention period the
 * city sets, then the purge job anonymises it (`purgedAt`). `scope` says whose data it covers: `family` (the last
 * guardian asks: the children too) or `guardian` (another guardian still looks after the children).
 */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: serial('id').primaryKey(),
    familyId: integer('family_id')
      .notNull()
      .references(() => families.id),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    /** family | guardian */
    scope: text('scope').notNull(),
    reason: text('reason').notNull(),
    /** waiting (a class is running for a child) | processed (non-evidence removed) | purged (evidence anonymised) */
    status: text('status').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** For a waiting request: the day after the last running class ends (China time). */
    processAfter: timestamp('process_after', { withTimezone: true }),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [
    index('privacy_requests_family_idx').on(t.familyId),
    index('privacy_requests_status_idx').on(t.status),
    // One open request per guardian: asking twice while the first waits or is kept changes nothing.
    uniqueIndex('privacy_requests_open_uq').on(t.requestedBy).where(sql`status = 'waiting'`),
  ],
);

// == needs surveys (module: surveys) ==
/**
 * 调研摸底 (P-K1, April): a needs survey opened for a campaign by the city, a district or a unit (`orgId`); every
 * grassroots unit in that subtree gets its own link (needs_survey_links). Employees answer on a phone without an
 * account, verified by a code; `questions` holds the extra questions the opener added to the standard ones.
 */
export const needsSurveys = pgTable(
  'needs_surveys',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    /** Extra questions: [{ id, label, kind: 'text'|'choice'|'number', options? }]. */
    questions: jsonb('questions').$type<JsonValue>().notNull().default([]),
    /** open | closed */
    status: text('status').notNull().default('open'),
    closesOn: text('closes_on').$type<IsoDate>(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('needs_surveys_campaign_idx').on(t.campaignId), index('needs_surveys_org_idx').on(t.orgId)],
);

/** One unit's link to a survey: the token in its URL and QR code (unguessable; a new one can replace it). */
export const needsSurveyLinks = pgTable(
  'needs_survey_links',
  {
    id: serial('id').primaryKey(),
    surveyId: integer('survey_id')
      .notNull()
      .references(() => needsSurveys.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    token: text('token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('needs_survey_links_token_uq').on(t.token),
    uniqueIndex('needs_survey_links_unit_uq').on(t.surveyId, t.orgId),
  ],
);

/**
 * One employee's answer for one unit: one per phone per unit (`phoneHash`, a keyed hash; the phone itself is not
 * kept in clear, only `phoneMasked`), editable until the survey closes.
 */
export const needsSurveyAnswers = pgTable(
  'needs_survey_answers',
  {
    id: serial('id').primaryKey(),
    surveyId: integer('survey_id')
      .notNull()
      .references(() => needsSurveys.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    phoneHash: text('phone_hash').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    /** The standard answers (children and grades, weeks, hours, lunch, distance, share) and the extra ones. */
    answers: jsonb('answers').$type<JsonValue>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('needs_survey_answers_phone_uq').on(t.surveyId, t.orgId, t.phoneHash),
    index('needs_survey_answers_survey_idx').on(t.surveyId),
  ],
);

// == reports up the tree (module: reports) ==
/**
 * 临时报送: an ad-hoc request the city (or a district) issues to its subtree with its own deadline, narrative
 * headings and figure keys (keys of docs/FIGURES.md).
 */
export const reportRequests = pgTable(
  'report_requests',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    dueDate: text('due_date').$type<IsoDate>().notNull(),
    headings: jsonb('headings').$type<string[]>().notNull(),
    figureKeys: jsonb('figure_keys').$type<string[]>().notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_requests_campaign_idx').on(t.campaignId)],
);

/**
 * One organisation's report for one period of a campaign (P-K1…P-K4): a unit reports to its district or industry
 * union, a district to the city. `period` is '' for plan, preparation and summary, 'YYYY-MM' for monthly, and the
 * request id for ad-hoc. The row holds the working draft and the state; every submission is a report_versions row.
 * A report nobody started has no row ("missing" is computed from the expected set).
 */
export const reports = pgTable(
  'reports',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    /** plan | preparation | monthly | summary | adhoc */
    type: text('type').notNull(),
    period: text('period').notNull().default(''),
    requestId: integer('request_id').references(() => reportRequests.id),
    dueDate: text('due_date').$type<IsoDate>().notNull(),
    /** draft | submitted | returned | accepted */
    status: text('status').notNull().default('draft'),
    /** The working narrative: [{ heading, text }]. */
    draft: jsonb('draft').$type<JsonValue>().notNull().default([]),
    /** File ids attached to the working draft. */
    attachments: jsonb('attachments').$type<number[]>().notNull().default([]),
    /** Number of the latest submitted version (0 before the first submission). */
    currentVersion: integer('current_version').notNull().default(0),
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reports_period_uq').on(t.campaignId, t.orgId, t.type, t.period),
    index('reports_org_idx').on(t.orgId),
  ],
);

/**
 * Every submission of a report, append-only: the narrative, the attachments and the figures frozen at submission
 * (each with its definition and the date it was computed as of), then the supervising level's decision
 * (accepted, or returned with a comment).
 */
export const reportVersions = pgTable(
  'report_versions',
  {
    id: serial('id').primaryKey(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    version: integer('version').notNull(),
    sections: jsonb('sections').$type<JsonValue>().notNull(),
    figures: jsonb('figures').$type<JsonValue>().notNull(),
    attachments: jsonb('attachments').$type<number[]>().notNull().default([]),
    asOf: text('as_of').$type<IsoDate>().notNull(),
    submittedBy: integer('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    /** null (waiting) | accepted | returned */
    decision: text('decision'),
    comment: text('comment'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('report_versions_uq').on(t.reportId, t.version)],
);

/** A reminder or overdue notice sent for one expected report: the key makes each one go out once. */
export const reportReminders = pgTable(
  'report_reminders',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    type: text('type').notNull(),
    period: text('period').notNull().default(''),
    /** due_in_3 | due_in_1 | overdue */
    kind: text('kind').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('report_reminders_uq').on(t.campaignId, t.orgId, t.type, t.period, t.kind)],
);

// == supervision (module: supervision) ==
// 督导与整改 (P-K3, P-W3): inspection visits to running classes, their checklist results, the rectification items
// their findings open (with an append-only history of responses and decisions), the escalations already sent,
// progress and on-site meetings (推进会、现场会) and good-practice cases.

/**
 * 督导检查: a visit planned by a district (or the city) to one class. `kind` unannounced: the class's own people do
 * not see it before it is done. The checklist results arrive once from the inspector's phone (`clientId` makes a
 * resend of the same submission a no-op).
 */
export const inspectionVisits = pgTable(
  'inspection_visits',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    /** The class's owning unit: the visit is scoped by its path. */
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    /** announced | unannounced */
    kind: text('kind').notNull(),
    plannedDate: text('planned_date').$type<IsoDate>().notNull(),
    /** planned | done | cancelled */
    status: text('status').notNull().default('planned'),
    plannedBy: integer('planned_by').references(() => users.id),
    note: text('note'),
    /** The checklist items (keys) the visit asks, copied at planning from the campaign's list. */
    items: jsonb('items').$type<string[]>().notNull(),
    /** The submitted results: [{ key, result: pass|fail|na, note, severity?, fileIds }]. */
    results: jsonb('results').$type<JsonValue>(),
    headCount: integer('head_count'),
    /** Children the door had present on the visit's day, read at submission. */
    doorPresent: integer('door_present'),
    summary: text('summary'),
    clientId: text('client_id'),
    doneBy: integer('done_by').references(() => users.id),
    doneAt: timestamp('done_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('inspection_visits_class_idx').on(t.classId),
    index('inspection_visits_campaign_idx').on(t.campaignId, t.status),
    uniqueIndex('inspection_visits_client_uq').on(t.clientId),
  ],
);

/** The inspectors (督导员) of a visit. */
export const inspectionInspectors = pgTable(
  'inspection_inspectors',
  {
    visitId: integer('visit_id')
      .notNull()
      .references(() => inspectionVisits.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    uniqueIndex('inspection_inspectors_pk').on(t.visitId, t.userId),
    index('inspection_inspectors_user_idx').on(t.userId),
  ],
);

/**
 * 整改事项: one finding of a visit the responsible unit must put right by `deadline`. `status` is the current state
 * (open | responded | closed); how it got there is the append-only `rectification_events`.
 */
export const rectificationItems = pgTable(
  'rectification_items',
  {
    id: serial('id').primaryKey(),
    visitId: integer('visit_id')
      .notNull()
      .references(() => inspectionVisits.id),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    /** The responsible unit. */
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    itemKey: text('item_key').notNull(),
    /** low | medium | high */
    severity: text('severity').notNull(),
    description: text('description').notNull(),
    deadline: text('deadline').$type<IsoDate>().notNull(),
    /** open | responded | closed */
    status: text('status').notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('rectification_items_org_idx').on(t.orgId, t.status),
    index('rectification_items_class_idx').on(t.classId),
    index('rectification_items_deadline_idx').on(t.status, t.deadline),
  ],
);

/** The history of an item, one row per step, never changed: response (with evidence files), send_back, close. */
export const rectificationEvents = pgTable(
  'rectification_events',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id')
      .notNull()
      .references(() => rectificationItems.id),
    /** response | send_back | close */
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    fileIds: jsonb('file_ids').$type<number[]>().notNull().default([]),
    actorId: integer('actor_id').references(() => users.id),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rectification_events_item_idx').on(t.itemId)],
);

/** A due or overdue notice sent for an item: the unique key makes each go out once (due_soon | district | city). */
export const rectificationEscalations = pgTable(
  'rectification_escalations',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id')
      .notNull()
      .references(() => rectificationItems.id),
    kind: text('kind').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('rectification_escalations_uq').on(t.itemId, t.kind)],
);

/** 推进会、现场会: a meeting the city holds (an on-site one at a class), the organisations invited, the minutes. */
export const supervisionMeetings = pgTable(
  'supervision_meetings',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    /** The organiser (the city). */
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    /** progress | on_site */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    date: text('date').$type<IsoDate>().notNull(),
    classId: integer('class_id').references(() => careClasses.id),
    place: text('place'),
    minutes: text('minutes'),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('supervision_meetings_campaign_idx').on(t.campaignId, t.date)],
);

/** The organisations invited to a meeting and whether they came (null until recorded). */
export const meetingInvitees = pgTable(
  'meeting_invitees',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => supervisionMeetings.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    attended: boolean('attended'),
  },
  (t) => [uniqueIndex('meeting_invitees_pk').on(t.meetingId, t.orgId)],
);

/**
 * 先进经验: a good practice seen at a class, marked by an inspector or a district, published by the city (the public
 * site reads the published ones). Photos are files of owner `practice_case`; one showing children is accepted only
 * with the uploader's confirmation that the family gave the publicity consent (recorded in the audit event).
 */
export const practiceCases = pgTable(
  'practice_cases',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    visitId: integer('visit_id').references(() => inspectionVisits.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    published: boolean('published').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: integer('published_by').references(() => users.id),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('practice_cases_campaign_idx').on(t.campaignId, t.published)],
);

// == funding (module: funding) ==

/**
 * 经费预算: a class's budget by source and purpose (P-R8). Each save appends a whole new version of the lines
 * (never updated or deleted, by trigger): the budget the district approved stays readable next to a later
 * revision, and who changed what and when is in the rows themselves. The current budget is the highest version.
 */
export const budgetLines = pgTable(
  'budget_lines',
  {
    id: serial('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    version: integer('version').notNull(),
    /** FUNDING_SOURCES (src/domain/campaign/schema.ts) */
    source: text('source').notNull(),
    /** FUNDING_PURPOSES */
    purpose: text('purpose').notNull(),
    /** 分, integer: money is never a floating-point number. */
    amountFen: integer('amount_fen').notNull(),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('budget_lines_class_idx').on(t.classId, t.version)],
);

/**
 * 经费台账: a class's income and expenses as they happen. Append-only by trigger: a mistake is corrected by a
 * reversal (冲销) — a new row naming the entry it reverses and why; an entry is reversed at most once (unique index) and a
 * reversal is never itself reversed. A parent's fee paid through enrolment arrives as an income entry of source
 * `parents` naming its enrolment (at most one live entry per enrolment, kept by the fee subscriber under the
 * enrolment's row lock).
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: serial('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    /** income | expense */
    kind: text('kind').notNull(),
    source: text('source').notNull(),
    purpose: text('purpose').notNull(),
    /** 分, > 0; a reversal carries the same amount as the entry it reverses. */
    amountFen: integer('amount_fen').notNull(),
    date: text('date').$type<IsoDate>().notNull(),
    /** 收付款方: who paid (income) or was paid (expense). */
    counterparty: text('counterparty'),
    receiptFileId: integer('receipt_file_id').references(() => files.id),
    note: text('note'),
    reversesEntryId: integer('reverses_entry_id').references((): AnyPgColumn => ledgerEntries.id),
    reason: text('reason'),
    /** The enrolment whose fee this entry is (fee flow from enrolment; idempotent). */
    feeEnrolmentId: integer('fee_enrolment_id').references(() => enrolments.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ledger_entries_class_idx').on(t.classId, t.date),
    uniqueIndex('ledger_entries_reverses_uq').on(t.reversesEntryId),
    index('ledger_entries_fee_idx').on(t.feeEnrolmentId),
    check('ledger_entries_amount_positive', sql`${t.amountFen} > 0`),
    check('ledger_entries_kind', sql`${t.kind} in ('income', 'expense')`),
  ],
);
