/**
 * How a report's state looks everywhere in the console: one colour per kind of cell of the timeliness grid (missing
 * red, late orange, submitted blue, returned magenta, accepted green, not yet due grey, draft light), the tags of
 * the calendar, and figures written with their units. The states themselves come from the server.
 */
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../../app/i18n';
import type { Figure, SlotStatus, TimelinessState } from '../api';

export const CELL_KINDS = ['missing', 'late', 'submitted', 'returned', 'accepted', 'notDue', 'draft'] as const;
export type CellKind = (typeof CELL_KINDS)[number];

export const CELL_STYLE: Record<CellKind, { bg: string; fg: string; border: string; tag: string }> = {
  missing: { bg: '#ff4d4f', fg: '#fff', border: '#cf1322', tag: 'red' },
  late: { bg: '#fa8c16', fg: '#fff', border: '#d46b08', tag: 'orange' },
  submitted: { bg: '#1677ff', fg: '#fff', border: '#0958d9', tag: 'blue' },
  returned: { bg: '#c41d7f', fg: '#fff', border: '#9e1068', tag: 'magenta' },
  accepted: { bg: '#52c41a', fg: '#fff', border: '#389e0d', tag: 'green' },
  notDue: { bg: '#f0f0f0', fg: '#8c8c8c', border: '#d9d9d9', tag: 'default' },
  draft: { bg: '#fffbe6', fg: '#ad8b00', border: '#ffe58f', tag: 'gold' },
};

/** The one colour a report's cell takes: its decision first, then whether it came (on time or late) or is owed. */
export function cellKind(status: SlotStatus, state: TimelinessState): CellKind {
  if (status === 'accepted') return 'accepted';
  if (status === 'returned') return 'returned';
  if (status === 'submitted') return state === 'late' ? 'late' : 'submitted';
  if (state === 'missing') return 'missing';
  return status === 'draft' ? 'draft' : 'notDue';
}

export function useCellLabel() {
  const { t } = useTranslation();
  return (k: CellKind) =>
    k === 'notDue' ? t('reports.status.notDue') : k === 'late' ? t('reports.status.late') : t(`reports.status.${k}`);
}

/** A report's state in words: its colour's name, and "draft, overdue" for a draft past its due date (red). */
export function useStateText() {
  const { t } = useTranslation();
  const label = useCellLabel();
  return (status: SlotStatus, state: TimelinessState) => {
    const kind = cellKind(status, state);
    return kind === 'missing' && status === 'draft' ? t('reports.status.draftOverdue') : label(kind);
  };
}

/** The status of a report as a coloured tag, with "late" when it came after its due date. */
export function ReportStateTag({ status, state }: { status: SlotStatus; state: TimelinessState }) {
  const text = useStateText();
  return (
    <Tag color={CELL_STYLE[cellKind(status, state)].tag} data-testid="report-state">
      {text(status, state)}
    </Tag>
  );
}

/** On time / late / overdue by N days / due in N days. */
export function Timeliness({ state, dueDate, today }: { state: TimelinessState; dueDate: string; today: string }) {
  const { t } = useTranslation();
  if (state === 'on_time') return <Typography.Text type="success">{t('reports.onTime')}</Typography.Text>;
  if (state === 'late') return <Typography.Text type="warning">{t('reports.late')}</Typography.Text>;
  const days = Math.round((Date.parse(today) - Date.parse(dueDate)) / 86_400_000);
  if (state === 'missing') return <Typography.Text type="danger">{t('reports.overdue', { days })}</Typography.Text>;
  return (
    <Typography.Text type="secondary">
      {days === 0 ? t('reports.dueToday') : t('reports.dueIn', { days: -days })}
    </Typography.Text>
  );
}

/** The grid's legend: one swatch per colour. */
export function Legend() {
  const label = useCellLabel();
  return (
    <Space size={[12, 4]} wrap data-testid="grid-legend">
      {CELL_KINDS.map((k) => (
        <Space key={k} size={4}>
          <span
            style={{
              display: 'inline-block',
              width: 14,
              height: 14,
              borderRadius: 3,
              background: CELL_STYLE[k].bg,
              border: `1px solid ${CELL_STYLE[k].border}`,
              verticalAlign: 'middle',
            }}
          />
          <Typography.Text style={{ fontSize: 12 }}>{label(k)}</Typography.Text>
        </Space>
      ))}
    </Space>
  );
}

/** A figure's value in words: "12", "86.5%", "20 天", "—" when it cannot be computed. */
export function formatFigure(f: Pick<Figure, 'value' | 'unit'>, unitText: (u: Figure['unit']) => string): string {
  if (f.value === null) return '—';
  const n = f.unit === 'percent' ? f.value.toFixed(1) : f.value.toLocaleString('zh-CN');
  return `${n}${unitText(f.unit)}`;
}

export function useFigureText() {
  const { t } = useTranslation();
  return (f: Pick<Figure, 'value' | 'unit'>) => formatFigure(f, (u) => t(`reports.units.${u}`));
}

/** A figure's label and definition in the UI language. */
export function figureWords(f: Pick<Figure, 'label' | 'definition'>) {
  const lang = currentLang();
  return {
    label: lang === 'en' ? f.label.en : f.label.zh,
    definition: lang === 'en' ? f.definition.en : f.definition.zh,
  };
}

/** A figure with its definition on hover (and the parts of a ratio). */
export function FigureValue({ figure }: { figure: Figure }) {
  const text = useFigureText();
  const w = figureWords(figure);
  const parts =
    figure.numerator !== undefined && figure.denominator !== undefined
      ? ` (${figure.numerator}/${figure.denominator})`
      : '';
  return (
    <Tooltip title={w.definition}>
      <span style={{ cursor: 'help', borderBottom: '1px dotted #bfbfbf' }}>
        {text(figure)}
        {parts && <Typography.Text type="secondary">{parts}</Typography.Text>}
      </span>
    </Tooltip>
  );
}

/**
 * "工作计划", "月度进展 · 2026年6月": a report's type in words with its period; `short` gives the grid's column
 * names ("6月进展").
 */
export function useReportName(short = false) {
  const { t } = useTranslation();
  return (r: { type: string; period: string; title?: string }) => {
    if (r.type === 'adhoc' && r.title) return r.title;
    const type = t(`reports.types.${r.type}`);
    if (r.type === 'monthly' && /^\d{4}-\d{2}$/.test(r.period)) {
      const [y, m] = r.period.split('-');
      if (short) return t('reports.monthlyShort', { month: Number(m) });
      return currentLang() === 'en' ? `${type} · ${r.period}` : `${type} · ${y}年${Number(m)}月`;
    }
    return type;
  };
}
