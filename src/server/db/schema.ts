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
