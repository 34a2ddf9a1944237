// Pinyin initials for the door screen's search: 张小明 → "zxm". Latin letters are kept (lower-cased), digits and
// punctuation dropped. Surnames use their surname reading (e.g. 曾 → z, 单 → s).
import { pinyin } from 'pinyin-pro';

export function pinyinInitials(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '';
  const parts = pinyin(trimmed, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' });
  return parts
    .map((p) => p.toLowerCase())
    .join('')
    .replace(/[^a-z]/g, '');
}

/** True when `query` (initials or part of the name) finds `name`. */
export function matchesName(name: string, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return name.toLowerCase().includes(q) || pinyinInitials(name).startsWith(q);
}
