/**
 * One application (报名详情): the outcome of applying (accepted / waitlisted / in the lottery), then the steps
 * before the first day — confirm an offered place, sign the custody agreement, upload the insurance policy,
 * the fee — each with its state and the button that does it; the lottery's published commitment; withdrawal.
 */
import { type ReactNode, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { confirmOffer, getLottery, listEnrolments, listOpenClasses } from '../api/calls';
import { errorMessage } from '../api/client';
import type { EnrolmentStatus, Lottery, ParentEnrolment } from '../api/types';
import { type MessageKey, useT } from '../i18n';
import {
  ENROLMENT_TONE,
  enrolmentReason,
  enrolmentStatusLabel,
  feeStatusLabel,
  formatMoment,
  formatRange,
  isLive,
} from '../labels';
import { holdsPlace, loadReadiness, nextStep, type Readiness } from '../readiness';
import { Button } from '../ui/controls';
import { Screen } from '../ui/Screen';
import { Empty, LoadError, Loading, Notice, Tag } from '../ui/states';
import { useLoad } from '../ui/useLoad';
import { ClassFacts } from './Classes';
import { TimetableLink } from './Timetable';

const RESULT: Partial<
  Record<EnrolmentStatus, { kind: 'success' | 'warn' | 'info'; title: MessageKey; text: MessageKey }>
> = {
  accepted: { kind: 'success', title: 'result.accepted', text: 'result.acceptedText' },
  waitlisted: { kind: 'warn', title: 'result.waitlisted', text: 'result.waitlistedText' },
  applied: { kind: 'info', title: 'result.applied', text: 'result.appliedText' },
};

type StepState = 'done' | 'todo' | 'wait' | 'off';

function Step({ n, state, title, children }: { n: number; state: StepState; title: string; children?: ReactNode }) {
  return (
    <li className={`step ${state}`}>
      <span className="step-dot">{state === 'done' ? '✓' : n}</span>
      <div className="step-body">
        <strong>{title}</strong>
        {children ? <div className="small">{children}</div> : null}
      </div>
    </li>
  );
}

function Steps({ e, r, onConfirmed }: { e: ParentEnrolment; r: Readiness; onConfirmed(): void }) {
  const { t } = useT();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await confirmOffer(e.id);
      onConfirmed();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const offered = e.status === 'offered';
  const insuranceState: StepState =
    r.insurance === 'confirmed' ? 'done' : r.insurance === 'pending' || r.insurance === 'submitted' ? 'wait' : 'todo';
  return (
    <div className="card" data-testid="steps">
      <h2>{t('steps.title')}</h2>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <ol className="steps">
        <Step n={1} state={offered ? 'todo' : 'done'} title={t('steps.confirm')}>
          {offered ? (
            <>
              {e.offerExpiresAt
                ? t('steps.confirmBy', { deadline: formatMoment(e.offerExpiresAt) })
                : t('steps.confirmNow')}
              <div>
                <Button kind="primary" small loading={busy} onClick={confirm}>
                  {t('steps.confirmButton')}
                </Button>
              </div>
            </>
          ) : (
            t('steps.confirmed')
          )}
        </Step>
        <Step
          n={2}
          state={r.agreement === 'signed' ? 'done' : r.agreement === 'unpublished' ? 'wait' : 'todo'}
          title={t('steps.agreement')}
        >
          {r.agreement === 'signed'
            ? t('steps.agreementSigned')
            : r.agreement === 'unpublished'
              ? t('steps.agreementUnpublished')
              : t('steps.agreementTodo')}
          {r.agreement !== 'unpublished' ? (
            <div>
              <Button
                small
                kind={r.agreement === 'signed' ? 'default' : 'primary'}
                onClick={() => navigate(`/enrolments/${e.id}/agreement`)}
              >
                {r.agreement === 'signed' ? t('steps.agreementView') : t('steps.agreementSign')}
              </Button>
            </div>
          ) : null}
        </Step>
        <Step n={3} state={insuranceState} title={t('steps.insurance')}>
          {t(`insurance.state.${r.insurance}`)}
          {r.insurance !== 'confirmed' ? (
            <div>
              <Button
                small
                kind={insuranceState === 'todo' ? 'primary' : 'default'}
                onClick={() => navigate(`/enrolments/${e.id}/insurance`)}
              >
                {insuranceState === 'todo' ? t('steps.insuranceUpload') : t('steps.insuranceAgain')}
              </Button>
            </div>
          ) : null}
        </Step>
        <Step n={4} state={r.fee === 'due' ? 'wait' : 'done'} title={t('steps.fee')}>
          {feeStatusLabel(r.fee)}
        </Step>
      </ol>
    </div>
  );
}

function LotteryCard({ lottery, e }: { lottery: Lottery; e: ParentEnrolment }) {
  const { t } = useT();
  if (!lottery.seedHash) return null;
  const mine = lottery.entries?.find((x) => x.ref === String(e.id));
  return (
    <div className="card" data-testid="lottery">
      <h2>{t('lottery.title')}</h2>
      <p className="small">
        {lottery.drawnAt ? t('lottery.drawn', { at: formatMoment(lottery.drawnAt) }) : t('lottery.notYet')}
      </p>
      {mine ? <p>{t('lottery.rank', { rank: mine.rank, total: lottery.entries?.length ?? 0 })}</p> : null}
      <dl className="kv">
        <dt>{t('lottery.seedHash')}</dt>
        <dd className="mono small">{lottery.seedHash}</dd>
        {lottery.seed ? (
          <>
            <dt>{t('lottery.seed')}</dt>
            <dd className="mono small">{lottery.seed}</dd>
          </>
        ) : null}
      </dl>
      <p className="hint">{t('lottery.verifyHint')}</p>
    </div>
  );
}

export default function EnrolmentPage() {
  const { t } = useT();
  const id = Number(useParams().id);
  const location = useLocation();
  const routeState = (location.state ?? {}) as { result?: EnrolmentStatus; flash?: string };
  const loaded = useLoad(`enrolment:${id}`, async () => {
    const [all, classes] = await Promise.all([listEnrolments(), listOpenClasses()]);
    const e = all.items.find((x) => x.id === id);
    if (!e) return null;
    const [readiness, lottery] = await Promise.all([
      holdsPlace(e) ? loadReadiness(e) : Promise.resolve(undefined),
      getLottery(e.classId).catch(() => undefined),
    ]);
    return { e, cls: classes.items.find((c) => c.id === e.classId), readiness, lottery };
  });
  const data = loaded.data;
  const result = routeState.result ? RESULT[routeState.result] : undefined;

  return (
    <Screen title={t('enrolment.title')} back="/">
      {loaded.loading && !data ? <Loading /> : null}
      {loaded.error ? <LoadError error={loaded.error} onRetry={loaded.reload} /> : null}
      {data === null ? (
        <div className="card">
          <Empty text={t('enrolment.notFound')} />
        </div>
      ) : null}
      {data ? (
        <>
          {result ? (
            <Notice kind={result.kind} title={t(result.title)} testId="apply-result">
              {t(result.text)}
            </Notice>
          ) : null}
          {routeState.flash ? <Notice kind="success">{routeState.flash}</Notice> : null}
          <div className="card">
            <div className="row">
              <h3>{data.e.className}</h3>
              <Tag tone={ENROLMENT_TONE[data.e.status]} testId="enrolment-status">
                {enrolmentStatusLabel(data.e.status)}
              </Tag>
            </div>
            <p className="muted" style={{ margin: '4px 0 12px' }}>
              {t('enrolment.child', { name: data.e.childName })} ·{' '}
              {t('enrolment.appliedAt', { at: formatMoment(data.e.appliedAt) })}
            </p>
            {data.cls ? (
              <ClassFacts c={data.cls} />
            ) : (
              <p className="small">{formatRange(data.e.startDate, data.e.endDate)}</p>
            )}
            {data.e.reason && ['waitlisted', 'withdrawn', 'rejected'].includes(data.e.status) ? (
              <p className="small">{t('enrolment.reason', { reason: enrolmentReason(data.e.reason) })}</p>
            ) : null}
            <div className={`next ${nextStep(data.e, data.readiness).tone}`} data-testid="next-step">
              {t(nextStep(data.e, data.readiness).key, nextStep(data.e, data.readiness).params)}
            </div>
          </div>
          {data.readiness ? <Steps e={data.e} r={data.readiness} onConfirmed={loaded.reload} /> : null}
          {data.lottery ? <LotteryCard lottery={data.lottery} e={data.e} /> : null}
          {holdsPlace(data.e) ? <TimetableLink classId={data.e.classId} /> : null}
          {isLive(data.e) ? (
            <div className="actions">
              <Link to={`/enrolments/${id}/withdraw`} className="btn danger block">
                {t('enrolment.withdraw')}
              </Link>
            </div>
          ) : null}
        </>
      ) : null}
    </Screen>
  );
}
