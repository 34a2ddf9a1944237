/**
 * What the console shows of the survey: a class's results per round and the city's and districts' table of
 * indices. Aggregates only, and nothing below MIN_ANSWERS answers (the notice 答卷不足5份，暂不显示 instead); remarks
 * only in a class's aggregate view, without names and in no particular order. The organisations' indices are the
 * read layer's figures (modules/stats unitFigures, catalogue `satisfaction.*`), so the dashboard, the reports and
 * this table agree.
 */
import { and, asc, count, eq, inArray, like } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar/dates.js';
import {
  addAnswer,
  emptyTally,
  indexOf,
  MIN_ANSWERS,
  type Round,
  SATISFACTION_ITEMS,
  type SatisfactionTally,
  shown,
  TOO_FEW,
} from '../../../domain/satisfaction/indices.js';
import type { FigureValue } from '../../../domain/stats/figures.js';
import { rollUp } from '../../../domain/stats/rollup.js';
import { satisfactionValues } from '../../../domain/stats/satisfaction-values.js';
import type { Db } from '../../db/client.js';
import { careClasses, organizations } from '../../db/schema.js';
import { satisfactionInvitations } from '../../db/tables/satisfaction.js';
import { endOfDay, unitFigures } from '../stats/stats.read.js';
import { ownedClasses, unsafeUnitsUnder } from '../stats/stats.repo.js';
import { satisfactionTallies } from '../stats/stats.satisfaction.js';
import { anonymiseRemark, namesOfClass, roundAnswers } from './satisfaction.repo.js';
import type { IndexRow } from './satisfaction.schema.js';

export async function roundResult(db: Db, classId: number, round: Round) {
  const [inv] = await db
    .select({ n: count() })
    .from(satisfactionInvitations)
    .where(and(eq(satisfactionInvitations.classId, classId), eq(satisfactionInvitations.round, round)));
  const invited = Number(inv?.n ?? 0);
  const rows = await roundAnswers(db, classId, round);
  const t: SatisfactionTally = emptyTally();
  for (const r of rows) addAnswer(t, r);
  const responseRate = indexOf({ n: rows.length, d: invited });
  const base = { round, invited, answers: rows.length, responseRate };
  if (!shown(rows.length))
    return {
      ...base,
      shown: false,
      notice: TOO_FEW,
      indices: null,
      overallDistribution: null,
      happyDistribution: null,
      remarks: null,
    };
  const names = await namesOfClass(db, classId);
  const remarks = rows
    .map((r) => (r.comment ?? '').trim())
    .filter((c) => c.length > 0)
    .map((c) => anonymiseRemark(c, names))
    .sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return {
    ...base,
    shown: true,
    notice: null,
    indices: {
      parents: indexOf(t.overall),
      happy: indexOf(t.happy),
      items: Object.fromEntries(SATISFACTION_ITEMS.map((k) => [k, indexOf(t.items[k])])),
    },
    overallDistribution: [1, 2, 3, 4, 5].map((s) => rows.filter((r) => r.overall === s).length),
    happyDistribution: {
      happy: rows.filter((r) => r.happy === 2).length,
      soso: rows.filter((r) => r.happy === 1).length,
      unhappy: rows.filter((r) => r.happy === 0).length,
    },
    remarks,
  };
}

const get = (vs: readonly FigureValue[], key: string) => vs.find((v) => v.key === key)?.value ?? null;

function rowOf(id: number, name: string, kind: string, vs: readonly FigureValue[]): IndexRow {
  return {
    id,
    name,
    kind,
    invited: get(vs, 'satisfaction.invited') ?? 0,
    answers: get(vs, 'satisfaction.answers') ?? 0,
    responseRate: get(vs, 'satisfaction.responseRate'),
    parents: get(vs, 'satisfaction.parents'),
    happy: get(vs, 'satisfaction.happy'),
    items: Object.fromEntries(SATISFACTION_ITEMS.map((k) => [k, get(vs, `satisfaction.item.${k}`)])),
  };
}

/**
 * The indices of an organisation and of each organisation directly under it (a unit: each class it leads), as of
 * the day. Unscoped: the route has decided the actor may see the organisation.
 */
export async function indicesOf(
  db: Db,
  q: { campaignId: number; asOf: IsoDate; org: { id: number; name: string; kind: string; path: string } },
) {
  const { org } = q;
  const unitIds = org.kind === 'unit' ? [org.id] : await unsafeUnitsUnder(db, org.path);
  const perUnit = await unitFigures(db, { campaignId: q.campaignId, asOf: q.asOf, unitIds });
  const total = rowOf(org.id, org.name, org.kind, rollUp([...perUnit.values()]));
  let rows: IndexRow[];
  if (org.kind === 'unit') {
    const bound = endOfDay(q.asOf);
    const classes = await ownedClasses(db, q.campaignId, [org.id], bound);
    const tallies = await satisfactionTallies(
      db,
      classes.map((c) => c.id),
      bound,
    );
    const names = await classNames(
      db,
      classes.map((c) => c.id),
    );
    rows = classes
      .filter((c) => tallies.has(c.id))
      .map((c) =>
        rowOf(c.id, names.get(c.id) ?? `#${c.id}`, 'class', satisfactionValues(tallies.get(c.id) ?? emptyTally())),
      );
  } else {
    const kids = await db
      .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, path: organizations.path })
      .from(organizations)
      .where(and(eq(organizations.parentId, org.id), like(organizations.path, `${org.path}%`)))
      .orderBy(asc(organizations.name));
    const units = await db
      .select({ id: organizations.id, path: organizations.path })
      .from(organizations)
      .where(like(organizations.path, `${org.path}%`));
    const pathOf = new Map(units.map((u) => [u.id, u.path]));
    rows = kids.map((k) =>
      rowOf(
        k.id,
        k.name,
        k.kind,
        rollUp([...perUnit].filter(([id]) => (pathOf.get(id) ?? '').startsWith(k.path)).map(([, v]) => v)),
      ),
    );
  }
  return { orgId: org.id, orgName: org.name, orgKind: org.kind, asOf: q.asOf, minAnswers: MIN_ANSWERS, total, rows };
}

async function classNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: careClasses.id, name: careClasses.name })
    .from(careClasses)
    .where(inArray(careClasses.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
