/**
 * 满意度调查 (#16): one survey of one enrolment — overall satisfaction and five items on 1–5, 孩子开心吗 on three
 * faces, an optional remark — then thanks. Answered once: a survey already answered says so; the server refuses a
 * second answer (409) and its words are shown as they come.
 */
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { Button, Field } from '../../ui/controls';
import { Screen } from '../../ui/Screen';
import { Empty, LoadError, Loading, Notice } from '../../ui/states';
import { useLoad } from '../../ui/useLoad';
import { type AnswerInput, answerSurvey, getSurvey, listSurveys } from './api';
import { useSatisfactionT } from './messages';
import './satisfaction.css';

const ITEMS = ['safety', 'care', 'activities', 'meals', 'communication'] as const;
type Item = (typeof ITEMS)[number];
type Scores = Partial<Record<'overall' | Item, number>>;

function Stars({
  name,
  label,
  value,
  onChange,
}: {
  name: string;
  label: string;
  value?: number;
  onChange(v: number): void;
}) {
  return (
    <div className="sat-row" role="radiogroup" aria-label={label} data-testid={`rate-${name}`}>
      <span className="sat-label">{label}</span>
      <span className="sat-scale">
        {[1, 2, 3, 4, 5].map((s) => (
          <label key={s} className="sat-score">
            <input type="radio" name={name} value={s} checked={value === s} onChange={() => onChange(s)} />
            <span>{s}</span>
          </label>
        ))}
      </span>
    </div>
  );
}

export default function SatisfactionPage() {
  const { t, lang } = useSatisfactionT();
  const id = Number(useParams().id);
  const survey = useLoad(`satisfaction:${id}`, () => getSurvey(id));
  const [scores, setScores] = useState<Scores>({});
  const [happy, setHappy] = useState<0 | 1 | 2 | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [thanks, setThanks] = useState(false);

  const s = survey.data;
  const items = ITEMS.filter((k) => k !== 'meals' || s?.asksMeals);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = (['overall', ...items] as const).filter((k) => !scores[k]).length + (happy === null ? 1 : 0);
    if (missing) return setError(t('missing', { n: missing }));
    setBusy(true);
    setError(null);
    const body: AnswerInput = {
      overall: scores.overall as number,
      safety: scores.safety as number,
      care: scores.care as number,
      activities: scores.activities as number,
      meals: s?.asksMeals ? (scores.meals as number) : null,
      communication: scores.communication as number,
      happy: happy as 0 | 1 | 2,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    try {
      await answerSurvey(id, body);
      setThanks(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const date = (iso: string) => new Date(iso).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN');
  return (
    <Screen title={t('title')} back="/">
      {survey.loading && !s ? <Loading /> : null}
      {survey.error ? <LoadError error={survey.error} onRetry={survey.reload} /> : null}
      {thanks ? (
        <div className="card" data-testid="satisfaction-thanks">
          <Empty icon="heart" text={t('thanksTitle')}>
            <p className="muted">{t('thanksBody')}</p>
            <Link to="/" className="btn primary">
              {t('backHome')}
            </Link>
          </Empty>
        </div>
      ) : s?.answered ? (
        <div className="card" data-testid="satisfaction-answered">
          <Notice kind="success">{t('answered', { at: date(s.answeredAt ?? s.sentAt) })}</Notice>
          <Link to="/" className="btn block">
            {t('backHome')}
          </Link>
        </div>
      ) : s ? (
        <form className="card sat-form" onSubmit={submit} noValidate data-testid="satisfaction-form">
          <p>{t('intro', { className: s.className, when: s.round === 'mid' ? t('whenMid') : t('whenFinal') })}</p>
          <p className="muted">{t('child', { name: s.childName })}</p>
          <h2>{t('overall')}</h2>
          <Stars
            name="overall"
            label={t('overall')}
            value={scores.overall}
            onChange={(v) => setScores({ ...scores, overall: v })}
          />
          <h2>{t('items')}</h2>
          <p className="muted small">{t('scale')}</p>
          {items.map((k) => (
            <Stars key={k} name={k} label={t(k)} value={scores[k]} onChange={(v) => setScores({ ...scores, [k]: v })} />
          ))}
          <h2>{t('happy')}</h2>
          <div className="choices" role="radiogroup" aria-label={t('happy')} data-testid="rate-happy">
            {([2, 1, 0] as const).map((h) => (
              <label className="choice" key={h}>
                <input type="radio" name="happy" checked={happy === h} onChange={() => setHappy(h)} />
                <span>{t(`happy${h}`)}</span>
              </label>
            ))}
          </div>
          <Field label={t('comment')} hint={t('commentHint')}>
            {(fid) => (
              <textarea
                id={fid}
                className="textarea"
                maxLength={500}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            )}
          </Field>
          {error ? <Notice kind="error">{error}</Notice> : null}
          <Button type="submit" kind="primary" block loading={busy} data-testid="satisfaction-submit">
            {t('submit')}
          </Button>
        </form>
      ) : null}
    </Screen>
  );
}

/** The home screen's card: surveys waiting, each opening its screen. Shows nothing when none waits. */
export function SatisfactionCard() {
  const { t } = useSatisfactionT();
  const list = useLoad('satisfaction:list', listSurveys);
  const waiting = list.data?.items.filter((i) => !i.answered) ?? [];
  if (!waiting.length) return null;
  return (
    <div className="card" data-testid="satisfaction-card">
      <Notice kind="info" title={t('homeCard', { n: waiting.length })}>
        {waiting.map((w) => (
          <div key={w.id} className="sat-wait">
            <span>
              {w.className} · {w.childName}
            </span>
            <Link to={`/satisfaction/${w.id}`} className="btn small primary">
              {t('homeOpen')}
            </Link>
          </div>
        ))}
      </Notice>
    </div>
  );
}
