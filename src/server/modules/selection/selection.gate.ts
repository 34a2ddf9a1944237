/** The eligibility gate applied to an application's dossier with the campaign's settings. */
import { type UnmetCondition, unmetConditions } from '../../../domain/selection/gate.js';
import { AppError } from '../../errors.js';
import { type Dossier, gateFacts } from './selection.dossier.js';
import type { SelectionSettings } from './selection.settings.js';

export function gateOf(s: SelectionSettings, d: Dossier): UnmetCondition[] {
  return unmetConditions(s.gate, gateFacts(d));
}

/** 422 SELECTION_GATE_UNMET naming each unmet condition (message and `details`). */
export function gateError(unmet: readonly UnmetCondition[]): AppError {
  return new AppError(
    'SELECTION_GATE_UNMET',
    {
      count: unmet.length,
      details: { zh: unmet.map((u) => u.zh).join('；'), en: unmet.map((u) => u.en).join('; ') },
    },
    { details: unmet.map((u) => ({ key: u.key, zh: u.zh, en: u.en })) },
  );
}
