/** Words the public pages print for stored codes (zh-CN). */
import { html, type SafeHtml } from './layout.js';

export const GRADE_ZH = (g: string | number): string => (g === 'K' ? '幼儿园大班' : `${g}年级`);

/** 1–6 become 一至六年级; kindergarten first. */
export function gradesZh(grades: readonly (string | number)[]): string {
  if (grades.length === 0) return '未注明';
  const k = grades.includes('K');
  const nums = grades
    .filter((g) => g !== 'K')
    .map(Number)
    .sort((a, b) => a - b);
  const parts: string[] = k ? ['幼儿园大班'] : [];
  if (nums.length) {
    const contiguous = nums.every((n, i) => i === 0 || n === (nums[i - 1] ?? 0) + 1);
    parts.push(
      contiguous && nums.length > 1
        ? `${nums[0]}–${nums[nums.length - 1]}年级`
        : nums.map((n) => `${n}年级`).join('、'),
    );
  }
  return parts.join('、');
}

export const STATUS_ZH: Record<string, { text: string; cls: string }> = {
  open: { text: '报名中', cls: 'ok' },
  running: { text: '托管中', cls: '' },
  closed: { text: '已结束', cls: 'off' },
  archived: { text: '已结束', cls: 'off' },
};

export const statusTag = (s: string): SafeHtml => {
  const t = STATUS_ZH[s] ?? { text: s, cls: 'off' };
  return html`<span class="tag ${t.cls}">${t.text}</span>`;
};

export const ACTIVITY_ZH: Record<string, string> = {
  homework: '作业辅导',
  tutoring: '课业辅导',
  reading: '阅读',
  sports: '体育活动',
  arts: '文艺活动',
  practice: '社会实践',
  social: '社会实践',
  rest: '午休',
  other: '其他活动',
};

export const MEALS_ZH: Record<string, string> = { self: '自办午餐', contracted: '配餐企业供餐', none: '不提供午餐' };
export const HOLIDAY_ZH: Record<string, string> = { summer: '暑期', winter: '寒假', other: '假期' };

/** 2026-07-06 → 7月6日 (with the year when asked). */
export function dateZh(d: string | null | undefined, withYear = false): string {
  if (!d) return '待定';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  if (!m) return d;
  return `${withYear ? `${m[1]}年` : ''}${Number(m[2])}月${Number(m[3])}日`;
}

export const rangeZh = (a: string | null, b: string | null, withYear = false): string =>
  a || b ? `${dateZh(a, withYear)} 至 ${dateZh(b, withYear)}` : '日期待定';

export const feeZh = (yuan: number): string => (yuan > 0 ? `每名儿童 ${yuan} 元` : '免费');

/** Plain text into paragraphs (blank lines split them). */
export const paragraphs = (text: string): SafeHtml[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p}</p>`);
