/**
 * The demonstration-class selection's starting point for tests: a finished class that meets the eligibility rules
 * (closed, evaluated, its unit's summary report submitted), and a unit's application for it, filled and submitted.
 */
import { expect } from 'vitest';
import { reports, ruleVerdicts } from '../../src/server/db/schema.js';
import type { Db } from '../../src/server/db/client.js';
import type { Agent } from './app.js';
import { buildClassFor } from './reports.js';

type Verdict = Pick<typeof ruleVerdicts.$inferInsert, 'results' | 'failing'>;

/** A closed class of the unit with a verdict (passing unless given) and the unit's summary report (submitted unless given). */
export async function eligibleClass(
  db: Db,
  o: { campaignId: number; unitId: number; now: Date; name: string; verdict?: Verdict; reportStatus?: string },
) {
  const cls = await buildClassFor(db, {
    campaignId: o.campaignId,
    unitId: o.unitId,
    status: 'closed',
    now: o.now,
    name: o.name,
  });
  await db.insert(ruleVerdicts).values({
    classId: cls.id,
    campaignId: o.campaignId,
    results: o.verdict?.results ?? [],
    failing: o.verdict?.failing ?? [],
    asOf: '2026-08-14',
    computedAt: o.now,
    trigger: 'test',
  });
  await db.insert(reports).values({
    campaignId: o.campaignId,
    orgId: o.unitId,
    type: 'summary',
    period: '',
    dueDate: '2026-08-30',
    status: o.reportStatus ?? 'submitted',
    submittedAt: o.now,
  });
  return cls;
}

/** The unit admin's application for the class, with its practices and outcomes, submitted; its id. */
export async function submittedApplication(
  unitAdmin: Agent,
  campaignId: number,
  classId: number,
  texts: { practices: string; outcomes: string } = {
    practices: '劳模讲堂、非遗剪纸、安全小课堂',
    outcomes: '服务职工子女 30 名，全程无安全事故',
  },
): Promise<number> {
  const created = await unitAdmin.post(`/api/campaigns/${campaignId}/selection/applications`, { classId });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as number;
  await unitAdmin.patch(`/api/selection/applications/${id}`, { ...texts, version: created.json().version });
  expect((await unitAdmin.post(`/api/selection/applications/${id}/submit`)).statusCode).toBe(200);
  return id;
}
