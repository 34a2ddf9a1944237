/**
 * The class page's 台账 tab (日常管理台账, P-R6): a day picker, the day's missing required records in red at the
 * top, one button per kind that opens its short form, the day's records (corrections shown against the records
 * they supersede) and a two-week compliance strip.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Card,
  Descriptions,
  Empty,
  Image,
  Skeleton,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorResult } from '../../../app/components/ApiErrorResult';
import { currentLang } from '../../../app/i18n';
import {
  type DailyRecord,
  type DailyRecordKind,
  dailyKey,
  dailySummaryKey,
  DAILY_KINDS,
  type DayRecords,
  fetchDailySummary,
  fetchDayRecords,
  fetchMissingToday,
} from '../api';
import { DailyDayPicker, todayIso } from './DailyDayPicker';
import { DailyRecordForm } from './DailyRecordForm';
import { formatChina } from '../../../app/chinaTime';

const KIND_COLORS: Record<DailyRecordKind, string> = {
  patrol: 'blue',
  disinfection: 'cyan',
  meal: 'orange',
  cleaning: 'green',
  fire: 'red',
  epidemic: 'purple',
};

/** The kind's own fields as label/value pairs, in the form's order. */
function recordFields(r: DailyRecord, t: (k: string) => string): { label: string; value: string }[] {
  const f = (k: string) => t(`daily.fields.${k}`);
  const yn = (b: boolean) => (b ? t('daily.yes') : t('daily.no'));
  switch (r.kind) {
    case 'patrol':
      return [
        { label: f('areas'), value: r.areas.join('、') },
        { label: f('findings'), value: r.findings },
        { label: f('issuesFound'), value: yn(r.issuesFound) },
        ...(r.actions ? [{ label: f('actions'), value: r.actions }] : []),
      ];
    case 'disinfection':
      return [
        { label: f('area'), value: r.area },
        { label: f('agent'), value: r.agent },
        { label: f('method'), value: r.method },
      ];
    case 'meal':
      return [
        {
          label: f('supplier'),
          value: r.supplier === 'self' ? f('supplierSelf') : (r.supplierName ?? f('supplierCaterer')),
        },
        { label: f('menu'), value: r.menu },
        { label: f('sampleKept'), value: yn(r.sampleKept) },
        ...(r.sampleAt ? [{ label: f('sampleAt'), value: r.sampleAt }] : []),
        ...(r.sampleWeightG ? [{ label: f('sampleWeightG'), value: String(r.sampleWeightG) }] : []),
        ...(r.sampleKeepUntil
          ? [{ label: f('sampleKeepUntil'), value: formatChina(r.sampleKeepUntil, 'MM-DD HH:mm') }]
          : []),
      ];
    case 'cleaning':
      return [
        { label: f('cleaningAreas'), value: r.areas.join('、') },
        { label: f('by'), value: r.by },
      ];
    case 'fire':
      return [
        { label: f('extinguishersOk'), value: yn(r.extinguishersOk) },
        { label: f('exitsClear'), value: yn(r.exitsClear) },
        { label: f('alarmsOk'), value: yn(r.alarmsOk) },
        ...(r.notes ? [{ label: f('notes'), value: r.notes }] : []),
      ];
    case 'epidemic':
      return [
        { label: f('temperatureChecks'), value: String(r.temperatureChecks) },
        { label: f('abnormalCount'), value: String(r.abnormalCount) },
        { label: f('masks'), value: yn(r.masks) },
        ...(r.notes ? [{ label: f('notes'), value: r.notes }] : []),
      ];
  }
}

function RecordCard({ r, canCorrect, onCorrect }: { r: DailyRecord; canCorrect: boolean; onCorrect(): void }) {
  const { t } = useTranslation();
  const superseded = r.supersededById !== null;
  const alarm =
    (r.kind === 'patrol' && r.issuesFound) ||
    (r.kind === 'fire' && !(r.extinguishersOk && r.exitsClear && r.alarmsOk)) ||
    (r.kind === 'epidemic' && r.abnormalCount > 0);
  return (
    <Card
      size="small"
      data-testid={`daily-record-${r.id}`}
      style={superseded ? { opacity: 0.55, background: '#fafafa' } : alarm ? { borderColor: '#ffa39e' } : undefined}
      title={
        <Space size={4} wrap>
          <Tag color={KIND_COLORS[r.kind]}>{t(`daily.kinds.${r.kind}`)}</Tag>
          <span style={superseded ? { textDecoration: 'line-through' } : undefined}>{r.time}</span>
          {superseded && <Tag color="default">{t('daily.superseded')}</Tag>}
          {r.supersedesId !== null && <Tag color="gold">{t('daily.correctionOf', { id: r.supersedesId })}</Tag>}
        </Space>
      }
      extra={
        canCorrect && !superseded ? (
          <Button size="small" type="link" onClick={onCorrect} data-testid="daily-correct">
            {t('daily.correct')}
          </Button>
        ) : null
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, xl: 3 }}
        colon
        items={recordFields(r, t).map((x, i) => ({ key: i, ...x, children: x.value }))}
      />
      {r.reason && (
        <Typography.Paragraph type="warning" style={{ margin: '4px 0 0' }}>
          {t('daily.reason')}
          {currentLang() === 'en' ? ': ' : '：'}
          {r.reason}
        </Typography.Paragraph>
      )}
      {r.photos.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap style={{ marginTop: 8 }}>
            {r.photos.map((p) => (
              <Image key={p.id} src={p.url} width={64} height={64} style={{ objectFit: 'cover' }} />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
        {t('daily.by', { name: r.recordedByName ?? '—', at: formatChina(r.recordedAt, 'MM-DD HH:mm') })}
      </Typography.Text>
    </Card>
  );
}

function MissingBanner({ data }: { data: DayRecords }) {
  const { t } = useTranslation();
  if (!data.classDay) return <Alert type="info" showIcon message={t('daily.notClassDay')} />;
  if (data.missing.length === 0)
    return <Alert type="success" showIcon message={t('daily.allDone')} data-testid="daily-all-done" />;
  const weekly = new Set(data.required.filter((r) => r.frequency === 'weekly').map((r) => r.kind));
  return (
    <Alert
      type="error"
      showIcon
      data-testid="daily-missing"
      message={t('daily.missingTitle', { count: data.missing.length })}
      description={
        <Space size={[4, 6]} wrap>
          {data.missing.map((k) => (
            <Tag key={k} color="red" data-testid={`daily-missing-${k}`}>
              {t(`daily.kinds.${k}`)}
              {weekly.has(k) ? t('daily.missingWeekly') : ''}
            </Tag>
          ))}
        </Space>
      }
    />
  );
}

function ComplianceStrip({ classId, to }: { classId: number; to: string }) {
  const { t } = useTranslation();
  const from = dayjs(to).subtract(13, 'day').format('YYYY-MM-DD');
  const q = useQuery({
    queryKey: [...dailySummaryKey(classId), from, to],
    queryFn: () => fetchDailySummary(classId, from, to),
  });
  if (!q.data) return null;
  const today = todayIso();
  return (
    <Card size="small" title={t('daily.summary')}>
      <Space size={4} wrap>
        {q.data.days.map((d) => {
          const color = !d.classDay || d.day > today ? 'default' : d.missing.length ? 'red' : 'green';
          return (
            <Tooltip
              key={d.day}
              title={d.missing.length ? d.missing.map((k) => t(`daily.kinds.${k}`)).join('、') : undefined}
            >
              <Tag color={color} style={{ marginInlineEnd: 0, minWidth: 44, textAlign: 'center' }}>
                {dayjs(d.day).format('M/D')}
              </Tag>
            </Tooltip>
          );
        })}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        {t('daily.summaryTotals', q.data.totals)} · {t('daily.summaryHint')}
      </Typography.Paragraph>
    </Card>
  );
}

export function DailyRecordsTab({ classId }: { classId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [day, setDay] = useState(todayIso);
  const [editing, setEditing] = useState<{ kind: DailyRecordKind; original: DailyRecord | null } | null>(null);
  const q = useQuery({ queryKey: dailyKey(classId, day), queryFn: () => fetchDayRecords(classId, day) });
  const data = q.data;
  const canWrite = !!data?.abilities.write;
  const missing = new Set(data?.missing ?? []);
  // Newest first, a correction right above the record it corrects.
  const records = [...(data?.records ?? [])].reverse();

  return (
    <Space direction="vertical" size={12} style={{ display: 'flex' }} data-testid="daily-tab">
      <DailyDayPicker day={day} onChange={setDay} />
      {q.error ? (
        <ApiErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <>
          <MissingBanner data={data} />
          {canWrite ? (
            <Space size={[8, 8]} wrap>
              {DAILY_KINDS.filter((k) => data.settings.writableKinds.includes(k)).map((k) => (
                <Button
                  key={k}
                  danger={missing.has(k)}
                  type={missing.has(k) ? 'primary' : 'default'}
                  icon={<PlusOutlined />}
                  title={t('daily.addTitle', { kind: t(`daily.kinds.${k}`) })}
                  onClick={() => setEditing({ kind: k, original: null })}
                  data-testid={`daily-add-${k}`}
                >
                  {t(`daily.kinds.${k}`)}
                </Button>
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('daily.readOnly')}</Typography.Text>
          )}
          <Typography.Title level={5} style={{ margin: '4px 0 0' }}>
            {t('daily.records')}
          </Typography.Title>
          {records.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('daily.noRecords')} />
          ) : (
            <Space direction="vertical" size={8} style={{ display: 'flex' }}>
              {records.map((r) => (
                <RecordCard
                  key={r.id}
                  r={r}
                  canCorrect={canWrite}
                  onCorrect={() => setEditing({ kind: r.kind, original: r })}
                />
              ))}
            </Space>
          )}
          <ComplianceStrip classId={classId} to={day} />
          <DailyRecordForm
            classId={classId}
            day={day}
            kind={editing?.kind ?? null}
            original={editing?.original ?? null}
            settings={data.settings}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              void qc.invalidateQueries({ queryKey: ['classes', classId, 'daily'] });
              void qc.invalidateQueries({ queryKey: dailySummaryKey(classId) });
            }}
          />
        </>
      )}
    </Space>
  );
}

/** The tab's label with today's missing required records as a red count (the class page's `missingToday`). */
export function DailyTabLabel({ classId }: { classId: number }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['classes', classId, 'daily', 'missing-today'],
    queryFn: () => fetchMissingToday(classId),
  });
  const n = q.data?.missing.length ?? 0;
  return (
    <Space size={4}>
      {t('daily.tab')}
      {n > 0 && (
        <Tooltip title={q.data?.missing.map((k) => t(`daily.kinds.${k}`)).join('、')}>
          <Badge count={n} data-testid="daily-missing-today" />
        </Tooltip>
      )}
    </Space>
  );
}
