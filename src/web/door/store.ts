/**
 * What the door screen keeps on the phone so that it works without a network:
 * - the last door list of each class (localStorage, per class; only today's is used);
 * - the queue of check-ins/outs and health acknowledgements not yet accepted by the server (each event has a
 *   clientId made on the phone, so sending it twice changes nothing on the server);
 * - entries the server refused when the queue was flushed (e.g. a pickup code typed offline that was revoked);
 * - the signed-in person's own classes and today's marks there (到岗签到/离岗签退), their own marks queued with the
 *   children's, and their own refused marks.
 * The screen shows the stored list with the queue applied on top; the sync engine (sync.ts) empties the queue.
 */
import type { DoorChild, DoorClass, DoorDay, DoorEvent, Me, MyDoorClass, StaffMark } from './api';

const KEY = {
  queue: 'tuoguan.door.queue.v1',
  refused: 'tuoguan.door.refused.v1',
  classes: 'tuoguan.door.classes.v1',
  device: 'tuoguan.door.device',
  me: 'tuoguan.door.me.v1',
  mine: 'tuoguan.door.mine.v1',
  markRefused: 'tuoguan.door.markRefused.v1',
  day: (classId: number) => `tuoguan.door.day.v1.${classId}`,
};

export type QueueItem =
  | { type: 'event'; day: string; event: DoorEvent; childName: string; adultName?: string }
  | { type: 'ack'; day: string; clientId: string; classId: number; childId: number }
  /** The person's own mark: sent only in their own session (another person signed in later keeps it waiting). */
  | { type: 'mark'; day: string; userId: number; mark: StaffMark };

export interface Refusal {
  clientId: string;
  classId: number;
  childId: number;
  childName: string;
  kind: DoorEvent['kind'];
  message: string;
  at: string;
  /** The server's refusal code (OUTSIDE_HOURS may be confirmed from the list). */
  code?: string;
}

export interface StoredDay {
  savedAt: string;
  data: DoorDay;
}

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the screen still works for this page's lifetime
  }
}

// --- change notification (one listener set for everything stored) ---------------------------------------------------

type Listener = () => void;
const listeners = new Set<Listener>();
export function onStoreChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
function changed(): void {
  for (const l of listeners) l();
}
// Another tab of the door screen on this phone shares the queue.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key?.startsWith('tuoguan.door.')) changed();
  });
}

// --- ids ---------------------------------------------------------------------------------------------------------

/** A v4 UUID; `crypto.randomUUID` exists only in secure contexts (a phone on plain http in the LAN has none). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function deviceId(): string {
  let id = read<string | null>(KEY.device, null);
  if (!id) {
    id = `door-${newClientId()}`;
    write(KEY.device, id);
  }
  return id;
}

// --- the person, classes and lists ---------------------------------------------------------------------------------

export const storedMe = () => read<Omit<Me, 'csrfToken'> | null>(KEY.me, null);
export function storeMe(me: Me | null): void {
  // Someone else's own marks are not shown to the next person who signs in on this phone.
  if (!me || storedMe()?.user.id !== me.user.id) {
    localStorage.removeItem(KEY.mine);
    localStorage.removeItem(KEY.markRefused);
  }
  if (!me) {
    localStorage.removeItem(KEY.me);
    return;
  }
  const { csrfToken: _drop, ...rest } = me;
  write(KEY.me, rest);
}

export const storedClasses = () => read<{ savedAt: string; items: DoorClass[] } | null>(KEY.classes, null);
export const storeClasses = (items: DoorClass[]) => write(KEY.classes, { savedAt: new Date().toISOString(), items });

export const storedDay = (classId: number) => read<StoredDay | null>(KEY.day(classId), null);
export function storeDay(data: DoorDay): void {
  write(KEY.day(data.class.id), { savedAt: new Date().toISOString(), data });
  changed();
}

/** Children the server sent back after a flush replace their old rows in every stored list that has them. */
export function mergeChildren(classIds: number[], fresh: DoorChild[]): void {
  if (!fresh.length) return;
  const byId = new Map(fresh.map((c) => [c.childId, c]));
  for (const classId of new Set(classIds)) {
    const s = storedDay(classId);
    if (!s) continue;
    const children = s.data.children.map((c) => byId.get(c.childId) ?? c);
    write(KEY.day(classId), { savedAt: new Date().toISOString(), data: { ...s.data, children } });
  }
  changed();
}

/** The server took a health acknowledgement: the stored list says so until the next load. */
export function markAcked(classId: number, childId: number): void {
  const s = storedDay(classId);
  if (!s) return;
  const children = s.data.children.map((c) => (c.childId === childId ? { ...c, healthAcked: true } : c));
  write(KEY.day(classId), { ...s, data: { ...s.data, children } });
}

// --- the queue -------------------------------------------------------------------------------------------------

export const queue = () => read<QueueItem[]>(KEY.queue, []);
export const itemId = (i: QueueItem) =>
  i.type === 'event' ? i.event.clientId : i.type === 'mark' ? i.mark.clientId : i.clientId;

export function enqueue(item: QueueItem): void {
  write(KEY.queue, [...queue(), item]);
  changed();
}

export function dequeue(clientIds: Iterable<string>): void {
  const done = new Set(clientIds);
  if (!done.size) return;
  write(
    KEY.queue,
    queue().filter((i) => !done.has(itemId(i))),
  );
  changed();
}

export const refusals = () => read<Refusal[]>(KEY.refused, []);
export function addRefusals(list: Refusal[]): void {
  if (!list.length) return;
  write(KEY.refused, [...refusals(), ...list].slice(-50));
  changed();
}
export function removeRefusal(clientId: string): void {
  write(
    KEY.refused,
    refusals().filter((r) => r.clientId !== clientId),
  );
  changed();
}
export function clearRefusals(): void {
  write(KEY.refused, []);
  changed();
}

// --- the list as the staff member sees it -----------------------------------------------------------------------------

export interface ViewChild extends DoorChild {
  /** A queued entry for this child has not reached the server yet. */
  pending: boolean;
}

/** The stored list with this class's queued entries applied, in the order they happened. */
export function applyQueue(children: DoorChild[], classId: number, day: string, items: QueueItem[]): ViewChild[] {
  const rows = new Map<number, ViewChild>(children.map((c) => [c.childId, { ...c, pending: false }]));
  const mine = items
    .filter(
      (i): i is Exclude<QueueItem, { type: 'mark' }> =>
        i.type !== 'mark' && i.day === day && (i.type === 'event' ? i.event.classId : i.classId) === classId,
    )
    .sort((a, b) =>
      (a.type === 'event' ? a.event.occurredAt : '').localeCompare(b.type === 'event' ? b.event.occurredAt : ''),
    );
  for (const item of mine) {
    const childId = item.type === 'event' ? item.event.childId : item.childId;
    const c = rows.get(childId);
    if (!c) continue;
    if (item.type === 'ack') {
      rows.set(childId, { ...c, healthAcked: true, pending: true });
      continue;
    }
    const e = item.event;
    if (e.kind === 'check_in' && c.status !== 'present' && c.status !== 'left') {
      rows.set(childId, { ...c, status: 'present', checkInAt: e.occurredAt, pending: true });
    } else if (e.kind === 'check_out' && c.status !== 'left') {
      rows.set(childId, {
        ...c,
        status: 'left',
        checkInAt: c.checkInAt ?? null,
        checkOutAt: e.occurredAt,
        pickedUpBy: item.adultName ?? e.pickupCode ?? null,
        pending: true,
      });
    }
  }
  return children.map((c) => rows.get(c.childId) as ViewChild);
}

export interface LocalCounts {
  enrolled: number;
  arrived: number;
  left: number;
  absent: number;
  missing: number;
}

/** 已到 counts every child who came today (still here or gone home); 未到 those neither here nor reported absent. */
export function countOf(children: DoorChild[]): LocalCounts {
  const n = (f: (c: DoorChild) => boolean) => children.filter(f).length;
  return {
    enrolled: children.length,
    arrived: n((c) => c.status === 'present' || c.status === 'left'),
    left: n((c) => c.status === 'left'),
    absent: n((c) => c.status === 'absent' || c.status === 'sick'),
    missing: n((c) => c.status === 'expected'),
  };
}

// --- the signed-in person's own marks (到岗签到/离岗签退) ----------------------------------------------------------

export interface StoredMine {
  savedAt: string;
  /** The server's day when the list was saved: today's marks of another day are not today's. */
  day: string;
  items: MyDoorClass[];
}
export const storedMine = () => read<StoredMine | null>(KEY.mine, null);
export function storeMine(day: string, items: MyDoorClass[]): void {
  write(KEY.mine, { savedAt: new Date().toISOString(), day, items });
  changed();
}

export interface MarkRefusal {
  clientId: string;
  classId: number;
  kind: StaffMark['kind'];
  at: string;
  message: string;
}
export const markRefusals = () => read<MarkRefusal[]>(KEY.markRefused, []);
export function addMarkRefusals(list: MarkRefusal[]): void {
  if (!list.length) return;
  write(KEY.markRefused, [...markRefusals(), ...list].slice(-20));
  changed();
}
export function clearMarkRefusals(classId: number): void {
  write(
    KEY.markRefused,
    markRefusals().filter((r) => r.classId !== classId),
  );
  changed();
}

/** Today's own marks at a class as the person sees them: the stored ones, then the queued ones (pending). */
export function myMarksToday(
  classId: number,
  day: string,
  stored: StoredMine | null,
  items: QueueItem[],
): { kind: 'in' | 'out'; at: string; pending: boolean }[] {
  const saved =
    stored && stored.day === day
      ? (stored.items.find((c) => c.classId === classId)?.marksToday ?? []).map((m) => ({ ...m, pending: false }))
      : [];
  const me = storedMe()?.user.id;
  const queued = items
    .filter((i): i is Extract<QueueItem, { type: 'mark' }> => i.type === 'mark')
    .filter((i) => i.day === day && i.mark.classId === classId && i.userId === me)
    .map((i) => ({ kind: i.mark.kind, at: i.mark.occurredAt, pending: true }))
    // Between the server's answer and the queue's clean-up the same mark is in both.
    .filter((q) => !saved.some((m) => m.kind === q.kind && Date.parse(m.at) === Date.parse(q.at)));
  return [...saved, ...queued].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
