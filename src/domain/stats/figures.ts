/**
 * The shape of a figure (统计指标) as every reader sees it: the dashboard, the reports (frozen on submission), the
 * exports. Every figure is defined once in docs/FIGURES.md and computed by modules/stats. A figure that is a ratio
 * carries its numerator and denominator so a district's value is the ratio of its units' sums, never an average of
 * averages.
 */

export type FigureUnit = 'count' | 'percent' | 'days' | 'yuan';

/**
 * How a parent organisation's value comes from its units' values: `sum` adds them; `ratio` adds numerators and
 * denominators and divides again; `distinct` counts the union of the members (`FigureValue.ids`: a family with
 * children in two units of a district is one family of the district, not two). See rollUp (rollup.ts).
 */
export type FigureRollUp = 'sum' | 'ratio' | 'distinct';

export interface FigureDefinition {
  /** Stable key, e.g. `classes.running`, `families.served`, `attendance.rate` (docs/FIGURES.md). */
  key: string;
  label: { zh: string; en: string };
  unit: FigureUnit;
  rollUp: FigureRollUp;
  /** What is counted, in words an official can check against the source (shown next to a frozen figure). */
  definition: { zh: string; en: string };
  /**
   * Privacy threshold: the value is withheld (null) while `FigureValue.sample` (e.g. the survey answers behind a
   * satisfaction index) is below it, and so are the parts (freezeFigures drops them).
   */
  minSample?: number;
}

export interface FigureValue {
  key: string;
  /** The value (a percent is 0–100 with one decimal); null when it cannot be computed (a ratio of 0/0). */
  value: number | null;
  /** For `ratio` figures: the summed parts. */
  numerator?: number;
  denominator?: number;
  /**
   * For `distinct` figures: the ids counted (family ids, child ids), sorted, so that a parent's value is the size
   * of the union. Internal to the read layer and its roll-up: freezeFigures drops them.
   */
  ids?: readonly number[];
  /** For figures with a `minSample`: how many answers stand behind the value (summed in roll-ups). */
  sample?: number;
}

/** A figure frozen into a submitted report: the value with its definition and the day it was computed as of. */
export interface FrozenFigure extends FigureValue {
  label: { zh: string; en: string };
  unit: FigureUnit;
  definition: { zh: string; en: string };
  asOf: string;
}
