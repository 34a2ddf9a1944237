/**
 * The demo's April needs survey (调研摸底, P-K1): opened by the city for the demo campaign, closed before the
 * season, with a few hundred answers spread over the units — deterministic for the seed, so the results page,
 * the export and the stats' "needs-survey demand" show the same figures on every machine. Respondents' phones are
 * made up: each row keeps a hash of a demo label and a masked number, as real answers keep a keyed hash.
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { addDays } from '../../domain/calendar/dates.js';
import type { SurveyAnswers } from '../../domain/surveys/answers.js';
import { type SurveyQuestion, seasonWeeks } from '../../domain/surveys/questions.js';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/client.js';
import { campaigns, needsSurveyAnswers, needsSurveyLinks, needsSurveys, organizations } from '../db/schema.js';
import { recordEvent } from '../events/audit.js';
import { seededRng } from './random.js';

const sha = (s: string) => createHash('sha256').update(s).digest();

const QUESTIONS: SurveyQuestion[] = [
  { id: 'q1', label: '您所在的部门/车间', kind: 'text' },
  {
    id: 'q2',
    label: '孩子暑期目前主要由谁照看',
    kind: 'choice',
    options: ['祖辈', '父母轮流', '无人照看', '其他'],
  },
];

export async function loadDemoSurvey(
  tx: Db,
  ctx: RequestContext,
  o: { seed: number; campaignName: string; cityId: number; cityPath: string; createdBy: number },
): Promise<{ rows: number; answers: number }> {
  const rng = seededRng(o.seed * 7919 + 14);
  const [camp] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, o.cityId), eq(campaigns.name, o.campaignName)));
  if (!camp) throw new Error('demo survey: no campaign');
  const season = camp.params.season;
  // The summer itself: the demo's season runs on past August to cover its running class, families ask for July
  // and August.
  const weeks = seasonWeeks(season)
    .map((w) => w.monday)
    .slice(0, 8);
  // Opened about ten weeks before the season and closed three weeks later (April for a July season).
  const openedOn = addDays(season.start, -75);
  const closesOn = addDays(season.start, -54);
  const at = (d: string, hh: number) => new Date(`${d}T${String(hh).padStart(2, '0')}:00:00+08:00`);
  const [survey] = await tx
    .insert(needsSurveys)
    .values({
      campaignId: camp.id,
      orgId: o.cityId,
      title: `${camp.year}年职工子女暑期托管需求调研`,
      questions: QUESTIONS,
      status: 'closed',
      closesOn,
      createdBy: o.createdBy,
      createdAt: at(openedOn, 9),
      closedAt: at(addDays(closesOn, 1), 9),
    })
    .returning({ id: needsSurveys.id });
  if (!survey) throw new Error('demo survey not inserted');
  const units = await tx
    .select({ id: organizations.id, path: organizations.path })
    .from(organizations)
    .where(
      and(
        eq(organizations.kind, 'unit'),
        eq(organizations.active, true),
        sql`${organizations.path} LIKE ${`${o.cityPath}%`}`,
      ),
    )
    .orderBy(organizations.id);
  await tx.insert(needsSurveyLinks).values(
    units.map((u) => ({
      surveyId: survey.id,
      orgId: u.id,
      token: sha(`demo-survey:${o.seed}:${u.id}`).toString('base64url').slice(0, 24),
      createdAt: at(openedOn, 9),
    })),
  );
  const rows: (typeof needsSurveyAnswers.$inferInsert)[] = [];
  let n = 0;
  for (const u of units) {
    // Larger units answer more; a few answer nothing (the results show who has not).
    const count = rng.next() < 0.1 ? 0 : rng.int(3, 14);
    for (let i = 0; i < count; i++) {
      n++;
      const kids = rng.next() < 0.75 ? 1 : rng.next() < 0.85 ? 2 : 3;
      const children: SurveyAnswers['children'] = Array.from({ length: kids }, () => {
        const r = rng.next();
        const grade =
          r < 0.08
            ? 'K'
            : ((['1', '2', '3', '4', '5', '6'] as const)[Math.min(5, Math.floor(((r - 0.08) / 0.92) ** 1.4 * 6))] ??
              '1');
        return grade === 'K' ? { grade, selfCare: rng.next() < 0.8 } : { grade };
      });
      // Most families need the middle of the summer; some the whole season.
      const first = rng.int(0, Math.max(0, Math.floor(weeks.length / 3)));
      const span = rng.next() < 0.3 ? weeks.length : rng.int(2, Math.max(2, weeks.length - 2));
      const answers: SurveyAnswers = {
        children,
        weeks: weeks.slice(first, first + span),
        hours: {
          from: rng.pick(['07:30', '08:00', '08:00', '08:30', '09:00']),
          to: rng.pick(['17:00', '17:30', '17:30', '18:00', '18:30']),
        },
        lunch: rng.next() < 0.78,
        distanceKm: rng.pick([0.5, 3, 3, 5, 5, 10, 20]),
        payShare: rng.next() < 0.55 ? 'yes' : rng.next() < 0.6 ? 'unsure' : 'no',
        extra: {
          ...(rng.next() < 0.5 ? { q1: rng.pick(['办公室', '生产一车间', '财务科', '后勤保障部', '技术中心']) } : {}),
          q2: rng.pick(['祖辈', '祖辈', '父母轮流', '无人照看', '其他']),
        },
      };
      const when = at(addDays(openedOn, rng.int(0, 20)), rng.int(8, 21));
      rows.push({
        surveyId: survey.id,
        orgId: u.id,
        phoneHash: sha(`demo-respondent:${o.seed}:${n}`).toString('hex'),
        phoneMasked: `13${rng.int(0, 9)}****${String(rng.int(0, 9999)).padStart(4, '0')}`,
        answers,
        version: rng.next() < 0.1 ? 2 : 1,
        createdAt: when,
        updatedAt: when,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(needsSurveyAnswers).values(rows.slice(i, i + 500));
  await recordEvent(tx, ctx, {
    action: 'needs_survey.open',
    entity: 'needs_survey',
    entityId: survey.id,
    orgPath: o.cityPath,
    after: { demo: true, closesOn, units: units.length, answers: rows.length },
  });
  return { rows: 1 + units.length + rows.length, answers: rows.length };
}
