/**
 * Freezing figures into a report (P-K1…P-K4): each value with its label, unit and definition and the day it was
 * computed as of, so that a submitted report always says what was true then and how it was counted. The members of
 * a distinct figure (family and child ids) stay in the read layer.
 */
import { figureDefinition } from './catalogue.js';
import type { FigureValue, FrozenFigure } from './figures.js';

export function freezeFigures(values: readonly FigureValue[], asOf: string): FrozenFigure[] {
  return values.map((v) => {
    const def = figureDefinition(v.key);
    const frozen: FrozenFigure = {
      key: v.key,
      value: v.value,
      label: def?.label ?? { zh: v.key, en: v.key },
      unit: def?.unit ?? 'count',
      definition: def?.definition ?? { zh: '', en: '' },
      asOf,
    };
    // A value withheld under its privacy threshold (minSample) keeps its parts in the read layer too.
    const withheld = def?.minSample !== undefined && (v.sample ?? 0) < def.minSample;
    if (v.numerator !== undefined && !withheld) frozen.numerator = v.numerator;
    if (v.denominator !== undefined && !withheld) frozen.denominator = v.denominator;
    return frozen;
  });
}
