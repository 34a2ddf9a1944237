/** 家长登录: mobile number + password. A 429 (too many attempts, locked account) counts down before retrying. */
import { type FormEvent, useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { signIn } from '../api/calls';
import { ApiError, errorMessage } from '../api/client';
import { useT } from '../i18n';
import { useSession } from '../session';
import { Button, Field } from '../ui/controls';
import { Icon } from '../ui/icons';
import { LangSwitch } from '../ui/Screen';
import { Notice } from '../ui/states';
import { useCountdown } from '../ui/useCountdown';
import { normalizePhone } from '../validate';

/** Only in-app paths are followed after sign-in. */
function safeFrom(from: unknown): string {
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

export default function SignIn() {
  const { t } = useT();
  const { state, signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const routeState = (location.state ?? {}) as { from?: string; message?: string; phone?: string };
  const [phone, setPhone] = useState(routeState.phone ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(routeState.message ?? null);
  const [busy, setBusy] = useState(false);
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const wait = useCountdown(blockedUntil);

  useEffect(() => {
    if (wait === 0 && blockedUntil) setBlockedUntil(null);
  }, [wait, blockedUntil]);

  if (state.kind === 'in') return <Navigate to={safeFrom(routeState.from)} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p = normalizePhone(phone);
    if (!p) return setError(t('validate.phone'));
    if (!password) return setError(t('validate.passwordEmpty'));
    setBusy(true);
    setError(null);
    try {
      const me = await signIn(p, password);
      signedIn(me);
      navigate(safeFrom(routeState.from), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setBlockedUntil(Date.now() + (err.retryAfter ?? 60) * 1000);
      setError(err instanceof ApiError && err.code === 'INVALID_CREDENTIALS' ? t('signIn.wrong') : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="app">
      <header className="bar">
        <div className="bar-side" />
        <h1>{t('app.name')}</h1>
        <div className="bar-side right">
          <LangSwitch />
        </div>
      </header>
      <main className="content">
        <div className="auth-head">
          <div className="logo">
            <Icon name="heart" size={44} filled />
          </div>
          <h1>{t('signIn.title')}</h1>
          <p>{t('signIn.subtitle')}</p>
        </div>
        <form className="card" onSubmit={submit} noValidate>
          {error ? <Notice kind="error">{error}</Notice> : null}
          <Field label={t('field.phone')}>
            {(id) => (
              <input
                id={id}
                className="input"
                type="tel"
                inputMode="numeric"
                autoComplete="username"
                placeholder={t('field.phonePlaceholder')}
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('field.password')}>
            {(id) => (
              <input
                id={id}
                className="input"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <Button type="submit" kind="primary" block loading={busy} disabled={wait > 0}>
            {wait > 0 ? t('common.waitSeconds', { seconds: wait }) : t('signIn.submit')}
          </Button>
          <p className="footer-link">
            {t('signIn.noAccount')} <Link to="/register">{t('signIn.register')}</Link>
          </p>
        </form>
        <p className="muted" style={{ textAlign: 'center' }}>
          {t('signIn.adminHint')} <a href="/">{t('signIn.adminLink')}</a>
        </p>
      </main>
    </div>
  );
}
