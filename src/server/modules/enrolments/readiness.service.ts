/**
 * Before the first day (P-R7): the unit's custody agreement (托管协议, versioned; guardians sign the exact text
 * by its hash), the guardian's own accident insurance (proof, confirmed by staff) and the parents' fee (paid or
 * waived, with the receipt). A child counts as enrolled for the policy engine only when all three are in place;
 * the class's administrators remind the families who still miss something.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { isHoldingStatus } from '../../../domain/enrolment/statuses.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import {
  agreementSignatures,
  agreementTexts,
  careClasses,
  enrolments,
  files,
  insuranceProofs,
  users,
} from '../../db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { loadClass } from '../classes/classes.service.js';
import { findVisibleOrg } from '../orgs/orgs.repo.js';
import { loadOrg } from '../orgs/orgs.service.js';
import { notifyFamily } from './allocation.js';
import {
  agreementPolicy,
  classEnrolmentPolicy,
  classEnrolmentRef,
  enrolmentPolicy,
  enrolmentRef,
} from './enrolments.policy.js';
import type { InsuranceInput } from './enrolments.schema.js';
import { loadEnrolment } from './enrolments.service.js';
import type { MessageSender } from '../../messaging/sender.js';
import { classReadiness, currentAgreement } from './readiness.repo.js';
import {
  assertSignatureName,
  consumeSignCode,
  sendSignCode,
  signableAgreement,
  verifiedSigner,
} from './signing.service.js';

// The default template (complete clauses, filled per class when a family reads and signs it).

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * The agreement a family signs for an application: the unit's current text filled with the class's facts (the
 * exact text and its hash), whether it is signed, and the verified name the signature must match.
 */
export async function agreementForEnrolment(db: Db, actor: Actor, enrolmentId: number) {
  const { e, classOrgId, own } = await loadEnrolment(db, actor, enrolmentId);
  const signable = await signableAgreement(db, e.classId, classOrgId);
  if (!signable) throw notFound();
  const mine = (await classReadiness(db, e.classId)).find((r) => r.enrolmentId === e.id);
  const { id, version, title } = signable.text;
  // Only the family signs: staff reading the text get no name to match.
  const [me] = own ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, actor.userId)) : [];
  return {
    id,
    version,
    title,
    body: signable.body,
    sha256: signable.sha256,
    signed: !!mine?.agreementSigned,
    signerName: me?.name ?? null,
  };
}

/** A unit's current agreement text, for whoever sees the unit. */
export async function currentAgreementOf(db: Db, actor: Actor, orgId: number) {
  await loadOrg(db, actor, orgId);
  const a = await currentAgreement(db, orgId);
  if (!a) throw notFound();
  const { id, version, title, body, sha256, publishedAt } = a;
  return { id, version, title, body, sha256, publishedAt };
}

export async function publishAgreement(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  orgId: number,
  title: string,
  body: string,
) {
  return db.transaction(async (tx) => {
    const org = await findVisibleOrg(tx, actor, orgId);
    if (!org) throw notFound();
    authorize(agreementPolicy.publish(actor, org), true);
    const prev = await currentAgreement(tx, orgId);
    // The template names the unit as {unit}; what guardians sign is the filled-in text.
    body = body.replaceAll('{unit}', org.name);
    const [row] = await tx
      .insert(agreementTexts)
      .values({
        orgId,
        version: (prev?.version ?? 0) + 1,
        title,
        body,
        sha256: sha(body),
        publishedBy: actor.userId,
        publishedAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'agreement.publish',
      entity: 'agreement',
      entityId: row.id,
      orgPath: org.path,
      after: { version: row.version, sha256: row.sha256 },
    });
    return row;
  });
}

/** Preconditions of signing, checked before a code is sent and again when signing (inside its transaction). */
async function signingCheck(tx: Db, actor: Actor, enrolmentId: number) {
  const loaded = await loadEnrolment(tx, actor, enrolmentId);
  authorize(enrolmentPolicy.sign(actor, enrolmentRef(loaded)), true);
  const { e, classOrgId } = loaded;
  if (!isHoldingStatus(e.status)) throw conflict('获得名额后才能签署协议', 'Sign once the child has a place');
  const signable = await signableAgreement(tx, e.classId, classOrgId);
  if (!signable) throw conflict('单位尚未发布托管协议', 'The unit has not published its agreement yet');
  const signer = await verifiedSigner(tx, actor);
  return { loaded, signable, signer };
}

/** Sends the fresh code that confirms a signature to the guardian's own phone. */
export async function requestSignCode(
  db: Db,
  sender: MessageSender,
  ctx: RequestContext,
  actor: Actor,
  enrolmentId: number,
) {
  const { signer } = await signingCheck(db, actor, enrolmentId);
  return sendSignCode(db, sender, ctx, enrolmentId, signer.phone);
}

/**
 * The verified guardian signs the exact text they read (its hash), under their verified name, with the code sent
 * to their phone. The signature keeps that text, its hash, its version and when the code was verified.
 */
export async function signAgreement(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  enrolmentId: number,
  input: { typedName: string; textSha256: string; code: string },
) {
  const typedName = input.typedName.trim();
  const checkInput = (signable: { sha256: string }, signer: { name: string }) => {
    if (signable.sha256 !== input.textSha256)
      throw conflict(
        '协议已更新，请阅读最新版本后签署',
        'The agreement changed; read the current version and sign again',
      );
    assertSignatureName(typedName, signer.name);
  };
  // Everything that does not need the code is refused first, so a mistyped name does not use up the code.
  const first = await signingCheck(db, actor, enrolmentId);
  checkInput(first.signable, first.signer);
  // The code check commits on its own: a wrong code counts an attempt even though signing is refused, and a
  // used code stays used (a second signature needs a new code).
  await consumeSignCode(db, ctx, enrolmentId, first.signer.phone, input.code);
  return db.transaction(async (tx) => {
    const { loaded, signable, signer } = await signingCheck(tx, actor, enrolmentId);
    checkInput(signable, signer);
    const { e, ownerPath } = loaded;
    const [sig] = await tx
      .insert(agreementSignatures)
      .values({
        enrolmentId,
        agreementTextId: signable.text.id,
        signerUserId: actor.userId,
        typedName,
        textSha256: signable.sha256,
        body: signable.body,
        phoneVerifiedAt: ctx.now,
        ip: ctx.ip,
        signedAt: ctx.now,
      })
      .returning();
    await recordEvent(tx, ctx, {
      action: 'enrolment.sign',
      entity: 'enrolment',
      entityId: enrolmentId,
      orgPath: ownerPath,
      after: {
        classId: e.classId,
        version: signable.text.version,
        sha256: signable.sha256,
        typedName,
        phoneVerified: true,
      },
    });
    return sig;
  });
}

export async function submitInsurance(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  enrolmentId: number,
  p: InsuranceInput,
) {
  return db.transaction(async (tx) => {
    const loaded = await loadEnrolment(tx, actor, enrolmentId);
    authorize(enrolmentPolicy.submitInsurance(actor, enrolmentRef(loaded)), true);
    const { e, ownerPath } = loaded;
    const [cls] = await tx.select().from(careClasses).where(eq(careClasses.id, e.classId));
    if (cls?.startDate && cls.endDate && (p.periodStart > cls.startDate || p.periodEnd < cls.endDate)) {
      throw invalid(
        `保险期间须覆盖托管期（${cls.startDate} 至 ${cls.endDate}）`,
        `The policy must cover the class (${cls.startDate} to ${cls.endDate})`,
      );
    }
    if (p.fileId) {
      const [f] = await tx.select().from(files).where(eq(files.id, p.fileId));
      if (f?.ownerType !== 'enrolment' || f.ownerId !== enrolmentId)
        throw invalid('保单文件无效', 'The policy file does not belong to this application');
    }
    const [row] = await tx
      .insert(insuranceProofs)
      .values({ enrolmentId, ...p, fileId: p.fileId ?? null, uploadedBy: actor.userId, uploadedAt: ctx.now })
      .returning();
    await recordEvent(tx, ctx, {
      action: 'enrolment.insurance_submit',
      entity: 'enrolment',
      entityId: enrolmentId,
      orgPath: ownerPath,
      after: { classId: e.classId, ...p },
    });
    return row;
  });
}

export async function reviewInsurance(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  proofId: number,
  decision: 'confirmed' | 'rejected',
  note?: string,
) {
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(insuranceProofs).where(eq(insuranceProofs.id, proofId));
    if (!p) throw notFound();
    const loaded = await loadEnrolment(tx, actor, p.enrolmentId);
    authorize(enrolmentPolicy.reviewInsurance(actor, enrolmentRef(loaded)), true);
    const { e, ownerPath } = loaded;
    if (decision === 'rejected' && !note?.trim()) throw invalid('退回时须说明原因', 'A rejection needs a note');
    await tx
      .update(insuranceProofs)
      .set({ status: decision, reviewedBy: actor.userId, reviewedAt: ctx.now, reviewNote: note ?? null })
      .where(eq(insuranceProofs.id, proofId));
    await recordEvent(tx, ctx, {
      action: 'enrolment.insurance_review',
      entity: 'enrolment',
      entityId: p.enrolmentId,
      orgPath: ownerPath,
      after: { classId: e.classId, decision, note: note ?? null },
    });
  });
}

export async function recordFee(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  enrolmentId: number,
  status: 'paid' | 'waived',
  receipt: string | null,
) {
  return db.transaction(async (tx) => {
    const loaded = await loadEnrolment(tx, actor, enrolmentId);
    authorize(enrolmentPolicy.recordFee(actor, enrolmentRef(loaded)), true);
    const { e, ownerPath } = loaded;
    if (e.feeStatus === 'none') throw conflict('本班不收费', 'This class charges no fee');
    if (status === 'paid' && !receipt?.trim()) throw invalid('请填写收据号', 'Enter the receipt reference');
    await tx
      .update(enrolments)
      .set({ feeStatus: status, feeReceipt: receipt, version: e.version + 1 })
      .where(eq(enrolments.id, enrolmentId));
    // Money is evidence: the change is kept in the audit log with both states.
    await recordEvent(tx, ctx, {
      action: 'enrolment.fee',
      entity: 'enrolment',
      entityId: enrolmentId,
      orgPath: ownerPath,
      before: { feeStatus: e.feeStatus, feeReceipt: e.feeReceipt },
      after: { classId: e.classId, feeStatus: status, feeReceipt: receipt },
    });
  });
}

const TODO_LABELS: Record<string, string> = {
  confirmation: '确认名额',
  agreement: '签署托管协议',
  insurance: '上传意外险保单',
  fee: '缴纳费用',
};

/**
 * Reminds every family whose child holds a place but still misses something (inbox and phone). Queued in one
 * transaction with its audit row and sent after commit by the outbox dispatcher. Answers how many texts were queued.
 */
export async function sendReminders(db: Db, ctx: RequestContext, actor: Actor, classId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const { ref } = await loadClass(tx, actor, classId);
    const c = classEnrolmentRef(ref.units);
    authorize(classEnrolmentPolicy.sendReminders(actor, c), true);
    const missing = (await classReadiness(tx, classId)).filter((r) => !r.enrolled);
    let sent = 0;
    for (const r of missing) {
      const todo = r.missing.map((m) => TODO_LABELS[m] ?? m).join('、');
      const q = await notifyFamily(tx, ctx.now, r.familyId, {
        kind: 'enrolment.reminder',
        title: `${r.childName} 开班前待办`,
        body: `还需：${todo}。请登录办理。`,
        link: `/m/#/enrolments/${r.enrolmentId}`,
        sms: `【爱心托管】${r.childName} 开班前还需：${todo}。请登录办理。`,
      });
      sent += q.outbox;
    }
    await recordEvent(tx, ctx, {
      action: 'enrolment.remind',
      entity: 'class',
      entityId: classId,
      orgPath: c.ownerPath,
      after: { enrolments: missing.map((r) => r.enrolmentId), sent },
    });
    return sent;
  });
}
