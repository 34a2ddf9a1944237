/**
 * /api/naming/…: the city's console for 公示 and naming (publish, objections and responses, the audited phone
 * reveal, naming, revocation, certificates). Thin handlers: authenticate → validate → the service loads scoped,
 * authorises and writes with its audit event. Every answer carries the caller's abilities.
 */
import { eq } from 'drizzle-orm';
import type { App, Deps } from '../../deps.js';
import { demonstrationNamings } from '../../db/tables/naming.js';
import { actorOf } from '../../request.js';
import { contentDisposition } from '../../http/contentDisposition.js';
import { loadCampaign } from '../campaigns/campaigns.service.js';
import { renderCertificate } from './naming.certificate.js';
import { loadNamingForCertificate, nameClasses, revokeNaming } from './naming.decisions.js';
import { namingPolicy } from './naming.policy.js';
import { unsafeNamings } from './naming.repo.js';
import {
  idParams,
  listQuery,
  nameBody,
  namingListResponse,
  noticeListResponse,
  noticeResponse,
  publishBody,
  respondBody,
  revealResponse,
  revokeBody,
} from './naming.schema.js';
import {
  listNotices,
  loadNotice,
  presentNaming,
  presentNotice,
  publishNotice,
  respondToObjection,
  revealObjectorPhone,
  verifyPath,
} from './naming.service.js';
import { namingAbilities } from './naming.policy.js';

export async function namingRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['naming'];

  const notice = async (req: { ctx: { now: Date } }, actor: Parameters<typeof loadNotice>[1], id: number) =>
    presentNotice(db, actor, await loadNotice(db, actor, id), req.ctx.now);

  app.get(
    '/api/naming/notices',
    { schema: { tags, querystring: listQuery, response: { 200: noticeListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const campaign = req.query.campaignId ? await loadCampaign(db, actor, req.query.campaignId) : null;
      return {
        items: await listNotices(db, actor, req.query.campaignId, req.ctx.now),
        abilities: campaign
          ? namingAbilities(actor, campaign)
          : { publish: false, respond: false, name: false, revoke: false, revealPhone: false },
      };
    },
  );

  app.post(
    '/api/naming/notices',
    { schema: { tags, body: publishBody, response: { 201: noticeResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await publishNotice(db, req.ctx, actor, req.body);
      return reply.code(201).send(await notice(req, actor, id));
    },
  );

  app.get(
    '/api/naming/notices/:id',
    { schema: { tags, params: idParams, response: { 200: noticeResponse } } },
    async (req) => notice(req, actorOf(req), req.params.id),
  );

  app.post(
    '/api/naming/objections/:id/responses',
    { schema: { tags, params: idParams, body: respondBody, response: { 201: noticeResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const noticeId = await respondToObjection(db, req.ctx, actor, req.params.id, req.body);
      return reply.code(201).send(await notice(req, actor, noticeId));
    },
  );

  app.post(
    '/api/naming/objections/:id/reveal-phone',
    { schema: { tags, params: idParams, response: { 200: revealResponse } } },
    async (req) => ({ phone: await revealObjectorPhone(db, deps.sealer, req.ctx, actorOf(req), req.params.id) }),
  );

  app.post(
    '/api/naming/namings',
    { schema: { tags, body: nameBody, response: { 201: noticeResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      await nameClasses(db, req.ctx, actor, req.body);
      return reply.code(201).send(await notice(req, actor, req.body.noticeId));
    },
  );

  app.get(
    '/api/naming/namings',
    { schema: { tags, querystring: listQuery, response: { 200: namingListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const where = req.query.campaignId ? eq(demonstrationNamings.campaignId, req.query.campaignId) : undefined;
      const rows = (await unsafeNamings(db, where)).filter(
        (x) => namingPolicy.read(actor, { orgPath: x.campaignOrgPath }) || namingPolicy.certificate(actor, x),
      );
      return { items: rows.map((x) => presentNaming(actor, x)) };
    },
  );

  app.post(
    '/api/naming/namings/:id/revoke',
    { schema: { tags, params: idParams, body: revokeBody, response: { 200: namingListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      await revokeNaming(db, req.ctx, actor, req.params.id, req.body);
      const rows = await unsafeNamings(db, eq(demonstrationNamings.id, req.params.id));
      return { items: rows.map((x) => presentNaming(actor, x)) };
    },
  );

  app.get('/api/naming/namings/:id/certificate.pdf', { schema: { tags, params: idParams } }, async (req, reply) => {
    const x = await loadNamingForCertificate(db, actorOf(req), req.params.id);
    const url = `${req.protocol}://${req.host}${verifyPath(x.verifyCode)}`;
    const pdf = await renderCertificate(x, url, x.campaignOrgName);
    reply.header('content-disposition', contentDisposition('attachment', `${x.className}-示范班证书.pdf`));
    return reply.type('application/pdf').send(pdf);
  });
}
