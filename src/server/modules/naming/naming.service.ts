/**
 * The console's side of 公示: publishing a proposed list over a period of official working days, answering
 * objections (append-only responses), revealing an objector's phone to call back (audited), and presenting a
 * notice with its entries, objections (phones masked) and namings. Each write runs in one transaction with its
 * audit event.
 */
import { eq } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import {
  centiToScore,
  namingRefusals,
  publicityPeriod,
  publicityPhase,
  publicityUncoveredYears,
  scoreToCenti,
} from '../../../domain/naming/publicity.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Sealer } from '../../crypto/secrets.js';
import type { Db } from '../../db/client.js';
import {
  demonstrationNamings,
  publicityEntries,
  publicityNotices,
  publicityObjectionResponses,
} from '../../db/tables/naming.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { namingAbilities, namingPolicy } from './naming.policy.js';
import {
  entriesOf,
  type NamingRow,
  type NoticeRow,
  objectionsOf,
  unsafeCampaignRef,
  unsafeClassFacts,
  unsafeNamings,
  unsafeNotice,
  unsafeNotices,
  unsafeObjection,
} from './naming.repo.js';
import type { NamingDto, NoticeDto, NoticeSummaryDto, PublishInput } from './naming.schema.js';

export const publicityPath = (id: number) => `/public/publicity/${id}`;
export const verifyPath = (code: string) => `/public/verify/${code}`;

export async function loadNotice(db: Db, actor: Actor, id: number): Promise<NoticeRow> {
  const n = await unsafeNotice(db, id);
  if (!n || !namingPolicy.read(actor, n.campaign)) throw notFound();
  return n;
}

export async function listNotices(db: Db, actor: Actor, campaignId: number | undefined, now: Date) {
  const rows = (await unsafeNotices(db, campaignId ? eq(publicityNotices.campaignId, campaignId) : undefined)).filter(
    (n) => namingPolicy.read(actor, n.campaign),
  );
  return Promise.all(rows.map((n) => summarise(db, n, now)));
}

async function summarise(db: Db, n: NoticeRow, now: Date): Promise<NoticeSummaryDto> {
  const [entries, objections, namings] = await Promise.all([
    entriesOf(db, [n.id]),
    objectionsOf(db, n.id),
    unsafeNamings(db, eq(demonstrationNamings.noticeId, n.id)),
  ]);
  return {
    id: n.id,
    campaignId: n.campaignId,
    campaignName: n.campaign.name,
    title: n.title,
    startsOn: n.startsOn,
    endsOn: n.endsOn,
    workdays: n.workdays,
    phase: publicityPhase(n, todayInChina(now)),
    entries: entries.length,
    objections: objections.length,
    unanswered: objections.filter((o) => o.responses.length === 0).length,
    named: namings.filter((x) => !x.revocation).length,
    publicPath: publicityPath(n.id),
  };
}

export function presentNaming(actor: Actor, n: NamingRow): NamingDto {
  return {
    id: n.id,
    campaignId: n.campaignId,
    campaignName: n.campaignName,
    noticeId: n.noticeId,
    classId: n.classId,
    className: n.className,
    unitName: n.unitName,
    districtName: n.districtName,
    decisionNo: n.decisionNo,
    decisionDate: n.decisionDate,
    verifyPath: verifyPath(n.verifyCode),
    revocation: n.revocation
      ? { reason: n.revocation.reason, revokedOn: n.revocation.revokedOn, decisionNo: n.revocation.decisionNo }
      : null,
    abilities: {
      certificate: !n.revocation && namingPolicy.certificate(actor, n),
      revoke: !n.revocation && namingPolicy.manage(actor, { orgPath: n.campaignOrgPath }),
    },
  };
}

export async function presentNotice(db: Db, actor: Actor, n: NoticeRow, now: Date): Promise<NoticeDto> {
  const today = todayInChina(now);
  const [summary, entries, objections, namings] = await Promise.all([
    summarise(db, n, now),
    entriesOf(db, [n.id]),
    objectionsOf(db, n.id),
    unsafeNamings(db, eq(demonstrationNamings.noticeId, n.id)),
  ]);
  const entryName = new Map(entries.map((e) => [e.id, e.className]));
  const blockers = namingRefusals(n, today, summary.unanswered, today);
  return {
    ...summary,
    body: n.body,
    days: publicityPeriod(n.startsOn, n.workdays, n.campaign.params.calendar).days,
    entryList: entries.map((e) => ({
      id: e.id,
      classId: e.classId,
      rank: e.rank,
      score: centiToScore(e.scoreCenti),
      className: e.className,
      unitName: e.unitName,
      districtName: e.districtName,
    })),
    objectionList: objections.map((o) => ({
      id: o.id,
      entryId: o.entryId,
      className: o.entryId ? (entryName.get(o.entryId) ?? null) : null,
      phone: o.phoneMasked,
      content: o.content,
      createdAt: o.createdAt,
      responses: o.responses.map((r) => ({
        id: r.id,
        outcome: r.outcome as 'upheld' | 'not_upheld' | 'noted',
        content: r.content,
        respondedByName: r.respondedByName,
        createdAt: r.createdAt,
      })),
    })),
    namings: namings.map((x) => presentNaming(actor, x)),
    namingBlockers: blockers,
    abilities: namingAbilities(actor, n.campaign),
  };
}

export async function publishNotice(db: Db, ctx: RequestContext, actor: Actor, input: PublishInput): Promise<number> {
  const campaign = await unsafeCampaignRef(db, input.campaignId);
  const visible = !!campaign && namingPolicy.read(actor, campaign);
  authorize(!!campaign && namingPolicy.manage(actor, campaign), visible);
  if (!campaign) throw notFound();
  const today = todayInChina(ctx.now);
  if (input.startsOn < today) {
    throw invalid('公示开始日期不能早于今天', 'The period cannot start in the past', 'body.startsOn');
  }
  const overrides = campaign.params.calendar;
  const unknown = publicityUncoveredYears(input.startsOn, input.workdays, overrides);
  if (unknown.length > 0) {
    throw invalid(
      `${unknown.join('、')} 年的法定节假日尚未公布或录入，无法按工作日计算公示期`,
      `The official holidays of ${unknown.join(', ')} are not known yet: the period cannot be counted in working days`,
      'body.startsOn',
    );
  }
  const period = publicityPeriod(input.startsOn, input.workdays, overrides);
  const ids = input.entries.map((e) => e.classId);
  if (new Set(ids).size !== ids.length)
    throw invalid('同一托管班不能重复列入', 'A class is listed twice', 'body.entries');
  const facts = new Map((await unsafeClassFacts(db, ids)).map((f) => [f.classId, f]));
  const foreign = ids.filter((c) => facts.get(c)?.campaignId !== campaign.id);
  if (foreign.length > 0) {
    throw invalid(
      `托管班 ${foreign.join('、')} 不属于本期项目`,
      `Classes ${foreign.join(', ')} are not of this campaign`,
      'body.entries',
    );
  }
  return db.transaction(async (tx) => {
    const [notice] = await tx
      .insert(publicityNotices)
      .values({
        campaignId: campaign.id,
        orgId: campaign.orgId,
        title: input.title,
        startsOn: period.startsOn,
        endsOn: period.endsOn,
        workdays: input.workdays,
        body: input.body,
        createdBy: actor.userId,
        createdAt: ctx.now,
      })
      .returning();
    if (!notice) throw new AppError('INTERNAL');
    await tx.insert(publicityEntries).values(
      input.entries.map((e) => {
        const f = facts.get(e.classId);
        return {
          noticeId: notice.id,
          classId: e.classId,
          rank: e.rank,
          scoreCenti: scoreToCenti(e.score),
          className: f?.className ?? '',
          unitName: f?.unitName ?? '',
          districtName: f?.districtName ?? '',
        };
      }),
    );
    await recordEvent(tx, ctx, {
      action: 'publicity.publish',
      entity: 'publicity_notice',
      entityId: notice.id,
      orgPath: campaign.orgPath,
      after: { ...notice, classIds: ids },
    });
    return notice.id;
  });
}

async function objectionInScope(db: Db, actor: Actor, objectionId: number) {
  const o = await unsafeObjection(db, objectionId);
  const n = o ? await unsafeNotice(db, o.noticeId) : undefined;
  if (!o || !n || !namingPolicy.read(actor, n.campaign)) throw notFound();
  return { o, n };
}

export async function respondToObjection(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  objectionId: number,
  input: { outcome: string; content: string },
): Promise<number> {
  const { o, n } = await objectionInScope(db, actor, objectionId);
  authorize(namingPolicy.manage(actor, n.campaign), true);
  return db.transaction(async (tx) => {
    const [r] = await tx
      .insert(publicityObjectionResponses)
      .values({
        objectionId: o.id,
        outcome: input.outcome,
        content: input.content,
        respondedBy: actor.userId,
        createdAt: ctx.now,
      })
      .returning();
    if (!r) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'publicity.objection_respond',
      entity: 'publicity_objection',
      entityId: o.id,
      orgPath: n.campaign.orgPath,
      after: { responseId: r.id, outcome: r.outcome, content: r.content },
    });
    return n.id;
  });
}

/** The objector's number in clear, for the call-back: city administrators only, audited each time. */
export async function revealObjectorPhone(
  db: Db,
  sealer: Sealer,
  ctx: RequestContext,
  actor: Actor,
  objectionId: number,
): Promise<string> {
  const { o, n } = await objectionInScope(db, actor, objectionId);
  authorize(namingPolicy.revealPhone(actor, n.campaign), true);
  let phone: string;
  try {
    phone = sealer.open(o.phoneSealed);
  } catch {
    throw conflict(
      '该号码无法解密（演示数据或数据密钥已更换），请按异议内容另行联系',
      'This number cannot be decrypted (demo data, or the data key changed)',
    );
  }
  await db.transaction((tx) =>
    recordEvent(tx, ctx, {
      action: 'publicity.objection_reveal_phone',
      entity: 'publicity_objection',
      entityId: o.id,
      orgPath: n.campaign.orgPath,
      after: { phone: o.phoneMasked },
    }),
  );
  return phone;
}
