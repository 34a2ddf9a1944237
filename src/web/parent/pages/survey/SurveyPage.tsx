/**
 * 托管需求调研: the page an employee reaches from their unit's QR code, with no account. Verify the phone by a
 * code, then answer (children and grades, weeks of the season, hours, lunch, distance, a share of the cost, the
 * opener's extra questions); the same phone reopens and edits its answer until the survey closes.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Check, Choices, Field } from '../../ui/controls';
import { Screen } from '../../ui/Screen';
import { Loading, Notice } from '../../ui/states';
import { type PublicSurvey, type SurveyAnswers, SurveyError, getSurvey, saveAnswer } from './api';
import { useSurveyT } from './messages';
import { VerifyPhone } from './VerifyPhone';
import './survey.css';

type Grade = SurveyAnswers['children'][number]['grade'];
const GRADES: Grade[] = ['K', '1', '2', '3', '4', '5', '6'];
const FROM_TIMES = ['07:00', '07:30', '08:00', '08:30', '09:00'];
const TO_TIMES = ['16:30', '17:00', '17:30', '18:00', '18:30', '19:00'];
/** Each distance choice stores the farthest it accepts (km). */
const DISTANCES = [
  { km: 0.5, key: 'km1' },
  { km: 3, key: 'km3' },
  { km: 5, key: 'km5' },
  { km: 10, key: 'km10' },
  { km: 20, key: 'kmFar' },
] as const;

const blank = (): SurveyAnswers => ({
  children: [{ grade: '1' }],
  weeks: [],
  hours: { from: '08:00', to: '17:30' },
  lunch: true,
  distanceKm: 3,
  payShare: 'unsure',
  extra: {},
});

const md = (iso: string) => `${Number(iso.slice(5, 7))}/${Number(iso.slice(8, 10))}`;

export default function SurveyPage() {
  const { token = '' } = useParams();
  const { t } = useSurveyT();
  const [survey, setSurvey] = useState<PublicSurvey | null>(null);
  const [loadError, setLoadError] = useState<'network' | 'notFound' | null>(null);
  const [ticket, setTicket] = useState<{ value: string; phone: string } | null>(null);
  const [version, setVersion] = useState<number | undefined>();
  const [answers, setAnswers] = useState<SurveyAnswers>(blank);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  // The confirmation sits under a long form: bring it into view.
  useEffect(() => {
    if (saved) document.querySelector('[data-testid="survey-saved"]')?.scrollIntoView({ block: 'center' });
  }, [saved]);

  useEffect(() => {
    getSurvey(token)
      .then(setSurvey)
      .catch((e: unknown) => setLoadError(e instanceof SurveyError && e.status === 0 ? 'network' : 'notFound'));
  }, [token]);

  const fail = (e: unknown) => {
    if (e instanceof SurveyError) {
      if (e.code === 'SURVEY_VERIFY_AGAIN') setTicket(null);
      if (e.code === 'SURVEY_CLOSED' && survey) setSurvey({ ...survey, closed: true });
      setError(e.status === 0 ? t('network') : e.message);
    } else setError(t('network'));
  };

  if (loadError)
    return (
      <Screen title={t('title')}>
        <Notice kind="error">{t(loadError)}</Notice>
      </Screen>
    );
  if (!survey)
    return (
      <Screen title={t('title')}>
        <Loading />
      </Screen>
    );

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ticket) return;
    setError(null);
    setSaved(false);
    if (answers.weeks.length === 0) return setError(t('needWeeks'));
    setBusy(true);
    try {
      const r = await saveAnswer(token, ticket.value, answers, version);
      setVersion(r.version);
      setSaved(true);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const set = (patch: Partial<SurveyAnswers>) => {
    setSaved(false);
    setAnswers((a) => ({ ...a, ...patch }));
  };
  const setChild = (i: number, c: SurveyAnswers['children'][number]) =>
    set({ children: answers.children.map((x, j) => (j === i ? c : x)) });
  const toggleWeek = (monday: string, on: boolean) =>
    set({
      weeks: on
        ? survey.weeks.map((w) => w.monday).filter((m) => m === monday || answers.weeks.includes(m))
        : answers.weeks.filter((m) => m !== monday),
    });
  const gradeLabel = (g: Grade) => (g === 'K' ? t('kindergarten') : t('gradeN', { n: g }));

  return (
    <Screen title={t('title')}>
      <div className="card survey-head">
        <h2>{survey.title}</h2>
        <div className="row">
          <span className="muted">{t('unit')}</span>
          <span>{survey.unitName}</span>
        </div>
        <div className="row">
          <span className="muted">{t('campaign')}</span>
          <span>{survey.campaignName}</span>
        </div>
        {survey.closesOn ? (
          <div className="row">
            <span className="muted">{t('closesOn')}</span>
            <span>{survey.closesOn}</span>
          </div>
        ) : null}
      </div>

      {survey.closed ? (
        <Notice kind="warn" title={t('closed')} testId="survey-closed">
          {t('closedBody')}
        </Notice>
      ) : !ticket ? (
        <VerifyPhone
          token={token}
          onClosed={() => setSurvey({ ...survey, closed: true })}
          onVerified={(r) => {
            setTicket({ value: r.ticket, phone: r.phone });
            if (r.answer) {
              setAnswers(r.answer.answers);
              setVersion(r.answer.version);
            }
            if (r.closed) setSurvey({ ...survey, closed: true });
          }}
        />
      ) : (
        <form className="survey-form" onSubmit={onSubmit} noValidate>
          <Notice kind="info">
            {t('verified', { phone: ticket.phone })}
            {version ? ` · ${t('editing', { version })}` : ''}
          </Notice>
          <div className="card">
            <h3>{t('children')}</h3>
            {answers.children.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: children have no id before they are saved
              <div className="survey-child" key={i}>
                <div className="survey-child-head">
                  <strong>{t('child', { n: i + 1 })}</strong>
                  {answers.children.length > 1 ? (
                    <Button
                      small
                      kind="ghost"
                      onClick={() => set({ children: answers.children.filter((_, j) => j !== i) })}
                    >
                      {t('remove')}
                    </Button>
                  ) : null}
                </div>
                <Choices
                  name={`grade-${i}`}
                  label={t('grade')}
                  value={c.grade}
                  options={GRADES.map((g) => ({ value: g, label: gradeLabel(g) }))}
                  onChange={(grade) => setChild(i, grade === 'K' ? { grade, selfCare: true } : { grade })}
                />
                {c.grade === 'K' ? (
                  <Check checked={!!c.selfCare} onChange={(selfCare) => setChild(i, { grade: 'K', selfCare })}>
                    {t('selfCare')}
                  </Check>
                ) : null}
              </div>
            ))}
            {answers.children.length < 6 ? (
              <Button
                small
                onClick={() => set({ children: [...answers.children, { grade: '1' }] })}
                data-testid="survey-add-child"
              >
                {t('addChild')}
              </Button>
            ) : null}
          </div>

          <div className="card">
            <div className="survey-child-head">
              <h3>{t('weeks')}</h3>
              <Button small kind="ghost" onClick={() => set({ weeks: survey.weeks.map((w) => w.monday) })}>
                {t('allWeeks')}
              </Button>
            </div>
            <div className="survey-weeks">
              {survey.weeks.map((w, i) => (
                <Check
                  key={w.monday}
                  checked={answers.weeks.includes(w.monday)}
                  onChange={(on) => toggleWeek(w.monday, on)}
                  testId={`survey-week-${i}`}
                >
                  {t('weekLabel', { n: i + 1, from: md(w.from), to: md(w.to) })}
                </Check>
              ))}
            </div>
          </div>

          <div className="card">
            <h3>{t('hours')}</h3>
            <div className="survey-hours">
              <Field label={t('from')}>
                {(id) => (
                  <select
                    id={id}
                    className="input"
                    value={answers.hours.from}
                    onChange={(e) => set({ hours: { ...answers.hours, from: e.target.value } })}
                  >
                    {FROM_TIMES.map((x) => (
                      <option key={x}>{x}</option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('to')}>
                {(id) => (
                  <select
                    id={id}
                    className="input"
                    value={answers.hours.to}
                    onChange={(e) => set({ hours: { ...answers.hours, to: e.target.value } })}
                  >
                    {TO_TIMES.map((x) => (
                      <option key={x}>{x}</option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <h3>{t('lunch')}</h3>
            <Choices
              name="lunch"
              label={t('lunch')}
              value={answers.lunch ? 'yes' : 'no'}
              options={[
                { value: 'yes', label: t('yes') },
                { value: 'no', label: t('no') },
              ]}
              onChange={(v) => set({ lunch: v === 'yes' })}
            />
            <h3>{t('distance')}</h3>
            <Choices
              name="distance"
              label={t('distance')}
              value={String(DISTANCES.find((d) => answers.distanceKm <= d.km)?.km ?? 20)}
              options={DISTANCES.map((d) => ({ value: String(d.km), label: t(d.key) }))}
              onChange={(v) => set({ distanceKm: Number(v) })}
            />
            <h3>{t('payShare')}</h3>
            <Choices
              name="pay"
              label={t('payShare')}
              value={answers.payShare}
              options={[
                { value: 'yes' as const, label: t('payYes') },
                { value: 'no' as const, label: t('payNo') },
                { value: 'unsure' as const, label: t('payUnsure') },
              ]}
              onChange={(payShare) => set({ payShare })}
            />
          </div>

          {survey.questions.length > 0 ? (
            <div className="card">
              <h3>{t('extra')}</h3>
              {survey.questions.map((q) => {
                const v = answers.extra[q.id];
                const setExtra = (value: string | number | undefined) => {
                  const extra = { ...answers.extra };
                  if (value === undefined || value === '') delete extra[q.id];
                  else extra[q.id] = value;
                  set({ extra });
                };
                return (
                  <Field key={q.id} label={q.label} required={q.required}>
                    {(id) =>
                      q.kind === 'choice' ? (
                        <Choices
                          name={q.id}
                          label={q.label}
                          value={typeof v === 'string' ? v : null}
                          options={(q.options ?? []).map((o) => ({ value: o, label: o }))}
                          onChange={setExtra}
                        />
                      ) : (
                        <input
                          id={id}
                          className="input"
                          inputMode={q.kind === 'number' ? 'decimal' : undefined}
                          maxLength={q.kind === 'text' ? 500 : 12}
                          value={v === undefined ? '' : String(v)}
                          onChange={(e) => {
                            const raw = e.target.value;
                            if (q.kind !== 'number') return setExtra(raw);
                            const n = Number(raw);
                            setExtra(raw.trim() === '' || !Number.isFinite(n) ? undefined : n);
                          }}
                        />
                      )
                    }
                  </Field>
                );
              })}
            </div>
          ) : null}

          {error ? <Notice kind="error">{error}</Notice> : null}
          {saved ? (
            <Notice kind="success" testId="survey-saved">
              {t('saved')}
            </Notice>
          ) : null}
          <Button type="submit" kind="primary" block loading={busy} data-testid="survey-submit">
            {version ? t('update') : t('submit')}
          </Button>
        </form>
      )}
    </Screen>
  );
}
