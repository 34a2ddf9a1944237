/** The employer unit, searched by name (at least two characters) among active units, and picked from the list. */
import { useEffect, useState } from 'react';
import { searchEmployers } from '../api/calls';
import { errorMessage } from '../api/client';
import type { Employer } from '../api/types';
import { useT } from '../i18n';
import { Button, Field } from '../ui/controls';

export function EmployerPicker({
  value,
  onChange,
  error,
}: {
  value: Employer | null;
  onChange(e: Employer | null): void;
  error?: string | undefined;
}) {
  const { t } = useT();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ q: string; items: Employer[] } | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const query = q.trim();

  useEffect(() => {
    if (query.length < 2) {
      setResult(null);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      searchEmployers(query).then(
        (r) => {
          if (!live) return;
          setSearchError(null);
          setResult({ q: query, items: r.items });
        },
        (e: unknown) => live && setSearchError(errorMessage(e)),
      );
    }, 300);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [query]);

  return (
    <Field label={t('register.employer')} required error={error} hint={value ? undefined : t('register.employerHint')}>
      {(id) => (
        <>
          {value ? (
            <div className="option selected" data-testid="employer-chosen">
              <div className="option-body">{value.name}</div>
              <Button small kind="ghost" onClick={() => onChange(null)}>
                {t('common.change')}
              </Button>
            </div>
          ) : (
            <>
              <input
                id={id}
                className="input"
                type="search"
                placeholder={t('register.employerPlaceholder')}
                value={q}
                onChange={(e) => setQ(e.target.value)}
              />
              {searchError ? <div className="field-error">{searchError}</div> : null}
              {result && result.q === query ? (
                result.items.length ? (
                  <div
                    className="option-list"
                    style={{ marginTop: 8 }}
                    role="listbox"
                    aria-label={t('register.employer')}
                  >
                    <div className="hint">{t('register.employerPick', { n: result.items.length })}</div>
                    {result.items.map((o) => (
                      <button
                        type="button"
                        key={o.id}
                        className="option"
                        role="option"
                        aria-selected={false}
                        onClick={() => onChange(o)}
                      >
                        <span className="option-body" style={{ textAlign: 'left' }}>
                          {o.name}
                        </span>
                        <span className="option-action">{t('common.choose')}</span>
                      </button>
                    ))}
                  </div>
                ) : (
                  <div className="hint">{t('register.employerNone', { q: query })}</div>
                )
              ) : null}
            </>
          )}
        </>
      )}
    </Field>
  );
}
