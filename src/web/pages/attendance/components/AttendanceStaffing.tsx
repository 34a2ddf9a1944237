/**
 * The staffing ratio per class day (issue 4 on running days): the children present that day against the adults
 * active on the roster, as the server computes it; days over the campaign's 1:N are red.
 */
import { Card, Empty, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Grid, StaffDay } from '../api';

/** 1:N for a day with children present; a dash when nobody was there or no adult is on the roster. */
const ratioText = (d: StaffDay) => (d.ratio === null || d.present === 0 ? '—' : `1:${Math.round(d.ratio * 10) / 10}`);

function DayTile({ d }: { d: StaffDay }) {
  const { t } = useTranslation();
  const noStaff = d.staff === 0 && d.present > 0;
  const bad = d.short || noStaff;
  return (
    <Tooltip
      title={
        <>
          <div>{d.day}</div>
          <div>{t('attendance.ratioCell', { present: d.present, staff: d.staff })}</div>
          {d.short && <div>{t('attendance.staffShort')}</div>}
          {noStaff && <div>{t('attendance.staffNone')}</div>}
        </>
      }
    >
      <div
        data-testid={`att-staff-${d.day}`}
        data-short={bad ? 'true' : 'false'}
        style={{
          width: 64,
          padding: '4px 0',
          textAlign: 'center',
          borderRadius: 6,
          border: `1px solid ${bad ? '#ffa39e' : '#f0f0f0'}`,
          background: bad ? '#fff1f0' : '#fafafa',
          lineHeight: 1.3,
        }}
      >
        <div style={{ fontSize: 12, color: '#8c8c8c' }}>{d.day.slice(5)}</div>
        <div style={{ fontWeight: 600, color: bad ? '#cf1322' : undefined }}>{ratioText(d)}</div>
        <div style={{ fontSize: 11, color: '#8c8c8c' }}>
          {d.present}/{d.staff}
        </div>
      </div>
    </Tooltip>
  );
}

export function AttendanceStaffing({ summary }: { summary: Grid['summary'] }) {
  const { t } = useTranslation();
  const max = summary.maxChildrenPerAdult;
  const today = summary.staffToday;
  const shortDays = summary.staffByDay.filter((d) => d.short).length;
  return (
    <Card
      size="small"
      title={t('attendance.staffing')}
      extra={
        today && (
          <Space size={4}>
            <Typography.Text type="secondary">{today.day.slice(5)}</Typography.Text>
            <Tag color={today.short ? 'red' : today.present === 0 ? 'default' : 'green'} data-testid="att-staff-today">
              {ratioText(today)} · {today.short ? t('attendance.staffShort') : t('attendance.staffOk')}
            </Tag>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {max > 0 ? t('attendance.staffingHint', { max }) : t('attendance.staffingNoMax')}
        {shortDays > 0 && (
          <Tag color="red" style={{ marginLeft: 8 }}>
            {t('attendance.staffShort')} × {shortDays}
          </Tag>
        )}
      </Typography.Paragraph>
      {summary.staffByDay.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.noDays')} />
      ) : (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {summary.staffByDay.map((d) => (
            <DayTile key={d.day} d={d} />
          ))}
        </div>
      )}
    </Card>
  );
}
