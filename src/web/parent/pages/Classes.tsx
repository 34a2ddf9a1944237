/**
 * 可报名的托管班: the open classes this family may join (its units', joint classes, classes open to the whole
 * city) with places left, dates and hours, fee, meals, how places are allocated and when applications close.
 */
import { Link } from 'react-router-dom';
import { getFamily, listEnrolments, listOpenClasses } from '../api/calls';
import type { OpenClass, ParentEnrolment } from '../api/types';
import { useT } from '../i18n';
import { allocationLabel, feeLabel, formatMoment, formatRange, gradeLabel, isLive, mealsLabel } from '../labels';
import { useMe } from '../session';
import { Screen } from '../ui/Screen';
import { Empty, LoadError, Loading, Tag } from '../ui/states';
import { useLoad } from '../ui/useLoad';

export function ClassFacts({ c }: { c: OpenClass }) {
  const { t } = useT();
  return (
    <dl className="kv">
      <dt>{t('class.dates')}</dt>
      <dd>{formatRange(c.startDate, c.endDate)}</dd>
      {c.dailyStart && c.dailyEnd ? (
        <>
          <dt>{t('class.hours')}</dt>
          <dd>
            {c.dailyStart}–{c.dailyEnd}
          </dd>
        </>
      ) : null}
      <dt>{t('class.host')}</dt>
      <dd>{c.orgName}</dd>
      <dt>{t('class.fee')}</dt>
      <dd>
        {feeLabel(c.feeAmount)}
        {c.feeNote ? <span className="muted">（{c.feeNote}）</span> : null}
      </dd>
      <dt>{t('class.meals')}</dt>
      <dd>{mealsLabel(c.meals)}</dd>
      <dt>{t('class.allocation')}</dt>
      <dd>{allocationLabel(c.allocation)}</dd>
      {c.windowClosesAt ? (
        <>
          <dt>{t('class.closes')}</dt>
          <dd>{formatMoment(c.windowClosesAt)}</dd>
        </>
      ) : null}
      {c.gradesOffered.length ? (
        <>
          <dt>{t('class.grades')}</dt>
          <dd>{c.gradesOffered.map((g) => gradeLabel(g)).join('、')}</dd>
        </>
      ) : null}
    </dl>
  );
}

function ClassCard({ c, mine }: { c: OpenClass; mine: ParentEnrolment[] }) {
  const { t } = useT();
  return (
    <div className="card" data-testid="class-card">
      <div className="row" style={{ alignItems: 'flex-start' }}>
        <h3>{c.name}</h3>
        <div style={{ textAlign: 'right', flex: 'none' }}>
          {c.placesLeft > 0 ? (
            <>
              <div className="big-number">{c.placesLeft}</div>
              <div className="muted">{t('class.placesLeft')}</div>
            </>
          ) : (
            <Tag tone="orange">{c.allocation === 'lottery' ? t('class.lotteryOpen') : t('class.full')}</Tag>
          )}
        </div>
      </div>
      {c.publicDescription ? <p className="small pre">{c.publicDescription}</p> : null}
      <ClassFacts c={c} />
      {mine.length ? (
        <p className="small" style={{ marginBottom: 0 }}>
          {t('class.alreadyApplied', { names: mine.map((e) => e.childName).join('、') })}
        </p>
      ) : null}
      <div className="actions">
        <Link to={`/classes/${c.id}/apply`} className="btn primary block">
          {c.placesLeft > 0 || c.allocation === 'lottery' ? t('class.apply') : t('class.applyWaitlist')}
        </Link>
      </div>
    </div>
  );
}

export default function Classes() {
  const { t } = useT();
  const me = useMe();
  const loaded = useLoad('classes', async () => {
    const [classes, family, enrolments] = await Promise.all([listOpenClasses(), getFamily(), listEnrolments()]);
    return { classes: classes.items, family, enrolments: enrolments.items };
  });
  const mine = loaded.data?.family.guardians.find((g) => g.userId === me.user.id);
  const verified = loaded.data?.family.guardians.some((g) => g.status === 'verified');

  return (
    <Screen title={t('classes.title')} back="/">
      {loaded.loading ? <Loading /> : null}
      {loaded.error ? <LoadError error={loaded.error} onRetry={loaded.reload} /> : null}
      {loaded.data && loaded.data.classes.length === 0 ? (
        <div className="card">
          {verified ? (
            <Empty icon="calendar" text={t('classes.none')} />
          ) : (
            <Empty icon="clock" text={mine?.status === 'rejected' ? t('classes.rejected') : t('classes.pending')}>
              <Link to="/" className="btn small">
                {t('common.backHome')}
              </Link>
            </Empty>
          )}
        </div>
      ) : null}
      {loaded.data?.classes.map((c) => (
        <ClassCard
          key={c.id}
          c={c}
          mine={loaded.data?.enrolments.filter((e) => e.classId === c.id && isLive(e)) ?? []}
        />
      ))}
    </Screen>
  );
}
