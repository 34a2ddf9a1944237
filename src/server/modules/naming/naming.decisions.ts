/**
 * The city's decisions after a 公示: naming the classes (命名) with the decision number (文号) and date — only after
 * the period and once every objection has a response — and revoking a naming (撤销), which is a new row with its
 * reason. Each naming gets an unguessable verification code for its certificate's QR (/public/verify/{code}).
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { namingRefusals } from '../../../domain/naming/publicity.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { demonstrationNamings, demonstrationRevocations } from '../../db/tables/naming.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { namingPolicy } from './naming.policy.js';
import { entriesOf, objectionsOf, unsafeClassFacts, unsafeNaming, unsafeNamings } from './naming.repo.js';
import type { NameInput } from './naming.schema.js';
import { loadNotice } from './naming.service.js';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 24 base32 characters from 15 random bytes (120 bits): nobody finds a certificate by guessing. */
export function newVerifyCode(): string {
  const bytes = randomBytes(15);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

const bilingual = (rs: { zh: string; en: string }[]) =>
  invalid(rs.map((r) => r.zh).join('；'), rs.map((r) => r.en).join('; '), 'body.decisionDate');

export async function nameClasses(db: Db, ctx: RequestContext, actor: Actor, input: NameInput): Promise<number[]> {
  const n = await loadNotice(db, actor, input.noticeId);
  authorize(namingPolicy.manage(actor, n.campaign), true);
  const today = todayInChina(ctx.now);
  const objections = await objectionsOf(db, n.id);
  const refusals = namingRefusals(
    n,
    today,
    objections.filter((o) => o.responses.length === 0).length,
    input.decisionDate,
  );
  if (refusals.length > 0) throw bilingual(refusals);
  const entries = await entriesOf(db, [n.id]);
  const listed = new Set(entries.map((e) => e.classId));
  const classIds = input.classIds ?? entries.map((e) => e.classId);
  const strays = classIds.filter((c) => !listed.has(c));
  if (strays.length > 0) {
    throw invalid(
      `托管班 ${strays.join('、')} 未列入该公示，不能命名`,
      `Classes ${strays.join(', ')} were not on this 公示 and cannot be named`,
      'body.classIds',
    );
  }
  const already = new Set(
    (await unsafeNamings(db, eq(demonstrationNamings.campaignId, n.campaignId))).map((x) => x.classId),
  );
  const dup = classIds.filter((c) => already.has(c));
  if (dup.length > 0) {
    throw conflict(`托管班 ${dup.join('、')} 已命名`, `Classes ${dup.join(', ')} are already named`);
  }
  const facts = new Map((await unsafeClassFacts(db, classIds)).map((f) => [f.classId, f]));
  return db.transaction(async (tx) => {
    const ids: number[] = [];
    for (const classId of classIds) {
      const f = facts.get(classId);
      const e = entries.find((x) => x.classId === classId);
      if (!f || !e) throw notFound();
      const [row] = await tx
        .insert(demonstrationNamings)
        .values({
          campaignId: n.campaignId,
          noticeId: n.id,
          classId,
          unitId: f.unitId,
          className: e.className,
          unitName: e.unitName,
          districtName: e.districtName,
          decisionNo: input.decisionNo,
          decisionDate: input.decisionDate,
          verifyCode: newVerifyCode(),
          createdBy: actor.userId,
          createdAt: ctx.now,
        })
        .returning();
      if (!row) throw new AppError('INTERNAL');
      ids.push(row.id);
      const { verifyCode: _secret, ...shown } = row;
      await recordEvent(tx, ctx, {
        action: 'naming.name',
        entity: 'demonstration_naming',
        entityId: row.id,
        orgPath: f.unitPath,
        after: shown,
      });
    }
    return ids;
  });
}

export async function revokeNaming(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  namingId: number,
  input: { reason: string; revokedOn: string; decisionNo?: string | undefined },
): Promise<void> {
  const x = await unsafeNaming(db, namingId);
  if (!x || !namingPolicy.read(actor, { orgPath: x.campaignOrgPath })) throw notFound();
  authorize(namingPolicy.manage(actor, { orgPath: x.campaignOrgPath }), true);
  if (x.revocation) throw conflict('该命名已撤销', 'This naming is already revoked');
  if (input.revokedOn < x.decisionDate || input.revokedOn > todayInChina(ctx.now)) {
    throw invalid(
      `撤销日期须在命名日期（${x.decisionDate}）与今天之间`,
      `The revocation date must lie between the naming (${x.decisionDate}) and today`,
      'body.revokedOn',
    );
  }
  await db.transaction(async (tx) => {
    const [r] = await tx
      .insert(demonstrationRevocations)
      .values({
        namingId: x.id,
        reason: input.reason,
        revokedOn: input.revokedOn,
        decisionNo: input.decisionNo ?? null,
        createdBy: actor.userId,
        createdAt: ctx.now,
      })
      .onConflictDoNothing()
      .returning();
    if (!r) throw conflict('该命名已撤销', 'This naming is already revoked');
    await recordEvent(tx, ctx, {
      action: 'naming.revoke',
      entity: 'demonstration_naming',
      entityId: x.id,
      orgPath: x.unitPath,
      after: { reason: r.reason, revokedOn: r.revokedOn, decisionNo: r.decisionNo },
    });
  });
}

/** Namings the actor may see: the city's readers see the campaign's; a unit's administrators see their own. */
export async function loadNamingForCertificate(db: Db, actor: Actor, id: number) {
  const x = await unsafeNaming(db, id);
  if (!x || !namingPolicy.certificate(actor, x)) throw notFound();
  if (x.revocation) throw conflict('该命名已撤销，不再出具证书', 'This naming was revoked; no certificate is issued');
  return x;
}
