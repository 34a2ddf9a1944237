/** 工作人员登录: the same accounts and endpoint as the admin console. */
import { type FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, isNetworkError, signIn } from '../api';
import { useT } from '../i18n';
import { useSession } from '../session';
import { Button, LangSwitch, Notice } from '../ui';

function safeFrom(from: unknown): string {
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

export default function SignIn() {
  const { t } = useT();
  const { state, signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const routeState = (location.state ?? {}) as { from?: string; message?: string };
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(routeState.message ?? null);
  const [busy, setBusy] = useState(false);

  if (state.kind === 'in') return <Navigate to={safeFrom(routeState.from)} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) return setError(t('signIn.empty'));
    setBusy(true);
    setError(null);
    try {
      const me = await signIn(username.trim(), password);
      if (me.user.mustChangePassword || me.totpEnrollmentRequired) {
        setError(t('signIn.incomplete'));
        return;
      }
      signedIn(me);
      navigate(safeFrom(routeState.from), { replace: true });
    } catch (err) {
      setError(
        isNetworkError(err)
          ? t('signIn.offline')
          : err instanceof ApiError && err.code === 'INVALID_CREDENTIALS'
            ? t('signIn.wrong')
            : err instanceof Error
              ? err.message
              : String(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="app">
      <div className="top">
        <header className="bar">
          <div className="bar-side" />
          <h1>{t('app.name')}</h1>
          <div className="bar-side right">
            <LangSwitch />
          </div>
        </header>
      </div>
      <main className="content">
        <div className="auth-head">
          <img src="/door/icon.svg" alt="" width={56} height={56} />
          <h1>{t('signIn.title')}</h1>
          <p>{t('signIn.subtitle')}</p>
        </div>
        <form className="card" onSubmit={submit} noValidate>
          {error ? <Notice kind="error">{error}</Notice> : null}
          <div className="field">
            <label htmlFor="door-username">{t('signIn.username')}</label>
            <input
              id="door-username"
              className="input"
              autoComplete="username"
              autoCapitalize="none"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="door-password">{t('signIn.password')}</label>
            <input
              id="door-password"
              className="input"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <Button type="submit" kind="primary" block big loading={busy}>
            {t('signIn.submit')}
          </Button>
        </form>
      </main>
    </div>
  );
}
