/**
 * The public site's own records (issue 17).
 * - `news_posts`: a news post the city writes for the public site. draft → submitted → published, or returned to
 *   its author with a reason; a published post can be withdrawn. The reviewer who publishes is never the author
 *   (a second person). The row holds the current text and state; `news_post_events` is its append-only history
 *   (every save, submission, decision with the text as it was), kept by trigger (migration `public_append_only`).
 * - `public_photo_children`: which children a photo of a case shows, as its uploader or the city recorded them.
 *   The public site shows such a photo only while every child recorded has a publicity consent in force; a
 *   withdrawal takes the photo off the site at the next render. Append-only: a correction is a new row.
 */
import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { children, files, organizations, users } from '../schema.js';

export const newsPosts = pgTable(
  'news_posts',
  {
    id: serial('id').primaryKey(),
    /** The writing organisation (the city federation). */
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    /** One or two sentences for lists and the share description. */
    summary: text('summary').notNull().default(''),
    /** Plain text; paragraphs separated by blank lines. */
    body: text('body').notNull(),
    /** draft | submitted | published | returned | withdrawn */
    status: text('status').notNull().default('draft'),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** The reviewer's reason when returned, or the reason of a withdrawal. */
    reason: text('reason'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('news_posts_status_idx').on(t.status, t.publishedAt), index('news_posts_org_idx').on(t.orgId)],
);

/** A news post's history: one row per save and decision, never changed or removed. */
export const newsPostEvents = pgTable(
  'news_post_events',
  {
    id: serial('id').primaryKey(),
    postId: integer('post_id')
      .notNull()
      .references(() => newsPosts.id),
    /** create | edit | submit | publish | return | withdraw */
    action: text('action').notNull(),
    /** The status after the action. */
    status: text('status').notNull(),
    actorId: integer('actor_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason'),
    /** The text as it stood after the action. */
    snapshot: jsonb('snapshot').$type<{ title: string; summary: string; body: string }>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('news_post_events_post_idx').on(t.postId)],
);

/** A child shown in a photo (a stored file), as recorded by the uploader or the city. */
export const publicPhotoChildren = pgTable(
  'public_photo_children',
  {
    id: serial('id').primaryKey(),
    fileId: integer('file_id')
      .notNull()
      .references(() => files.id),
    childId: integer('child_id')
      .notNull()
      .references(() => children.id),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('public_photo_children_file_idx').on(t.fileId), index('public_photo_children_child_idx').on(t.childId)],
);
