/**
 * The one way the server reads an uploaded .xlsx (units, class rosters, the official calendar): the zip directory
 * is checked on the request's thread (no inflating: a bomb is refused in microseconds), then the workbook is read
 * in a child process with a heap limit and a deadline, at most MAX_CONCURRENT_READS at a time per server process.
 * A hostile file therefore costs one bounded process, and /healthz and every other request keep their event loop
 * (issue 13: a million-row workbook blocked the loop for ~20 s and grew the server by 800 MB).
 *
 * A process, not a worker thread: a worker's `resourceLimits` is best effort — a worker that reaches its heap limit
 * mid-allocation can abort the whole process ("FATAL ERROR: Reached heap limit", nodejs/node#47224), which we saw
 * here about one time in three with a 32 MB limit. A child that runs out of heap ends itself alone.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  inspectWorkbookZip,
  type PlainWorkbook,
  refusals,
  type XlsxLimits,
  XlsxRefusal,
} from '../../domain/xlsx/index.js';
import { AppError } from '../errors.js';
import type { ReadJob, ReadReply } from './reader.js';

/** Workbooks read at once per server process: two keep both cores of a small machine busy and no more. */
export const MAX_CONCURRENT_READS = 2;
/** What a refused caller is told to wait. A good file is read in about a second. */
export const BUSY_RETRY_SECONDS = 10;

export interface ReadOptions {
  /** The reader's old-generation heap; a full 5,000-row units file needs 32–48 MB of it. */
  memoryMb: number;
  /** The reader's deadline (starting the process takes about half a second of it). */
  timeoutMs: number;
}

export const READ_OPTIONS: ReadOptions = { memoryMb: 128, timeoutMs: 20_000 };

const READER = fileURLToPath(new URL('./reader.mjs', import.meta.url));
/** Where a shell can turn core dumps off first (not on Windows, nor in an image without a shell). */
const SHELL = process.platform !== 'win32' && existsSync('/bin/sh') ? '/bin/sh' : null;

let reading = 0;

/** How many workbooks this process is reading now. */
export const readsInProgress = () => reading;

function readInChild(bytes: Uint8Array, limits: XlsxLimits, options: ReadOptions): Promise<PlainWorkbook> {
  return new Promise<PlainWorkbook>((resolve, reject) => {
    const node = [`--max-old-space-size=${options.memoryMb}`, READER];
    // Through a shell that turns core dumps off: a reader that runs out of heap aborts, and a host with cores on
    // would keep one per hostile upload. (Not the server's flags either: reader.mjs loads TypeScript itself.)
    const child = spawn(
      SHELL ?? process.execPath,
      SHELL ? ['-c', 'ulimit -c 0 2>/dev/null; exec "$0" "$@"', process.execPath, ...node] : node,
      // Structured clone over IPC: bytes stay bytes, dates stay dates.
      { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' },
    );
    // The tail of what the reader printed: V8 says "heap out of memory" there when it ran out.
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4096);
    });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      f();
    };
    const timer = setTimeout(
      () => settle(() => reject(refusals.timeout(Math.round(options.timeoutMs / 1000)))),
      options.timeoutMs,
    );
    child.on('message', (reply: ReadReply) => {
      if ('ready' in reply) {
        const job: ReadJob = { bytes, limits };
        child.send(job);
        return;
      }
      settle(() => (reply.ok ? resolve(reply.workbook) : reject(new XlsxRefusal(reply.reason, reply.localized))));
    });
    child.on('error', (err) => settle(() => reject(err)));
    // 'close', not 'exit': it comes after the last message and the last of stderr.
    child.once('close', (code, signal) =>
      settle(() =>
        reject(
          // V8's own heap limit, or the kernel's OOM killer (we send SIGKILL only after settling).
          /heap out of memory|Allocation failed/i.test(stderr) || signal === 'SIGKILL'
            ? refusals.memory(options.memoryMb)
            : new Error(`the workbook reader stopped (${signal ?? `exit ${code}`}) without an answer: ${stderr}`),
        ),
      ),
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
    return await readInChild(bytes, limits, options);
  } finally {
    reading--;
  }
}
