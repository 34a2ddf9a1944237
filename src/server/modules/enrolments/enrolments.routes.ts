/** Enrolment API (issue 5): the parents' side (apply, confirm, withdraw, sign, insurance) and the units' side. */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { isIsoDate } from '../../../domain/calendar/dates.js';
import { actorOf } from '../../auth/plugin.js';
import { adminLevelOver, authorize } from '../../auth/policy.js';
import { careClasses, children, classEnrolment, enrolments } from '../../db/schema.js';
import type { App, Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { loadClass } from '../classes/classes.service.js';
import { loadOrg } from '../orgs/orgs.service.js';
import { familyOf } from '../families/children.service.js';
import {
  apply,
  confirmOffer,
  enrolmentsOfFamily,
  loadEnrolment,
  openClassesFor,
  withdraw,
} from './enrolments.service.js';
import { notifyFamily } from './allocation.js';
import { configureEnrolment, drawLottery, publishedLottery } from './lottery.service.js';
import { classReadiness, currentAgreement } from './readiness.repo.js';
import {
  AGREEMENT_TEMPLATE,
  publishAgreement,
  recordFee,
  reviewInsurance,
  signAgreement,
  submitInsurance,
} from './readiness.service.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const ok = z.object({ ok: z.literal(true) });
const isoDate = z.string().refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' });
const STATUSES = ['applied', 'offered', 'accepted', 'waitlisted', 'withdrawn', 'expired', 'rejected'] as const;

const enrolmentResponse = z.object({
  id: z.number(),
  classId: z.number(),
  childId: z.number(),
  status: z.enum(STATUSES),
  reason: z.string().nullable(),
  priorityGroup: z.number(),
  lotteryRank: z.number().nullable(),
  appliedAt: z.date(),
  offerExpiresAt: z.date().nullable(),
  feeStatus: z.string(),
});
const present = (e: typeof enrolments.$inferSelect) => ({
  id: e.id,
  classId: e.classId,
  childId: e.childId,
  status: e.status as (typeof STATUSES)[number],
  reason: e.reason,
  priorityGroup: e.priorityGroup,
  lotteryRank: e.lotteryRank,
  appliedAt: e.appliedAt,
  offerExpiresAt: e.offerExpiresAt,
  feeStatus: e.feeStatus,
});

const readinessRow = z.object({
  enrolmentId: z.number(),
  childId: z.number(),
  childName: z.string(),
  grade: z.string(),
  status: z.string(),
  agreementSigned: z.boolean(),
  insurance: z.enum(['missing', 'pending', 'confirmed', 'rejected']),
  insuranceProof: z
    .object({
      id: z.number(),
      insurer: z.string(),
      policyNo: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      fileId: z.number().nullable(),
      reviewNote: z.string().nullable(),
    })
    .nullable(),
  fee: z.string(),
  enrolled: z.boolean(),
  missing: z.array(z.string()),
});

export async function enrolmentRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['enrolments'];

  app.get(
    '/api/parent/classes',
    {
      schema: {
        tags,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                name: z.string(),
                orgName: z.string(),
                startDate: z.string().nullable(),
                endDate: z.string().nullable(),
                dailyStart: z.string().nullable(),
                dailyEnd: z.string().nullable(),
                feeAmount: z.number(),
                feeNote: z.string().nullable(),
                meals: z.string(),
                placesLeft: z.number(),
                allocation: z.string(),
                windowClosesAt: z.date().nullable(),
                gradesOffered: z.array(z.union([z.number(), z.string()])),
                publicDescription: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const rows = await openClassesFor(db, actorOf(req));
      return {
        items: rows.map((r) => ({
          id: Number(r.id),
          name: String(r.name),
          orgName: String(r.org_name),
          startDate: (r.start_date as string | null) ?? null,
          endDate: (r.end_date as string | null) ?? null,
          dailyStart: (r.daily_start as string | null) ?? null,
          dailyEnd: (r.daily_end as string | null) ?? null,
          feeAmount: Number(r.fee_amount),
          feeNote: (r.fee_note as string | null) ?? null,
          meals: String(r.meals),
          placesLeft: Math.max(0, Number(r.capacity ?? 0) - Number(r.places_taken)),
          allocation: String(r.allocation ?? 'fcfs'),
          windowClosesAt: r.window_closes_at ? new Date(r.window_closes_at as string) : null,
          gradesOffered: (typeof r.grades_offered === 'string' ? JSON.parse(r.grades_offered) : r.grades_offered) as (
            | number
            | string
          )[],
          publicDescription: (r.public_description as string | null) ?? null,
        })),
      };
    },
  );

  app.get(
    '/api/parent/enrolments',
    {
      schema: {
        tags,
        response: {
          200: z.object({
            items: z.array(
              enrolmentResponse.extend({
                className: z.string(),
                childName: z.string(),
                startDate: z.string().nullable(),
                endDate: z.string().nullable(),
                /** For a held place (offered/accepted): what is in place before the first day, and what is missing. */
                agreementSigned: z.boolean().optional(),
                insurance: z.enum(['missing', 'pending', 'confirmed', 'rejected']).optional(),
                /** Why staff rejected the latest insurance proof. */
                insuranceNote: z.string().nullable().optional(),
                enrolled: z.boolean().optional(),
                missing: z.array(z.string()).optional(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const familyId = await familyOf(db, actorOf(req).userId);
      if (!familyId) throw notFound();
      const rows = await enrolmentsOfFamily(db, familyId);
      const classIds = [
        ...new Set(rows.filter((r) => r.e.status === 'offered' || r.e.status === 'accepted').map((r) => r.e.classId)),
      ];
      const ready = new Map(
        (await Promise.all(classIds.map((id) => classReadiness(db, id)))).flat().map((r) => [r.enrolmentId, r]),
      );
      return {
        items: rows.map((r) => {
          const x = ready.get(r.e.id);
          return {
            ...present(r.e),
            className: r.className,
            childName: r.childName,
            startDate: r.startDate,
            endDate: r.endDate,
            ...(x
              ? {
                  agreementSigned: x.agreementSigned,
                  insurance: x.insurance,
                  insuranceNote: x.insurance === 'rejected' ? (x.insuranceProof?.reviewNote ?? null) : null,
                  enrolled: x.enrolled,
                  missing: x.missing,
                }
              : {}),
          };
        }),
      };
    },
  );

  app.post(
    '/api/enrolments',
    {
      schema: {
        tags,
        body: z.object({ classId: z.number().int().positive(), childId: z.number().int().positive() }),
        response: { 201: enrolmentResponse },
      },
    },
    async (req, reply) =>
      reply.code(201).send(present(await apply(db, req.ctx, actorOf(req), req.body, deps.database))),
  );

  app.post(
    '/api/enrolments/:id/confirm',
    { schema: { tags, params: idParams, response: { 200: ok } } },
    async (req) => {
      await confirmOffer(db, req.ctx, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/enrolments/:id/withdraw',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ reason: z.string().trim().min(2).max(500) }),
        response: { 200: ok },
      },
    },
    async (req) => {
      await withdraw(db, req.ctx, actorOf(req), req.params.id, req.body.reason);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/enrolments/:id/agreement',
    {
      schema: {
        tags,
        params: idParams,
        response: {
          200: z.object({
            id: z.number(),
            version: z.number(),
            title: z.string(),
            body: z.string(),
            sha256: z.string(),
            signed: z.boolean(),
          }),
        },
      },
    },
    async (req) => {
      const { e } = await loadEnrolment(db, actorOf(req), req.params.id);
      const [cls] = await db.select().from(careClasses).where(eq(careClasses.id, e.classId));
      const text = cls ? await currentAgreement(db, cls.orgId) : undefined;
      if (!text) throw notFound();
      const mine = (await classReadiness(db, e.classId)).find((r) => r.enrolmentId === e.id);
      return {
        id: text.id,
        version: text.version,
        title: text.title,
        body: text.body,
        sha256: text.sha256,
        signed: !!mine?.agreementSigned,
      };
    },
  );

  app.post(
    '/api/enrolments/:id/sign',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ typedName: z.string().trim().min(2).max(50), textSha256: z.string().length(64) }),
        response: { 200: ok },
      },
    },
    async (req) => {
      await signAgreement(db, req.ctx, actorOf(req), req.params.id, req.body.typedName, req.body.textSha256);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/enrolments/:id/insurance',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({
          insurer: z.string().trim().min(2).max(100),
          policyNo: z.string().trim().min(3).max(60),
          periodStart: isoDate,
          periodEnd: isoDate,
          fileId: z.number().int().positive().nullable().optional(),
        }),
        response: { 200: z.object({ proofId: z.number() }) },
      },
    },
    async (req) => {
      const row = await submitInsurance(db, req.ctx, actorOf(req), req.params.id, req.body);
      return { proofId: row?.id ?? 0 };
    },
  );

  app.post(
    '/api/insurance/:id/review',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ decision: z.enum(['confirmed', 'rejected']), note: z.string().trim().max(500).optional() }),
        response: { 200: ok },
      },
    },
    async (req) => {
      await reviewInsurance(db, req.ctx, actorOf(req), req.params.id, req.body.decision, req.body.note);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/enrolments/:id/fee',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ status: z.enum(['paid', 'waived']), receipt: z.string().trim().max(60).nullable() }),
        response: { 200: ok },
      },
    },
    async (req) => {
      await recordFee(db, req.ctx, actorOf(req), req.params.id, req.body.status, req.body.receipt);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/classes/:id/enrolments',
    {
      schema: {
        tags,
        params: idParams,
        response: {
          200: z.object({
            items: z.array(enrolmentResponse.extend({ childName: z.string(), grade: z.string() })),
            readiness: z.array(readinessRow),
          }),
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await loadClass(db, actor, req.params.id);
      const rows = await db
        .select({ e: enrolments, childName: children.name, grade: children.grade })
        .from(enrolments)
        .innerJoin(children, eq(children.id, enrolments.childId))
        .where(eq(enrolments.classId, req.params.id))
        .orderBy(enrolments.id);
      const readiness = (await classReadiness(db, req.params.id)).map(({ selfCare: _s, ...r }) => r);
      return { items: rows.map((r) => ({ ...present(r.e), childName: r.childName, grade: r.grade })), readiness };
    },
  );

  app.put(
    '/api/classes/:id/enrolment-settings',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({
          allocation: z.enum(['fcfs', 'lottery']),
          windowOpensAt: z.coerce.date().nullable().optional(),
          windowClosesAt: z.coerce.date().nullable().optional(),
          openToAll: z.boolean().optional(),
        }),
        response: { 200: ok },
      },
    },
    async (req) => {
      await configureEnrolment(db, req.ctx, actorOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/classes/:id/enrolment-settings',
    {
      schema: {
        tags,
        params: idParams,
        response: {
          200: z.object({
            allocation: z.enum(['fcfs', 'lottery']),
            windowOpensAt: z.date().nullable(),
            windowClosesAt: z.date().nullable(),
            openToAll: z.boolean(),
            placesTaken: z.number(),
            lotterySeedHash: z.string().nullable(),
            lotteryDrawnAt: z.date().nullable(),
          }),
        },
      },
    },
    async (req) => {
      await loadClass(db, actorOf(req), req.params.id);
      const [c] = await db.select().from(classEnrolment).where(eq(classEnrolment.classId, req.params.id));
      return {
        allocation: (c?.allocation ?? 'fcfs') as 'fcfs',
        windowOpensAt: c?.windowOpensAt ?? null,
        windowClosesAt: c?.windowClosesAt ?? null,
        openToAll: c?.openToAll ?? false,
        placesTaken: c?.placesTaken ?? 0,
        lotterySeedHash: c?.lotterySeedHash ?? null,
        lotteryDrawnAt: c?.lotteryDrawnAt ?? null,
      };
    },
  );

  app.get(
    '/api/orgs/:id/agreements/current',
    {
      schema: {
        tags,
        params: idParams,
        response: {
          200: z.object({
            id: z.number(),
            version: z.number(),
            title: z.string(),
            body: z.string(),
            sha256: z.string(),
            publishedAt: z.date(),
          }),
        },
      },
    },
    async (req) => {
      await loadOrg(db, actorOf(req), req.params.id);
      const a = await currentAgreement(db, req.params.id);
      if (!a) throw notFound();
      return {
        id: a.id,
        version: a.version,
        title: a.title,
        body: a.body,
        sha256: a.sha256,
        publishedAt: a.publishedAt,
      };
    },
  );

  app.post(
    '/api/classes/:id/lottery/draw',
    { schema: { tags, params: idParams, response: { 200: z.object({ entries: z.number() }) } } },
    async (req) => ({
      entries: await drawLottery(db, req.ctx, actorOf(req), req.params.id),
    }),
  );

  app.get(
    '/api/classes/:id/lottery',
    {
      schema: {
        tags,
        params: idParams,
        response: {
          200: z.object({
            seedHash: z.string().optional(),
            seed: z.string().optional(),
            drawnAt: z.date().nullable(),
            entries: z.array(z.object({ ref: z.string(), priorityGroup: z.number(), rank: z.number() })).optional(),
          }),
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      // Families who applied see the publication as well as the class's staff.
      const familyId = await familyOf(db, actor.userId);
      const applied = familyId
        ? await db
            .select({ id: enrolments.id })
            .from(enrolments)
            .where(and(eq(enrolments.classId, req.params.id), eq(enrolments.familyId, familyId)))
            .limit(1)
        : [];
      if (applied.length === 0) await loadClass(db, actor, req.params.id);
      return publishedLottery(db, req.params.id);
    },
  );

  app.get(
    '/api/agreements/template',
    { schema: { tags, response: { 200: z.object({ body: z.string() }) } } },
    async () => ({ body: AGREEMENT_TEMPLATE }),
  );

  app.post(
    '/api/orgs/:id/agreements',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({ title: z.string().trim().min(2).max(100), body: z.string().trim().min(20).max(20000) }),
        response: { 201: z.object({ id: z.number(), version: z.number(), sha256: z.string() }) },
      },
    },
    async (req, reply) => {
      const row = await publishAgreement(db, req.ctx, actorOf(req), req.params.id, req.body.title, req.body.body);
      return reply.code(201).send({ id: row.id, version: row.version, sha256: row.sha256 });
    },
  );

  app.post(
    '/api/classes/:id/reminders',
    { schema: { tags, params: idParams, response: { 200: z.object({ sent: z.number() }) } } },
    async (req) => {
      const actor = actorOf(req);
      const { ref } = await loadClass(db, actor, req.params.id);
      const owner = ref.units.find((u) => u.isOwner);
      authorize(!!owner && adminLevelOver(actor, owner.path) >= 1, true);
      const missing = (await classReadiness(db, req.params.id)).filter((r) => !r.enrolled);
      const LABEL: Record<string, string> = {
        confirmation: '确认名额',
        agreement: '签署托管协议',
        insurance: '上传意外险保单',
        fee: '缴纳费用',
      };
      // Queued in one transaction and sent after commit by the outbox dispatcher (inbox + phone).
      const sent = await db.transaction(async (tx) => {
        let n = 0;
        for (const r of missing) {
          const [e] = await tx
            .select({ familyId: enrolments.familyId })
            .from(enrolments)
            .where(eq(enrolments.id, r.enrolmentId));
          if (!e) continue;
          const todo = r.missing.map((m) => LABEL[m] ?? m).join('、');
          const q = await notifyFamily(tx, req.ctx.now, e.familyId, {
            kind: 'enrolment.reminder',
            title: `${r.childName} 开班前待办`,
            body: `还需：${todo}。请登录办理。`,
            link: `/m/#/enrolments/${r.enrolmentId}`,
            sms: `【爱心托管】${r.childName} 开班前还需：${todo}。请登录办理。`,
          });
          n += q.outbox;
        }
        return n;
      });
      return { sent };
    },
  );
}
