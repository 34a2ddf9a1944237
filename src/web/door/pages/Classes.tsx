/** 选择托管班: the classes the signed-in staff member may work the door of, with today's count. */
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { type DoorClass, isNetworkError, listDoorClasses } from '../api';
import { clockTime, useT } from '../i18n';
import { useMe, useSession } from '../session';
import { storeClasses, storedClasses } from '../store';
import { reportNetwork } from '../sync';
import { LangSwitch, LoadError, Loading, Notice, Screen } from '../ui';
import { SyncBanner } from './SyncBanner';

export default function Classes() {
  const { t } = useT();
  const me = useMe();
  const { signOut } = useSession();
  const [items, setItems] = useState<DoorClass[] | null>(() => null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` is the retry trigger
  useEffect(() => {
    let live = true;
    setError(null);
    listDoorClasses().then(
      (r) => {
        if (!live) return;
        reportNetwork(true);
        storeClasses(r.items);
        setItems(r.items);
        setSavedAt(null);
      },
      (e: unknown) => {
        if (!live) return;
        const cached = storedClasses();
        if (isNetworkError(e)) reportNetwork(false);
        if (isNetworkError(e) && cached) {
          setItems(cached.items);
          setSavedAt(cached.savedAt);
        } else setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [round]);

  return (
    <Screen
      title={t('classes.title')}
      right={
        <>
          <LangSwitch />
          <button type="button" className="icon-btn" onClick={() => void signOut()} data-testid="sign-out">
            {t('classes.signOut')}
          </button>
        </>
      }
      below={<SyncBanner />}
    >
      <p className="hello">{t('classes.hello', { name: me.user.displayName })}</p>
      {savedAt ? (
        <Notice kind="warn">
          {t('classes.offline')} · {clockTime(savedAt)}
        </Notice>
      ) : null}
      {error ? <LoadError error={error} onRetry={() => setRound((r) => r + 1)} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && items.length === 0 ? (
        <div className="card empty">
          <p>{t('classes.empty')}</p>
        </div>
      ) : null}
      {items?.map((c) => (
        <Link key={c.id} to={`/classes/${c.id}`} className="card class-card" data-testid="door-class">
          <div className="class-name">{c.name}</div>
          <div className="muted">
            {c.orgName}
            {c.dailyStart && c.dailyEnd ? ` · ${t('classes.hours', { start: c.dailyStart, end: c.dailyEnd })}` : ''}
          </div>
          <div className="class-today">
            {t('classes.today', { present: c.today.present + c.today.left, enrolled: c.today.enrolled })}
            <span className="chev" aria-hidden>
              ›
            </span>
          </div>
        </Link>
      ))}
    </Screen>
  );
}
