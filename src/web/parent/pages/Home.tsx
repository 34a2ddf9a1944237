/**
 * 首页: the family (each guardian's verification by their unit: 待单位审核 / 已通过 / 未通过 + reason), the
 * children, and every application with the one next step it needs. Accounts that are not a guardian (unit
 * staff who opened /m/) are pointed to the admin console.
 */
import { Fragment } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { getFamily, listEnrolments } from '../api/calls';
import { ApiError } from '../api/client';
import type { Child, Family, ParentEnrolment } from '../api/types';
import { useT } from '../i18n';
import {
  ENROLMENT_TONE,
  enrolmentStatusLabel,
  formatRange,
  GUARDIAN_TONE,
  gradeLabel,
  guardianStatusLabel,
} from '../labels';
import { loadAllReadiness, nextStep, type Readiness } from '../readiness';
import { useMe, useSession } from '../session';
import { Button } from '../ui/controls';
import { LangSwitch } from '../ui/Screen';
import { Empty, LoadError, Loading, Notice, Tag } from '../ui/states';
import { useLoad } from '../ui/useLoad';
import { InboxLink } from './Inbox';
import { ChildLinks } from './PickupText';
import { SatisfactionCard } from './satisfaction/SatisfactionPage';

async function loadHome() {
  const [family, enrolments] = await Promise.all([getFamily(), listEnrolments()]);
  const readiness = await loadAllReadiness(enrolments.items);
  return { family, enrolments: enrolments.items, readiness };
}

function FamilyCard({ family, myId }: { family: Family; myId: number }) {
  const { t } = useT();
  const me = family.guardians.find((g) => g.userId === myId);
  const others = family.guardians.filter((g) => g.userId !== myId);
  return (
    <div className="card" data-testid="family-card">
      <h2>
        {t('home.family')}
        {me ? (
          <Tag tone={GUARDIAN_TONE[me.status]} testId="verification-status">
            {guardianStatusLabel(me.status)}
          </Tag>
        ) : null}
      </h2>
      {me ? (
        <dl className="kv">
          <dt>{t('home.me')}</dt>
          <dd>
            {me.displayName} <span className="muted">{me.phoneMasked}</span>
          </dd>
          <dt>{t('home.employer')}</dt>
          <dd>{me.employerName}</dd>
        </dl>
      ) : null}
      {me?.status === 'pending' ? (
        <Notice kind="warn" title={t('home.pendingTitle')}>
          {t('home.pendingText', { employer: me.employerName })}
        </Notice>
      ) : null}
      {me?.status === 'rejected' ? (
        <Notice kind="error" title={t('home.rejectedTitle')} testId="rejected-reason">
          {me.reason ? t('home.rejectedReason', { reason: me.reason }) : null} {t('home.rejectedText')}
        </Notice>
      ) : null}
      {others.map((g) => (
        <div className="row" key={g.userId} style={{ marginTop: 12 }}>
          <span>
            {t('home.otherGuardian')}：{g.displayName} <span className="muted">{g.phoneMasked}</span>
          </span>
          <Tag tone={GUARDIAN_TONE[g.status]}>{guardianStatusLabel(g.status)}</Tag>
        </div>
      ))}
      {family.guardians.length < 2 ? (
        <div className="row" style={{ marginTop: 12 }}>
          <span className="muted">{t('home.inviteHint')}</span>
          <Link to="/invite" className="btn small">
            {t('home.invite')}
          </Link>
        </div>
      ) : null}
    </div>
  );
}

function ChildRow({ child }: { child: Child }) {
  const { t } = useT();
  const allowed = child.pickupAdults.filter((a) => a.allowed).length;
  return (
    <Link to={`/children/${child.id}`} className="list-item" data-testid="child-row">
      <div className="row">
        <strong>{child.name}</strong>
        <span className="muted">{t('common.edit')} ›</span>
      </div>
      <div className="muted">
        {[gradeLabel(child.grade), child.school, t('home.pickupCount', { n: allowed })].filter(Boolean).join(' · ')}
      </div>
    </Link>
  );
}

function EnrolmentCard({ e, readiness }: { e: ParentEnrolment; readiness: Readiness | undefined }) {
  const { t } = useT();
  const navigate = useNavigate();
  const step = nextStep(e, readiness);
  return (
    <div className="card" data-testid="enrolment-card">
      <Link to={`/enrolments/${e.id}`} style={{ color: 'inherit', display: 'block' }}>
        <div className="row">
          <h3>{e.className}</h3>
          <Tag tone={ENROLMENT_TONE[e.status]}>{enrolmentStatusLabel(e.status)}</Tag>
        </div>
        <div className="muted">
          {e.childName} · {formatRange(e.startDate, e.endDate)}
        </div>
      </Link>
      <div className={`next ${step.tone}`} data-testid="next-step">
        <span>{t(step.key, step.params)}</span>
        {step.to ? (
          <Button small kind="primary" onClick={() => navigate(step.to ?? '/')}>
            {t('common.go')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

export default function Home() {
  const { t } = useT();
  const me = useMe();
  const { signOut } = useSession();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const home = useLoad('home', loadHome);

  const notParent = home.error instanceof ApiError && home.error.status === 404;
  const family = home.data?.family;
  const mine = family?.guardians.find((g) => g.userId === me.user.id);
  const verified = mine?.status === 'verified';

  return (
    <div className="app">
      <header className="hero">
        <div className="hero-top">
          <h1>{t('app.name')}</h1>
          <div>
            <InboxLink />
            <LangSwitch />
            <button type="button" className="icon-btn" onClick={() => void signOut()} data-testid="sign-out">
              {t('home.signOut')}
            </button>
          </div>
        </div>
        <p>{t('home.hello', { name: me.user.displayName })}</p>
      </header>
      <main className="content">
        {flash ? <Notice kind="success">{flash}</Notice> : null}
        {home.loading && !home.data ? <Loading /> : null}
        {notParent ? (
          <div className="card">
            <Empty icon="child" text={t('home.notParent')}>
              <a className="btn" href="/">
                {t('signIn.adminLink')}
              </a>
            </Empty>
          </div>
        ) : home.error ? (
          <LoadError error={home.error} onRetry={home.reload} />
        ) : null}
        {family && home.data ? (
          <>
            <SatisfactionCard />
            <FamilyCard family={family} myId={me.user.id} />

            <div className="section-title">
              <span>{t('home.children')}</span>
              {family.children.length ? (
                <Link to="/children/new" className="btn small ghost">
                  + {t('home.addChild')}
                </Link>
              ) : null}
            </div>
            <div className="card">
              {family.children.length === 0 ? (
                <Empty icon="child" text={t('home.noChildren')}>
                  <Link to="/children/new" className="btn primary small">
                    {t('home.addChild')}
                  </Link>
                </Empty>
              ) : (
                family.children.map((c) => (
                  <Fragment key={c.id}>
                    <ChildRow child={c} />
                    <ChildLinks childId={c.id} />
                  </Fragment>
                ))
              )}
            </div>

            <div className="section-title">
              <span>{t('home.enrolments')}</span>
            </div>
            {home.data.enrolments.length === 0 ? (
              <div className="card">
                <Empty icon="document" text={verified ? t('home.noEnrolments') : t('home.noEnrolmentsPending')} />
              </div>
            ) : (
              home.data.enrolments.map((e) => (
                <EnrolmentCard key={e.id} e={e} readiness={home.data?.readiness.get(e.id)} />
              ))
            )}
            <div className="actions">
              <Link to="/classes" className="btn primary block" data-testid="browse-classes">
                {t('home.browseClasses')}
              </Link>
              <Link to="/my-data" className="btn ghost block" data-testid="my-data-link">
                {t('myData.link')}
              </Link>
            </div>
          </>
        ) : null}
      </main>
    </div>
  );
}
