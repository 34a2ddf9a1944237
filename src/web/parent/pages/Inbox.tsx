/**
 * 消息: the parent's own notifications (offers, lottery results, reminders, check-in/out notices), newest first.
 * Opening one marks it read and follows its link inside the app. `InboxLink` is the home screen's entry with the
 * unread count. Texts live here (a dozen strings) so the shared message files stay as they are.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../api/client';
import { useT } from '../i18n';
import { Button } from '../ui/controls';
import { Screen } from '../ui/Screen';
import { Empty, LoadError, Loading, Notice, Tag, type Tone } from '../ui/states';

interface Item {
  id: number;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}
interface Page {
  items: Item[];
  nextCursor: number | null;
  unread: number;
}

const TEXT = {
  zh: {
    title: '消息',
    entry: '消息',
    readAll: '全部已读',
    empty: '暂无消息',
    more: '加载更多',
    unread: '未读',
    severity: { info: '通知', warning: '提醒', critical: '紧急' },
  },
  en: {
    title: 'Messages',
    entry: 'Messages',
    readAll: 'Mark all read',
    empty: 'No messages yet',
    more: 'Load more',
    unread: 'Unread',
    severity: { info: 'Notice', warning: 'Warning', critical: 'Urgent' },
  },
} as const;

const TONE: Record<Item['severity'], Tone> = { info: 'blue', warning: 'orange', critical: 'red' };

/** `/m/#/enrolments/5` → `/enrolments/5`; links elsewhere are not followed from the phone app. */
function appPath(link: string | null): string | null {
  if (!link) return null;
  if (link.startsWith('/m/#/')) return link.slice(4);
  return null;
}

function when(iso: string, lang: 'zh' | 'en'): string {
  const d = new Date(iso);
  // China time, whatever the phone's zone (as 今日 and the door screen).
  return d.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The home screen's entry: "消息" with the unread count as a badge. */
export function InboxLink() {
  const { lang } = useT();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let live = true;
    api.get<{ unread: number }>('/api/inbox/unread-count').then(
      (r) => live && setUnread(r.unread),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <Link to="/inbox" className="icon-btn" data-testid="inbox-link">
      {TEXT[lang].entry}
      {unread > 0 ? (
        <span
          data-testid="inbox-unread"
          style={{
            display: 'inline-block',
            marginLeft: 4,
            minWidth: 18,
            height: 18,
            padding: '0 5px',
            borderRadius: 9,
            background: '#fff',
            color: '#c62a32',
            fontSize: 12,
            fontWeight: 600,
            lineHeight: '18px',
            textAlign: 'center',
          }}
        >
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}

export default function InboxPage() {
  const { lang } = useT();
  const tx = TEXT[lang];
  const navigate = useNavigate();
  const [items, setItems] = useState<Item[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const [unread, setUnread] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const load = useCallback(async (after: number | null) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api.get<Page>(after ? `/api/inbox?cursor=${after}` : '/api/inbox');
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setUnread(page.unread);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load(null);
  }, [load]);

  const open = async (n: Item) => {
    if (!n.readAt) {
      try {
        const r = await api.post<Item>(`/api/inbox/${n.id}/read`);
        setItems((prev) => prev.map((i) => (i.id === n.id ? r : i)));
        setUnread((u) => Math.max(0, u - 1));
      } catch (e) {
        setActionError(errorMessage(e));
      }
    }
    const to = appPath(n.link);
    if (to) navigate(to);
  };
  const readAll = async () => {
    try {
      await api.post('/api/inbox/read-all');
      await load(null);
    } catch (e) {
      setActionError(errorMessage(e));
    }
  };

  return (
    <Screen
      title={tx.title}
      back="/"
      right={
        unread > 0 ? (
          <button type="button" className="icon-btn" onClick={() => void readAll()} data-testid="read-all">
            {tx.readAll}
          </button>
        ) : null
      }
    >
      {actionError ? <Notice kind="error">{actionError}</Notice> : null}
      {error ? <LoadError error={error} onRetry={() => void load(null)} /> : null}
      {!error && loading && !items.length ? <Loading /> : null}
      {!error && !loading && !items.length ? (
        <div className="card">
          <Empty icon="inbox" text={tx.empty} />
        </div>
      ) : null}
      {items.length ? (
        <div className="card" style={{ padding: 0 }}>
          {items.map((n) => (
            <button
              type="button"
              key={n.id}
              className="list-item"
              data-testid="inbox-item"
              onClick={() => void open(n)}
              style={{
                display: 'block',
                width: '100%',
                textAlign: 'left',
                border: 0,
                borderBottom: '1px solid #f0f0f0',
                padding: '12px 16px',
                background: n.readAt ? '#fff' : '#fff7f0',
                font: 'inherit',
                color: 'inherit',
                cursor: 'pointer',
              }}
            >
              <div className="row" style={{ gap: 8 }}>
                <strong style={{ fontWeight: n.readAt ? 500 : 700 }}>
                  {n.readAt ? null : (
                    <span
                      role="img"
                      aria-label={tx.unread}
                      style={{
                        display: 'inline-block',
                        width: 8,
                        height: 8,
                        borderRadius: 4,
                        background: '#e5484d',
                        marginRight: 6,
                        verticalAlign: 'middle',
                      }}
                    />
                  )}
                  {n.title}
                </strong>
                {n.severity !== 'info' ? <Tag tone={TONE[n.severity]}>{tx.severity[n.severity]}</Tag> : null}
              </div>
              <div style={{ margin: '4px 0' }}>{n.body}</div>
              <div className="muted" style={{ fontSize: 12 }}>
                {when(n.createdAt, lang)}
              </div>
            </button>
          ))}
        </div>
      ) : null}
      {cursor ? (
        <div className="actions">
          <Button onClick={() => void load(cursor)} disabled={loading}>
            {tx.more}
          </Button>
        </div>
      ) : null}
    </Screen>
  );
}
