// Money is integer 分 everywhere; yuan exist only as text at the edges (a form field, a sheet cell). Parsing the
// decimal string digit by digit keeps "0.1 + 0.2" problems out: nothing here is a floating-point number of yuan.

/** The largest amount one entry may carry: 10,000,000.00 元 (a class's whole year is far below it). */
export const MAX_ENTRY_FEN = 1_000_000_000;

/** "1234.5" → 123450; "12" → 1200; "0.01" → 1. null for anything else (signs, 3 decimals, exponents, commas). */
export function parseYuanToFen(text: string): number | null {
  const m = /^\s*(\d{1,8})(?:\.(\d{0,2}))?\s*$/.exec(text);
  if (!m) return null;
  const yuan = m[1] ?? '0';
  const cents = (m[2] ?? '').padEnd(2, '0');
  return Number(yuan) * 100 + Number(cents);
}

/** 123450 → "1234.50"; negative amounts keep their sign ("-0.05"). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
