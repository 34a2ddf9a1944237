/**
 * Sends the queued submissions when the network is there: on start, when the phone comes back online, every 30 s
 * and after each new submission. For each: the photos not yet uploaded, then the submission with its clientId (a
 * resend returns the stored visit). A refusal (400/403/409) stays in the queue with its message for the inspector
 * to see; a network failure just waits for the next round.
 */
import { ApiError, getMe, hasCsrf, isNetworkError, setCsrf, submitVisit, uploadPhoto } from './api';
import { deletePhoto, getPhoto, queue, type Queued, saveDraft, setQueue } from './store';

type Listener = () => void;
const listeners = new Set<Listener>();
export const onQueueChange = (l: Listener): (() => void) => {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
};
const changed = () => {
  for (const l of listeners) l();
};

let running = false;

function bodyOf(q: Queued) {
  return {
    clientId: q.clientId,
    visitedOn: q.visitedOn,
    visitedTime: q.visitedTime,
    headCount: q.draft.headCount ?? null,
    ...(q.draft.summary ? { summary: q.draft.summary } : {}),
    results: Object.entries(q.draft.items)
      .filter(([, i]) => i.result)
      .map(([key, i]) => ({
        key,
        result: i.result,
        ...(i.note ? { note: i.note } : {}),
        ...(i.result === 'fail' && i.severity ? { severity: i.severity } : {}),
        fileIds: i.photos.map((p) => q.uploaded[p]).filter((x): x is number => typeof x === 'number'),
      })),
  };
}

function update(q: Queued) {
  setQueue(queue().map((x) => (x.clientId === q.clientId ? q : x)));
  changed();
}

export async function syncNow(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (const q of queue()) {
      if (q.error) continue;
      try {
        if (!hasCsrf()) setCsrf((await getMe()).csrfToken);
        for (const key of Object.values(q.draft.items).flatMap((i) => i.photos)) {
          if (q.uploaded[key]) continue;
          const blob = await getPhoto(key);
          if (!blob) continue;
          q.uploaded[key] = (await uploadPhoto(q.visitId, blob, `${key}.jpg`)).id;
          update(q);
        }
        await submitVisit(q.visitId, bodyOf(q));
        setQueue(queue().filter((x) => x.clientId !== q.clientId));
        saveDraft(q.visitId, null);
        for (const key of Object.keys(q.uploaded)) await deletePhoto(key).catch(() => {});
        changed();
      } catch (e) {
        if (isNetworkError(e)) return;
        if (e instanceof ApiError && e.status === 401) return;
        update({ ...q, error: e instanceof Error ? e.message : String(e) });
      }
    }
  } finally {
    running = false;
  }
}

export function enqueue(q: Queued): void {
  setQueue([...queue().filter((x) => x.visitId !== q.visitId), q]);
  changed();
  void syncNow();
}

export function startSync(): void {
  window.addEventListener('online', () => void syncNow());
  setInterval(() => void syncNow(), 30_000);
  void syncNow();
}
