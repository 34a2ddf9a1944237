/**
 * A class day's routine ledgers as the demo writes them (安全巡查、消毒、餐食留样、清洁, and the weekly 消防检查):
 * one place for the wording and times, used by this year's classes (world.ts, city-year.ts) and last year's named
 * ones (load-naming-year.ts).
 */

/** An instant in China time: `2026-07-06` at `08:10` → ISO string. */
export const chinaAt = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();

export interface RoutineMeal {
  supplier: 'self' | 'caterer';
  supplierName: string;
  menu: string;
}

export interface RoutineRecord {
  day: string;
  kind: 'patrol' | 'disinfection' | 'meal' | 'cleaning' | 'fire';
  time: string;
  at: string;
  data: Record<string, unknown>;
}

export function routineRecords(
  day: string,
  o: { meal: RoutineMeal; cleanedBy: string; fireCheck: boolean },
): RoutineRecord[] {
  const out: RoutineRecord[] = [
    {
      day,
      kind: 'patrol',
      time: '08:10',
      at: chinaAt(day, '08:12'),
      data: { areas: ['活动室', '走廊', '卫生间'], findings: '门窗、电源插座正常，通道畅通', issuesFound: false },
    },
    {
      day,
      kind: 'disinfection',
      time: '07:30',
      at: chinaAt(day, '07:35'),
      data: { area: '活动室及午休室', agent: '含氯消毒液（500mg/L）', method: '擦拭桌椅门把手，开窗通风30分钟' },
    },
    {
      day,
      kind: 'meal',
      time: '11:50',
      at: chinaAt(day, '12:15'),
      data: {
        supplier: o.meal.supplier,
        menu: o.meal.menu,
        sampleKept: true,
        sampleAt: '12:05',
        sampleWeightG: 125,
        supplierName: o.meal.supplierName,
        sampleKeepUntil: new Date(new Date(`${day}T12:05:00+08:00`).getTime() + 48 * 3_600_000).toISOString(),
      },
    },
    {
      day,
      kind: 'cleaning',
      time: '17:40',
      at: chinaAt(day, '17:45'),
      data: { areas: ['活动室', '卫生间', '午休室'], by: o.cleanedBy },
    },
  ];
  if (o.fireCheck)
    out.push({
      day,
      kind: 'fire',
      time: '08:20',
      at: chinaAt(day, '08:25'),
      data: { extinguishersOk: true, exitsClear: true, alarmsOk: true, notes: '灭火器压力正常' },
    });
  return out;
}
