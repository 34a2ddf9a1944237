/**
 * The class page's 出勤 tab (issue 6, P-R3): today's counts, the engine's attendance rate so far and its forecast,
 * the staffing ratio per day (short days in red against the campaign's 1:N), and the child × day grid for a date
 * range (default: the class's days up to today) with the .xlsx export. A cell opens the child-day's raw events and,
 * for the roles that may correct, the correction form (the server decides and its refusal is shown).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassDetail } from '../../../app/api/types';
import { ApiErrorResult } from '../../../app/components/ApiErrorResult';
import { useNarrow } from '../../../app/components/useNarrow';
import { chinaToday, exportUrl, fetchGrid, type Grid, type GridChild, gridKey, pct, type Range } from '../api';
import { AttendanceDayDrawer } from './AttendanceDayDrawer';
import { AttendanceGrid } from './AttendanceGrid';
import { AttendanceStaffing } from './AttendanceStaffing';

/** The engine's minimum rate from the class's latest verdict (scale.attendanceRate), when there is one. */
function minimumOf(cls: ClassDetail): number | null {
  const r = cls.verdict?.rules.find((x) => x.id === 'scale.attendanceRate');
  const m = r?.facts.minimum;
  return typeof m === 'number' ? m : null;
}

function TodayCounts({ grid, today }: { grid: Grid; today: string }) {
  const { t } = useTranslation();
  const c = grid.summary.today;
  const items: { key: string; label: string; value: number; color?: string }[] = [
    { key: 'enrolled', label: t('attendance.enrolled'), value: c.enrolled },
    { key: 'present', label: t('attendance.present'), value: c.present, color: '#389e0d' },
    { key: 'left', label: t('attendance.left'), value: c.left, color: '#1677ff' },
    { key: 'absent', label: t('attendance.absent'), value: c.absent, color: '#d48806' },
    {
      key: 'missing',
      label: t('attendance.missing'),
      value: c.missing,
      ...(c.missing > 0 ? { color: '#cf1322' } : {}),
    },
  ];
  return (
    <Card
      size="small"
      title={t('attendance.today', { day: today })}
      style={{ height: '100%' }}
      extra={grid.summary.staffToday === null && <Tag>{t('attendance.todayNotClassDay')}</Tag>}
    >
      <Row gutter={[8, 8]}>
        {items.map((i) => (
          <Col key={i.key} xs={8} sm={8} md={4} lg={4} style={{ minWidth: 72 }}>
            <Statistic
              title={i.label}
              value={i.value}
              valueStyle={{ fontSize: 22, ...(i.color ? { color: i.color } : {}) }}
              data-testid={`att-today-${i.key}`}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function RateCards({ grid, minimum }: { grid: Grid; minimum: number | null }) {
  const { t } = useTranslation();
  const s = grid.summary;
  const low = (r: number | null) => r !== null && minimum !== null && r < minimum;
  const min =
    minimum !== null ? (
      <Typography.Text type="secondary">{t('attendance.minimum', { min: pct(minimum) })}</Typography.Text>
    ) : null;
  return (
    <Row gutter={[16, 16]} style={{ height: '100%' }}>
      <Col xs={12}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic
            title={
              <Tooltip
                title={t('attendance.rateHint', { present: s.presentChildDays, scheduled: s.scheduledChildDays })}
              >
                <span>{t('attendance.rate', { day: s.rateAsOf.slice(5) })}</span>
              </Tooltip>
            }
            value={pct(s.rate) ?? t('attendance.noRate')}
            valueStyle={{ fontSize: 22, ...(low(s.rate) ? { color: '#cf1322' } : {}) }}
            data-testid="att-rate"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('attendance.childDays', { present: s.presentChildDays, scheduled: s.scheduledChildDays })}
          </Typography.Text>{' '}
          {min && <div style={{ fontSize: 12 }}>{min}</div>}
        </Card>
      </Col>
      <Col xs={12}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic
            title={
              <Tooltip title={t('attendance.forecastHint')}>
                <span>{t('attendance.forecast')}</span>
              </Tooltip>
            }
            value={pct(s.forecast) ?? t('attendance.noRate')}
            valueStyle={{ fontSize: 22, ...(low(s.forecast) ? { color: '#cf1322' } : {}) }}
            data-testid="att-forecast"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('attendance.forecastHint')}
          </Typography.Text>
        </Card>
      </Col>
    </Row>
  );
}

export function AttendanceTab({ cls }: { cls: ClassDetail }) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const [range, setRange] = useState<Range>({});
  const [open, setOpen] = useState<{ child: GridChild; day: string } | null>(null);
  const q = useQuery({ queryKey: gridKey(cls.id, range), queryFn: () => fetchGrid(cls.id, range) });
  const today = chinaToday();

  if (q.error) return <ApiErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const grid = q.data;
  if (!grid) return <Skeleton active />;

  const nothingYet =
    grid.summary.presentChildDays === 0 &&
    grid.children.every((c) => Object.values(c.cells).every((x) => x.status === 'expected'));
  const first = grid.days[0];
  const last = grid.days[grid.days.length - 1];
  const pickerValue: [Dayjs, Dayjs] | null =
    range.from && range.to ? [dayjs(range.from), dayjs(range.to)] : first && last ? [dayjs(first), dayjs(last)] : null;
  const openChild = open ? grid.children.find((c) => c.childId === open.child.childId) : undefined;

  return (
    <Space direction="vertical" size={16} style={{ display: 'flex' }} data-testid="attendance-tab">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <TodayCounts grid={grid} today={today} />
        </Col>
        <Col xs={24} xl={10}>
          <RateCards grid={grid} minimum={minimumOf(cls)} />
        </Col>
      </Row>
      <AttendanceStaffing summary={grid.summary} />
      <Card
        size="small"
        title={t('attendance.grid')}
        extra={
          !narrow && (
            <Button
              icon={<DownloadOutlined />}
              href={exportUrl(cls.id, range)}
              disabled={grid.days.length === 0}
              data-testid="att-export"
            >
              {t('attendance.export')}
            </Button>
          )
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <DatePicker.RangePicker
            value={pickerValue}
            allowClear={false}
            inputReadOnly={narrow}
            style={narrow ? { width: '100%' } : undefined}
            disabledDate={(d) =>
              (!!cls.startDate && d.isBefore(dayjs(cls.startDate), 'day')) ||
              (!!cls.endDate && d.isAfter(dayjs(cls.endDate), 'day'))
            }
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') });
            }}
            data-testid="att-range"
          />
          {(range.from || range.to) && <Button onClick={() => setRange({})}>{t('attendance.resetRange')}</Button>}
          {narrow && (
            <Button icon={<DownloadOutlined />} href={exportUrl(cls.id, range)} disabled={grid.days.length === 0}>
              {t('attendance.export')}
            </Button>
          )}
        </Space>
        {grid.children.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.noChildren')} />
        ) : grid.days.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.noDays')} />
        ) : (
          <>
            {nothingYet && (
              <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('attendance.noAttendanceYet')} />
            )}
            <AttendanceGrid
              grid={grid}
              today={today}
              loading={q.isFetching}
              onCell={(child, day) => setOpen({ child, day })}
            />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
              {t('attendance.legend')}
            </Typography.Paragraph>
          </>
        )}
      </Card>
      {open && (
        <AttendanceDayDrawer
          cls={cls}
          child={openChild ?? open.child}
          day={open.day}
          abilities={grid.abilities}
          today={grid.today}
          onClose={() => setOpen(null)}
        />
      )}
    </Space>
  );
}
