/** The door screen's few building blocks: thumb-sized buttons, notices, a screen with a sticky bar, a bottom sheet. */
import { type ButtonHTMLAttributes, type ReactNode, useEffect, useId } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from './api';
import { useT } from './i18n';

type ButtonKind = 'primary' | 'default' | 'danger' | 'ghost' | 'go';

export function Button({
  kind = 'default',
  block,
  big,
  loading,
  children,
  className,
  type = 'button',
  disabled,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { kind?: ButtonKind; block?: boolean; big?: boolean; loading?: boolean }) {
  const cls = ['btn', kind, block ? 'block' : '', big ? 'big' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type={type} className={cls} disabled={disabled || loading} aria-busy={loading || undefined} {...rest}>
      {loading ? <span className="spinner" aria-hidden /> : null}
      {children}
    </button>
  );
}

export function Notice({
  kind,
  title,
  children,
  testId,
}: {
  kind: 'error' | 'info' | 'success' | 'warn';
  title?: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div className={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {title ? <strong>{title}</strong> : null}
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useT();
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden />
      {t('common.loading')}
    </div>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useT();
  const offline = error instanceof ApiError && error.code === 'NETWORK';
  return (
    <div className="card empty">
      <p>{offline ? t('error.network') : t('error.loadFailed')}</p>
      {offline ? null : <p className="muted">{error instanceof Error ? error.message : String(error)}</p>}
      {onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : null}
    </div>
  );
}

export function LangSwitch() {
  const { lang, setLang, t } = useT();
  return (
    <button
      type="button"
      className="icon-btn"
      onClick={() => setLang(lang === 'en' ? 'zh' : 'en')}
      data-testid="lang-switch"
    >
      {t('lang.other')}
    </button>
  );
}

export function Screen({
  title,
  back,
  right,
  below,
  children,
}: {
  title: string;
  back?: string;
  right?: ReactNode;
  /** Sticky content under the bar (the sync banner, the counts). */
  below?: ReactNode;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  const { t } = useT();
  return (
    <div className="app">
      <div className="top">
        <header className="bar">
          <div className="bar-side">
            {back ? (
              <button type="button" className="icon-btn back" onClick={() => navigate(back)}>
                {t('common.back')}
              </button>
            ) : null}
          </div>
          <h1>{title}</h1>
          <div className="bar-side right">{right ?? <LangSwitch />}</div>
        </header>
        {below}
      </div>
      <main className="content">{children}</main>
    </div>
  );
}

/** A sheet rising from the bottom of the screen (within thumb reach); the backdrop closes it. */
export function Sheet({
  title,
  onClose,
  children,
  testId,
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
  testId?: string;
}) {
  const { t } = useT();
  const id = useId();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    document.body.classList.add('sheet-open');
    return () => {
      window.removeEventListener('keydown', onKey);
      document.body.classList.remove('sheet-open');
    };
  }, [onClose]);
  return (
    <div className="sheet-wrap">
      <button type="button" className="sheet-backdrop" aria-label={t('common.close')} onClick={onClose} />
      <div className="sheet" role="dialog" aria-modal="true" aria-labelledby={id} data-testid={testId}>
        <div className="sheet-head">
          <h2 id={id}>{title}</h2>
          <button type="button" className="icon-btn" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
        <div className="sheet-body">{children}</div>
      </div>
    </div>
  );
}
