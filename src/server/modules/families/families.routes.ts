/**
 * Families (issue 5): public registration endpoints, the guardian's own family and children, and the employer
 * unit's verification queue. Shapes in families.schema.ts; reads in families.repo.ts and the services.
 */
import { maskPhone } from '../../../domain/people/mask.js';
import type { App, Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { actorOf } from '../../request.js';
import {
  addChild,
  addPickupAdult,
  familyOf,
  grantConsent,
  listFamilyChildren,
  loadChild,
  mayOfferReveal,
  presentChildren,
  revealIdNumber,
  revokePickupAdult,
  updateChild,
  withdrawConsent,
} from './children.service.js';
import { familyGuardians, type GuardianRow, listVisibleGuardians, searchEmployers } from './families.repo.js';
import {
  childBody,
  childResponse,
  createdIdResponse,
  employerListResponse,
  employersQuery,
  familyResponse,
  grantConsentBody,
  guardianListResponse,
  guardiansQuery,
  idParams,
  inviteResponse,
  okResponse,
  PRIVACY_NOTICE,
  phoneCodeBody,
  phoneCodeResponse,
  pickupAdultBody,
  pickupAdultParams,
  privacyNoticeResponse,
  registerBody,
  registerResponse,
  revealIdResponse,
  updateChildBody,
  verifyGuardianBody,
  withdrawConsentBody,
} from './families.schema.js';
import { createFamilyInvite, registerParent, sendPhoneCode, verifyGuardian } from './registration.service.js';

const presentGuardian = ({ g, u, employerName }: GuardianRow) => ({
  userId: u.id,
  displayName: u.displayName,
  phoneMasked: maskPhone(u.phone),
  employerOrgId: g.employerOrgId,
  employerName,
  status: g.status as 'pending',
  reason: g.reason,
  createdAt: g.createdAt,
});

export async function familyRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['families'];
  const publicLimit = { max: deps.config.publicRateLimit.max, timeWindow: deps.config.publicRateLimit.windowMs };

  app.get(
    '/api/public/privacy-notice',
    {
      config: { auth: 'public' },
      schema: { tags, response: { 200: privacyNoticeResponse } },
    },
    async () => PRIVACY_NOTICE,
  );

  // Registration needs to name the employer: active units by name, nothing more.
  app.get(
    '/api/public/employers',
    {
      config: { auth: 'public', rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: { tags, querystring: employersQuery, response: { 200: employerListResponse } },
    },
    async (req) => ({ items: await searchEmployers(db, req.query.q) }),
  );

  app.post(
    '/api/parents/phone-code',
    {
      config: { auth: 'public', rateLimit: publicLimit },
      schema: { tags, body: phoneCodeBody, response: { 200: phoneCodeResponse } },
    },
    async (req) => ({ expiresInSeconds: await sendPhoneCode(db, deps.sender, req.ctx, req.body.phone) }),
  );

  app.post(
    '/api/parents/register',
    {
      config: { auth: 'public', rateLimit: publicLimit },
      schema: { tags, body: registerBody, response: { 201: registerResponse } },
    },
    async (req, reply) => reply.code(201).send({ userId: await registerParent(db, req.ctx, req.body) }),
  );

  app.get('/api/family', { schema: { tags, response: { 200: familyResponse } } }, async (req) => {
    const actor = actorOf(req);
    const familyId = await familyOf(db, actor.userId);
    if (!familyId) throw notFound();
    const gs = await familyGuardians(db, familyId);
    const kids = await listFamilyChildren(db, familyId);
    return {
      familyId,
      guardians: gs.map(presentGuardian),
      children: await presentChildren(db, actor, kids, true, () => false),
    };
  });

  app.post('/api/family/invite', { schema: { tags, response: { 200: inviteResponse } } }, async (req) => ({
    code: await createFamilyInvite(db, req.ctx, actorOf(req)),
  }));

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
    { schema: { tags, body: withdrawConsentBody, response: { 200: okResponse } } },
    async (req) => {
      await withdrawConsent(db, req.ctx, actorOf(req), req.body.childId, req.body.kind);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/family/consents/grant',
    {
      schema: { tags, body: grantConsentBody, response: { 200: okResponse } },
    },
    async (req) => {
      await grantConsent(db, req.ctx, actorOf(req), req.body.childId, req.body.kind, req.body.privacyNoticeVersion);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/family/children/:id/pickup-adults',
    {
      schema: { tags, params: idParams, body: pickupAdultBody, response: { 201: createdIdResponse } },
    },
    async (req, reply) =>
      reply.code(201).send({ id: (await addPickupAdult(db, req.ctx, actorOf(req), req.params.id, req.body)).id }),
  );

  app.post(
    '/api/family/children/:id/pickup-adults/:adultId/revoke',
    {
      schema: { tags, params: pickupAdultParams, response: { 200: okResponse } },
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
    { schema: { tags, params: idParams, response: { 200: revealIdResponse } } },
    async (req) => ({ idNumber: await revealIdNumber(db, req.ctx, actorOf(req), deps.sealer, req.params.id) }),
  );

  app.get(
    '/api/guardians',
    { schema: { tags, querystring: guardiansQuery, response: { 200: guardianListResponse } } },
    async (req) => ({
      items: (await listVisibleGuardians(db, actorOf(req), req.query)).map(presentGuardian),
    }),
  );

  app.post(
    '/api/guardians/:id/verify',
    { schema: { tags, params: idParams, body: verifyGuardianBody, response: { 200: okResponse } } },
    async (req) => {
      await verifyGuardian(db, req.ctx, actorOf(req), req.params.id, req.body.decision, req.body.reason);
      return { ok: true as const };
    },
  );
}
