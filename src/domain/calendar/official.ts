// The national calendar the city enters (国务院办公厅 each year publishes the holidays and the 调休 make-up
// workdays): how it sits between the bundled data and a campaign's own overrides, and how a pasted list or
// spreadsheet rows become one year's schedule.
import { addDays, type IsoDate, isIsoDate, yearOf } from './dates.js';
import type { CalendarOverrides } from './workdays.js';

/** One year of the national schedule as entered. */
export interface OfficialYear {
  holidays: IsoDate[];
  workdays: IsoDate[];
}

/**
 * Layers calendars, lowest first: the bundled data lies below all of them; each later layer wins over the
 * earlier ones for the dates it lists (a campaign's own holiday beats an entered workday and the reverse).
 */
export function layerCalendars(...layers: readonly (CalendarOverrides | undefined)[]): CalendarOverrides {
  const state = new Map<IsoDate, 'holiday' | 'workday'>();
  for (const layer of layers) {
    if (!layer) continue;
    // Within one layer a date listed as both is a day off (the stricter reading, as isOfficialWorkday does).
    for (const d of layer.workdays ?? []) state.set(d, 'workday');
    for (const d of layer.holidays ?? []) state.set(d, 'holiday');
  }
  const holidays: IsoDate[] = [];
  const workdays: IsoDate[] = [];
  for (const [d, kind] of [...state].sort(([a], [b]) => (a < b ? -1 : 1))) {
    (kind === 'holiday' ? holidays : workdays).push(d);
  }
  return { holidays, workdays };
}

/** A problem in one line of a pasted list, with its line number (1-based). */
export interface ListProblem {
  line: number;
  text: string;
  zh: string;
  en: string;
}

const HOLIDAY_WORDS = /^(休|假|放假|休息|节假日|法定节假日|holiday|off|rest|h)$/i;
const WORKDAY_WORDS = /^(班|上班|调休上班|补班|工作日|workday|work|w)$/i;
const DATE_TOKEN = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?/g;

const pad = (n: string) => n.padStart(2, '0');

/**
 * Reads a year's schedule from a pasted list (or spreadsheet rows joined by tabs): each line holds one date or a
 * range "2027-10-01~2027-10-07" (also "至", "到", "—") and a word saying what it is — 休/假/放假/holiday for days off,
 * 班/上班/补班/workday for make-up workdays. Blank lines and lines starting with # are skipped; anything else
 * that cannot be read, or a date outside `year`, is reported with its line instead of being guessed.
 */
export function parseOfficialList(text: string, year: number): { year: OfficialYear; problems: ListProblem[] } {
  const holidays = new Set<IsoDate>();
  const workdays = new Set<IsoDate>();
  const problems: ListProblem[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const read = readLine(raw.trim(), year);
    if (read === null) continue;
    if ('zh' in read) problems.push({ line: i + 1, text: raw.trim(), zh: read.zh, en: read.en });
    else for (const d of read.days) (read.kind === 'holiday' ? holidays : workdays).add(d);
  }
  for (const d of holidays)
    if (workdays.has(d))
      problems.push({
        line: 0,
        text: d,
        zh: `${d} 同时列为“休”和“班”`,
        en: `${d} is listed as both holiday and workday`,
      });
  return { year: { holidays: [...holidays].sort(), workdays: [...workdays].sort() }, problems };
}

type LineRead = { kind: 'holiday' | 'workday'; days: IsoDate[] } | { zh: string; en: string } | null;

/** One line of a pasted list: null for a blank or comment line, the dates it lists, or what is wrong with it. */
function readLine(line: string, year: number): LineRead {
  if (!line || line.startsWith('#')) return null;
  const bad = (zh: string, en: string) => ({ zh, en });
  const dates: IsoDate[] = [];
  for (const m of line.matchAll(DATE_TOKEN)) dates.push(`${m[1]}-${pad(m[2] ?? '')}-${pad(m[3] ?? '')}`);
  const words = line
    .replace(DATE_TOKEN, ' ')
    .split(/[\s,，;；~～至到—–]+/)
    .filter((w) => w && w !== '-');
  const kinds = words.map((w) => (HOLIDAY_WORDS.test(w) ? 'holiday' : WORKDAY_WORDS.test(w) ? 'workday' : null));
  const kind = kinds.find((k) => k !== null);
  if (dates.length === 0 || dates.length > 2)
    return bad('每行写一个日期或一个日期范围', 'Write one date or one range per line');
  if (!kind) return bad('请注明“休”或“班”', 'Say "holiday" or "workday"');
  if (kinds.some((k) => k !== null && k !== kind))
    return bad('一行不能既是“休”又是“班”', 'A line cannot be both holiday and workday');
  if (!dates.every(isIsoDate)) return bad('日期不存在', 'Not a real date');
  const [from, to = from] = dates as [IsoDate, IsoDate?];
  if (to < from) return bad('范围的结束日期早于开始日期', 'The range ends before it starts');
  if (yearOf(from) !== year || yearOf(to) !== year) return bad(`日期不在 ${year} 年内`, `The date is not in ${year}`);
  const days: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return { kind, days };
}
