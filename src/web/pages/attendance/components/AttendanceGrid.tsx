/**
 * The child × day attendance grid: one row per enrolled child, one column per class day, the marks of the sheet
 * the district stamps (✓ 病 事 缺, blank for days to come and for today's children not yet arrived), a corner mark
 * on corrected cells, each child's present days and a totals row. A cell opens the child-day's drawer.
 * The rows are the children the attendance rate counts (withdrawn ones included, tagged), and the present-days
 * column and its total are the rate's own figures up to `rateAsOf` (the server's, one definition:
 * src/domain/attendance/figures.ts) — so the grid's total is the rate's numerator, never a recount.
 */
import { Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useNarrow } from '../../../app/components/useNarrow';
import { type Grid, type GridChild, type Mark, markOf } from '../api';

const MARK_COLORS: Record<Mark, { color: string; bg: string }> = {
  '✓': { color: '#389e0d', bg: '#f6ffed' },
  病: { color: '#c41d7f', bg: '#fff0f6' },
  事: { color: '#d48806', bg: '#fffbe6' },
  缺: { color: '#cf1322', bg: '#fff1f0' },
  '': { color: '#bfbfbf', bg: 'transparent' },
};

const timeOf = (iso: string | null) =>
  iso
    ? new Date(iso).toLocaleTimeString('zh-CN', {
        timeZone: 'Asia/Shanghai',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      })
    : null;

export function chinaTime(iso: string | null): string {
  return timeOf(iso) ?? '—';
}

const WEEKDAYS_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const WEEKDAYS_EN = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'];

export function AttendanceGrid({
  grid,
  today,
  loading,
  onCell,
}: {
  grid: Grid;
  today: string;
  loading?: boolean;
  onCell(child: GridChild, day: string): void;
}) {
  const { t, i18n } = useTranslation();
  const narrow = useNarrow();
  const weekdays = i18n.language === 'en' ? WEEKDAYS_EN : WEEKDAYS_ZH;
  const presentOn = (c: GridChild, d: string) => markOf(c.cells[d]?.status ?? 'expected', d, today) === '✓';

  const columns: ColumnsType<GridChild> = [
    {
      key: 'name',
      title: t('attendance.child'),
      dataIndex: 'name',
      fixed: 'left',
      width: 88,
      ellipsis: true,
      render: (name: string, c: GridChild) =>
        c.withdrawnOn ? (
          <Tooltip title={t('attendance.withdrawn', { day: c.withdrawnOn })}>
            <span data-testid={`att-withdrawn-${c.childId}`}>
              {name}{' '}
              <Tag style={{ marginInlineEnd: 0, fontSize: 10, lineHeight: '14px', padding: '0 2px' }}>
                {t('attendance.withdrawn', { day: c.withdrawnOn.slice(5) })}
              </Tag>
            </span>
          </Tooltip>
        ) : (
          name
        ),
    },
    ...grid.days.map((d) => ({
      key: d,
      width: 46,
      align: 'center' as const,
      onHeaderCell: () => ({ style: { padding: '4px 0', ...(d === today ? { background: '#fff2e8' } : {}) } }),
      onCell: () => ({ style: { padding: 2 } }),
      title: (
        <div style={{ lineHeight: 1.2, fontSize: 12, fontWeight: d === today ? 700 : 500 }}>
          <div>{d.slice(5)}</div>
          <div style={{ color: '#8c8c8c', fontWeight: 400 }}>{weekdays[new Date(`${d}T00:00:00Z`).getUTCDay()]}</div>
        </div>
      ),
      render: (_: unknown, c: GridChild) => {
        const cell = c.cells[d];
        const status = cell?.status ?? 'expected';
        const mark = markOf(status, d, today);
        const style = MARK_COLORS[mark];
        const tip = [
          t(`attendance.status.${status}`),
          cell?.checkInAt ? `${t('attendance.drawer.checkIn')} ${chinaTime(cell.checkInAt)}` : null,
          cell?.checkOutAt ? `${t('attendance.drawer.checkOut')} ${chinaTime(cell.checkOutAt)}` : null,
          cell?.corrected ? t('attendance.corrected') : null,
        ]
          .filter(Boolean)
          .join(' · ');
        return (
          <Tooltip title={tip} mouseEnterDelay={0.3}>
            <button
              type="button"
              onClick={() => onCell(c, d)}
              data-testid={`att-cell-${c.childId}-${d}`}
              data-mark={mark}
              data-corrected={cell?.corrected ? 'true' : 'false'}
              aria-label={`${c.name} ${d} ${tip}`}
              style={{
                position: 'relative',
                width: 38,
                height: 30,
                border: `1px solid ${mark ? style.bg : '#f0f0f0'}`,
                borderRadius: 4,
                background: style.bg,
                color: style.color,
                fontWeight: 600,
                fontSize: 14,
                cursor: 'pointer',
                padding: 0,
              }}
            >
              {mark}
              {cell?.corrected && (
                <span
                  aria-hidden
                  style={{
                    position: 'absolute',
                    top: 0,
                    right: 0,
                    width: 0,
                    height: 0,
                    borderTop: '9px solid #1677ff',
                    borderLeft: '9px solid transparent',
                    borderTopRightRadius: 3,
                  }}
                />
              )}
            </button>
          </Tooltip>
        );
      },
    })),
    {
      key: 'total',
      title: (
        <Tooltip title={t('attendance.presentDaysAsOf', { day: grid.summary.rateAsOf })}>
          <span style={{ fontSize: 12 }}>{t('attendance.presentDays')}</span>
        </Tooltip>
      ),
      width: 64,
      align: 'center',
      ...(narrow ? {} : { fixed: 'right' as const }),
      render: (_: unknown, c: GridChild) => <span data-testid={`att-total-${c.childId}`}>{c.presentDays}</span>,
    },
  ];

  return (
    <Table<GridChild>
      size="small"
      bordered
      rowKey="childId"
      loading={loading}
      dataSource={grid.children}
      columns={columns}
      pagination={false}
      scroll={{ x: 88 + 64 + grid.days.length * 46, y: grid.children.length > 20 ? 560 : undefined }}
      data-testid="att-grid"
      summary={(rows) => (
        <Table.Summary fixed>
          <Table.Summary.Row style={{ background: '#fafafa', fontWeight: 600 }}>
            <Table.Summary.Cell index={0}>{t('attendance.totals')}</Table.Summary.Cell>
            {grid.days.map((d, i) => (
              <Table.Summary.Cell key={d} index={i + 1} align="center">
                {d <= today ? rows.filter((c) => presentOn(c, d)).length : ''}
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={grid.days.length + 1} align="center">
              <span data-testid="att-total">{grid.summary.presentChildDays}</span>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
