/**
 * How a figure's value reads on paper, the same in the .docx, the printable view and any other text output (the
 * .xlsx keeps numbers and sets number formats instead): counts with thousands separators, percents (already 0–100)
 * with one decimal and "%", days and yuan with their unit word, no value as "—".
 */
import type { FigureUnit } from '../../domain/stats/figures.js';

const thousands = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
const money = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A figure's value as an official reads it: counts 1,234; percents 87.5%; days 12.5; yuan 1,234.00; null —. */
export function formatFigureValue(value: number | null, unit: FigureUnit): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'count':
      return thousands.format(Math.round(value));
    case 'percent':
      return `${value.toFixed(1)}%`;
    case 'days':
      return oneDecimal.format(value);
    case 'yuan':
      return money.format(value);
  }
}

/** An integer with thousands separators (the parts of a ratio: 3,500/4,000). */
export const formatCount = (n: number): string => thousands.format(Math.round(n));

/** The unit word a column header or a value carries: 天, 元; counts need none and a percent shows "%" itself. */
export function unitWord(unit: FigureUnit): string {
  return unit === 'days' ? '天' : unit === 'yuan' ? '元' : '';
}

const DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三: the numbers of 公文 headings (一、二、…). */
export function chineseOrdinal(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10 ? (DIGITS[(n % 10) - 1] ?? '') : '';
  if (tens === 0) return ones;
  return `${tens === 1 ? '' : (DIGITS[tens - 1] ?? '')}十${ones}`;
}
