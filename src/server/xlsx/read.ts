/**
 * The one way the server reads an uploaded .xlsx (units, class rosters, the official calendar): the zip directory
 * is checked on the request's thread (no inflating: a bomb is refused in microseconds), then the workbook is read
 * in a worker thread with a memory limit and a deadline, at most MAX_CONCURRENT_READS at a time per process. A
 * hostile file therefore costs the server one bounded thread, and `/healthz` and every other request keep their
 * event loop (issue 13: a million-row workbook blocked the loop for ~20 s and grew the process by a gigabyte).
 */
import { Worker } from 'node:worker_threads';
import {
  inspectWorkbookZip,
  type PlainWorkbook,
  refusals,
  type XlsxLimits,
  XlsxRefusal,
} from '../../domain/xlsx/index.js';
import { AppError } from '../errors.js';
import type { ReadJob, ReadReply } from './worker.js';

/** Workbooks read at once per process: two keep both cores of a small machine busy and no more. */
export const MAX_CONCURRENT_READS = 2;
/** What a refused caller is told to wait. A good file is read in about a second. */
export const BUSY_RETRY_SECONDS = 10;

export interface ReadOptions {
  /** The worker's old-generation heap; a full 5,000-row units file needs 32–48 MB of it. */
  memoryMb: number;
  /** The worker's deadline (starting the worker takes about half a second of it). */
  timeoutMs: number;
}

export const READ_OPTIONS: ReadOptions = { memoryMb: 128, timeoutMs: 20_000 };

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

let reading = 0;

/** How many workbooks this process is reading now (for tests and the jobs page's curiosity). */
export const readsInProgress = () => reading;

function readInWorker(bytes: Uint8Array, limits: XlsxLimits, options: ReadOptions): Promise<PlainWorkbook> {
  // A copy the worker owns (transferred, not cloned): the caller's buffer may be a slice of a pooled one.
  const own = new Uint8Array(bytes);
  const job: ReadJob = { bytes: own, limits };
  return new Promise<PlainWorkbook>((resolve, reject) => {
    const worker = new Worker(WORKER_URL, {
      workerData: job,
      transferList: [own.buffer],
      // Not the parent's flags: the worker loads TypeScript itself (worker.mjs) whichever way the parent did.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(refusals.timeout(Math.round(options.timeoutMs / 1000)))),
      options.timeoutMs,
    );
    worker.once('message', (reply: ReadReply) =>
      settle(() => (reply.ok ? resolve(reply.workbook) : reject(new XlsxRefusal(reply.reason, reply.localized)))),
    );
    worker.once('error', (err: Error & { code?: string }) =>
      settle(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? refusals.memory(options.memoryMb) : err)),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the workbook reader stopped (exit ${code}) without an answer`))),
    );
  });
}

/**
 * Reads an uploaded workbook within `limits`. Throws XlsxRefusal when the file is refused (each importer words the
 * unreadable case its own way) and AppError IMPORT_BUSY (503, Retry-After) when MAX_CONCURRENT_READS are running.
 */
export async function readUploadedWorkbook(
  bytes: Uint8Array,
  limits: XlsxLimits,
  options: ReadOptions = READ_OPTIONS,
): Promise<PlainWorkbook> {
  inspectWorkbookZip(bytes, limits);
  if (reading >= MAX_CONCURRENT_READS) {
    throw new AppError(
      'IMPORT_BUSY',
      { seconds: BUSY_RETRY_SECONDS },
      { headers: { 'retry-after': String(BUSY_RETRY_SECONDS) } },
    );
  }
  reading++;
  try {
    return await readInWorker(bytes, limits, options);
  } finally {
    reading--;
  }
}
