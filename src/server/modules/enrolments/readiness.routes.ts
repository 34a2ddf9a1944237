/**
 * Before the first day (P-R7), the routes: the unit's custody agreement (template, publish, current text), the
 * family's signature and insurance proof, staff's insurance review and fee record, and reminders to the families
 * who still miss something. Registered by enrolmentRoutes.
 */
import { templateForUnits } from '../campaigns/agreement-templates.js';
import { z } from 'zod';
import type { App, Deps } from '../../deps.js';
import { actorOf } from '../../request.js';
import {
  agreementTemplateResponse,
  currentAgreementResponse,
  enrolmentAgreementResponse,
  feeBody,
  idParams,
  insuranceBody,
  insuranceReviewBody,
  insuranceSubmittedResponse,
  okResponse,
  publishAgreementBody,
  publishedAgreementResponse,
  remindersResponse,
  signBody,
} from './enrolments.schema.js';
import {
  agreementForEnrolment,
  currentAgreementOf,
  publishAgreement,
  recordFee,
  requestSignCode,
  reviewInsurance,
  sendReminders,
  signAgreement,
  submitInsurance,
} from './readiness.service.js';

/** A signature: the verified name, the hash of the text read and the code sent to the guardian's phone. */
export const signWithCodeBody = signBody.extend({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});
export type SignWithCodeBody = z.infer<typeof signWithCodeBody>;
/** The exact text to sign, with the verified name the signature must match. */
export const signableAgreementResponse = enrolmentAgreementResponse.extend({ signerName: z.string().nullable() });
export type SignableAgreement = z.infer<typeof signableAgreementResponse>;
export const signCodeResponse = z.object({ expiresInSeconds: z.number(), phone: z.string() });

export async function readinessRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['enrolments'];

  app.get(
    '/api/enrolments/:id/agreement',
    { schema: { tags, params: idParams, response: { 200: signableAgreementResponse } } },
    async (req) => agreementForEnrolment(db, actorOf(req), req.params.id),
  );

  app.post(
    '/api/enrolments/:id/sign-code',
    { schema: { tags, params: idParams, response: { 200: signCodeResponse } } },
    async (req) => requestSignCode(db, deps.sender, req.ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/api/enrolments/:id/sign',
    { schema: { tags, params: idParams, body: signWithCodeBody, response: { 200: okResponse } } },
    async (req) => {
      await signAgreement(db, req.ctx, actorOf(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/enrolments/:id/insurance',
    { schema: { tags, params: idParams, body: insuranceBody, response: { 200: insuranceSubmittedResponse } } },
    async (req) => {
      const row = await submitInsurance(db, req.ctx, actorOf(req), req.params.id, req.body);
      return { proofId: row?.id ?? 0 };
    },
  );

  app.post(
    '/api/insurance/:id/review',
    { schema: { tags, params: idParams, body: insuranceReviewBody, response: { 200: okResponse } } },
    async (req) => {
      await reviewInsurance(db, req.ctx, actorOf(req), req.params.id, req.body.decision, req.body.note);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/enrolments/:id/fee',
    { schema: { tags, params: idParams, body: feeBody, response: { 200: okResponse } } },
    async (req) => {
      await recordFee(db, req.ctx, actorOf(req), req.params.id, req.body.status, req.body.receipt);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/classes/:id/reminders',
    { schema: { tags, params: idParams, response: { 200: remindersResponse } } },
    async (req) => ({ sent: await sendReminders(db, req.ctx, actorOf(req), req.params.id) }),
  );

  app.get(
    '/api/orgs/:id/agreements/current',
    { schema: { tags, params: idParams, response: { 200: currentAgreementResponse } } },
    async (req) => currentAgreementOf(db, actorOf(req), req.params.id),
  );

  // What a unit starts its own text from: the city's template of the campaign in force (or the built-in default).
  app.get('/api/agreements/template', { schema: { tags, response: { 200: agreementTemplateResponse } } }, async () => {
    const t = await templateForUnits(db);
    return { body: t.body, title: t.title, campaignId: t.campaignId };
  });

  app.post(
    '/api/orgs/:id/agreements',
    { schema: { tags, params: idParams, body: publishAgreementBody, response: { 201: publishedAgreementResponse } } },
    async (req, reply) => {
      const row = await publishAgreement(db, req.ctx, actorOf(req), req.params.id, req.body.title, req.body.body);
      return reply.code(201).send({ id: row.id, version: row.version, sha256: row.sha256 });
    },
  );
}
