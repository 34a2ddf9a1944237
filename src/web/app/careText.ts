/**
 * Small phrases that join two labels without saying a thing twice: a venue's place (地面一层, or 地上楼层 · 3 层)
 * and an activity's kind with its own title (作业辅导, or 体育 · 跳绳比赛). Pure, so the parents' app can use them too.
 */
type Lang = 'zh' | 'en';

/** A floor as people say it: "3" → 3 层 / floor 3; words stay as written. */
export function floorText(floor: string | null | undefined, lang: Lang): string | null {
  const f = floor?.trim();
  if (!f) return null;
  if (/^-?\d+$/.test(f)) return lang === 'en' ? `floor ${f}` : `${f} 层`;
  return f;
}

/** The location label and the floor, the floor left out when the label already says it (地面一层 and "1"). */
export function venuePlace(
  location: string,
  locationText: string,
  floor: string | null | undefined,
  lang: Lang,
): string {
  const f = floorText(floor, lang);
  if (!f) return locationText;
  if (location === 'ground' && /^(1|一|1\s*层|一层|1F|F1)$/i.test(floor?.trim() ?? '')) return locationText;
  return `${locationText} · ${f}`;
}

/** An activity's kind label, then its own title unless the title only repeats the kind. */
export function activityText(kindText: string, title: string | null | undefined): string {
  const t = title?.trim();
  return t && t !== kindText ? `${kindText} · ${t}` : kindText;
}

/** The list a record page belongs to: /classes/12/edit → /classes; null when the path names no record. */
export function listPathOf(pathname: string): string | null {
  const parts = pathname.split('/').filter(Boolean);
  const i = parts.findIndex((p) => /^\d+$/.test(p));
  return i > 0 ? `/${parts.slice(0, i).join('/')}` : null;
}
