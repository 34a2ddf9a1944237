/**
 * Reading the satisfaction survey. A guardian reaches invitations only through their own family (SQL: the family of
 * the signed-in guardian); a class's results are read in aggregate only — counts, sums and remarks — and never with
 * the enrolment, the family or the time of an answer.
 */
import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { maskPersonalText } from '../../../domain/people/mask.js';
import type { Db } from '../../db/client.js';
import { careClasses, children, enrolments, guardians, users } from '../../db/schema.js';
import { satisfactionAnswers, satisfactionInvitations } from '../../db/tables/satisfaction.js';

const inv = satisfactionInvitations;
const ans = satisfactionAnswers;

const invitationColumns = {
  id: inv.id,
  classId: inv.classId,
  enrolmentId: inv.enrolmentId,
  round: inv.round,
  createdAt: inv.createdAt,
  className: careClasses.name,
  meals: careClasses.meals,
  childName: children.name,
  answeredAt: ans.answeredAt,
};

function familyInvitations(db: Db, userId: number) {
  return db
    .select(invitationColumns)
    .from(inv)
    .innerJoin(guardians, and(eq(guardians.familyId, inv.familyId), eq(guardians.userId, userId)))
    .innerJoin(careClasses, eq(careClasses.id, inv.classId))
    .innerJoin(enrolments, eq(enrolments.id, inv.enrolmentId))
    .innerJoin(children, eq(children.id, enrolments.childId))
    .leftJoin(ans, eq(ans.invitationId, inv.id));
}

export type FamilyInvitation = Awaited<ReturnType<typeof familyInvitation>> & {};

/** One invitation of the signed-in guardian's family, or undefined (another family's is "not found"). */
export async function familyInvitation(db: Db, userId: number, id: number) {
  const [r] = await familyInvitations(db, userId).where(eq(inv.id, id));
  return r ? { ...r, asksMeals: r.meals !== 'none' } : undefined;
}

export async function listFamilyInvitations(db: Db, userId: number) {
  const rows = await familyInvitations(db, userId).orderBy(desc(inv.createdAt), desc(inv.id));
  return rows.map((r) => ({ ...r, asksMeals: r.meals !== 'none' }));
}

/** A round's answers of a class as bare scores and remarks: no ids, no times, no enrolments. */
export async function roundAnswers(db: Db, classId: number, round: string) {
  return db
    .select({
      overall: ans.overall,
      safety: ans.safety,
      care: ans.care,
      activities: ans.activities,
      meals: ans.meals,
      communication: ans.communication,
      happy: ans.happy,
      comment: ans.comment,
    })
    .from(ans)
    .where(and(eq(ans.classId, classId), eq(ans.round, round)))
    .orderBy(asc(ans.comment));
}

/**
 * The names a remark must not carry: the class's children and their guardians (by the accounts' display names).
 * Longest first, so "王小明" is masked before "王小".
 */
export async function namesOfClass(db: Db, classId: number): Promise<string[]> {
  const kids = await db
    .select({ name: children.name, familyId: enrolments.familyId })
    .from(enrolments)
    .innerJoin(children, eq(children.id, enrolments.childId))
    .where(eq(enrolments.classId, classId));
  const familyIds = [...new Set(kids.map((k) => k.familyId))];
  const adults = familyIds.length
    ? await db
        .select({ name: users.displayName })
        .from(guardians)
        .innerJoin(users, eq(users.id, guardians.userId))
        .where(and(inArray(guardians.familyId, familyIds), isNotNull(users.displayName)))
    : [];
  const names = new Set<string>();
  for (const n of [...kids.map((k) => k.name), ...adults.map((a) => a.name)]) {
    const t = (n ?? '').trim();
    if (t.length >= 2) names.add(t);
    // A child is often called by the given name alone ("小明" of "王小明").
    if (t.length >= 3) names.add(t.slice(1));
  }
  return [...names].sort((a, b) => b.length - a.length);
}

/** A remark as shown: names of the class's families replaced by "某某", phone and ID numbers masked. */
export function anonymiseRemark(text: string, names: readonly string[]): string {
  let out = text;
  for (const n of names) out = out.split(n).join('某某');
  return maskPersonalText(out);
}
