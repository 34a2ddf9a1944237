/**
 * The parents' satisfaction survey (#16). Parents' app: /api/parent/satisfaction (the family's surveys, one to
 * answer, the answer — 201, a second one 409). Console: /api/classes/:id/satisfaction (the class's results in
 * aggregate, its mid-point setting) and /api/satisfaction/indices (the city's and districts' table). Handlers are
 * thin: shapes in satisfaction.schema.ts, rules in satisfaction.policy.ts.
 */
import { and, eq } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import type { Round } from '../../../domain/satisfaction/indices.js';
import { authorize } from '../../auth/policy.js';
import { inScope } from '../../auth/scope.js';
import type { App, Deps } from '../../deps.js';
import { campaigns, guardians, organizations } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { actorOf } from '../../request.js';
import { loadClass } from '../classes/classes.service.js';
import { STATS_READERS, statsPolicy } from '../stats/stats.policy.js';
import { satisfactionAbilities, satisfactionPolicy } from './satisfaction.policy.js';
import { familyInvitation, listFamilyInvitations } from './satisfaction.repo.js';
import { indicesOf, roundResult } from './satisfaction.results.js';
import {
  answerBody,
  answeredResponse,
  classResultResponse,
  idParams,
  indicesQuery,
  indicesResponse,
  invitationDto,
  invitationListResponse,
  settingsBody,
} from './satisfaction.schema.js';
import { answerInvitation, midPointOf, setMidPoint } from './satisfaction.service.js';
import { satisfactionInvitations } from '../../db/tables/satisfaction.js';

type InvitationRow = NonNullable<Awaited<ReturnType<typeof familyInvitation>>>;
const present = (r: InvitationRow) => ({
  id: r.id,
  classId: r.classId,
  className: r.className,
  childName: r.childName,
  round: r.round as Round,
  asksMeals: r.asksMeals,
  sentAt: r.createdAt.toISOString(),
  answered: r.answeredAt !== null,
  answeredAt: r.answeredAt?.toISOString() ?? null,
});

export async function satisfactionRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['satisfaction'];

  /** Only a guardian (a parent's account) answers; other accounts are refused outright. */
  const guardian = async (userId: number) => {
    const [g] = await db.select({ userId: guardians.userId }).from(guardians).where(eq(guardians.userId, userId));
    if (!g) throw new AppError('FORBIDDEN');
  };

  app.get('/api/parent/satisfaction', { schema: { tags, response: { 200: invitationListResponse } } }, async (req) => {
    const actor = actorOf(req);
    await guardian(actor.userId);
    const items = (await listFamilyInvitations(db, actor.userId)).map(present);
    return { items, waiting: items.filter((i) => !i.answered).length };
  });

  app.get(
    '/api/parent/satisfaction/:id',
    { schema: { tags, params: idParams, response: { 200: invitationDto } } },
    async (req) => {
      const actor = actorOf(req);
      await guardian(actor.userId);
      const r = await familyInvitation(db, actor.userId, req.params.id);
      if (!r) throw notFound();
      return present(r);
    },
  );

  app.post(
    '/api/parent/satisfaction/:id',
    { schema: { tags, params: idParams, body: answerBody, response: { 201: answeredResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      await guardian(actor.userId);
      return reply.code(201).send(await answerInvitation(db, req.ctx, actor, req.params.id, req.body));
    },
  );

  app.get(
    '/api/classes/:id/satisfaction',
    { schema: { tags, params: idParams, response: { 200: classResultResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const { ref } = await loadClass(db, actor, req.params.id);
      authorize(satisfactionPolicy.readClass(actor, ref), true);
      const classId = req.params.id;
      const midPoint = await midPointOf(db, classId);
      const [mid] = await db
        .select({ id: satisfactionInvitations.id })
        .from(satisfactionInvitations)
        .where(and(eq(satisfactionInvitations.classId, classId), eq(satisfactionInvitations.round, 'mid')))
        .limit(1);
      const rounds = [await roundResult(db, classId, 'final')];
      if (midPoint || mid) rounds.push(await roundResult(db, classId, 'mid'));
      return { classId, midPoint, rounds, abilities: satisfactionAbilities(actor, ref) };
    },
  );

  app.put(
    '/api/classes/:id/satisfaction/settings',
    { schema: { tags, params: idParams, body: settingsBody } },
    async (req) => {
      const midPoint = await setMidPoint(db, req.ctx, actorOf(req), req.params.id, req.body.midPoint);
      return { midPoint };
    },
  );

  app.get(
    '/api/satisfaction/indices',
    { schema: { tags, querystring: indicesQuery, response: { 200: indicesResponse } } },
    async (req) => {
      const actor = actorOf(req);
      authorize(statsPolicy.read(actor), true);
      const q = req.query;
      const [org] = await db
        .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, path: organizations.path })
        .from(organizations)
        .where(
          and(
            eq(
              organizations.id,
              q.orgId ??
                [...actor.grants]
                  .filter((g) => STATS_READERS.includes(g.role))
                  .sort((a, b) => a.orgPath.length - b.orgPath.length)[0]?.orgId ??
                0,
            ),
            inScope(organizations.path, actor, STATS_READERS),
          ),
        );
      if (!org) throw notFound();
      const [camp] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, q.campaignId));
      if (!camp) throw notFound();
      return indicesOf(db, { campaignId: camp.id, asOf: q.asOf ?? todayInChina(req.ctx.now), org });
    },
  );
}
