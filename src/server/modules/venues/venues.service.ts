/**
 * Changing venues (场地): create, edit (optimistic version), deactivate/reactivate (never delete: classes of
 * past years point at them), the district's confirmation of the P-R4 checklist, and evidence uploads. Each write
 * runs in one transaction with its audit event (entity `venue`, so subscribers can re-judge the classes it serves).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { careClasses, organizations, venues } from '../../db/schema.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { diff, recordEvent } from '../../events/audit.js';
import type { FileStore } from '../../storage/fileStore.js';
import { checkUpload, type ReceivedUpload } from '../../storage/upload.js';
import { IMAGE_KINDS } from '../../storage/contentType.js';
import { filesOfOwner, type FileRow } from '../files/files.repo.js';
import { attachFile } from '../files/files.service.js';
import { notify } from '../notifications/notify.js';
import { findVisibleOrg } from '../orgs/orgs.repo.js';
import { ANSWER_KEYS, checklistComplete, checklistStatus, readChecklist } from './venues.checklist.js';
import { venueAbilities, venuePolicy } from './venues.policy.js';
import { findVisibleVenue, type VenueRow } from './venues.repo.js';
import {
  type ChecklistInput,
  type CreateVenueInput,
  EMPTY_CHECKLIST,
  type UpdateVenueInput,
  VENUE_FILE_PURPOSES,
  type VenueDto,
} from './venues.schema.js';

export const VENUE_OWNER = 'venue';

/** Editing any of these changes what the district vouched for, so it clears the confirmation. */
const CONFIRMED_FIELDS = ['checklist', 'location', 'buildingUse', 'floor', 'address'] as const;

/** `fireEvidence`: whether fire safety has its evidence file (venues.confirmation.ts), when the caller looked it up. */
export function presentVenue(actor: Actor, v: VenueRow, fireEvidence?: boolean): VenueDto {
  const checklist = readChecklist(v.checklist);
  return {
    id: v.id,
    orgId: v.orgId,
    orgName: v.orgName,
    name: v.name,
    divisionCode: v.divisionCode,
    address: v.address,
    location: v.location as VenueDto['location'],
    floor: v.floor,
    buildingUse: v.buildingUse as VenueDto['buildingUse'],
    areaM2: v.areaM2,
    capacity: v.capacity,
    checklist,
    checklistStatus: checklistStatus(v),
    checklistComplete: checklistComplete(checklist),
    confirmation:
      v.checklistConfirmedBy !== null && v.checklistConfirmedAt !== null
        ? { byId: v.checklistConfirmedBy, byName: v.confirmedByName, at: v.checklistConfirmedAt }
        : null,
    ...(fireEvidence === undefined ? {} : { fireEvidence }),
    active: v.active,
    version: v.version,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    abilities: venueAbilities(actor, v),
  };
}

export async function loadVenue(db: Db, actor: Actor, id: number): Promise<VenueRow> {
  const v = await findVisibleVenue(db, actor, id);
  if (!v) throw notFound();
  return v;
}

/** Evidence must be this venue's own files: a file id from elsewhere would let one unit cite another's papers. */
async function checkEvidence(tx: Db, venueId: number | null, c: ChecklistInput): Promise<void> {
  const cited = Object.values(c.evidence).flat();
  if (cited.length === 0) return;
  const own = new Set(venueId === null ? [] : (await filesOfOwner(tx, VENUE_OWNER, venueId)).map((f) => f.id));
  const foreign = cited.filter((id) => !own.has(id));
  if (foreign.length > 0) {
    throw invalid(
      `checklist.evidence: 文件 ${foreign.join('、')} 不是本场地上传的材料`,
      `checklist.evidence: files ${foreign.join(', ')} were not uploaded for this venue`,
    );
  }
}

export async function createVenue(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  input: CreateVenueInput,
): Promise<VenueRow> {
  return db.transaction(async (tx) => {
    const org = await findVisibleOrg(tx, actor, input.orgId);
    authorize(!!org && venuePolicy.create(actor, org), !!org);
    if (!org) throw notFound();
    if (org.kind !== 'unit') throw invalid('场地须登记在基层单位下', 'A venue belongs to a grassroots unit');
    const checklist = input.checklist ?? EMPTY_CHECKLIST;
    await checkEvidence(tx, null, checklist);
    const [row] = await tx
      .insert(venues)
      .values({
        orgId: org.id,
        name: input.name,
        divisionCode: input.divisionCode ?? null,
        address: input.address,
        location: input.location,
        floor: input.floor ?? null,
        buildingUse: input.buildingUse,
        areaM2: input.areaM2 ?? null,
        capacity: input.capacity ?? null,
        checklist,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'venue.create',
      entity: 'venue',
      entityId: row.id,
      orgPath: org.path,
      after: row,
    });
    return { ...row, orgPath: org.path, orgName: org.name, orgActive: org.active, confirmedByName: null };
  });
}

async function reload(tx: Db, actor: Actor, id: number): Promise<VenueRow> {
  const v = await findVisibleVenue(tx, actor, id);
  if (!v) throw new AppError('INTERNAL');
  return v;
}

export async function updateVenue(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: UpdateVenueInput,
): Promise<VenueRow> {
  return db.transaction(async (tx) => {
    const v = await findVisibleVenue(tx, actor, id);
    authorize(!!v && venuePolicy.update(actor, v), !!v);
    if (!v) throw notFound();
    if (v.version !== input.version) throw new AppError('STALE_VERSION');
    const { version: _v, ...fields } = input;
    if (fields.checklist) await checkEvidence(tx, v.id, fields.checklist);
    const current = { ...v, checklist: readChecklist(v.checklist) } as Record<string, unknown>;
    const change = diff(current, fields as Record<string, unknown>);
    if (!change) return v;
    const touchesConfirmed = CONFIRMED_FIELDS.some((k) => k in change.after);
    const clearConfirmation = touchesConfirmed && v.checklistConfirmedBy !== null;
    if (clearConfirmation) {
      // The audit row shows the confirmation going away alongside the edit that voided it.
      Object.assign(change.before, {
        checklistConfirmedBy: v.checklistConfirmedBy,
        checklistConfirmedAt: v.checklistConfirmedAt,
      });
      Object.assign(change.after, { checklistConfirmedBy: null, checklistConfirmedAt: null });
    }
    await tx
      .update(venues)
      .set({ ...change.after, version: v.version + 1, updatedAt: ctx.now })
      .where(eq(venues.id, v.id));
    await recordEvent(tx, ctx, {
      action: 'venue.update',
      entity: 'venue',
      entityId: v.id,
      orgPath: v.orgPath,
      ...change,
    });
    if (clearConfirmation) await flagApprovedClasses(tx, ctx, v);
    return reload(tx, actor, v.id);
  });
}

export async function setVenueActive(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  active: boolean,
  reason: string,
): Promise<VenueRow> {
  return db.transaction(async (tx) => {
    const v = await findVisibleVenue(tx, actor, id);
    authorize(!!v && (active ? venuePolicy.reactivate(actor, v) : venuePolicy.deactivate(actor, v)), !!v);
    if (!v) throw notFound();
    await tx
      .update(venues)
      .set({ active, version: v.version + 1, updatedAt: ctx.now })
      .where(eq(venues.id, v.id));
    await recordEvent(tx, ctx, {
      action: active ? 'venue.reactivate' : 'venue.deactivate',
      entity: 'venue',
      entityId: v.id,
      orgPath: v.orgPath,
      before: { active: v.active },
      after: { active, reason },
    });
    return reload(tx, actor, v.id);
  });
}

/** Classes past approval that a venue serves: a change to what the district vouched for concerns them. */
const APPROVED_STATUSES = ['approved', 'open', 'running'] as const;

/**
 * The checklist of a venue serving approved classes changed, so its confirmation is gone: each such class is
 * flagged to its district (the class shows `venueUnconfirmed`, computed from the venue) and the district's admins
 * get an in-app notice pointing at the venue to re-confirm.
 */
async function flagApprovedClasses(tx: Db, ctx: RequestContext, v: VenueRow): Promise<void> {
  const affected = await tx
    .select({ id: careClasses.id, name: careClasses.name, path: organizations.path })
    .from(careClasses)
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .where(and(eq(careClasses.venueId, v.id), inArray(careClasses.status, [...APPROVED_STATUSES])));
  for (const c of affected) {
    const districtId = Number(c.path.split('/')[2]);
    if (!Number.isInteger(districtId) || districtId <= 0) continue;
    await notify(
      tx,
      ctx.now,
      { orgs: [{ orgId: districtId, roles: ['district_admin'] }] },
      {
        kind: 'venue.checklist_changed',
        severity: 'warning',
        title: '已批准托管班的场地检查表有变更',
        body: `托管班「${c.name}」的场地「${v.name}」在批准后修改了检查内容，原确认已失效，请重新核查并确认检查表。`,
        link: `/venues/${v.id}`,
        data: { classId: c.id, venueId: v.id },
      },
      'venue.update',
    );
  }
}

/** 区县确认: the level above vouches for the answers as they stand at `version`; every item must be answered. */
export async function confirmChecklist(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  version: number,
): Promise<VenueRow> {
  return db.transaction(async (tx) => {
    const v = await findVisibleVenue(tx, actor, id);
    authorize(!!v && venuePolicy.confirmChecklist(actor, v), !!v);
    if (!v) throw notFound();
    if (v.version !== version) throw new AppError('STALE_VERSION');
    const checklist = readChecklist(v.checklist);
    if (!checklistComplete(checklist)) {
      const open = ANSWER_KEYS.filter((k) => checklist[k] === null);
      throw invalid(`检查项尚未全部填写：${open.join('、')}`, `Not every item is answered yet: ${open.join(', ')}`);
    }
    await tx
      .update(venues)
      .set({
        checklistConfirmedBy: actor.userId,
        checklistConfirmedAt: ctx.now,
        version: v.version + 1,
        updatedAt: ctx.now,
      })
      .where(eq(venues.id, v.id));
    await recordEvent(tx, ctx, {
      action: 'venue.confirmChecklist',
      entity: 'venue',
      entityId: v.id,
      orgPath: v.orgPath,
      before: { checklistConfirmedBy: v.checklistConfirmedBy, checklistConfirmedAt: v.checklistConfirmedAt },
      after: { checklistConfirmedBy: actor.userId, checklistConfirmedAt: ctx.now, checklist },
    });
    return reload(tx, actor, v.id);
  });
}

/** Keeps an evidence file for an already loaded and authorised venue. Photos must be pictures. */
export async function addVenueFile(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  v: VenueRow,
  received: ReceivedUpload,
): Promise<FileRow> {
  const purpose = received.fields.purpose;
  if (!purpose || !(VENUE_FILE_PURPOSES as readonly string[]).includes(purpose)) {
    throw invalid(
      `purpose: 须为 ${VENUE_FILE_PURPOSES.join('、')} 之一`,
      `purpose: must be one of ${VENUE_FILE_PURPOSES.join(', ')}`,
    );
  }
  const checked = checkUpload(received, purpose === 'photo' ? IMAGE_KINDS : undefined);
  const file = await attachFile(
    db,
    store,
    ctx,
    { ownerType: VENUE_OWNER, ownerId: v.id, orgId: v.orgId, orgPath: v.orgPath },
    purpose,
    checked,
  );
  // A venue event, so the classes it serves are re-judged (a fire certificate is fire-safety evidence).
  await db.transaction((tx) =>
    recordEvent(tx, ctx, {
      action: 'venue.file_add',
      entity: 'venue',
      entityId: v.id,
      orgPath: v.orgPath,
      after: { fileId: file.id, purpose, filename: file.filename },
    }),
  );
  return file;
}
