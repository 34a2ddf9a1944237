/**
 * /api/needs-surveys (officials: open, list, links and QR codes, results, export) and
 * /api/public/needs-surveys/:token (employees on a phone, no account). Thin handlers: authenticate → validate →
 * load (scoped) → authorise → service → present.
 */
import QRCode from 'qrcode';
import { authorize } from '../../auth/policy.js';
import type { App, Deps } from '../../deps.js';
import { contentDisposition } from '../../http/contentDisposition.js';
import { actorOf } from '../../request.js';
import { surveyPolicy } from './surveys.policy.js';
import { countsInScope, linksInScope, listVisibleSurveys } from './surveys.repo.js';
import { surveyResults } from './surveys.results.js';
import {
  createSurveyBody,
  linkListResponse,
  linkParams,
  listSurveysQuery,
  publicAnswerBody,
  publicAnswerResponse,
  publicCodeBody,
  publicCodeResponse,
  publicSurveyResponse,
  publicVerifyBody,
  publicVerifyResponse,
  qrQuery,
  resultsResponse,
  surveyIdParams,
  surveyListResponse,
  surveyResponse,
  tokenParams,
  updateSurveyBody,
} from './surveys.schema.js';
import { publicSurvey, saveSurveyAnswer, sendSurveyCode, verifySurveyPhone } from './surveys.public.js';
import {
  closeSurvey,
  loadLink,
  loadSurvey,
  openSurvey,
  presentSurvey,
  reissueLink,
  surveyRef,
  updateSurvey,
} from './surveys.service.js';
import { resultsWorkbook } from './surveys.xlsx.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../auth/actor.js';

/** Where a respondent lands: the parents' light app, its survey screen. */
export const surveyPath = (token: string) => `/m/#/survey/${token}`;

export async function surveyRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['needs-surveys'];
  const publicLimit = { max: deps.config.publicRateLimit.max, timeWindow: deps.config.publicRateLimit.windowMs };
  // A whole workplace may answer from one address (the unit's Wi-Fi): checking a code is bounded by the code's
  // own five attempts and saving by the ticket, so these allow more than sending texts does.
  const ticketLimit = { max: Math.max(60, publicLimit.max), timeWindow: publicLimit.timeWindow };

  const present = async (d: Db, actor: Actor, id: number, now: Date) => {
    const s = await loadSurvey(d, actor, id);
    const counts = await countsInScope(d, actor, [s.id]);
    return presentSurvey(actor, s, now, counts.get(s.id) ?? { units: 0, respondents: 0 });
  };

  app.get(
    '/api/needs-surveys',
    { schema: { tags, querystring: listSurveysQuery, response: { 200: surveyListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const rows = await listVisibleSurveys(db, actor, req.query.campaignId);
      const counts = await countsInScope(
        db,
        actor,
        rows.map((s) => s.id),
      );
      return {
        items: rows.map((s) => presentSurvey(actor, s, req.ctx.now, counts.get(s.id) ?? { units: 0, respondents: 0 })),
      };
    },
  );

  app.post(
    '/api/needs-surveys',
    { schema: { tags, body: createSurveyBody, response: { 201: surveyResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await openSurvey(db, req.ctx, actor, req.body);
      return reply.code(201).send(await present(db, actor, id, req.ctx.now));
    },
  );

  app.get(
    '/api/needs-surveys/:id',
    { schema: { tags, params: surveyIdParams, response: { 200: surveyResponse } } },
    async (req) => present(db, actorOf(req), req.params.id, req.ctx.now),
  );

  app.patch(
    '/api/needs-surveys/:id',
    { schema: { tags, params: surveyIdParams, body: updateSurveyBody, response: { 200: surveyResponse } } },
    async (req) => {
      const actor = actorOf(req);
      await updateSurvey(db, req.ctx, actor, req.params.id, req.body);
      return present(db, actor, req.params.id, req.ctx.now);
    },
  );

  app.post(
    '/api/needs-surveys/:id/close',
    { schema: { tags, params: surveyIdParams, response: { 200: surveyResponse } } },
    async (req) => {
      const actor = actorOf(req);
      await closeSurvey(db, req.ctx, actor, req.params.id);
      return present(db, actor, req.params.id, req.ctx.now);
    },
  );

  app.get(
    '/api/needs-surveys/:id/links',
    { schema: { tags, params: surveyIdParams, response: { 200: linkListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const s = await loadSurvey(db, actor, req.params.id);
      const ref = surveyRef(s, req.ctx.now);
      const links = await linksInScope(db, actor, s.id);
      return {
        items: links.map((l) => {
          const mayToken = surveyPolicy.linkToken(actor, l);
          return {
            id: l.id,
            orgId: l.orgId,
            orgName: l.orgName,
            token: mayToken ? l.token : null,
            path: mayToken ? surveyPath(l.token) : null,
            respondents: l.respondents,
            abilities: { qr: mayToken, reissue: surveyPolicy.reissue(actor, ref, l) },
          };
        }),
      };
    },
  );

  app.post(
    '/api/needs-surveys/:id/links/:linkId/reissue',
    { schema: { tags, params: linkParams, response: { 200: linkListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      await reissueLink(db, req.ctx, actor, req.params.id, req.params.linkId);
      const s = await loadSurvey(db, actor, req.params.id);
      const l = await loadLink(db, actor, s, req.params.linkId);
      return {
        items: [
          {
            id: l.id,
            orgId: l.orgId,
            orgName: l.orgName,
            token: l.token,
            path: surveyPath(l.token),
            respondents: l.respondents,
            abilities: { qr: true, reissue: surveyPolicy.reissue(actor, surveyRef(s, req.ctx.now), l) },
          },
        ],
      };
    },
  );

  // The QR code a unit prints on its notice board: the absolute address of the unit's link, as seen by the
  // administrator's browser (the same host the employees will reach).
  app.get(
    '/api/needs-surveys/:id/links/:linkId/qr',
    { schema: { tags, params: linkParams, querystring: qrQuery } },
    async (req, reply) => {
      const actor = actorOf(req);
      const s = await loadSurvey(db, actor, req.params.id);
      const l = await loadLink(db, actor, s, req.params.linkId);
      authorize(surveyPolicy.linkToken(actor, l), true);
      const url = `${req.protocol}://${req.host}${surveyPath(l.token)}`;
      const name = `${l.orgName}-调研二维码.${req.query.format}`;
      reply.header('content-disposition', contentDisposition('attachment', name));
      if (req.query.format === 'svg') {
        const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
        return reply.header('content-type', 'image/svg+xml; charset=utf-8').send(svg);
      }
      const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 600 });
      return reply.header('content-type', 'image/png').send(png);
    },
  );

  app.get(
    '/api/needs-surveys/:id/results',
    { schema: { tags, params: surveyIdParams, response: { 200: resultsResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return surveyResults(db, actor, await loadSurvey(db, actor, req.params.id), req.ctx.now);
    },
  );

  app.get('/api/needs-surveys/:id/export', { schema: { tags, params: surveyIdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const s = await loadSurvey(db, actor, req.params.id);
    const results = await surveyResults(db, actor, s, req.ctx.now);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition('attachment', `${s.title}-调研结果.xlsx`))
      .send(await resultsWorkbook(results));
  });

  // ---- the respondents' side: public, rate-limited, the token is the key ------------------------------------
  app.get(
    '/api/public/needs-surveys/:token',
    {
      // Cheap and read by a whole workplace at once (a QR code on a meeting-room screen).
      config: { auth: 'public', rateLimit: { max: 300, timeWindow: 60_000 } },
      schema: { tags, params: tokenParams, response: { 200: publicSurveyResponse } },
    },
    async (req) => publicSurvey(db, req.ctx, req.params.token),
  );

  app.post(
    '/api/public/needs-surveys/:token/code',
    {
      config: { auth: 'public', rateLimit: publicLimit },
      schema: { tags, params: tokenParams, body: publicCodeBody, response: { 200: publicCodeResponse } },
    },
    async (req) => sendSurveyCode(db, deps.sender, deps.sealer, req.ctx, req.params.token, req.body.phone),
  );

  app.post(
    '/api/public/needs-surveys/:token/verify',
    {
      config: { auth: 'public', rateLimit: ticketLimit },
      schema: { tags, params: tokenParams, body: publicVerifyBody, response: { 200: publicVerifyResponse } },
    },
    async (req) => verifySurveyPhone(db, deps.sealer, req.ctx, req.params.token, req.body.phone, req.body.code),
  );

  app.put(
    '/api/public/needs-surveys/:token/answer',
    {
      config: { auth: 'public', rateLimit: ticketLimit },
      schema: { tags, params: tokenParams, body: publicAnswerBody, response: { 200: publicAnswerResponse } },
    },
    async (req) => saveSurveyAnswer(db, deps.sealer, req.ctx, req.params.token, req.body),
  );
}
