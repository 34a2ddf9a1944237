/**
 * Checks made on the phone before a request, so that a parent reads "请输入 11 位手机号" rather than a server
 * round trip; the server checks everything again. The ID-number check is the domain's own (checksum, birth date).
 */
import { normalizeMobile } from '../../domain/people/mask';
import { validateResidentId } from '../../domain/people/residentId';
import type { Lang } from './i18n';

export const normalizePhone = (raw: string): string | null => normalizeMobile(raw);

/** null when fine; otherwise what is wrong, in the UI language. */
export function idNumberProblem(raw: string, birthDate: string | null, lang: Lang): string | null {
  if (!raw.trim()) return null;
  const r = validateResidentId(raw, { birthDate: birthDate || null });
  return r.ok ? null : r.message[lang];
}
