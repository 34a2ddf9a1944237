/**
 * Read side of "before the first day": the unit's current agreement text and, per child holding a place, what is
 * in place and what is missing. Depends on nothing but the schema, so the policy engine's snapshot can use it.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { HOLDING_STATUSES } from '../../../domain/enrolment/statuses.js';
import type { Db } from '../../db/client.js';
import {
  agreementSignatures,
  agreementTexts,
  careClasses,
  children,
  enrolments,
  insuranceProofs,
} from '../../db/schema.js';

export async function currentAgreement(db: Db, orgId: number) {
  const [a] = await db
    .select()
    .from(agreementTexts)
    .where(eq(agreementTexts.orgId, orgId))
    .orderBy(desc(agreementTexts.version))
    .limit(1);
  return a;
}

export interface Readiness {
  enrolmentId: number;
  /** Whose notices a reminder goes to. */
  familyId: number;
  childId: number;
  childName: string;
  grade: string;
  selfCare: boolean | null;
  status: string;
  agreementSigned: boolean;
  insurance: 'missing' | 'pending' | 'confirmed' | 'rejected';
  /** The latest proof submitted, for staff to review. */
  insuranceProof: {
    id: number;
    insurer: string;
    policyNo: string;
    periodStart: string;
    periodEnd: string;
    fileId: number | null;
    /** Staff's reason when they rejected it, so the guardian knows what to fix. */
    reviewNote: string | null;
  } | null;
  fee: string;
  enrolled: boolean;
  missing: string[];
}

/** Per child holding a place in a class (offered or accepted): what is in place and what is missing. */
export async function classReadiness(db: Db, classId: number): Promise<Readiness[]> {
  const [cls] = await db.select().from(careClasses).where(eq(careClasses.id, classId));
  if (!cls) return [];
  const text = await currentAgreement(db, cls.orgId);
  const rows = await db
    .select({ e: enrolments, name: children.name, grade: children.grade, selfCare: children.selfCare })
    .from(enrolments)
    .innerJoin(children, eq(children.id, enrolments.childId))
    .where(and(eq(enrolments.classId, classId), inArray(enrolments.status, [...HOLDING_STATUSES])))
    .orderBy(enrolments.id);
  const ids = rows.map((r) => r.e.id);
  const sigs = ids.length
    ? await db.select().from(agreementSignatures).where(inArray(agreementSignatures.enrolmentId, ids))
    : [];
  const proofs = ids.length
    ? await db
        .select()
        .from(insuranceProofs)
        .where(inArray(insuranceProofs.enrolmentId, ids))
        .orderBy(sql`${insuranceProofs.id} DESC`)
    : [];
  return rows.map((r) => {
    // A new agreement version needs a new signature.
    const signed = !!text && sigs.some((s) => s.enrolmentId === r.e.id && s.agreementTextId === text.id);
    const proof = proofs.find((p) => p.enrolmentId === r.e.id);
    const insurance = (proof?.status ?? 'missing') as Readiness['insurance'];
    const feeOk = r.e.feeStatus === 'none' || r.e.feeStatus === 'paid' || r.e.feeStatus === 'waived';
    const missing = [
      ...(r.e.status === 'accepted' ? [] : ['confirmation']),
      ...(signed ? [] : ['agreement']),
      ...(insurance === 'confirmed' ? [] : ['insurance']),
      ...(feeOk ? [] : ['fee']),
    ];
    return {
      enrolmentId: r.e.id,
      familyId: r.e.familyId,
      childId: r.e.childId,
      childName: r.name,
      grade: r.grade,
      selfCare: r.selfCare,
      status: r.e.status,
      agreementSigned: signed,
      insurance,
      insuranceProof: proof
        ? {
            id: proof.id,
            insurer: proof.insurer,
            policyNo: proof.policyNo,
            periodStart: proof.periodStart,
            periodEnd: proof.periodEnd,
            fileId: proof.fileId,
            reviewNote: proof.reviewNote,
          }
        : null,
      fee: r.e.feeStatus,
      enrolled: missing.length === 0,
      missing,
    };
  });
}
