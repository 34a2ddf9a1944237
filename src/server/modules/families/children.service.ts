/**
 * Children (托管对象) and their consents. Guardians manage their own family's children; administrators of the
 * employer unit (or of a class the child applied to) read them. The ID number is validated (checksum, birth
 * date), stored encrypted with a keyed hash for duplicates, and leaves the server masked; revealing it is an
 * audited call. Health notes and photos show only while their consent stands.
 */
import { and, eq, exists, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { LIVE_STATUSES } from '../../../domain/enrolment/statuses.js';
import { maskIdNumber, maskPhone } from '../../../domain/people/mask.js';
import { parseResidentId } from '../../../domain/people/residentId.js';
import { todayInChina } from '../../../domain/calendar/dates.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { inScope } from '../../auth/scope.js';
import type { RequestContext } from '../../context.js';
import type { Sealer } from '../../crypto/secrets.js';
import type { Db } from '../../db/client.js';
import { children, classUnits, consents, enrolments, guardians, organizations, pickupAdults } from '../../db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { diff, recordEvent } from '../../events/audit.js';
import type { ChildDto, ChildInput } from './families.schema.js';

type ChildRow = typeof children.$inferSelect;
const ADMINS = ['city_admin', 'district_admin', 'unit_admin'] as const;
const STAFF = [...ADMINS, 'class_staff', 'volunteer', 'inspector'] as const;

export async function familyOf(db: Db, userId: number): Promise<number | null> {
  const [g] = await db.select({ familyId: guardians.familyId }).from(guardians).where(eq(guardians.userId, userId));
  return g?.familyId ?? null;
}

/** Admins of a guardian's employer unit, or staff of a class the child has a live application in. */
function staffCanSee(db: Db, actor: Actor, roles: readonly (typeof STAFF)[number][]): SQL {
  const byEmployer = exists(
    db
      .select({ one: sql`1` })
      .from(guardians)
      .innerJoin(organizations, eq(organizations.id, guardians.employerOrgId))
      .where(
        and(
          eq(guardians.familyId, children.familyId),
          inScope(
            organizations.path,
            actor,
            roles.filter((r) => (ADMINS as readonly string[]).includes(r)),
          ),
        ),
      ),
  );
  const byClass = exists(
    db
      .select({ one: sql`1` })
      .from(enrolments)
      .innerJoin(classUnits, eq(classUnits.classId, enrolments.classId))
      .innerJoin(organizations, eq(organizations.id, classUnits.orgId))
      .where(
        and(
          eq(enrolments.childId, children.id),
          inArray(enrolments.status, [...LIVE_STATUSES]),
          inScope(organizations.path, actor, roles),
        ),
      ),
  );
  return or(byEmployer, byClass) as SQL;
}

export async function loadChild(db: Db, actor: Actor, id: number): Promise<{ row: ChildRow; own: boolean }> {
  const familyId = await familyOf(db, actor.userId);
  const [row] = await db
    .select()
    .from(children)
    .where(
      and(
        eq(children.id, id),
        or(familyId ? eq(children.familyId, familyId) : sql`false`, staffCanSee(db, actor, STAFF)),
      ),
    );
  if (!row) throw notFound();
  return { row, own: row.familyId === familyId };
}

/** The consents in force for a set of children, answered per child. */
async function consentState(db: Db, familyIds: number[]) {
  const rows = await db
    .select()
    .from(consents)
    .where(and(inArray(consents.familyId, familyIds), isNull(consents.withdrawnAt)));
  return (familyId: number, childId: number) => ({
    privacy: rows.some((c) => c.kind === 'privacy' && c.familyId === familyId),
    health: rows.some((c) => c.kind === 'health' && c.childId === childId),
    photo: rows.some((c) => c.kind === 'photo' && c.childId === childId),
    publicity: rows.some((c) => c.kind === 'publicity' && c.childId === childId),
  });
}

export async function presentChildren(
  db: Db,
  _actor: Actor,
  rows: ChildRow[],
  own: boolean,
  revealAllowed: (r: ChildRow) => boolean,
): Promise<ChildDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const adults = await db
    .select()
    .from(pickupAdults)
    .where(and(inArray(pickupAdults.childId, ids), isNull(pickupAdults.revokedAt)));
  const consentOf = await consentState(db, [...new Set(rows.map((r) => r.familyId))]);
  const out: ChildDto[] = [];
  for (const r of rows) {
    const c = consentOf(r.familyId, r.id);
    const hidden = [...(c.health ? [] : ['allergies', 'healthNotes']), ...(c.photo ? [] : ['photo'])];
    out.push({
      id: r.id,
      name: r.name,
      gender: (r.gender ?? null) as ChildDto['gender'],
      birthDate: r.birthDate,
      school: r.school,
      grade: r.grade as ChildDto['grade'],
      selfCare: r.selfCare,
      allergies: c.health ? r.allergies : null,
      healthNotes: c.health ? r.healthNotes : null,
      idNumberMasked: r.idNumberMasked,
      emergencyContacts: (r.emergencyContacts as { name: string; relation?: string; phone: string }[]).map((e) => ({
        name: e.name,
        ...(e.relation ? { relation: e.relation } : {}),
        phoneMasked: maskPhone(e.phone),
      })),
      pickupAdults: adults
        .filter((a) => a.childId === r.id)
        .map((a) => ({
          id: a.id,
          name: a.name,
          relation: a.relation,
          phoneMasked: maskPhone(a.phone),
          allowed: a.allowed,
        })),
      consents: { privacy: c.privacy, health: c.health, photo: c.photo, publicity: c.publicity },
      hidden,
      version: r.version,
      abilities: { update: own, revealId: !!r.idNumberEnc && revealAllowed(r) },
    });
  }
  return out;
}

function checkChild(input: Partial<ChildInput>, now: Date, sealer: Sealer) {
  if (input.grade === 'K' && input.selfCare !== true) {
    throw invalid(
      '幼儿园阶段的孩子须具有自理能力（P-R1），请确认',
      'A kindergarten child must be able to look after themselves (P-R1)',
    );
  }
  if (input.birthDate && input.birthDate > todayInChina(now))
    throw invalid('出生日期不能晚于今天', 'The birth date is in the future');
  if (!input.idNumber) return {};
  const r = parseResidentId(input.idNumber, { birthDate: input.birthDate ?? null, asOf: todayInChina(now) });
  if (!r.ok)
    throw new AppError('VALIDATION_FAILED', {
      details: { zh: `idNumber: ${r.message.zh}`, en: `idNumber: ${r.message.en}` },
    });
  return { idNumberEnc: sealer.seal(r.id), idNumberMasked: maskIdNumber(r.id), idNumberHash: sealer.hash(r.id) };
}

export async function addChild(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  sealer: Sealer,
  input: ChildInput,
): Promise<ChildRow> {
  const familyId = await familyOf(db, actor.userId);
  if (!familyId) throw notFound();
  const sealed = checkChild(input, ctx.now, sealer);
  return db.transaction(async (tx) => {
    if (sealed.idNumberHash) {
      const [dup] = await tx
        .select({ id: children.id })
        .from(children)
        .where(eq(children.idNumberHash, sealed.idNumberHash));
      if (dup) throw conflict('该身份证号的孩子已登记', 'A child with this ID number is already registered');
    }
    // Consent comes first: nothing about the child is saved without the privacy notice accepted.
    const { consents: given, pickupAdults: adults = [], idNumber: _id, emergencyContacts = [], ...fields } = input;
    const [row] = await tx
      .insert(children)
      .values({
        ...fields,
        ...sealed,
        allergies: given.health ? (fields.allergies ?? null) : null,
        healthNotes: given.health ? (fields.healthNotes ?? null) : null,
        emergencyContacts,
        familyId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    const kinds = ['privacy', ...(given.health ? ['health'] : []), ...(given.photo ? ['photo'] : [])];
    await tx.insert(consents).values(
      kinds.map((kind) => ({
        familyId,
        childId: row.id,
        kind,
        noticeVersion: given.privacyNoticeVersion,
        grantedBy: actor.userId,
        grantedAt: ctx.now,
      })),
    );
    if (adults.length)
      await tx
        .insert(pickupAdults)
        .values(adults.map((a) => ({ ...a, phone: a.phone ?? null, childId: row.id, createdAt: ctx.now })));
    await recordEvent(tx, ctx, {
      action: 'child.create',
      entity: 'child',
      entityId: row.id,
      after: {
        name: row.name,
        grade: row.grade,
        idNumber: row.idNumberMasked,
        consents: kinds,
        pickupAdults: adults.length,
      },
    });
    return row;
  });
}

export async function updateChild(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  sealer: Sealer,
  id: number,
  input: Partial<ChildInput> & { version: number },
) {
  return db.transaction(async (tx) => {
    const { row, own } = await loadChild(tx, actor, id);
    authorize(own, true);
    if (row.version !== input.version) throw new AppError('STALE_VERSION');
    // Health details are kept only under the guardian's health consent, on update as on creation.
    const healthGiven = [input.allergies, input.healthNotes].some((v) => v != null && v !== '');
    if (healthGiven && !(await consentState(tx, [row.familyId]))(row.familyId, id).health) {
      const field = input.allergies != null && input.allergies !== '' ? 'allergies' : 'healthNotes';
      throw new AppError('VALIDATION_FAILED', {
        details: {
          zh: `${field}: 未同意健康信息授权，不能保存过敏史和健康备注；请先在孩子资料中同意健康信息授权`,
          en: `${field}: health details are kept only with the health consent; grant it on the child's page first`,
        },
      });
    }
    const merged = {
      grade: row.grade as ChildInput['grade'],
      selfCare: row.selfCare,
      birthDate: row.birthDate,
      ...input,
    };
    const checked = checkChild({ ...merged, idNumber: input.idNumber ?? null }, ctx.now, sealer);
    // undefined keeps the stored number, null removes it, a value replaces it.
    const sealed =
      input.idNumber === undefined
        ? {}
        : input.idNumber === null
          ? { idNumberEnc: null, idNumberMasked: null, idNumberHash: null }
          : checked;
    const { version: _v, idNumber: _i, consents: _c, pickupAdults: _p, ...fields } = input;
    const change = diff(row as Record<string, unknown>, { ...fields, ...sealed } as Record<string, unknown>);
    if (!change) return row;
    const [updated] = await tx
      .update(children)
      .set({ ...change.after, version: row.version + 1, updatedAt: ctx.now })
      .where(eq(children.id, id))
      .returning();
    if (!updated) throw new AppError('INTERNAL');
    const safe = (o: Record<string, unknown>) => ({
      ...o,
      idNumberEnc: o.idNumberEnc ? '[sealed]' : o.idNumberEnc,
      idNumberHash: undefined,
    });
    await recordEvent(tx, ctx, {
      action: 'child.update',
      entity: 'child',
      entityId: id,
      before: safe(change.before),
      after: safe(change.after),
    });
    return updated;
  });
}

export async function withdrawConsent(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  childId: number,
  kind: 'health' | 'photo' | 'publicity',
) {
  return db.transaction(async (tx) => {
    const { row, own } = await loadChild(tx, actor, childId);
    authorize(own, true);
    const r = await tx
      .update(consents)
      .set({ withdrawnAt: ctx.now })
      .where(
        and(
          eq(consents.familyId, row.familyId),
          eq(consents.childId, childId),
          eq(consents.kind, kind),
          isNull(consents.withdrawnAt),
        ),
      )
      .returning({ id: consents.id });
    if (r.length === 0) throw invalid('该项同意未授予或已撤回', 'This consent is not in force');
    // What the consent covered goes with it: health details on withdrawing health, the photo on withdrawing photo.
    const erased =
      kind === 'health' ? { allergies: null, healthNotes: null } : kind === 'photo' ? { photoFileId: null } : null;
    if (erased)
      await tx
        .update(children)
        .set({ ...erased, version: row.version + 1, updatedAt: ctx.now })
        .where(eq(children.id, childId));
    await recordEvent(tx, ctx, {
      action: 'consent.withdraw',
      entity: 'child',
      entityId: childId,
      after: { kind, ...(erased ? { erased: Object.keys(erased) } : {}) },
    });
  });
}

/**
 * Whether to offer the reveal button: administrators only. The reveal itself re-checks that the actor
 * administers the employer unit or a class the child applied to.
 */
export function mayOfferReveal(actor: Actor) {
  return (_r: ChildRow) => actor.grants.some((g) => (ADMINS as readonly string[]).includes(g.role));
}

export async function revealIdNumber(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  sealer: Sealer,
  id: number,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(children)
      .where(and(eq(children.id, id), staffCanSee(tx, actor, ADMINS)));
    authorize(!!row, false);
    if (!row?.idNumberEnc) throw notFound();
    await recordEvent(tx, ctx, { action: 'child.reveal_id', entity: 'child', entityId: id });
    return sealer.open(row.idNumberEnc);
  });
}

export async function listFamilyChildren(db: Db, familyId: number) {
  return db
    .select()
    .from(children)
    .where(and(eq(children.familyId, familyId), eq(children.active, true)))
    .orderBy(children.id);
}

/** Gives a health or photo consent after the child was saved (a withdrawn one can be given again). */
export async function grantConsent(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  childId: number,
  kind: 'health' | 'photo' | 'publicity',
  noticeVersion: string,
) {
  return db.transaction(async (tx) => {
    const { row, own } = await loadChild(tx, actor, childId);
    authorize(own, true);
    const [current] = await tx
      .select({ id: consents.id })
      .from(consents)
      .where(
        and(
          eq(consents.familyId, row.familyId),
          eq(consents.childId, childId),
          eq(consents.kind, kind),
          isNull(consents.withdrawnAt),
        ),
      );
    if (current) throw conflict('该项已授权', 'This consent is already given');
    await tx
      .insert(consents)
      .values({ familyId: row.familyId, childId, kind, noticeVersion, grantedBy: actor.userId, grantedAt: ctx.now });
    await recordEvent(tx, ctx, {
      action: 'consent.grant',
      entity: 'child',
      entityId: childId,
      after: { kind, noticeVersion },
    });
  });
}

/** Adds an adult who may (or must not) pick the child up. */
export async function addPickupAdult(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  childId: number,
  a: { name: string; relation: string; phone?: string | undefined; allowed: boolean },
) {
  return db.transaction(async (tx) => {
    const { own } = await loadChild(tx, actor, childId);
    authorize(own, true);
    const [row] = await tx
      .insert(pickupAdults)
      .values({ ...a, phone: a.phone ?? null, childId, createdAt: ctx.now })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'child.pickup_add',
      entity: 'child',
      entityId: childId,
      after: { id: row.id, name: a.name, relation: a.relation, phone: a.phone ?? null, allowed: a.allowed },
    });
    return row;
  });
}

/** Revokes a pickup adult: kept in the record with the time, never deleted (pick-ups are evidence). */
export async function revokePickupAdult(db: Db, ctx: RequestContext, actor: Actor, childId: number, adultId: number) {
  return db.transaction(async (tx) => {
    const { own } = await loadChild(tx, actor, childId);
    authorize(own, true);
    const [row] = await tx
      .update(pickupAdults)
      .set({ revokedAt: ctx.now })
      .where(and(eq(pickupAdults.id, adultId), eq(pickupAdults.childId, childId), isNull(pickupAdults.revokedAt)))
      .returning();
    if (!row) throw notFound();
    await recordEvent(tx, ctx, {
      action: 'child.pickup_revoke',
      entity: 'child',
      entityId: childId,
      before: { id: row.id, name: row.name, allowed: row.allowed },
    });
  });
}
