/**
 * The database schema (Drizzle, PostgreSQL dialect). The same schema and the migrations generated from it
 * run on PGlite (embedded) and on PostgreSQL (server). Owns: organisations, people, role grants, sessions,
 * settings and the audit log.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** 组织: the city federation, district/county/industry unions, grassroots units. */
export const organizations = pgTable(
  'organizations',
  {
    id: serial('id').primaryKey(),
    parentId: integer('parent_id'),
    /** Materialised path of ids, e.g. `/1/4/17/`; a subtree is every row whose path starts with the node's path. */
    path: text('path').notNull(),
    /** city | district | industry | unit */
    kind: text('kind').notNull(),
    /** For units: agency | enterprise | institution | park | street | community | school | other */
    unitType: text('unit_type'),
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
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
    uniqueIndex('users_phone_uq').on(t.phone),
  ],
);

/** A role granted on an organisation node; it covers the node's whole subtree. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    grantedBy: integer('granted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('role_grants_uq').on(t.userId, t.role, t.orgId),
    index('role_grants_org_idx').on(t.orgId),
  ],
);

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
  value: jsonb('value').notNull(),
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
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ip: text('ip'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_at_idx').on(t.at),
  ],
);

/**
 * 年度/假期项目: one run of the programme with every rule parameter (the full, validated `Campaign` of
 * src/domain/campaign in `params`). Owned by the city federation; parameter changes are audited.
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
    holidayType: text('holiday_type').notNull(),
    /** draft | active | closed */
    status: text('status').notNull().default('draft'),
    params: jsonb('params').notNull(),
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
    checklist: jsonb('checklist').notNull(),
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
    closedDates: jsonb('closed_dates').notNull().default([]),
    dailyStart: text('daily_start'),
    dailyEnd: text('daily_end'),
    capacity: integer('capacity'),
    gradesOffered: jsonb('grades_offered').notNull().default([]),
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
    activityPlan: jsonb('activity_plan').notNull().default([]),
    publicDescription: text('public_description'),
    /** draft | submitted | returned | approved | open | running | closed | archived */
    status: text('status').notNull().default('draft'),
    /** Ids of the rules failing at the latest evaluation (a copy of rule_verdicts, for lists and filters). */
    failingRules: jsonb('failing_rules').notNull().default([]),
    verdictAt: timestamp('verdict_at', { withTimezone: true }),
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
    /** The whole evaluation: [{id, status, message, facts, fix}] and the counts. */
    results: jsonb('results').notNull(),
    failing: jsonb('failing').notNull().default([]),
    asOf: text('as_of').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    /** Why it was computed: class.update, campaign.update, … */
    trigger: text('trigger').notNull(),
  },
  (t) => [index('rule_verdicts_class_idx').on(t.classId, t.computedAt)],
);
