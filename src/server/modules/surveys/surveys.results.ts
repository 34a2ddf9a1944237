/**
 * The needs survey's results for the caller's part of the tree: each unit's tally next to its planned places,
 * each district's (the organisation right under the city that holds the unit) as the sum of its units, and the
 * total as the sum of the districts. Every figure is a count, so the sums add up by construction.
 */
import { surveyAnswersSchema } from '../../../domain/surveys/answers.js';
import { readQuestions, seasonWeeks } from '../../../domain/surveys/questions.js';
import { addAnswer, addTallies, emptyTally, peakWeekDemand, type SurveyTally } from '../../../domain/surveys/tally.js';
import type { Actor } from '../../auth/actor.js';
import type { Db } from '../../db/client.js';
import {
  answersInScope,
  countsInScope,
  linksInScope,
  plannedPlacesInScope,
  type SurveyRow,
  unsafeOrgNames,
} from './surveys.repo.js';
import type { SurveyResults } from './surveys.schema.js';
import { presentSurvey } from './surveys.service.js';

/** The id right under the root in a path (`/1/4/17/` → 4): the district or industry union holding a unit. */
export function districtIdOf(path: string): number | null {
  const ids = path.split('/').filter(Boolean).map(Number);
  return ids[1] ?? null;
}

const withFigures = (t: SurveyTally, plannedPlaces: number) => ({ ...t, plannedPlaces, peakWeek: peakWeekDemand(t) });

export async function surveyResults(db: Db, actor: Actor, s: SurveyRow, now: Date): Promise<SurveyResults> {
  const weeks = seasonWeeks(s.campaignParams.season);
  const mondays = weeks.map((w) => w.monday);
  const questions = readQuestions(s.questions);
  const [links, answers, places, counts] = await Promise.all([
    linksInScope(db, actor, s.id),
    answersInScope(db, actor, s.id),
    plannedPlacesInScope(db, actor, s.campaignId),
    countsInScope(db, actor, [s.id]),
  ]);
  const byUnit = new Map<number, SurveyTally>(links.map((l) => [l.orgId, emptyTally(mondays, questions)]));
  for (const a of answers) {
    const parsed = surveyAnswersSchema.safeParse(a.answers);
    const t = byUnit.get(a.orgId);
    if (parsed.success && t) addAnswer(t, parsed.data, questions);
  }
  const districtIds = [...new Set(links.map((l) => districtIdOf(l.orgPath) ?? l.orgId))];
  const names = await unsafeOrgNames(db, districtIds);
  const units = links.map((l) => {
    const districtId = districtIdOf(l.orgPath) ?? l.orgId;
    return {
      orgId: l.orgId,
      orgName: l.orgName,
      districtId,
      districtName: names.get(districtId) ?? l.orgName,
      ...withFigures(byUnit.get(l.orgId) ?? emptyTally(mondays, questions), places.get(l.orgId) ?? 0),
    };
  });
  const districts = districtIds.map((id) => {
    const mine = units.filter((u) => u.districtId === id);
    const tally = addTallies(
      emptyTally(mondays, questions),
      ...mine.map((u) => byUnit.get(u.orgId) ?? emptyTally(mondays)),
    );
    return {
      orgId: id,
      orgName: names.get(id) ?? '',
      units: mine.length,
      respondedUnits: mine.filter((u) => u.respondents > 0).length,
      ...withFigures(
        tally,
        mine.reduce((n, u) => n + u.plannedPlaces, 0),
      ),
    };
  });
  const total = addTallies(emptyTally(mondays, questions), ...[...byUnit.values()]);
  return {
    survey: presentSurvey(actor, s, now, counts.get(s.id) ?? { units: 0, respondents: 0 }),
    weeks,
    total: {
      units: units.length,
      respondedUnits: units.filter((u) => u.respondents > 0).length,
      ...withFigures(
        total,
        units.reduce((n, u) => n + u.plannedPlaces, 0),
      ),
    },
    districts,
    units,
  };
}
