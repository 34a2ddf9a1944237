/**
 * Loads the generated demo into a bootstrapped database in one transaction, with multi-row inserts so that it
 * runs at tens of thousands of rows per second. All demo people share one password hash (argon2 is slow on
 * purpose; hashing thousands of identical demo passwords would only waste time).
 */
import type { FileStore } from '../storage/fileStore.js';
import { eq, isNull, sql } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords.js';
import { systemContext } from '../context.js';
import type { Db } from '../db/client.js';
import { organizations, users } from '../db/schema.js';
import { recordEvent } from '../events/audit.js';
import { generateCityYear } from './city-year.js';
import { DEMO_PASSWORD, generateDemo } from './generate.js';
import { loadCityYear } from './load-city-year.js';
import { loadDemoFunding } from './load-funding.js';
import { loadDemoNaming } from './load-naming.js';
import { loadDemoSubsidies } from './load-subsidies.js';
import { loadDemoPublic } from './load-public.js';
import { loadDemoReports } from './load-reports.js';
import { loadDemoSelection } from './load-selection.js';
import { loadDemoSatisfaction } from './load-satisfaction.js';
import { loadDemoSupervision } from './load-supervision.js';
import { loadDemoSurvey } from './load-surveys.js';
import { loadDemoVolunteers } from './load-volunteers.js';
import { loadWorld, type WorldCounts } from './load-world.js';
import { generateWorld } from './world.js';

const BATCH = 1000;

async function inBatches<T>(rows: T[], fn: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await fn(rows.slice(i, i + BATCH));
}

export class DemoAlreadyLoadedError extends Error {}

export async function loadDemo(
  db: Db,
  opts: { scale: number; seed: number; now?: Date; store?: FileStore },
): Promise<{ rows: number; ms: number; orgs: number; users: number; world: WorldCounts }> {
  const started = performance.now();
  const { orgs, users: people } = generateDemo(opts);
  const ctx = systemContext(opts.now);
  const world = generateWorld({ seed: opts.seed, now: ctx.now, orgs });
  // The rest of the city's year: classes in every state at most units, about 1,100 families (issue 15).
  const cityYear = generateCityYear({ seed: opts.seed, orgs, people, world, now: ctx.now });
  people.push(...cityYear.users);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds = new Map<string, number>();
  const names = new Map(people.map((p) => [p.username, p.displayName]));
  const tx0 = await db.transaction(async (tx) => {
    const [root] = await tx.select().from(organizations).where(isNull(organizations.parentId)).limit(1);
    if (!root) throw new Error('the database has no root organisation; start the server once or run `tuoguan migrate`');
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = 'city'`);
    if (taken) throw new DemoAlreadyLoadedError('演示数据已载入 / the demo is already loaded');
    const idByKey = new Map<string, { id: number; path: string }>([['city', { id: root.id, path: root.path }]]);
    // Parents first: unions, then units (generateDemo lists them in that order).
    for (const level of [orgs.filter((o) => !o.parentKey), orgs.filter((o) => o.parentKey)]) {
      await inBatches(level, async (batch) => {
        const inserted = await tx
          .insert(organizations)
          .values(
            batch.map((o) => ({
              parentId: idByKey.get(o.parentKey ?? 'city')?.id ?? root.id,
              path: '',
              kind: o.kind,
              unitType: o.unitType,
              name: o.name,
              creditCode: o.creditCode,
              divisionCode: o.divisionCode,
              address: o.address,
              contactName: o.contactName,
              contactPhone: o.contactPhone,
              createdAt: ctx.now,
              updatedAt: ctx.now,
            })),
          )
          .returning({ id: organizations.id });
        inserted.forEach((r, i) => {
          const o = batch[i];
          if (!o) return;
          const parentPath = idByKey.get(o.parentKey ?? 'city')?.path ?? root.path;
          idByKey.set(o.key, { id: r.id, path: `${parentPath}${r.id}/` });
        });
      });
    }
    // Paths follow from the ids the database assigned: one pass per tree level (unions, then units).
    for (let level = 0; level < 2; level++) {
      await tx.execute(sql`UPDATE organizations o SET path = p.path || o.id || '/'
        FROM organizations p WHERE o.parent_id = p.id AND o.path = '' AND p.path <> ''`);
    }
    const [orphan] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.path, ''))
      .limit(1);
    if (orphan) throw new Error(`organisation ${orphan.id} has no path`);
    // People and grants go in as one JSON parameter per batch: far cheaper than thousands of bind parameters.
    await inBatches(people, async (batch) => {
      const rowsJson = JSON.stringify(
        batch.map((p) => ({ username: p.username, display_name: p.displayName, phone: p.phone })),
      );
      const inserted = (await tx.execute(sql`
        INSERT INTO users (username, display_name, phone, password_hash, must_change_password, created_at, updated_at)
        SELECT x.username, x.display_name, x.phone, ${passwordHash}, false, ${ctx.now.toISOString()}::timestamptz, ${ctx.now.toISOString()}::timestamptz
        FROM ROWS FROM (json_to_recordset(${rowsJson}::json) AS (username text, display_name text, phone text))
          WITH ORDINALITY AS x(username, display_name, phone, n)
        ORDER BY x.n
        RETURNING id`)) as unknown as { rows: { id: number }[] };
      inserted.rows.forEach((r, i) => {
        const p = batch[i];
        if (p) userIds.set(p.username, r.id);
      });
      const grantsJson = JSON.stringify(
        inserted.rows.map((r, i) => {
          const p = batch[i];
          const org = p ? idByKey.get(p.orgKey) : undefined;
          if (!p || !org) throw new Error('demo person without an organisation');
          return { user_id: r.id, role: p.role, org_id: org.id };
        }),
      );
      await tx.execute(sql`
        INSERT INTO role_grants (user_id, role, org_id, created_at)
        SELECT x.user_id, x.role, x.org_id, ${ctx.now.toISOString()}::timestamptz
        FROM json_to_recordset(${grantsJson}::json) AS x(user_id int, role text, org_id int)`);
    });
    const must = <T>(v: T | undefined, what: string): T => {
      if (v === undefined) throw new Error(`demo: no ${what}`);
      return v;
    };
    const counts = await loadWorld(
      tx,
      ctx,
      world,
      {
        rootId: root.id,
        orgId: (key) => must(idByKey.get(key), `organisation ${key}`).id,
        userId: (username) => must(userIds.get(username), `user ${username}`),
        name: (username) => must(names.get(username), `user ${username}`),
      },
      opts.store,
    );
    const more = await loadCityYear(
      tx,
      ctx,
      cityYear,
      {
        campaignName: world.campaign.name,
        cityId: root.id,
        orgId: (key) => must(idByKey.get(key), `organisation ${key}`).id,
        userId: (username) => must(userIds.get(username), `user ${username}`),
        name: (username) => must(names.get(username), `user ${username}`),
      },
      opts.store,
    );
    for (const k of ['rows', 'classes', 'children', 'attendanceEvents', 'attendanceDays'] as const)
      counts[k] += more[k];
    // The April needs survey, closed, with its answers (issue 14).
    const survey = await loadDemoSurvey(tx, ctx, {
      seed: opts.seed,
      campaignName: world.campaign.name,
      cityId: root.id,
      cityPath: root.path,
      createdBy: must(userIds.get('city'), 'user city'),
    });
    // The reporting calendar: accepted plans, a returned preparation report, monthly reports late and missing,
    // a summary in draft (issue 14).
    const reported = await loadDemoReports(tx, ctx, {
      campaignName: world.campaign.name,
      cityId: root.id,
      runningUnitId: must(idByKey.get('unit0'), 'organisation unit0').id,
      cityUserId: must(userIds.get('city'), 'user city'),
    });
    // Inspections with open and closed rectification items, a meeting, a published case (issue 15).
    const supervised = await loadDemoSupervision(tx, ctx, {
      campaignName: world.campaign.name,
      cityId: root.id,
      people: {
        inspector: {
          id: must(userIds.get('inspector'), 'user inspector'),
          name: must(names.get('inspector'), 'inspector'),
        },
        unitAdmin: { id: must(userIds.get('unit'), 'user unit'), name: must(names.get('unit'), 'unit') },
        district: { id: must(userIds.get('district'), 'user district'), name: must(names.get('district'), 'district') },
        city: { id: must(userIds.get('city'), 'user city'), name: must(names.get('city'), 'city') },
      },
    });
    // Budgets and ledgers on the campaign's first classes, one refused insurance payment from union money (issue 16).
    const funded = await loadDemoFunding(tx, ctx, {
      campaignName: world.campaign.name,
      cityId: root.id,
      staff: {
        id: must(userIds.get('staff'), 'user staff'),
        username: 'staff',
        name: must(names.get('staff'), 'staff'),
      },
    });
    // The city's union subsidy policy, its approved disbursement list, payments made and pending (issue 16).
    await loadDemoSubsidies(tx, ctx, {
      campaignName: world.campaign.name,
      cityId: root.id,
      cityUserId: must(userIds.get('city'), 'user city'),
    });
    // Calls for volunteers on several classes, applications in every state, the demo volunteer's hours (issue 17).
    await loadDemoVolunteers(tx, ctx, {
      campaignName: world.campaign.name,
      cityId: root.id,
      unitAdminId: must(userIds.get('unit'), 'user unit'),
      volunteerId: must(userIds.get('volunteer'), 'user volunteer'),
    });
    // The parents' satisfaction survey of the finished classes; the demo parent has one waiting (issue 16).
    await loadDemoSatisfaction(tx, ctx, {
      seed: opts.seed,
      cityId: root.id,
      parentUserId: userIds.get('parent'),
    });
    // The demonstration-class selection in progress, after the satisfaction survey so that dossiers carry its index:
    // applications, a district quota used, three reviewers' scores, a recusal, a flagged disagreement (issue 17).
    await loadDemoSelection(tx, ctx, {
      campaignName: world.campaign.name,
      cityId: root.id,
      cityUserId: must(userIds.get('city'), 'user city'),
      reviewerUserId: must(userIds.get('reviewer'), 'user reviewer'),
    });
    // Last year's finished campaign: ten whole classes (children, door, ledgers, papers) named after a 公示 with one
    // objection answered (issue 17).
    await loadDemoNaming(tx, ctx, {
      cityId: root.id,
      cityPath: root.path,
      year: world.campaign.year,
      cityUserId: must(userIds.get('city'), 'user city'),
      seed: opts.seed,
      store: opts.store,
    });
    // The public site: the city's news (published, one in review) and curated cases with consent-backed photos.
    await loadDemoPublic(tx, ctx, {
      campaignName: world.campaign.name,
      cityId: root.id,
      cityPath: root.path,
      cityUserId: must(userIds.get('city'), 'user city'),
      store: opts.store,
    });
    // One audit row for the whole load (as before), with what it made.
    await recordEvent(tx, ctx, {
      action: 'demo.load',
      entity: 'demo',
      orgPath: root.path,
      after: {
        scale: opts.scale,
        seed: opts.seed,
        orgs: orgs.length,
        users: people.length,
        today: world.today,
        campaign: world.campaign.name,
        classes: counts.classes,
        children: counts.children,
        attendanceEvents: counts.attendanceEvents,
        surveyAnswers: survey.answers,
        reports: reported.rows,
        supervisionRows: supervised.rows,
        fundingRows: funded.rows,
      },
    });
    return { rows: orgs.length + people.length * 2 + counts.rows + survey.rows + reported.rows, counts };
  });
  return {
    rows: tx0.rows,
    ms: Math.round(performance.now() - started),
    orgs: orgs.length,
    users: people.length,
    world: tx0.counts,
  };
}
