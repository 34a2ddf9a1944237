/** Source, purpose and kind labels in the UI language (the domain's own zh/en labels). */
import {
  FUNDING_PURPOSES,
  FUNDING_SOURCES,
  KIND_LABELS,
  PURPOSE_LABELS,
  SOURCE_LABELS,
} from '../../../../domain/funding/labels';
import { currentLang } from '../../../app/i18n';

type L = { zh: string; en: string };
const pick = (l: L | undefined, code: string) => (l ? (currentLang() === 'en' ? l.en : l.zh) : code);

export const sourceLabel = (s: string) => pick((SOURCE_LABELS as Record<string, L>)[s], s);
export const purposeLabel = (p: string) => pick((PURPOSE_LABELS as Record<string, L>)[p], p);
export const kindLabel = (k: string) => pick((KIND_LABELS as Record<string, L>)[k], k);
export const sourceOptions = () => FUNDING_SOURCES.map((s) => ({ value: s, label: sourceLabel(s) }));
export const purposeOptions = () => FUNDING_PURPOSES.map((p) => ({ value: p, label: purposeLabel(p) }));
