/** One screen of the app: a sticky bar (back, title, language switch) over the scrolling content. */
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n';

export function LangSwitch({ className = 'icon-btn lang-switch' }: { className?: string }) {
  const { lang, setLang, t } = useT();
  return (
    <button
      type="button"
      className={className}
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
  children,
}: {
  title: string;
  /** Where the back arrow goes; `true` goes back in history (home when there is none). */
  back?: string | true;
  right?: ReactNode;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  const { t } = useT();
  const goBack = () => {
    if (back === true) {
      if (window.history.length > 1) navigate(-1);
      else navigate('/');
    } else if (back) navigate(back);
  };
  return (
    <div className="app">
      <header className="bar">
        <div className="bar-side">
          {back ? (
            <button type="button" className="icon-btn back" onClick={goBack} aria-label={t('common.back')}>
              {t('common.back')}
            </button>
          ) : null}
        </div>
        <h1>{title}</h1>
        <div className="bar-side right">{right ?? <LangSwitch />}</div>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
