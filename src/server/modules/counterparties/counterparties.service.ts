/**
 * Changing caterers, partners and providers: create, edit (optimistic version), deactivate/reactivate (never
 * delete: classes of past years cite them), the provider qualification review with who and when, and document
 * uploads. One transaction per write with its audit event (entity `counterparty`).
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { counterparties } from '../../db/schema.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { diff, recordEvent } from '../../events/audit.js';
import type { FileStore } from '../../storage/fileStore.js';
import { checkUpload, type ReceivedUpload } from '../../storage/upload.js';
import { type FileRow, filesOfOwner } from '../files/files.repo.js';
import { attachFile } from '../files/files.service.js';
import { findVisibleOrg } from '../orgs/orgs.repo.js';
import { counterpartyAbilities, counterpartyPolicy } from './counterparties.policy.js';
import { type CounterpartyRow, findVisibleCounterparty } from './counterparties.repo.js';
import {
  type CounterpartyDto,
  type CounterpartyKind,
  type CreateCounterpartyInput,
  KIND_FIELDS,
  PURPOSES_BY_KIND,
  type ReviewInput,
  type UpdateCounterpartyInput,
} from './counterparties.schema.js';

export const COUNTERPARTY_OWNER = 'counterparty';

const ALL_KIND_FIELDS = ['licenceNo', 'licenceExpiry', 'agreementStart', 'agreementEnd', 'partnerType'] as const;

export function presentCounterparty(actor: Actor, c: CounterpartyRow): CounterpartyDto {
  return {
    id: c.id,
    orgId: c.orgId,
    orgName: c.orgName,
    kind: c.kind as CounterpartyKind,
    name: c.name,
    creditCode: c.creditCode,
    contactName: c.contactName,
    contactPhone: c.contactPhone,
    licenceNo: c.licenceNo,
    licenceExpiry: c.licenceExpiry,
    agreementStart: c.agreementStart,
    agreementEnd: c.agreementEnd,
    partnerType: c.partnerType as CounterpartyDto['partnerType'],
    review: c.reviewResult
      ? {
          result: c.reviewResult as 'pending',
          note: c.reviewNote,
          byId: c.reviewedBy,
          byName: c.reviewedByName,
          at: c.reviewedAt,
        }
      : null,
    active: c.active,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    abilities: counterpartyAbilities(actor, c),
  };
}

export async function loadCounterparty(db: Db, actor: Actor, id: number): Promise<CounterpartyRow> {
  const c = await findVisibleCounterparty(db, actor, id);
  if (!c) throw notFound();
  return c;
}

/** Kind-specific fields on the wrong kind, and an agreement that ends before it starts, are input errors. */
function checkKindFields(kind: CounterpartyKind, fields: Record<string, unknown>, merged: Record<string, unknown>) {
  const wrong = ALL_KIND_FIELDS.filter((f) => fields[f] !== undefined && !KIND_FIELDS[kind].includes(f));
  if (wrong.length > 0) {
    throw invalid(`${wrong.join('、')}: 不适用于此类机构`, `${wrong.join(', ')}: not applicable to a ${kind}`);
  }
  const { agreementStart: s, agreementEnd: e } = merged;
  if (typeof s === 'string' && typeof e === 'string' && s > e) {
    throw invalid('agreementEnd: 协议结束日期早于开始日期', 'agreementEnd: the agreement ends before it starts');
  }
}

export async function createCounterparty(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  input: CreateCounterpartyInput,
): Promise<CounterpartyRow> {
  return db.transaction(async (tx) => {
    const org = await findVisibleOrg(tx, actor, input.orgId);
    authorize(!!org && counterpartyPolicy.create(actor, org), !!org);
    if (!org) throw notFound();
    if (org.kind !== 'unit') throw invalid('合作方须登记在基层单位下', 'A counterparty belongs to a grassroots unit');
    const { orgId: _o, ...rest } = input;
    checkKindFields(input.kind, rest, rest);
    const [row] = await tx
      .insert(counterparties)
      .values({ ...rest, orgId: org.id, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'counterparty.create',
      entity: 'counterparty',
      entityId: row.id,
      orgPath: org.path,
      after: row,
    });
    return { ...row, orgPath: org.path, orgName: org.name, orgActive: org.active, reviewedByName: null };
  });
}

async function reload(tx: Db, actor: Actor, id: number): Promise<CounterpartyRow> {
  const c = await findVisibleCounterparty(tx, actor, id);
  if (!c) throw new AppError('INTERNAL');
  return c;
}

export async function updateCounterparty(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: UpdateCounterpartyInput,
): Promise<CounterpartyRow> {
  return db.transaction(async (tx) => {
    const c = await findVisibleCounterparty(tx, actor, id);
    authorize(!!c && counterpartyPolicy.update(actor, c), !!c);
    if (!c) throw notFound();
    if (c.version !== input.version) throw new AppError('STALE_VERSION');
    const { version: _v, ...fields } = input;
    const merged = { ...c, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
    checkKindFields(c.kind as CounterpartyKind, fields, merged);
    const current: Record<string, unknown> = { ...c };
    const change = diff(current, fields as Record<string, unknown>);
    if (!change) return c;
    await tx
      .update(counterparties)
      .set({ ...change.after, version: c.version + 1, updatedAt: ctx.now })
      .where(eq(counterparties.id, c.id));
    await recordEvent(tx, ctx, {
      action: 'counterparty.update',
      entity: 'counterparty',
      entityId: c.id,
      orgPath: c.orgPath,
      ...change,
    });
    return reload(tx, actor, c.id);
  });
}

export async function setCounterpartyActive(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  active: boolean,
  reason: string,
): Promise<CounterpartyRow> {
  return db.transaction(async (tx) => {
    const c = await findVisibleCounterparty(tx, actor, id);
    const allowed = !!c && (active ? counterpartyPolicy.reactivate(actor, c) : counterpartyPolicy.deactivate(actor, c));
    authorize(allowed, !!c);
    if (!c) throw notFound();
    await tx
      .update(counterparties)
      .set({ active, version: c.version + 1, updatedAt: ctx.now })
      .where(eq(counterparties.id, c.id));
    await recordEvent(tx, ctx, {
      action: active ? 'counterparty.reactivate' : 'counterparty.deactivate',
      entity: 'counterparty',
      entityId: c.id,
      orgPath: c.orgPath,
      before: { active: c.active },
      after: { active, reason },
    });
    return reload(tx, actor, c.id);
  });
}

/**
 * 资质审核 of a third-party provider: the result with who and when. A pass needs at least one qualification
 * document on file, so that the review always points at what was reviewed.
 */
export async function reviewProvider(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: ReviewInput,
): Promise<CounterpartyRow> {
  return db.transaction(async (tx) => {
    const c = await findVisibleCounterparty(tx, actor, id);
    if (c && c.kind !== 'provider')
      throw invalid('只有第三方服务机构需要资质审核', 'Only third-party providers are reviewed');
    authorize(!!c && counterpartyPolicy.review(actor, c), !!c);
    if (!c) throw notFound();
    if (c.version !== input.version) throw new AppError('STALE_VERSION');
    if (input.result === 'passed' && (await filesOfOwner(tx, COUNTERPARTY_OWNER, c.id, 'qualification')).length === 0) {
      throw invalid('审核通过前请先上传资质材料', 'Upload the qualification documents before passing the review');
    }
    const after = {
      reviewResult: input.result,
      reviewNote: input.note ?? null,
      reviewedBy: actor.userId,
      reviewedAt: ctx.now,
    };
    await tx
      .update(counterparties)
      .set({ ...after, version: c.version + 1, updatedAt: ctx.now })
      .where(eq(counterparties.id, c.id));
    await recordEvent(tx, ctx, {
      action: 'counterparty.review',
      entity: 'counterparty',
      entityId: c.id,
      orgPath: c.orgPath,
      before: {
        reviewResult: c.reviewResult,
        reviewNote: c.reviewNote,
        reviewedBy: c.reviewedBy,
        reviewedAt: c.reviewedAt,
      },
      after,
    });
    return reload(tx, actor, c.id);
  });
}

/** Keeps a document for an already loaded and authorised counterparty; the purpose must suit its kind. */
export async function addCounterpartyFile(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  c: CounterpartyRow,
  received: ReceivedUpload,
): Promise<FileRow> {
  const allowed = PURPOSES_BY_KIND[c.kind as CounterpartyKind];
  const purpose = received.fields.purpose;
  if (!purpose || !(allowed as readonly string[]).includes(purpose)) {
    throw invalid(`purpose: 须为 ${allowed.join('、')} 之一`, `purpose: must be one of ${allowed.join(', ')}`);
  }
  const checked = checkUpload(received);
  const owner = { ownerType: COUNTERPARTY_OWNER, ownerId: c.id, orgId: c.orgId, orgPath: c.orgPath };
  return attachFile(db, store, ctx, owner, purpose, checked);
}
