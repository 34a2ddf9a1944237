/**
 * Empties the queue into the server: events go to `POST /api/attendance/events` in batches (each has its clientId,
 * so a batch resent after a lost answer is "replayed" and changes nothing), the signed-in person's own marks
 * (到岗签到/离岗签退) to `POST /api/volunteers/me/marks` the same way, health acknowledgements one by one.
 * Runs when an entry is queued, when the browser says it is back online, and on a retry timer while anything waits.
 * Every outcome the server gives (applied, duplicate, replayed, refused) takes the entry off the queue; refusals are
 * kept to be shown in red. A network failure leaves the queue as it is.
 */
import {
  ApiError,
  type DoorEvent,
  type EventResult,
  getMe,
  hasCsrfToken,
  isNetworkError,
  postEvents,
  postHealthAck,
  postMarks,
  setCsrfToken,
} from './api';
import { todayInChina } from './i18n';
import {
  addMarkRefusals,
  addRefusals,
  deviceId,
  dequeue,
  markAcked,
  mergeChildren,
  onStoreChange,
  type QueueItem,
  queue,
  type Refusal,
  storedMe,
  storeMine,
} from './store';

const BATCH = 100;
const RETRY_MS = 10_000;

export interface SyncState {
  /** navigator.onLine, and false after a request failed for want of a network (until one succeeds). */
  online: boolean;
  syncing: boolean;
  pending: number;
  /** A non-network failure of the last flush (e.g. the session ended). */
  error: string | null;
}

let state: SyncState = {
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  syncing: false,
  pending: queue().length,
  error: null,
};
const listeners = new Set<(s: SyncState) => void>();
const waiters = new Map<string, (r: EventResult | null) => void>();

function set(patch: Partial<SyncState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l(state);
}

export function syncState(): SyncState {
  return state;
}

export function onSync(l: (s: SyncState) => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

let running: Promise<void> | null = null;
/** Counts the server answers merged into the stored list; a list fetched across one of them is already stale. */
let merges = 0;
export const mergeCount = () => merges;

/** Sends everything queued; resolves when the queue is empty or the network failed. Never rejects. */
export function flush(): Promise<void> {
  if (!running) {
    running = flushAll().finally(() => {
      running = null;
    });
  }
  return running;
}

async function ensureCsrf(): Promise<void> {
  if (hasCsrfToken()) return;
  const me = await getMe();
  setCsrfToken(me.csrfToken);
}

async function sendEvents(items: Extract<QueueItem, { type: 'event' }>[]): Promise<void> {
  const byId = new Map(items.map((i) => [i.event.clientId, i]));
  let answer: Awaited<ReturnType<typeof postEvents>>;
  try {
    answer = await postEvents(
      deviceId(),
      items.map((i) => i.event),
    );
  } catch (e) {
    if (e instanceof ApiError && e.status === 403 && e.code.includes('CSRF')) {
      setCsrfToken(null);
      await ensureCsrf();
      answer = await postEvents(
        deviceId(),
        items.map((i) => i.event),
      );
    } else if (e instanceof ApiError && e.status === 400 && items.length > 1) {
      // One malformed entry must not hold the others back: send them one by one.
      for (const i of items) await sendEvents([i]);
      return;
    } else if (e instanceof ApiError && e.status === 400) {
      const i = items[0] as (typeof items)[number];
      addRefusals([refusalOf(i, e.message)]);
      dequeue([i.event.clientId]);
      waiters.get(i.event.clientId)?.({ clientId: i.event.clientId, outcome: 'refused', message: e.message });
      return;
    } else throw e;
  }
  const refused: Refusal[] = [];
  for (const r of answer.results) {
    const item = byId.get(r.clientId);
    // A refusal someone waits for is shown in the open check-out sheet; the others are listed on the door screen.
    if (item && r.outcome === 'refused' && !waiters.has(r.clientId))
      refused.push({ ...refusalOf(item, r.message ?? r.code ?? ''), ...(r.code ? { code: r.code } : {}) });
  }
  mergeChildren(
    items.map((i) => i.event.classId),
    answer.children,
  );
  merges++;
  addRefusals(refused);
  dequeue(answer.results.map((r) => r.clientId));
  for (const r of answer.results) waiters.get(r.clientId)?.(r);
}

function refusalOf(i: Extract<QueueItem, { type: 'event' }>, message: string): Refusal {
  return {
    clientId: i.event.clientId,
    classId: i.event.classId,
    childId: i.event.childId,
    childName: i.childName,
    kind: i.event.kind,
    message,
    at: i.event.occurredAt,
  };
}

type MarkItem = Extract<QueueItem, { type: 'mark' }>;

async function sendMarks(items: MarkItem[]): Promise<void> {
  const send = () => postMarks(items.map((i) => i.mark));
  let answer: Awaited<ReturnType<typeof postMarks>>;
  try {
    answer = await send();
  } catch (e) {
    if (e instanceof ApiError && e.status === 403 && e.code.includes('CSRF')) {
      setCsrfToken(null);
      await ensureCsrf();
      answer = await send();
    } else if (e instanceof ApiError && e.status === 400 && items.length > 1) {
      for (const i of items) await sendMarks([i]);
      return;
    } else if (e instanceof ApiError && e.status === 400) {
      const i = items[0] as MarkItem;
      addMarkRefusals([{ ...markRefusalOf(i), message: e.message }]);
      dequeue([i.mark.clientId]);
      return;
    } else throw e;
  }
  const byId = new Map(items.map((i) => [i.mark.clientId, i]));
  addMarkRefusals(
    answer.results.flatMap((r) => {
      const i = byId.get(r.clientId);
      return i && r.outcome === 'refused' ? [{ ...markRefusalOf(i), message: r.message ?? r.code ?? '' }] : [];
    }),
  );
  storeMine(todayInChina(), answer.items);
  dequeue(answer.results.map((r) => r.clientId));
}

const markRefusalOf = (i: MarkItem) => ({
  clientId: i.mark.clientId,
  classId: i.mark.classId,
  kind: i.mark.kind,
  at: i.mark.occurredAt,
  message: '',
});

async function flushAll(): Promise<void> {
  set({ syncing: true, error: null });
  try {
    for (let round = 0; round < 50; round++) {
      const items = queue();
      if (!items.length) break;
      await ensureCsrf();
      const events = items.filter((i): i is Extract<QueueItem, { type: 'event' }> => i.type === 'event');
      if (events.length) {
        await sendEvents(events.slice(0, BATCH));
        continue;
      }
      // Only the signed-in person's own marks: someone else's wait for that person's next session.
      const me = storedMe()?.user.id;
      const marks = items.filter((i): i is MarkItem => i.type === 'mark' && i.userId === me);
      if (marks.length) {
        await sendMarks(marks.slice(0, 50));
        continue;
      }
      const ack = items.find((i): i is Extract<QueueItem, { type: 'ack' }> => i.type === 'ack');
      if (!ack) break;
      try {
        await postHealthAck(ack.classId, ack.childId, ack.day);
        markAcked(ack.classId, ack.childId);
      } catch (e) {
        // Only the network keeps an acknowledgement queued; a refusal (e.g. a past day) would never succeed.
        if (isNetworkError(e) || (e instanceof ApiError && e.status === 401)) throw e;
      }
      dequeue([ack.clientId]);
    }
    set({ online: true });
  } catch (e) {
    if (isNetworkError(e)) set({ online: false });
    else set({ error: e instanceof Error ? e.message : String(e) });
  } finally {
    set({ syncing: false, pending: queue().length });
  }
}

/** Waits (up to `ms`) for the server's outcome of one event; null when it stays queued. */
export function resultOf(clientId: string, ms: number): Promise<EventResult | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiters.delete(clientId);
      resolve(null);
    }, ms);
    waiters.set(clientId, (r) => {
      clearTimeout(timer);
      waiters.delete(clientId);
      resolve(r);
    });
  });
}

export type { DoorEvent };

let started = false;
/** Starts the triggers once: back online, a retry timer, and every change to the queue. */
export function startSync(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => {
    set({ online: true });
    void flush();
  });
  window.addEventListener('offline', () => set({ online: false }));
  onStoreChange(() => {
    const pending = queue().length;
    if (pending !== state.pending) set({ pending });
  });
  setInterval(() => {
    if (queue().length && !running) void flush();
  }, RETRY_MS);
  if (queue().length) void flush();
}

/** Loads of the list tell the banner whether the server is reachable too. */
export function reportNetwork(ok: boolean): void {
  if (state.online !== ok) set({ online: ok });
}
