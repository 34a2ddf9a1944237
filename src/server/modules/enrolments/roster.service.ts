/**
 * Importing a unit's existing Excel roster into a class (名册导入): the whole file is checked first (every bad
 * cell reported by row and column); only a clean file is imported, in one transaction, and only if it fits the
 * places left. Each row becomes a child with an accepted place; a guardian already registered with that phone
 * gets the child in their family, otherwise a family is created that the guardian joins on registering.
 * Health notes from the file stay hidden until the guardian gives the health consent (PIPL).
 */
import { and, eq } from 'drizzle-orm';
import { maskIdNumber } from '../../../domain/people/mask.js';
import {
  checkRosterWorkbook,
  ROSTER_READ_LIMITS,
  type RosterCheckResult,
  rosterFileError,
} from '../../../domain/roster/index.js';
import { XlsxRefusal } from '../../../domain/xlsx/index.js';
import { todayInChina } from '../../../domain/calendar/dates.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Sealer } from '../../crypto/secrets.js';
import type { Db } from '../../db/client.js';
import { children, enrolments, families, guardians, organizations, users } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { readUploadedWorkbook } from '../../xlsx/read.js';
import { loadClass } from '../classes/classes.service.js';
import { adjustCounters, lockClass } from './allocation.js';
import { classEnrolmentPolicy, classEnrolmentRef } from './enrolments.policy.js';

/** Refuses (404/403) a caller who may not import a roster into the class: checked before the upload is read. */
export async function authorizeRosterImport(db: Db, actor: Actor, classId: number) {
  const c = classEnrolmentRef((await loadClass(db, actor, classId)).ref.units);
  authorize(classEnrolmentPolicy.importRoster(actor, c), true);
  return c;
}

export async function importRoster(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  sealer: Sealer,
  classId: number,
  buf: Buffer,
) {
  const lang = ctx.lang === 'en' ? 'en' : 'zh';
  const fail = (errors: { row: number; column: string; message: { zh: string; en: string } }[]) => {
    throw new AppError(
      'IMPORT_INVALID',
      { count: errors.length },
      { details: errors.map((e) => ({ row: e.row, column: e.column, message: e.message[lang] })) },
    );
  };
  let parsed: RosterCheckResult;
  try {
    // Read off the event loop, within the roster's limits (src/server/xlsx); a busy server answers 503 IMPORT_BUSY.
    parsed = checkRosterWorkbook(await readUploadedWorkbook(buf, ROSTER_READ_LIMITS), { asOf: todayInChina(ctx.now) });
  } catch (e) {
    if (e instanceof XlsxRefusal) return fail([{ row: 0, column: '', message: rosterFileError(e).localized }]);
    throw e;
  }
  if (parsed.errors.length) fail(parsed.errors);
  return db.transaction(async (tx) => {
    const owner = await authorizeRosterImport(tx, actor, classId);
    const { counters, cls } = await lockClass(tx, classId);
    const left = (cls.capacity ?? 0) - counters.placesTaken;
    if (parsed.rows.length > left) {
      fail([
        {
          row: 0,
          column: '',
          message: {
            zh: `名册有 ${parsed.rows.length} 人，本班只剩 ${left} 个名额`,
            en: `The roster has ${parsed.rows.length} children; ${left} places are left`,
          },
        },
      ]);
    }
    const errors: { row: number; column: string; message: { zh: string; en: string } }[] = [];
    let kindergarten = 0;
    const ids: number[] = [];
    for (const r of parsed.rows) {
      const hash = r.idNumber ? sealer.hash(r.idNumber) : null;
      if (hash) {
        const [dup] = await tx.select({ id: children.id }).from(children).where(eq(children.idNumberHash, hash));
        if (dup) {
          errors.push({
            row: r.row,
            column: '身份证号',
            message: { zh: '该身份证号的孩子已在系统中登记', en: 'A child with this ID number is already registered' },
          });
          continue;
        }
      }
      const [registered] = await tx
        .select({ familyId: guardians.familyId, employerPath: organizations.path })
        .from(users)
        .innerJoin(guardians, eq(guardians.userId, users.id))
        .innerJoin(organizations, eq(organizations.id, guardians.employerOrgId))
        .where(eq(users.phone, r.guardianPhone));
      // A family is matched only within the class's own units (issue 13: a row naming another unit's parent put a
      // child into that family with a place). Another unit's family is never joined without the guardian's own act.
      if (registered && !owner.unitPaths.some((p) => registered.employerPath.startsWith(p))) {
        errors.push({
          row: r.row,
          column: '监护人手机',
          message: {
            zh: '该手机号已由其他单位的职工注册：请家长本人在手机上报名，或由其所在单位办理',
            en: "This phone is registered by another unit's employee: the parent applies on their phone, or their own unit acts",
          },
        });
        continue;
      }
      let familyId = registered?.familyId;
      if (!familyId) {
        const [f] = await tx.insert(families).values({ createdAt: ctx.now }).returning();
        familyId = f?.id;
      }
      if (!familyId) throw new AppError('INTERNAL');
      const [child] = await tx
        .insert(children)
        .values({
          familyId,
          name: r.name,
          gender: r.gender,
          birthDate: r.birthDate,
          school: r.school,
          grade: String(r.grade),
          selfCare: r.selfCare,
          healthNotes: r.healthNotes,
          idNumberEnc: r.idNumber ? sealer.seal(r.idNumber) : null,
          idNumberMasked: r.idNumber ? maskIdNumber(r.idNumber) : null,
          idNumberHash: hash,
          emergencyContacts: [
            { name: r.guardianName, relation: '监护人', phone: r.guardianPhone },
            ...(r.emergencyName && r.emergencyPhone
              ? [{ name: r.emergencyName, relation: '紧急联系人', phone: r.emergencyPhone }]
              : []),
          ],
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      if (!child) throw new AppError('INTERNAL');
      const [live] = await tx
        .select({ id: enrolments.id })
        .from(enrolments)
        .where(and(eq(enrolments.classId, classId), eq(enrolments.childId, child.id)));
      if (live) continue;
      const [e] = await tx
        .insert(enrolments)
        .values({
          classId,
          childId: child.id,
          familyId,
          appliedBy: actor.userId,
          status: 'accepted',
          appliedAt: ctx.now,
          acceptedAt: ctx.now,
          reason: 'roster',
          feeStatus: cls.feeAmount > 0 ? 'due' : 'none',
        })
        .returning();
      if (r.grade === 'K') kindergarten++;
      if (e) ids.push(e.id);
    }
    if (errors.length) fail(errors);
    await adjustCounters(tx, classId, ids.length, kindergarten);
    await recordEvent(tx, ctx, {
      action: 'enrolment.roster_import',
      entity: 'class',
      entityId: classId,
      orgPath: owner.ownerPath,
      after: { imported: ids.length, rows: parsed.rows.length },
    });
    return ids.length;
  });
}
