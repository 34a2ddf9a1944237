/** Loading, empty and error states in plain words, and status tags. */
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useT } from '../i18n';
import { Button } from './controls';
import { Icon, type IconName } from './icons';

export type Tone = 'green' | 'orange' | 'red' | 'blue' | 'grey';

export function Tag({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <span className={`tag ${tone}`} data-testid={testId}>
      {children}
    </span>
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

export function Empty({ icon = 'inbox', text, children }: { icon?: IconName; text: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <div className="empty-icon">
        <Icon name={icon} size={40} />
      </div>
      <p>{text}</p>
      {children}
    </div>
  );
}

/** A failed load: what went wrong in the server's words (or "no network"), and a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useT();
  const offline = error instanceof ApiError && error.code === 'NETWORK';
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="card">
      <Empty icon={offline ? 'offline' : 'warning'} text={offline ? t('error.network') : t('error.loadFailed')}>
        {offline ? null : <p className="muted">{message}</p>}
        {onRetry ? (
          <Button small onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null}
      </Empty>
    </div>
  );
}
