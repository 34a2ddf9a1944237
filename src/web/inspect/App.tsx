/**
 * The inspector's phone form: sign in, the visits to do (kept on the phone for offline use), and one visit's
 * checklist — pass / fail / not applicable with a note, a severity for a failure and photos per item, the head
 * count against the door's list. Every change is saved on the phone at once; "submit" queues the result, which
 * sync.ts sends (now, or when the network is back).
 */
import { useCallback, useEffect, useState } from 'react';
import { doorCount, getMe, isNetworkError, myVisits, setCsrf, signIn, type Visit } from './api';
import { chinaNow, LangProvider, useT } from './i18n';
import type { MessageKey } from './messages';
import {
  type Draft,
  type DraftItem,
  loadDraft,
  newClientId,
  putPhoto,
  queue,
  type Result,
  saveDraft,
  type Severity,
  shrink,
  storedVisits,
  storeVisits,
} from './store';
import { enqueue, onQueueChange, syncNow } from './sync';

function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

export function App() {
  return (
    <LangProvider>
      <Shell />
    </LangProvider>
  );
}

function Shell() {
  const { t, lang, setLang } = useT();
  const online = useOnline();
  const hash = useHash();
  const [state, setState] = useState<'loading' | 'out' | 'in'>('loading');
  const [name, setName] = useState('');

  useEffect(() => {
    getMe().then(
      (me) => {
        setCsrf(me.csrfToken);
        setName(me.user.displayName);
        setState('in');
      },
      (e) => setState(isNetworkError(e) ? 'in' : 'out'),
    );
  }, []);

  const visitId = /^#\/visits\/(\d+)/.exec(hash)?.[1];
  return (
    <div className="app">
      <header className="top">
        <div className="bar">
          <div className="bar-side">
            {visitId && (
              <a className="icon-btn" href="#/">
                ‹ {t('visit.back')}
              </a>
            )}
          </div>
          <h1>{t('app.title')}</h1>
          <div className="bar-side right">
            <span className={`net ${online ? 'on' : 'off'}`}>{online ? t('net.online') : t('net.offline')}</span>
            <button type="button" className="icon-btn" onClick={() => setLang(lang === 'en' ? 'zh' : 'en')}>
              {t('lang.switch')}
            </button>
          </div>
        </div>
      </header>
      <main className="main">
        {state === 'loading' ? null : state === 'out' ? (
          <SignIn
            onIn={(n) => {
              setName(n);
              setState('in');
            }}
          />
        ) : visitId ? (
          <VisitForm id={Number(visitId)} />
        ) : (
          <VisitList name={name} />
        )}
      </main>
    </div>
  );
}

function SignIn({ onIn }: { onIn: (name: string) => void }) {
  const { t } = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      className="card"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          const me = await signIn(username, password);
          setCsrf(me.csrfToken);
          onIn(me.user.displayName);
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
        }
      }}
    >
      <h2>{t('signin.title')}</h2>
      <label className="field">
        {t('signin.username')}
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
      </label>
      <label className="field">
        {t('signin.password')}
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
        />
      </label>
      {error && <p className="error">{error}</p>}
      <button type="submit" className="primary">
        {t('signin.submit')}
      </button>
    </form>
  );
}

function useQueue() {
  const [q, setQ] = useState(queue);
  useEffect(() => onQueueChange(() => setQ(queue())), []);
  return q;
}

function VisitList({ name }: { name: string }) {
  const { t } = useT();
  const [visits, setVisits] = useState<Visit[]>(storedVisits);
  const [offline, setOffline] = useState(false);
  const q = useQueue();
  useEffect(() => {
    myVisits().then(
      (v) => {
        storeVisits(v);
        setVisits(v);
        setOffline(false);
      },
      () => setOffline(true),
    );
  }, []);
  const pending = new Set(q.map((x) => x.visitId));
  return (
    <div>
      {name && <p className="muted">{name}</p>}
      {offline && <p className="banner warn">{t('list.offline')}</p>}
      {q.length > 0 && (
        <p className="banner" data-testid="queue">
          {t('list.pending', { n: q.length })}
        </p>
      )}
      {q
        .filter((x) => x.error)
        .map((x) => (
          <p key={x.clientId} className="banner error">
            {t('list.failed', { msg: x.error ?? '' })}
          </p>
        ))}
      <h2>{t('list.title')}</h2>
      {visits.filter((v) => !pending.has(v.id)).length === 0 && <p className="muted">{t('list.empty')}</p>}
      {visits
        .filter((v) => !pending.has(v.id))
        .map((v) => (
          <a key={v.id} className="card visit" href={`#/visits/${v.id}`}>
            <strong>{v.className}</strong>
            <span className="muted">{v.orgName}</span>
            <span>
              {v.plannedDate} · <span className={`tag ${v.kind}`}>{t(`kind.${v.kind}` as MessageKey)}</span>
            </span>
          </a>
        ))}
    </div>
  );
}

const RESULTS: Result[] = ['pass', 'fail', 'na'];
const SEVERITIES: Severity[] = ['low', 'medium', 'high'];

function VisitForm({ id }: { id: number }) {
  const { t } = useT();
  const [visits, setVisits] = useState<Visit[]>(storedVisits);
  const visit = visits.find((v) => v.id === id);
  const [draft, setDraft] = useState<Draft>(() => loadDraft(id));
  const [door, setDoor] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const items = visit?.items ?? [];

  // Opened straight from a link (the console, a notice): the visit is fetched when the phone has not kept it yet.
  useEffect(() => {
    if (visits.some((v) => v.id === id)) return;
    myVisits().then(
      (v) => {
        storeVisits(v);
        setVisits(v);
      },
      () => {},
    );
  }, [id, visits]);

  useEffect(() => {
    const { day, time } = chinaNow();
    doorCount(id, day, time).then(
      (r) => setDoor(r.present),
      () => setDoor(null),
    );
  }, [id]);

  const change = useCallback(
    (f: (d: Draft) => Draft) => {
      setDraft((d) => {
        const next = f(d);
        saveDraft(id, next);
        return next;
      });
    },
    [id],
  );
  const setItem = (key: string, patch: Partial<DraftItem>) =>
    change((d) => ({ ...d, items: { ...d.items, [key]: { photos: [], ...d.items[key], ...patch } } }));

  const addPhoto = async (key: string, file: File) => {
    const photoKey = `${id}-${key}-${newClientId()}`;
    await putPhoto(photoKey, await shrink(file));
    change((d) => {
      const it = d.items[key] ?? { photos: [] };
      return { ...d, items: { ...d.items, [key]: { ...it, photos: [...it.photos, photoKey] } } };
    });
  };

  const unanswered = items.filter((k) => !draft.items[k]?.result).length;
  const noSeverity = items.some((k) => draft.items[k]?.result === 'fail' && !draft.items[k]?.severity);

  const submit = () => {
    if (unanswered) return setMessage(t('visit.incomplete', { n: unanswered }));
    if (noSeverity) return setMessage(t('visit.needSeverity'));
    const { day, time } = chinaNow();
    enqueue({ visitId: id, clientId: newClientId(), visitedOn: day, visitedTime: time, draft, uploaded: {} });
    setMessage(navigator.onLine ? t('visit.sent') : t('visit.queued'));
    void syncNow().then(() => {
      window.location.hash = '#/';
    });
  };

  if (!visit) return <p className="muted">{t('list.empty')}</p>;
  const mismatch = door !== null && draft.headCount != null && draft.headCount !== door;
  return (
    <div data-testid="visit-form">
      <div className="card">
        <strong>{visit.className}</strong>
        <div className="muted">
          {visit.orgName} · {visit.plannedDate} · {t(`kind.${visit.kind}` as MessageKey)}
        </div>
      </div>
      {items.map((key) => {
        const it = draft.items[key];
        return (
          <section key={key} className="card check" data-testid={`check-${key}`}>
            <div className="check-head">
              <strong>{t(`check.${key}` as MessageKey)}</strong>
              <span className="muted small">{t(`hint.${key}` as MessageKey)}</span>
            </div>
            {key === 'headcount' && (
              <div className="headcount">
                <label className="field">
                  {t('visit.counted')}
                  <input
                    type="number"
                    inputMode="numeric"
                    min={0}
                    value={draft.headCount ?? ''}
                    onChange={(e) =>
                      change((d) => ({ ...d, headCount: e.target.value === '' ? null : Number(e.target.value) }))
                    }
                  />
                </label>
                <span className="muted small">
                  {door === null ? t('visit.doorOffline') : t('visit.door', { n: door })}
                </span>
                {mismatch && <span className="error small">{t('visit.mismatch')}</span>}
              </div>
            )}
            <div className="seg">
              {RESULTS.map((r) => (
                <button
                  key={r}
                  type="button"
                  className={`seg-btn ${r} ${it?.result === r ? 'on' : ''}`}
                  onClick={() => setItem(key, { result: r })}
                >
                  {t(`result.${r}` as MessageKey)}
                </button>
              ))}
            </div>
            {it?.result === 'fail' && (
              <div className="seg small-seg">
                <span className="muted small">{t('visit.severity')}</span>
                {SEVERITIES.map((s) => (
                  <button
                    key={s}
                    type="button"
                    className={`seg-btn sev ${s} ${it.severity === s ? 'on' : ''}`}
                    onClick={() => setItem(key, { severity: s })}
                  >
                    {t(`severity.${s}` as MessageKey)}
                  </button>
                ))}
              </div>
            )}
            <textarea
              rows={2}
              placeholder={t('visit.note')}
              value={it?.note ?? ''}
              onChange={(e) => setItem(key, { note: e.target.value })}
            />
            <label className="photo-btn">
              <CameraIcon /> {t('visit.photo')}
              {it?.photos.length ? ` · ${t('visit.photos', { n: it.photos.length })}` : ''}
              <input
                type="file"
                accept="image/*"
                capture="environment"
                hidden
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void addPhoto(key, f);
                  e.target.value = '';
                }}
              />
            </label>
          </section>
        );
      })}
      <section className="card">
        <textarea
          rows={3}
          placeholder={t('visit.summary')}
          value={draft.summary ?? ''}
          onChange={(e) => change((d) => ({ ...d, summary: e.target.value }))}
        />
        <p className="muted small">{t('visit.draftSaved')}</p>
        {message && <p className="banner">{message}</p>}
        <button type="button" className="primary" onClick={submit} data-testid="submit-visit">
          {t('visit.submit')}
        </button>
      </section>
    </div>
  );
}

/** A small camera drawn inline: phones without an emoji font would show a box. */
function CameraIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" style={{ marginRight: 6 }}>
      <path
        fill="currentColor"
        d="M9 4 7.2 6H4a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V8a2 2 0 0 0-2-2h-3.2L15 4H9Zm3 4.5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9Zm0 2a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5Z"
      />
    </svg>
  );
}
