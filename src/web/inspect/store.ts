/**
 * What the phone keeps (督导 offline): the visits of the last sync and each visit's draft in localStorage, photos as
 * blobs in IndexedDB (too large for localStorage), and the queue of finished submissions. A queued submission keeps
 * its clientId and the file ids of the photos already uploaded, so a resend after a dropped answer neither creates a
 * second result on the server (the clientId makes the submission idempotent) nor uploads a photo twice.
 */
import type { Visit } from './api';

const VISITS = 'tuoguan.inspect.visits';
const DRAFT = (id: number) => `tuoguan.inspect.draft.${id}`;
const QUEUE = 'tuoguan.inspect.queue';

export type Result = 'pass' | 'fail' | 'na';
export type Severity = 'low' | 'medium' | 'high';

export interface DraftItem {
  result?: Result;
  note?: string;
  severity?: Severity;
  /** Keys of photos in IndexedDB. */
  photos: string[];
}
export interface Draft {
  items: Record<string, DraftItem>;
  headCount?: number | null;
  summary?: string;
}

export interface Queued {
  visitId: number;
  clientId: string;
  visitedOn: string;
  visitedTime: string;
  draft: Draft;
  /** Photo key → the server's file id, once uploaded. */
  uploaded: Record<string, number>;
  error?: string;
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
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or private mode: the page keeps its state while open
  }
}

export const storedVisits = () => read<Visit[]>(VISITS, []);
export const storeVisits = (v: Visit[]) => write(VISITS, v);
export const loadDraft = (id: number): Draft => read<Draft>(DRAFT(id), { items: {} });
export const saveDraft = (id: number, d: Draft | null) => write(DRAFT(id), d);
export const queue = () => read<Queued[]>(QUEUE, []);
export const setQueue = (q: Queued[]) => write(QUEUE, q);

export function newClientId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

// ---- photos in IndexedDB ------------------------------------------------------------------------------------
const DB = 'tuoguan-inspect';
const STORE = 'photos';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}
async function tx<T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const r = f(db.transaction(STORE, mode).objectStore(STORE));
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}
export const putPhoto = (key: string, blob: Blob) => tx('readwrite', (s) => s.put(blob, key));
export const getPhoto = (key: string) =>
  tx<Blob | undefined>('readonly', (s) => s.get(key) as IDBRequest<Blob | undefined>);
export const deletePhoto = (key: string) => tx('readwrite', (s) => s.delete(key));

/** A phone photo made smaller (longest side 1600 px, JPEG) before it is kept; the original if that fails. */
export async function shrink(file: File): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.82));
    return blob ?? file;
  } catch {
    return file;
  }
}
