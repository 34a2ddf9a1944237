/**
 * 请假与出勤: report sick or personal leave for a range of class days in advance (with a note), cancel it, and see
 * the child's attendance day by day (arrival, departure, who picked up — by name only).
 */
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router-dom';
import { getFamily, listEnrolments } from '../api/calls';
import { api, errorMessage } from '../api/client';
import { useT } from '../i18n';
import { Button, Choices, Field } from '../ui/controls';
import { Screen } from '../ui/Screen';
import { Empty, LoadError, Loading, Notice, type Tone, Tag } from '../ui/states';
import { useLoad } from '../ui/useLoad';
import { clock, type PickupKey, usePickupT } from './PickupText';

type Status = 'expected' | 'present' | 'left' | 'absent' | 'sick';
interface ParentDay {
  day: string;
  status: Status;
  checkInAt: string | null;
  checkOutAt: string | null;
  pickedUpBy: string | null;
  absenceReason: string | null;
}
interface Attendance {
  classId: number;
  className: string;
  days: ParentDay[];
}

const TONE: Record<Status | 'missed', Tone> = {
  expected: 'grey',
  present: 'green',
  left: 'blue',
  absent: 'orange',
  sick: 'orange',
  missed: 'red',
};

const todayInChina = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

function dayLabel(day: string, lang: 'zh' | 'en'): string {
  const d = new Date(`${day}T00:00:00Z`);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(d);
}

async function loadChildClasses(childId: number) {
  const [family, enrolments] = await Promise.all([getFamily(), listEnrolments()]);
  const child = family.children.find((c) => c.id === childId) ?? null;
  const classes = enrolments.items
    .filter((e) => e.childId === childId && e.status === 'accepted')
    .map((e) => ({ id: e.classId, name: e.className }));
  return { child, classes };
}

function AttendanceList({ childId, classId, round }: { childId: number; classId: number; round: number }) {
  const t = usePickupT();
  const { lang } = useT();
  const att = useLoad(`att-${childId}-${classId}-${round}`, () =>
    api.get<Attendance>(`/api/parent/children/${childId}/attendance?classId=${classId}`),
  );
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const today = todayInChina();

  const cancel = async (day: string) => {
    const label = dayLabel(day, lang);
    if (!window.confirm(t('absence.confirmCancel', { day: label }))) return;
    setBusy(day);
    setMessage(null);
    try {
      await api.del<unknown>(`/api/parent/children/${childId}/absences/${day}?classId=${classId}`);
      setMessage({ kind: 'success', text: t('absence.cancelled', { day: label }) });
      att.reload();
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };

  if (att.loading && !att.data) return <Loading />;
  if (att.error) return <LoadError error={att.error} onRetry={att.reload} />;
  const days = att.data?.days ?? [];
  const present = days.filter((d) => d.status === 'present' || d.status === 'left').length;
  const absent = days.filter((d) => d.status === 'absent' || d.status === 'sick').length;
  return (
    <div className="card" data-testid="attendance-days">
      <h2>
        {t('absence.days')}
        <small>{t('absence.summary', { present, absent })}</small>
      </h2>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {days.length === 0 ? <Empty icon="calendar" text={t('absence.none')} /> : null}
      {days.map((d) => {
        const missed = d.status === 'expected' && d.day < today;
        const key = (missed ? 'status.missed' : `status.${d.status}`) as PickupKey;
        const detail = [
          d.checkInAt ? t('absence.in', { time: clock(d.checkInAt) }) : '',
          d.checkOutAt ? t('absence.out', { time: clock(d.checkOutAt) }) : '',
          d.pickedUpBy ? t('absence.by', { name: d.pickedUpBy }) : '',
        ]
          .filter(Boolean)
          .join(' · ');
        const cancellable = (d.status === 'absent' || d.status === 'sick') && d.absenceReason && d.day >= today;
        return (
          <div className="list-item" key={d.day} data-testid="attendance-day" data-day={d.day}>
            <div className="row">
              <strong>{dayLabel(d.day, lang)}</strong>
              <Tag tone={missed ? TONE.missed : TONE[d.status]}>{t(key)}</Tag>
            </div>
            {detail ? <div className="muted">{detail}</div> : null}
            {cancellable ? (
              <div className="row" style={{ marginTop: 6, justifyContent: 'flex-end' }}>
                <Button small kind="danger" loading={busy === d.day} onClick={() => void cancel(d.day)}>
                  {t('absence.cancel')}
                </Button>
              </div>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

export default function AbsencePage() {
  const t = usePickupT();
  const childId = Number(useParams().id);
  const data = useLoad(`absence-${childId}`, () => loadChildClasses(childId));
  const [picked, setPicked] = useState<number | null>(null);
  const today = todayInChina();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [reason, setReason] = useState<'sick' | 'personal'>('sick');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [round, setRound] = useState(0);

  const classes = data.data?.classes ?? [];
  const classId = picked ?? classes[0]?.id ?? null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!classId) return;
    if (!from || !to) return setMessage({ kind: 'error', text: t('absence.dates') });
    if (to < from) return setMessage({ kind: 'error', text: t('absence.order') });
    setBusy(true);
    setMessage(null);
    try {
      const r = await api.post<{ days: unknown[] }>(`/api/parent/children/${childId}/absences`, {
        classId,
        from,
        to,
        reason,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setMessage({ kind: 'success', text: t('absence.done', { n: r.days.length }) });
      setNote('');
      setRound((n) => n + 1);
    } catch (err) {
      setMessage({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t('absence.title')} back={true}>
      {data.loading && !data.data ? <Loading /> : null}
      {data.error ? <LoadError error={data.error} onRetry={data.reload} /> : null}
      {data.data && classes.length === 0 ? (
        <div className="card">
          <Empty icon="calendar" text={t('absence.noClass')} />
        </div>
      ) : null}
      {data.data && classId ? (
        <>
          <form className="card" onSubmit={submit} noValidate data-testid="absence-form">
            <h2>
              {data.data.child?.name ?? ''}
              <small>{classes.find((c) => c.id === classId)?.name}</small>
            </h2>
            {classes.length > 1 ? (
              <Field label={t('absence.class')}>
                {(id) => (
                  <select
                    id={id}
                    className="select"
                    value={classId}
                    onChange={(e) => setPicked(Number(e.target.value))}
                  >
                    {classes.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : null}
            {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
            <div className="grid-2">
              <Field label={t('absence.from')}>
                {(id) => (
                  <input
                    id={id}
                    className="input"
                    type="date"
                    min={today}
                    value={from}
                    onChange={(e) => {
                      setFrom(e.target.value);
                      if (to < e.target.value) setTo(e.target.value);
                    }}
                  />
                )}
              </Field>
              <Field label={t('absence.to')}>
                {(id) => (
                  <input
                    id={id}
                    className="input"
                    type="date"
                    min={from || today}
                    value={to}
                    onChange={(e) => setTo(e.target.value)}
                  />
                )}
              </Field>
            </div>
            <Field label={t('absence.reason')}>
              {() => (
                <Choices
                  name="absence-reason"
                  label={t('absence.reason')}
                  value={reason}
                  onChange={(v) => setReason(v === 'personal' ? 'personal' : 'sick')}
                  options={[
                    { value: 'sick', label: t('absence.sick') },
                    { value: 'personal', label: t('absence.personal') },
                  ]}
                />
              )}
            </Field>
            <Field label={t('absence.note')}>
              {(id) => (
                <textarea
                  id={id}
                  className="textarea"
                  maxLength={500}
                  placeholder={t('absence.notePlaceholder')}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
              )}
            </Field>
            <Button type="submit" kind="primary" block loading={busy} data-testid="absence-submit">
              {t('absence.submit')}
            </Button>
          </form>
          <AttendanceList childId={childId} classId={classId} round={round} />
        </>
      ) : null}
    </Screen>
  );
}
