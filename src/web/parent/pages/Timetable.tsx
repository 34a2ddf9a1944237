/**
 * 今日活动: the day's timetable of a class the family's child holds (or is offered) a place in — what the class
 * does when, and which slots staff have ticked off with their notes. No photos here: other children may be in them.
 * Its few labels live here, in both languages, to keep the shared message files untouched.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { z } from 'zod';
import { addDays, todayInChina } from '../../../domain/calendar/dates';
import type { parentTimetableResponse } from '../../../server/modules/daily/daily.schema';
import { api } from '../api/client';
import type { Wire } from '../api/types';
import { type Lang, useT } from '../i18n';
import { Button } from '../ui/controls';
import { Screen } from '../ui/Screen';
import { Empty, LoadError, Loading, Tag } from '../ui/states';
import { useLoad } from '../ui/useLoad';

type ParentTimetable = Wire<z.infer<typeof parentTimetableResponse>>;

const TEXT = {
  zh: {
    title: '每日活动',
    prev: '前一天',
    next: '后一天',
    today: '今天',
    notClassDay: '这一天不是托管日。',
    noPlan: '这一天没有安排活动。',
    done: '已完成',
    todo: '未完成',
    progress: '已完成 {done} / {total} 项',
    hours: '托管时间 {from}–{to}',
  },
  en: {
    title: 'Daily activities',
    prev: 'Previous day',
    next: 'Next day',
    today: 'Today',
    notClassDay: 'No class on this day.',
    noPlan: 'Nothing is planned for this day.',
    done: 'Done',
    todo: 'Not yet',
    progress: '{done} of {total} done',
    hours: 'Hours {from}–{to}',
  },
} as const;

const KINDS: Record<string, { zh: string; en: string }> = {
  homework: { zh: '作业辅导', en: 'Homework' },
  tutoring: { zh: '个别辅导', en: 'Tutoring' },
  reading: { zh: '阅读', en: 'Reading' },
  sports: { zh: '体育', en: 'Sports' },
  arts: { zh: '艺术', en: 'Arts' },
  practice: { zh: '社会实践', en: 'Social practice' },
  rest: { zh: '午休', en: 'Rest' },
  other: { zh: '其他', en: 'Other' },
};

function text(lang: Lang, key: keyof (typeof TEXT)['zh'], params: Record<string, string | number> = {}): string {
  return TEXT[lang][key].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

const WEEKDAYS = {
  zh: ['日', '一', '二', '三', '四', '五', '六'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};
function dayTitle(day: string, lang: Lang): string {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return lang === 'en' ? `${WEEKDAYS.en[wd]} ${day}` : `${day} 周${WEEKDAYS.zh[wd]}`;
}

export default function TimetablePage() {
  const { lang } = useT();
  const id = Number(useParams().id);
  const today = todayInChina(new Date());
  const [day, setDay] = useState(today);
  const loaded = useLoad(`timetable:${id}:${day}`, () =>
    api.get<ParentTimetable>(`/api/parent/classes/${id}/timetable?day=${day}`),
  );
  const data = loaded.data;
  const done = data?.sessions.filter((s) => s.done).length ?? 0;

  return (
    <Screen title={text(lang, 'title')} back={true}>
      <div className="card">
        {data ? (
          <>
            <h3>{data.class.name}</h3>
            {data.class.dailyStart && data.class.dailyEnd ? (
              <p className="muted" style={{ margin: '4px 0 0' }}>
                {text(lang, 'hours', { from: data.class.dailyStart, to: data.class.dailyEnd })}
              </p>
            ) : null}
          </>
        ) : null}
        <div className="row" style={{ marginTop: data ? 12 : 0 }}>
          <Button small onClick={() => setDay(addDays(day, -1))}>
            ‹ {text(lang, 'prev')}
          </Button>
          <strong data-testid="timetable-day">{dayTitle(day, lang)}</strong>
          <Button small onClick={() => setDay(addDays(day, 1))}>
            {text(lang, 'next')} ›
          </Button>
        </div>
        {day !== today ? (
          <div style={{ textAlign: 'center', marginTop: 8 }}>
            <Button small kind="ghost" onClick={() => setDay(today)}>
              {text(lang, 'today')}
            </Button>
          </div>
        ) : null}
      </div>
      {loaded.loading && !data ? <Loading /> : null}
      {loaded.error ? <LoadError error={loaded.error} onRetry={loaded.reload} /> : null}
      {data && data.sessions.length === 0 ? (
        <div className="card">
          <Empty icon="inbox" text={data.classDay ? text(lang, 'noPlan') : text(lang, 'notClassDay')} />
        </div>
      ) : null}
      {data && data.sessions.length > 0 ? (
        <div className="card" data-testid="timetable">
          <p className="muted" style={{ margin: '0 0 8px' }}>
            {text(lang, 'progress', { done, total: data.sessions.length })}
          </p>
          {data.sessions.map((s) => (
            <div
              key={s.id}
              style={{ display: 'flex', gap: 12, padding: '10px 0', borderTop: '1px solid var(--line, #f0f0f0)' }}
            >
              <div style={{ minWidth: 92, fontVariantNumeric: 'tabular-nums', fontWeight: 600 }}>
                {s.start}–{s.end}
              </div>
              <div style={{ flex: 1, minWidth: 0 }}>
                <div className="row" style={{ alignItems: 'flex-start' }}>
                  <span>
                    {KINDS[s.kind]?.[lang] ?? s.kind}
                    {s.title && s.title !== KINDS[s.kind]?.[lang] ? <span className="muted"> · {s.title}</span> : null}
                  </span>
                  <Tag tone={s.done ? 'green' : 'grey'}>{s.done ? text(lang, 'done') : text(lang, 'todo')}</Tag>
                </div>
                {s.note ? (
                  <p className="small muted" style={{ margin: '4px 0 0', whiteSpace: 'pre-line' }}>
                    {s.note}
                  </p>
                ) : null}
              </div>
            </div>
          ))}
        </div>
      ) : null}
    </Screen>
  );
}

/** The enrolment page's way in: a link to the class's daily timetable, for a child holding or offered a place. */
export function TimetableLink({ classId }: { classId: number }) {
  const { lang } = useT();
  return (
    <div className="actions">
      <Link to={`/classes/${classId}/timetable`} className="btn block" data-testid="timetable-link">
        {text(lang, 'title')}
      </Link>
    </div>
  );
}
