/**
 * The eligibility gate of a demonstration-class application (申报条件). The campaign's selection settings say which
 * conditions apply; `unmetConditions` lists, in plain Chinese (and English), every one the class does not meet.
 * An application can be submitted only when the list is empty (the API answers 422 with the list otherwise).
 */
export const GATE_CONDITIONS = [
  'classFinished',
  'requiredRulesPassed',
  'noSeriousIncident',
  'rectificationsClosed',
  'summarySubmitted',
  'minAttendance',
  'narrativeGiven',
] as const;
export type GateCondition = (typeof GATE_CONDITIONS)[number];

export interface GateSettings {
  classFinished: boolean;
  requiredRulesPassed: boolean;
  noSeriousIncident: boolean;
  rectificationsClosed: boolean;
  summarySubmitted: boolean;
  /** Minimum attendance rate in percent (0 = no minimum). */
  minAttendancePercent: number;
  narrativeGiven: boolean;
}

export const DEFAULT_GATE: GateSettings = {
  classFinished: true,
  requiredRulesPassed: true,
  noSeriousIncident: true,
  rectificationsClosed: true,
  summarySubmitted: true,
  minAttendancePercent: 0,
  narrativeGiven: true,
};

/** What the gate looks at, read from the class's record (the dossier). */
export interface GateFacts {
  classStatus: string;
  /** Rules failing at the class's last evaluation (at its close), with their messages; null when never evaluated. */
  failingRules: readonly FailingRule[] | null;
  /** Serious or critical incidents the class ever had. */
  seriousIncidents: number;
  openRectifications: number;
  summarySubmitted: boolean;
  /** Attendance rate 0..1, or null when nothing was scheduled. */
  attendanceRate: number | null;
  narrativeGiven: boolean;
}

export interface FailingRule {
  id: string;
  zh: string;
  en: string;
}

export interface UnmetCondition {
  key: GateCondition;
  zh: string;
  en: string;
}

const FINISHED = new Set(['closed', 'archived']);

export function unmetConditions(s: GateSettings, f: GateFacts): UnmetCondition[] {
  const out: UnmetCondition[] = [];
  if (s.classFinished && !FINISHED.has(f.classStatus))
    out.push({ key: 'classFinished', zh: '托管班尚未结束（须已结班）', en: 'The class has not finished yet' });
  if (s.requiredRulesPassed) {
    if (f.failingRules === null)
      out.push({
        key: 'requiredRulesPassed',
        zh: '托管班没有规则核验记录',
        en: 'The class was never checked against the rules',
      });
    else if (f.failingRules.length > 0)
      out.push({
        key: 'requiredRulesPassed',
        zh: `结班时有 ${f.failingRules.length} 条规则未通过：${f.failingRules.map((r) => r.zh).join('；')}`,
        en: `${f.failingRules.length} rules failed at the close: ${f.failingRules.map((r) => r.en).join('; ')}`,
      });
  }
  if (s.noSeriousIncident && f.seriousIncidents > 0)
    out.push({
      key: 'noSeriousIncident',
      zh: `发生过 ${f.seriousIncidents} 起较重或严重突发事件`,
      en: `${f.seriousIncidents} serious or critical incidents occurred`,
    });
  if (s.rectificationsClosed && f.openRectifications > 0)
    out.push({
      key: 'rectificationsClosed',
      zh: `还有 ${f.openRectifications} 项整改未闭环`,
      en: `${f.openRectifications} rectification items are still open`,
    });
  if (s.summarySubmitted && !f.summarySubmitted)
    out.push({
      key: 'summarySubmitted',
      zh: '尚未提交 8/30 总结报告',
      en: 'The 8/30 summary report has not been submitted',
    });
  if (s.minAttendancePercent > 0) {
    const pct = f.attendanceRate === null ? null : Math.round(f.attendanceRate * 1000) / 10;
    if (pct === null || pct < s.minAttendancePercent)
      out.push({
        key: 'minAttendance',
        zh: `出勤率${pct === null ? '暂无' : ` ${pct}%`}，低于要求的 ${s.minAttendancePercent}%`,
        en: `Attendance rate ${pct === null ? 'unknown' : `${pct}%`} is below the required ${s.minAttendancePercent}%`,
      });
  }
  if (s.narrativeGiven && !f.narrativeGiven)
    out.push({
      key: 'narrativeGiven',
      zh: '请填写「特色做法」和「工作成效」',
      en: 'Fill in the distinctive practices and the results',
    });
  return out;
}
