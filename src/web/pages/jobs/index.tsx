/**
 * 后台任务 (city administrator): every registered background job with its schedule, its last run (status, start,
 * duration, attempt), the next run, the last failure and how many runs failed in the last 24 hours. Read-only; the
 * runner retries failures by itself. Times are shown in China time, like the schedules.
 */
import { PageContainer, type ProColumns, ProTable } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { useNarrow } from '../../app/components/useNarrow';
import { TableEmpty } from '../../app/components/useTableRequest';
import { currentLang } from '../../app/i18n';
import { type JobRunStatus, type JobSchedule, type JobView, jobsKey, listJobs } from './api';

const STATUS_COLORS: Record<JobRunStatus, string> = {
  pending: 'gold',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  superseded: 'default',
};

const CHINA = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "MM-DD HH:mm:ss" in China time (the full date in the tooltip). */
function ChinaTime({ iso }: { iso: string | null }) {
  if (!iso) return <>—</>;
  const p = Object.fromEntries(CHINA.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return (
    <Tooltip title={`${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`}>
      <span style={{ whiteSpace: 'nowrap' }}>{`${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`}</span>
    </Tooltip>
  );
}

function scheduleText(s: JobSchedule, t: TFunction): string {
  if (s.kind === 'daily') return t('jobs.dailyAt', { at: s.at });
  if (s.seconds % 3600 === 0) return t('jobs.everyHours', { count: s.seconds / 3600 });
  if (s.seconds % 60 === 0) return t('jobs.everyMinutes', { count: s.seconds / 60 });
  return t('jobs.everySeconds', { count: s.seconds });
}

function durationText(ms: number, lang: 'zh' | 'en'): string {
  if (ms < 1000) return lang === 'en' ? `${ms} ms` : `${ms} 毫秒`;
  if (ms < 60_000) return lang === 'en' ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(1)} 秒`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return lang === 'en' ? `${m} min ${s} s` : `${m} 分 ${s} 秒`;
}

const small = { fontSize: 12 } as const;

function LastRun({ job }: { job: JobView }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const run = job.lastRun;
  if (!run) return <Typography.Text type="secondary">{t('jobs.neverRun')}</Typography.Text>;
  const took =
    run.startedAt && run.finishedAt ? new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime() : null;
  return (
    <Space direction="vertical" size={0}>
      <Space size={4} wrap>
        <Tag color={STATUS_COLORS[run.status]} data-testid="job-status">
          {t(`jobs.status.${run.status}`)}
        </Tag>
        <Typography.Text style={small}>
          {run.startedAt ? t('jobs.started') : t('jobs.due')} <ChinaTime iso={run.startedAt ?? run.dueAt} />
        </Typography.Text>
      </Space>
      <Typography.Text type="secondary" style={small}>
        {[
          took !== null ? t('jobs.duration', { duration: durationText(took, lang) }) : null,
          t('jobs.attempt', { count: run.attempt }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
    </Space>
  );
}

function NextRun({ iso }: { iso: string | null }) {
  const { t } = useTranslation();
  if (!iso) return <Typography.Text type="secondary">{t('jobs.noNextRun')}</Typography.Text>;
  return (
    <Space size={4}>
      <ChinaTime iso={iso} />
      {new Date(iso).getTime() <= Date.now() && <Tag color="gold">{t('jobs.overdue')}</Tag>}
    </Space>
  );
}

function LastFailure({ failure }: { failure: JobView['lastFailure'] }) {
  const { t } = useTranslation();
  if (!failure) return <Typography.Text type="secondary">{t('jobs.noFailure')}</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      <Typography.Text style={small}>
        <ChinaTime iso={failure.at} /> · {t('jobs.attempt', { count: failure.attempt })}
      </Typography.Text>
      <Typography.Paragraph
        type="danger"
        style={{ ...small, marginBottom: 0 }}
        ellipsis={{ rows: 2, tooltip: failure.error }}
        data-testid="job-failure"
      >
        {failure.error}
      </Typography.Paragraph>
    </Space>
  );
}

export default function JobsPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const narrow = useNarrow();
  // A monitoring page: look again every half minute while it is open.
  const jobs = useQuery({ queryKey: jobsKey, queryFn: listJobs, refetchInterval: 30_000 });

  const columns: ProColumns<JobView>[] = [
    {
      title: t('jobs.job'),
      dataIndex: 'id',
      width: 280,
      render: (_, j) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{lang === 'en' ? j.description.en : j.description.zh}</Typography.Text>
          <Typography.Text type="secondary" style={{ ...small, fontFamily: 'monospace' }}>
            {j.id}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('jobs.schedule'),
      dataIndex: 'schedule',
      width: 110,
      render: (_, j) =>
        j.schedule.kind === 'daily' ? (
          <Tooltip title={t('jobs.chinaTime')}>{scheduleText(j.schedule, t)}</Tooltip>
        ) : (
          scheduleText(j.schedule, t)
        ),
    },
    { title: t('jobs.lastRun'), dataIndex: 'lastRun', width: 220, render: (_, j) => <LastRun job={j} /> },
    { title: t('jobs.nextRun'), dataIndex: 'nextRunAt', width: 140, render: (_, j) => <NextRun iso={j.nextRunAt} /> },
    {
      title: t('jobs.lastFailure'),
      dataIndex: 'lastFailure',
      width: 240,
      render: (_, j) => <LastFailure failure={j.lastFailure} />,
    },
    {
      title: <Tooltip title={t('jobs.failuresHint')}>{t('jobs.failures24h')}</Tooltip>,
      dataIndex: 'failures24h',
      width: 120,
      align: 'right',
      render: (_, j) =>
        j.failures24h > 0 ? (
          <Typography.Text type="danger" strong data-testid="job-failures">
            {j.failures24h}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
  ];

  return (
    <PageContainer title={t('jobs.title')} subTitle={narrow ? undefined : t('jobs.subtitle')}>
      {jobs.isError && !jobs.data ? (
        <ApiErrorResult error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : (
        <ProTable<JobView>
          rowKey="id"
          columns={columns}
          size="small"
          search={false}
          headerTitle={t('jobs.listTitle')}
          dataSource={jobs.data ?? []}
          loading={jobs.isPending}
          pagination={false}
          options={{ density: false, setting: false, reload: () => void jobs.refetch() }}
          scroll={{ x: 1110 }}
          onRow={(j) => ({ 'data-testid': `job-row-${j.id}` }) as never}
          locale={{ emptyText: <TableEmpty error={jobs.error} text={t('jobs.empty')} /> }}
          data-testid="jobs-table"
        />
      )}
    </PageContainer>
  );
}
