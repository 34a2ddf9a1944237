/**
 * Families (issue 5): public registration endpoints, the guardian's own family and children, and the employer
 * unit's verification queue.
 */
import { and, desc, eq, ilike, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { maskPhone } from '../../../domain/people/mask.js';
import { actorOf } from '../../auth/plugin.js';
import { inScope } from '../../auth/scope.js';
import { guardians, organizations, users } from '../../db/schema.js';
import type { App, Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import {
  addChild,
  addPickupAdult,
  grantConsent,
  revokePickupAdult,
  familyOf,
  listFamilyChildren,
  loadChild,
  mayOfferReveal,
  presentChildren,
  revealIdNumber,
  updateChild,
  withdrawConsent,
} from './children.service.js';
import {
  childBody,
  childResponse,
  familyResponse,
  guardianResponse,
  mobileField,
  PRIVACY_NOTICE,
  phoneCodeBody,
  registerBody,
  updateChildBody,
  verifyGuardianBody,
  withdrawConsentBody,
} from './families.schema.js';
import { createFamilyInvite, registerParent, sendPhoneCode, verifyGuardian } from './registration.service.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const ok = z.object({ ok: z.literal(true) });

export async function familyRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['families'];
  const publicLimit = { max: deps.config.publicRateLimit.max, timeWindow: deps.config.publicRateLimit.windowMs };

  app.get(
    '/api/public/privacy-notice',
    {
      config: { auth: 'public' },
      schema: { tags, response: { 200: z.object({ version: z.string(), title: z.string(), body: z.string() }) } },
    },
    async () => PRIVACY_NOTICE,
  );

  // Registration needs to name the employer: active units by name, nothing more.
  app.get(
    '/api/public/employers',
    {
      config: { auth: 'public', rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags,
        querystring: z.object({ q: z.string().trim().min(2).max(50) }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) }) },
      },
    },
    async (req) => {
      const like = `%${req.query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = await db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(and(eq(organizations.kind, 'unit'), eq(organizations.active, true), ilike(organizations.name, like)))
        .limit(20);
      return { items: rows };
    },
  );

  app.post(
    '/api/parents/phone-code',
    {
      config: { auth: 'public', rateLimit: publicLimit },
      schema: { tags, body: phoneCodeBody, response: { 200: z.object({ expiresInSeconds: z.number() }) } },
    },
    async (req) => ({ expiresInSeconds: await sendPhoneCode(db, deps.sender, req.ctx, req.body.phone) }),
  );

  app.post(
    '/api/parents/register',
    {
      config: { auth: 'public', rateLimit: publicLimit },
      schema: { tags, body: registerBody, response: { 201: z.object({ userId: z.number() }) } },
    },
    async (req, reply) => reply.code(201).send({ userId: await registerParent(db, req.ctx, req.body) }),
  );

  app.get('/api/family', { schema: { tags, response: { 200: familyResponse } } }, async (req) => {
    const actor = actorOf(req);
    const familyId = await familyOf(db, actor.userId);
    if (!familyId) throw notFound();
    const gs = await db
      .select({ g: guardians, u: users, employerName: organizations.name })
      .from(guardians)
      .innerJoin(users, eq(users.id, guardians.userId))
      .innerJoin(organizations, eq(organizations.id, guardians.employerOrgId))
      .where(eq(guardians.familyId, familyId));
    const kids = await listFamilyChildren(db, familyId);
    return {
      familyId,
      guardians: gs.map(({ g, u, employerName }) => ({
        userId: u.id,
        displayName: u.displayName,
        phoneMasked: maskPhone(u.phone),
        employerOrgId: g.employerOrgId,
        employerName,
        status: g.status as 'pending',
        reason: g.reason,
        createdAt: g.createdAt,
      })),
      children: await presentChildren(db, actor, kids, true, () => false),
    };
  });

  app.post(
    '/api/family/invite',
    { schema: { tags, response: { 200: z.object({ code: z.string() }) } } },
    async (req) => ({
      code: await createFamilyInvite(db, req.ctx, actorOf(req)),
    }),
  );

  app.post(
    '/api/family/children',
    { schema: { tags, body: childBody, response: { 201: childResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const row = await addChild(db, req.ctx, actor, deps.sealer, req.body);
      const [dto] = await presentChildren(db, actor, [row], true, () => false);
      if (!dto) throw new AppError('INTERNAL');
      return reply.code(201).send(dto);
    },
  );

  app.patch(
    '/api/family/children/:id',
    { schema: { tags, params: idParams, body: updateChildBody, response: { 200: childResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const row = await updateChild(db, req.ctx, actor, deps.sealer, req.params.id, req.body);
      const [dto] = await presentChildren(db, actor, [row], true, () => false);
      if (!dto) throw new AppError('INTERNAL');
      return dto;
    },
  );

  app.post(
    '/api/family/consents/withdraw',
    { schema: { tags, body: withdrawConsentBody, response: { 200: ok } } },
    async (req) => {
      await withdrawConsent(db, req.ctx, actorOf(req), req.body.childId, req.body.kind);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/family/consents/grant',
    {
      schema: {
        tags,
        body: z.object({
          kind: z.enum(['health', 'photo']),
          childId: z.number().int().positive(),
          privacyNoticeVersion: z.string().trim().min(1).max(20),
        }),
        response: { 200: ok },
      },
    },
    async (req) => {
      await grantConsent(db, req.ctx, actorOf(req), req.body.childId, req.body.kind, req.body.privacyNoticeVersion);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/family/children/:id/pickup-adults',
    {
      schema: {
        tags,
        params: idParams,
        body: z.object({
          name: z.string().trim().min(1).max(50),
          relation: z.string().trim().min(1).max(20),
          phone: mobileField.optional(),
          allowed: z.boolean(),
        }),
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ id: (await addPickupAdult(db, req.ctx, actorOf(req), req.params.id, req.body)).id }),
  );

  app.post(
    '/api/family/children/:id/pickup-adults/:adultId/revoke',
    {
      schema: {
        tags,
        params: z.object({ id: z.coerce.number().int().positive(), adultId: z.coerce.number().int().positive() }),
        response: { 200: ok },
      },
    },
    async (req) => {
      await revokePickupAdult(db, req.ctx, actorOf(req), req.params.id, req.params.adultId);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/children/:id',
    { schema: { tags, params: idParams, response: { 200: childResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const { row, own } = await loadChild(db, actor, req.params.id);
      const [dto] = await presentChildren(db, actor, [row], own, own ? () => false : mayOfferReveal(actor));
      if (!dto) throw new AppError('INTERNAL');
      return dto;
    },
  );

  app.post(
    '/api/children/:id/reveal-id',
    { schema: { tags, params: idParams, response: { 200: z.object({ idNumber: z.string() }) } } },
    async (req) => ({ idNumber: await revealIdNumber(db, req.ctx, actorOf(req), deps.sealer, req.params.id) }),
  );

  app.get(
    '/api/guardians',
    {
      schema: {
        tags,
        querystring: z.object({
          status: z.enum(['pending', 'verified', 'rejected']).optional(),
          orgId: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: z.object({ items: z.array(guardianResponse) }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const conds: SQL[] = [inScope(organizations.path, actor, ['city_admin', 'district_admin', 'unit_admin'])];
      if (req.query.status) conds.push(eq(guardians.status, req.query.status));
      if (req.query.orgId) conds.push(eq(guardians.employerOrgId, req.query.orgId));
      const rows = await db
        .select({ g: guardians, u: users, employerName: organizations.name })
        .from(guardians)
        .innerJoin(users, eq(users.id, guardians.userId))
        .innerJoin(organizations, eq(organizations.id, guardians.employerOrgId))
        .where(and(...conds))
        .orderBy(desc(guardians.createdAt))
        .limit(500);
      return {
        items: rows.map(({ g, u, employerName }) => ({
          userId: u.id,
          displayName: u.displayName,
          phoneMasked: maskPhone(u.phone),
          employerOrgId: g.employerOrgId,
          employerName,
          status: g.status as 'pending',
          reason: g.reason,
          createdAt: g.createdAt,
        })),
      };
    },
  );

  app.post(
    '/api/guardians/:id/verify',
    { schema: { tags, params: idParams, body: verifyGuardianBody, response: { 200: ok } } },
    async (req) => {
      await verifyGuardian(db, req.ctx, actorOf(req), req.params.id, req.body.decision, req.body.reason);
      return { ok: true as const };
    },
  );
}
