/**
 * The figures a report carries, read through modules/stats only (every figure defined once in docs/FIGURES.md):
 * a unit's own, a district's rolled up over its subtree, frozen with their definitions on submission.
 */
import type { FigureDefinition, FigureValue, FrozenFigure } from '../../../domain/stats/figures.js';
import { FIGURES } from '../../../domain/stats/catalogue.js';
import { rollUp } from '../../../domain/stats/rollup.js';
import type { Db } from '../../db/client.js';
import { freezeFigures } from '../../../domain/stats/freeze.js';
import { orgFigures, unitFigures } from '../stats/stats.read.js';

export function figureCatalogue(): FigureDefinition[] {
  return [...FIGURES];
}

const known = () => new Set(FIGURES.map((f) => f.key));

export function unknownFigureKeys(keys: readonly string[]): string[] {
  const k = known();
  return keys.filter((x) => !k.has(x));
}

/** The definitions of `keys` in catalogue order (every figure when keys is undefined). */
export function definitionsOf(keys: readonly string[] | undefined): FigureDefinition[] {
  if (!keys) return figureCatalogue();
  const wanted = new Set(keys);
  return FIGURES.filter((f) => wanted.has(f.key));
}

function pick(values: readonly FigureValue[], defs: readonly FigureDefinition[]): FigureValue[] {
  const byKey = new Map(values.map((v) => [v.key, v]));
  return defs.map((d) => byKey.get(d.key) ?? { key: d.key, value: null });
}

/**
 * An organisation's figures as of `asOf`, as a submission would freeze them: a unit's own, a district's or
 * industry union's over its whole subtree.
 */
export async function figuresOfOrg(
  db: Db,
  o: { campaignId: number; org: { id: number; kind: string }; asOf: string; keys?: readonly string[] | undefined },
): Promise<FrozenFigure[]> {
  const defs = definitionsOf(o.keys);
  const values =
    o.org.kind === 'unit'
      ? ((await unitFigures(db, { campaignId: o.campaignId, unitIds: [o.org.id], asOf: o.asOf })).get(o.org.id) ?? [])
      : await orgFigures(db, { campaignId: o.campaignId, orgId: o.org.id, asOf: o.asOf });
  const wanted = new Set(defs.map((d) => d.key));
  return freezeFigures(pick(values, defs), o.asOf).filter((f) => wanted.has(f.key));
}

/** Each unit's figures as of `asOf` (for a district's breakdown and the period sheet). */
export async function figuresOfUnits(
  db: Db,
  o: { campaignId: number; unitIds: number[]; asOf: string; keys?: readonly string[] | undefined },
): Promise<Map<number, FigureValue[]>> {
  const defs = definitionsOf(o.keys);
  const out = new Map<number, FigureValue[]>();
  if (o.unitIds.length === 0) return out;
  const all = await unitFigures(db, { campaignId: o.campaignId, unitIds: o.unitIds, asOf: o.asOf });
  for (const id of o.unitIds) out.set(id, pick(all.get(id) ?? [], defs));
  return out;
}

/** Totals of several organisations' values, figure by figure (sums; ratios of summed parts). */
export function totalsOf(defs: readonly FigureDefinition[], lists: readonly FigureValue[][]): (number | null)[] {
  const rolled = rollUp(lists.map((l) => l));
  const byKey = new Map(rolled.map((v) => [v.key, v]));
  return defs.map((d) => byKey.get(d.key)?.value ?? null);
}
