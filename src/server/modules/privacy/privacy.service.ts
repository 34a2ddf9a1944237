/**
 * The guardian's PIPL rights as services: a copy of everything held about the family (JSON or a readable PDF),
 * each copy audited; a deletion request confirmed by a code to their own phone, processed at once or — when a
 * class is running for a child — the day after it ends; and the purge after the city's retention period
 * (privacy.jobs.ts). What each step removes is in privacy.erase.ts, table by table in privacy.tables.ts.
 */
import { and, desc, eq, lte, ne } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import type { RequestContext } from '../../context.js';
import type { Sealer } from '../../crypto/secrets.js';
import type { Db } from '../../db/client.js';
import { guardians, organizations, privacyRequests, users } from '../../db/schema.js';
import { AppError, conflict, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import type { MessageSender } from '../../messaging/sender.js';
import type { FileStore } from '../../storage/store.js';
import { getSettings } from '../settings/settings.service.js';
import { consumeDeletionCode, sendDeletionCode } from './privacy.code.js';
import { familyFilesToErase, processAfterOf, processRequest, purgeRequest, runningClassesOf } from './privacy.erase.js';
import { exportPdf } from './privacy.pdf.js';
import { type GuardianRef, privacyPolicy } from './privacy.policy.js';
import { guardianOf, keptUntil, presentRequest, readFamily } from './privacy.repo.js';
import type { DeletionBody, DeletionState, FamilyExport } from './privacy.schema.js';

async function employerPath(db: Db, userId: number): Promise<string | null> {
  const [row] = await db
    .select({ path: organizations.path })
    .from(guardians)
    .innerJoin(organizations, eq(organizations.id, guardians.employerOrgId))
    .where(eq(guardians.userId, userId));
  return row?.path ?? null;
}

async function loadGuardian(db: Db, actor: Actor, may: (a: Actor, g: GuardianRef | undefined) => boolean) {
  const g = await guardianOf(db, actor.userId);
  if (!g || !may(actor, g)) throw notFound();
  return g;
}

/** The family's data as JSON, with an audit row saying who took a copy and when. */
export async function exportFamily(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  sealer: Sealer,
  format: 'json' | 'pdf' = 'json',
): Promise<FamilyExport> {
  const g = await loadGuardian(db, actor, privacyPolicy.export);
  const { privacyRetentionYears } = await getSettings(db);
  return db.transaction(async (tx) => {
    const data = await readFamily(tx, g, sealer, privacyRetentionYears, ctx.now);
    await recordEvent(tx, ctx, {
      action: 'privacy.export',
      entity: 'family',
      entityId: g.familyId,
      orgPath: await employerPath(tx, g.userId),
      after: { format, children: data.children.length, enrolments: data.enrolments.length },
    });
    return data;
  });
}

export async function exportFamilyPdf(db: Db, ctx: RequestContext, actor: Actor, sealer: Sealer) {
  const data = await exportFamily(db, ctx, actor, sealer, 'pdf');
  return { pdf: await exportPdf(data), filename: `家庭个人信息-${ctx.now.toISOString().slice(0, 10)}.pdf` };
}

/** Whose data a request by `g` covers: the whole family, unless another guardian still uses the service. */
async function scopeOf(db: Db, g: GuardianRef): Promise<'family' | 'guardian'> {
  const others = await db
    .select({ id: guardians.userId })
    .from(guardians)
    .innerJoin(users, eq(users.id, guardians.userId))
    .where(and(eq(guardians.familyId, g.familyId), ne(guardians.userId, g.userId), eq(users.active, true)));
  return others.length ? 'guardian' : 'family';
}

/** What a request would do now, and the guardian's latest request. */
export async function deletionState(db: Db, ctx: RequestContext, actor: Actor): Promise<DeletionState> {
  const g = await loadGuardian(db, actor, privacyPolicy.requestDeletion);
  const { privacyRetentionYears } = await getSettings(db);
  const scope = await scopeOf(db, g);
  const running = scope === 'family' ? await runningClassesOf(db, g.familyId, ctx.now) : [];
  const [latest] = await db
    .select()
    .from(privacyRequests)
    .where(eq(privacyRequests.requestedBy, g.userId))
    .orderBy(desc(privacyRequests.id))
    .limit(1);
  return {
    request: latest ? presentRequest(latest, privacyRetentionYears) : null,
    plan: {
      scope,
      waitsUntil: processAfterOf(running, ctx.now)?.day ?? null,
      runningClasses: running,
      retentionYears: privacyRetentionYears,
    },
  };
}

export async function requestDeletionCode(db: Db, sender: MessageSender, ctx: RequestContext, actor: Actor) {
  const g = await loadGuardian(db, actor, privacyPolicy.requestDeletion);
  if (!g.phone) throw conflict('账号未登记手机号，无法发送验证码', 'Your account has no phone number for the code');
  return sendDeletionCode(db, sender, ctx, g.userId, g.phone);
}

/**
 * Records the request and, unless a class is running for a child, processes it at once (the guardian is signed
 * out: their account is gone). The code is checked first, in its own statements, so a wrong one still counts.
 */
export async function requestDeletion(db: Db, ctx: RequestContext, actor: Actor, body: DeletionBody) {
  const g = await loadGuardian(db, actor, privacyPolicy.requestDeletion);
  if (!g.phone) throw conflict('账号未登记手机号，无法发送验证码', 'Your account has no phone number for the code');
  await consumeDeletionCode(db, ctx, g.userId, g.phone, body.code);
  const { privacyRetentionYears } = await getSettings(db);
  return db.transaction(async (tx) => {
    const [waiting] = await tx
      .select({ id: privacyRequests.id })
      .from(privacyRequests)
      .where(and(eq(privacyRequests.requestedBy, g.userId), eq(privacyRequests.status, 'waiting')));
    if (waiting) throw conflict('您已提交删除申请，正在等待执行', 'You have already asked; the request is waiting');
    const scope = await scopeOf(tx, g);
    const after = scope === 'family' ? processAfterOf(await runningClassesOf(tx, g.familyId, ctx.now), ctx.now) : null;
    const orgPath = await employerPath(tx, g.userId);
    const [row] = await tx
      .insert(privacyRequests)
      .values({
        familyId: g.familyId,
        requestedBy: g.userId,
        scope,
        reason: body.reason,
        status: 'waiting',
        requestedAt: ctx.now,
        processAfter: after?.at ?? null,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'privacy.request',
      entity: 'family',
      entityId: g.familyId,
      orgPath,
      after: { requestId: row.id, scope, reason: body.reason, processAfter: after?.day ?? null },
    });
    if (!after) await processRequest(tx, ctx, row, orgPath);
    const [done] = await tx.select().from(privacyRequests).where(eq(privacyRequests.id, row.id));
    return presentRequest(done ?? row, privacyRetentionYears);
  });
}

/**
 * The job's work: waiting requests whose class has ended are processed (a class that still runs — a new place
 * taken meanwhile — moves the day on), and processed requests past the retention period are purged. Each request
 * in its own transaction; one failure does not stop the others (the run then fails and is retried).
 */
export async function runPrivacyJob(db: Db, ctx: RequestContext, store: FileStore) {
  const { privacyRetentionYears } = await getSettings(db);
  const failed: string[] = [];
  let processed = 0;
  let postponed = 0;
  let purged = 0;
  const due = await db
    .select()
    .from(privacyRequests)
    .where(and(eq(privacyRequests.status, 'waiting'), lte(privacyRequests.processAfter, ctx.now)));
  for (const r of due) {
    try {
      await db.transaction(async (tx) => {
        const after =
          r.scope === 'family' ? processAfterOf(await runningClassesOf(tx, r.familyId, ctx.now), ctx.now) : null;
        if (after) {
          await tx.update(privacyRequests).set({ processAfter: after.at }).where(eq(privacyRequests.id, r.id));
          postponed++;
        } else {
          await processRequest(tx, ctx, r, await employerPath(tx, r.requestedBy));
          processed++;
        }
      });
    } catch (e) {
      failed.push(`${r.id}: ${(e as Error).message}`);
    }
  }
  const kept = await db.select().from(privacyRequests).where(eq(privacyRequests.status, 'processed'));
  for (const r of kept) {
    const until = keptUntil(r.processedAt, privacyRetentionYears);
    if (!until || until > ctx.now) continue;
    try {
      // Bytes first, rows after: deleting a stored key is idempotent, so a run that fails in between is retried
      // whole; the other order could leave bytes that no row points to any more.
      if (r.scope === 'family')
        for (const f of await familyFilesToErase(db, r.familyId)) await store.delete(f.storageKey);
      await db.transaction(async (tx) => {
        await purgeRequest(tx, ctx, r, await employerPath(tx, r.requestedBy));
        purged++;
      });
    } catch (e) {
      failed.push(`${r.id}: ${(e as Error).message}`);
    }
  }
  if (failed.length) throw new Error(`privacy requests failed: ${failed.join('; ')}`);
  return { processed, postponed, purged };
}
