/** "离线 · N 条待同步" / "同步中" / "已同步", and a red line for entries the server refused. */
import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { onStoreChange, refusals } from '../store';
import { flush, onSync, syncState } from '../sync';

export function useSyncState() {
  const [s, setS] = useState(syncState);
  useEffect(() => onSync(setS), []);
  return s;
}

export function useRefusals() {
  const [list, setList] = useState(refusals);
  useEffect(() => onStoreChange(() => setList(refusals())), []);
  return list;
}

export function SyncBanner() {
  const { t } = useT();
  const s = useSyncState();
  const n = s.pending;
  const kind = !s.online ? 'offline' : n > 0 ? 'pending' : 'synced';
  const text = !s.online
    ? n > 0
      ? t('banner.offline', { n })
      : t('banner.offlineNone')
    : n > 0
      ? s.syncing
        ? t('banner.syncing', { n })
        : t('banner.pending', { n })
      : t('banner.synced');
  return (
    <div className={`sync ${kind}`} role="status" aria-live="polite" data-testid="sync-banner" data-pending={n}>
      <span className="sync-dot" aria-hidden />
      <span className="sync-text">{text}</span>
      {n > 0 && s.online && !s.syncing ? (
        <button type="button" className="sync-btn" onClick={() => void flush()}>
          {t('banner.syncNow')}
        </button>
      ) : null}
      {s.error ? <span className="sync-error">{s.error}</span> : null}
    </div>
  );
}
