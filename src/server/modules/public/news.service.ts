/**
 * News posts for the public site (新闻动态, P-W4 宣传). The city's administrators write them; a post reaches the
 * site only when a SECOND city administrator publishes it:
 *   draft → submitted → published | returned (with a reason) → (edited) → submitted …; published → withdrawn.
 * Only the author edits a draft or a returned post; nobody publishes or returns their own post. Every step writes
 * the post's history (news_post_events, append-only, with the text as it stood) and an audit event.
 */
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { authorize, covering } from '../../auth/policy.js';
import { inScope } from '../../auth/scope.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { organizations, users } from '../../db/schema.js';
import { newsPostEvents, newsPosts } from '../../db/tables/public.js';
import { AppError, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import type { NewsDetail, NewsSummary } from './news.schema.js';

export const NEWS_WRITERS: readonly Role[] = ['city_admin'];
type Post = typeof newsPosts.$inferSelect;
type PostRef = Post & { orgPath: string };

export const newsPolicy = {
  /** May write news for the organisation (a city administrator over it). */
  write: (a: Actor, orgPath: string) => covering(a, orgPath, NEWS_WRITERS).length > 0,
  edit: (a: Actor, p: PostRef) =>
    p.authorId === a.userId && (p.status === 'draft' || p.status === 'returned') && newsPolicy.write(a, p.orgPath),
  submit: (a: Actor, p: PostRef) => newsPolicy.edit(a, p),
  /** A second person: never the author. */
  review: (a: Actor, p: PostRef) =>
    p.status === 'submitted' && p.authorId !== a.userId && newsPolicy.write(a, p.orgPath),
  withdraw: (a: Actor, p: PostRef) => p.status === 'published' && newsPolicy.write(a, p.orgPath),
};

export const newsAbilities = (a: Actor, p: PostRef) => ({
  edit: newsPolicy.edit(a, p),
  submit: newsPolicy.submit(a, p),
  publish: newsPolicy.review(a, p),
  return: newsPolicy.review(a, p),
  withdraw: newsPolicy.withdraw(a, p),
});

/** The organisations an actor writes news for: the nodes of their city-administrator grants. */
export const canWriteNews = (a: Actor) => a.grants.some((g) => NEWS_WRITERS.includes(g.role));

const visible = (a: Actor): SQL => inScope(organizations.path, a, NEWS_WRITERS);

async function loadPost(db: Db, actor: Actor, id: number): Promise<PostRef> {
  const [row] = await db
    .select({ p: newsPosts, orgPath: organizations.path })
    .from(newsPosts)
    .innerJoin(organizations, eq(organizations.id, newsPosts.orgId))
    .where(and(eq(newsPosts.id, id), visible(actor)));
  if (!row) throw notFound();
  return { ...row.p, orgPath: row.orgPath };
}

async function names(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const want = [...new Set(ids.filter((i): i is number => i != null))];
  if (!want.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, want));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function summary(a: Actor, p: PostRef, who: Map<number, string>): NewsSummary {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    status: p.status as NewsSummary['status'],
    authorName: who.get(p.authorId) ?? '',
    reviewerName: p.reviewedBy ? (who.get(p.reviewedBy) ?? '') : null,
    reason: p.reason,
    submittedAt: p.submittedAt,
    publishedAt: p.publishedAt,
    updatedAt: p.updatedAt,
    version: p.version,
    abilities: newsAbilities(a, p),
  };
}

export async function listNews(db: Db, actor: Actor, status?: string): Promise<NewsSummary[]> {
  const rows = await db
    .select({ p: newsPosts, orgPath: organizations.path })
    .from(newsPosts)
    .innerJoin(organizations, eq(organizations.id, newsPosts.orgId))
    .where(and(visible(actor), status ? eq(newsPosts.status, status) : undefined))
    .orderBy(desc(newsPosts.updatedAt), desc(newsPosts.id))
    .limit(500);
  const posts = rows.map((r) => ({ ...r.p, orgPath: r.orgPath }));
  const who = await names(
    db,
    posts.flatMap((p) => [p.authorId, p.reviewedBy]),
  );
  return posts.map((p) => summary(actor, p, who));
}

export async function newsDetail(db: Db, actor: Actor, id: number): Promise<NewsDetail> {
  const p = await loadPost(db, actor, id);
  const history = await db
    .select()
    .from(newsPostEvents)
    .where(eq(newsPostEvents.postId, id))
    .orderBy(asc(newsPostEvents.at), asc(newsPostEvents.id));
  const who = await names(db, [p.authorId, p.reviewedBy, ...history.map((h) => h.actorId)]);
  return {
    ...summary(actor, p, who),
    body: p.body,
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      status: h.status,
      actorName: who.get(h.actorId) ?? '',
      reason: h.reason,
      at: h.at,
    })),
  };
}

type Action = 'create' | 'edit' | 'submit' | 'publish' | 'return' | 'withdraw';

async function remember(tx: Db, ctx: RequestContext, actor: Actor, p: Post & { orgPath: string }, action: Action) {
  await tx.insert(newsPostEvents).values({
    postId: p.id,
    action,
    status: p.status,
    actorId: actor.userId,
    reason: action === 'return' || action === 'withdraw' ? p.reason : null,
    snapshot: { title: p.title, summary: p.summary, body: p.body },
    at: ctx.now,
  });
  await recordEvent(tx, ctx, {
    action: `news.${action}`,
    entity: 'news_post',
    entityId: p.id,
    orgPath: p.orgPath,
    after: { status: p.status, title: p.title, ...(p.reason && action !== 'edit' ? { reason: p.reason } : {}) },
  });
}

/** A new draft by the actor, for the organisation of their (first) city-administrator grant. */
export async function createNews(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  input: { title: string; summary: string; body: string },
): Promise<number> {
  const grant = actor.grants.find((g) => NEWS_WRITERS.includes(g.role));
  authorize(!!grant, true);
  if (!grant) throw notFound();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(newsPosts)
      .values({ ...input, orgId: grant.orgId, authorId: actor.userId, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await remember(tx, ctx, actor, { ...row, orgPath: grant.orgPath }, 'create');
    return row.id;
  });
}

async function step(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  version: number,
  action: Exclude<Action, 'create'>,
  allowed: (a: Actor, p: PostRef) => boolean,
  patch: (p: PostRef) => Partial<Post>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const p = await loadPost(tx, actor, id);
    authorize(allowed(actor, p), true);
    if (p.version !== version) throw new AppError('STALE_VERSION');
    const [row] = await tx
      .update(newsPosts)
      .set({ ...patch(p), version: p.version + 1, updatedAt: ctx.now })
      .where(and(eq(newsPosts.id, id), eq(newsPosts.version, version)))
      .returning();
    if (!row) throw new AppError('STALE_VERSION');
    await remember(tx, ctx, actor, { ...row, orgPath: p.orgPath }, action);
  });
}

export const updateNews = (
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { title?: string | undefined; summary?: string | undefined; body?: string | undefined; version: number },
) =>
  step(db, ctx, actor, id, input.version, 'edit', newsPolicy.edit, () => ({
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.summary !== undefined ? { summary: input.summary } : {}),
    ...(input.body !== undefined ? { body: input.body } : {}),
  }));

export const submitNews = (db: Db, ctx: RequestContext, actor: Actor, id: number, version: number) =>
  step(db, ctx, actor, id, version, 'submit', newsPolicy.submit, () => ({
    status: 'submitted',
    submittedAt: ctx.now,
    reason: null,
  }));

export const publishNews = (db: Db, ctx: RequestContext, actor: Actor, id: number, version: number) =>
  step(db, ctx, actor, id, version, 'publish', newsPolicy.review, () => ({
    status: 'published',
    reviewedBy: actor.userId,
    reviewedAt: ctx.now,
    publishedAt: ctx.now,
    reason: null,
  }));

export const returnNews = (db: Db, ctx: RequestContext, actor: Actor, id: number, version: number, reason: string) =>
  step(db, ctx, actor, id, version, 'return', newsPolicy.review, () => ({
    status: 'returned',
    reviewedBy: actor.userId,
    reviewedAt: ctx.now,
    reason,
  }));

export const withdrawNews = (db: Db, ctx: RequestContext, actor: Actor, id: number, version: number, reason: string) =>
  step(db, ctx, actor, id, version, 'withdraw', newsPolicy.withdraw, () => ({ status: 'withdrawn', reason }));

/** The published posts, newest first (the public site). */
export async function publishedNews(db: Db, limit = 30) {
  return db
    .select({
      id: newsPosts.id,
      title: newsPosts.title,
      summary: newsPosts.summary,
      body: newsPosts.body,
      publishedAt: newsPosts.publishedAt,
    })
    .from(newsPosts)
    .where(eq(newsPosts.status, 'published'))
    .orderBy(desc(newsPosts.publishedAt), desc(newsPosts.id))
    .limit(limit);
}
