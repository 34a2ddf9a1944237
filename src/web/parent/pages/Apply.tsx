/**
 * 报名: choose which child applies to a class. Children already holding a live application to it, or whose
 * grade the class does not take, cannot be chosen (the server checks eligibility again). The result screen is
 * the application's own page.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { applyForPlace, getFamily, listEnrolments, listOpenClasses } from '../api/calls';
import { errorMessage } from '../api/client';
import type { Child, OpenClass, ParentEnrolment } from '../api/types';
import { useT } from '../i18n';
import { gradeLabel, isLive } from '../labels';
import { Button } from '../ui/controls';
import { Screen } from '../ui/Screen';
import { Empty, LoadError, Loading, Notice } from '../ui/states';
import { useLoad } from '../ui/useLoad';
import { ClassFacts } from './Classes';

function blockedReason(
  c: OpenClass,
  child: Child,
  enrolments: ParentEnrolment[],
): 'applied' | 'grade' | 'selfCare' | null {
  if (enrolments.some((e) => e.classId === c.id && e.childId === child.id && isLive(e))) return 'applied';
  const offered = c.gradesOffered.map(String);
  if (offered.length && !offered.includes(child.grade)) return 'grade';
  if (child.grade === 'K' && child.selfCare !== true) return 'selfCare';
  return null;
}

export default function Apply() {
  const { t } = useT();
  const navigate = useNavigate();
  const classId = Number(useParams().id);
  const loaded = useLoad(`apply:${classId}`, async () => {
    const [classes, family, enrolments] = await Promise.all([listOpenClasses(), getFamily(), listEnrolments()]);
    return {
      cls: classes.items.find((c) => c.id === classId),
      children: family.children,
      enrolments: enrolments.items,
    };
  });
  const [childId, setChildId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!childId) return setError(t('apply.chooseChild'));
    setBusy(true);
    setError(null);
    try {
      const e = await applyForPlace(classId, childId);
      navigate(`/enrolments/${e.id}`, { replace: true, state: { result: e.status } });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const data = loaded.data;
  return (
    <Screen title={t('apply.title')} back="/classes">
      {loaded.loading ? <Loading /> : null}
      {loaded.error ? <LoadError error={loaded.error} onRetry={loaded.reload} /> : null}
      {data && !data.cls ? (
        <div className="card">
          <Empty text={t('apply.classGone')}>
            <Link to="/classes" className="btn small">
              {t('classes.title')}
            </Link>
          </Empty>
        </div>
      ) : null}
      {data?.cls ? (
        <>
          <div className="card">
            <h2>{data.cls.name}</h2>
            <ClassFacts c={data.cls} />
          </div>
          <div className="card">
            <h2>{t('apply.whichChild')}</h2>
            {data.children.length === 0 ? (
              <Empty icon="child" text={t('apply.noChildren')}>
                <Link to="/children/new" className="btn primary small">
                  {t('home.addChild')}
                </Link>
              </Empty>
            ) : (
              <div className="option-list" role="radiogroup" aria-label={t('apply.whichChild')}>
                {data.children.map((child) => {
                  const blocked = data.cls ? blockedReason(data.cls, child, data.enrolments) : null;
                  return (
                    <label
                      key={child.id}
                      className={`option${childId === child.id ? ' selected' : ''}${blocked ? ' disabled' : ''}`}
                    >
                      <input
                        type="radio"
                        name="child"
                        checked={childId === child.id}
                        disabled={!!blocked}
                        onChange={() => setChildId(child.id)}
                      />
                      <span className="option-body">
                        <strong>{child.name}</strong> <span className="muted">{gradeLabel(child.grade)}</span>
                        {blocked ? <span className="muted"> · {t(`apply.blocked.${blocked}`)}</span> : null}
                      </span>
                    </label>
                  );
                })}
              </div>
            )}
          </div>
          {data.cls.allocation === 'lottery' ? <Notice kind="info">{t('apply.lotteryNote')}</Notice> : null}
          {data.cls.allocation !== 'lottery' && data.cls.placesLeft === 0 ? (
            <Notice kind="warn">{t('apply.fullNote')}</Notice>
          ) : null}
          {error ? <Notice kind="error">{error}</Notice> : null}
          {data.children.length ? (
            <Button kind="primary" block loading={busy} onClick={submit}>
              {t('apply.submit')}
            </Button>
          ) : null}
        </>
      ) : null}
    </Screen>
  );
}
