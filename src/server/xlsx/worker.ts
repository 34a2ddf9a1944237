/**
 * The worker thread's side of read.ts: reads the workbook it was given (`workerData`) with the domain reader and
 * posts back the plain workbook or the refusal. Runs under the memory limit read.ts set, so a file that passes
 * every count and still swells ExcelJS kills this thread, not the server.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  type PlainWorkbook,
  readWorkbook,
  refusals,
  type XlsxLimits,
  XlsxRefusal,
  type XlsxRefusalReason,
} from '../../domain/xlsx/index.js';
import type { Localized } from '../../domain/rules/types.js';

export interface ReadJob {
  bytes: Uint8Array;
  limits: XlsxLimits;
}

export type ReadReply =
  | { ok: true; workbook: PlainWorkbook }
  | { ok: false; reason: XlsxRefusalReason; localized: Localized };

async function run(job: ReadJob): Promise<ReadReply> {
  try {
    return { ok: true, workbook: await readWorkbook(job.bytes, job.limits) };
  } catch (e) {
    const refusal = e instanceof XlsxRefusal ? e : refusals.unreadable();
    return { ok: false, reason: refusal.reason, localized: refusal.localized };
  }
}

if (parentPort) parentPort.postMessage(await run(workerData as ReadJob));
