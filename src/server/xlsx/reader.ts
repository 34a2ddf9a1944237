/**
 * The reader process's side of read.ts: takes one job (the bytes and the limits) over IPC, reads the workbook with
 * the domain reader and sends back the plain workbook or the refusal, then exits. It runs under the heap limit
 * read.ts gave it, so a file that passes every count and still swells ExcelJS ends this process, not the server.
 */
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

/** The reader says `ready` once it listens (a message sent before that could be lost), then answers the job. */
export type ReadReply =
  | { ready: true }
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

const send = process.send?.bind(process);
if (send) {
  // The server went away (or gave up on us): nothing is waiting for the answer.
  process.once('disconnect', () => process.exit(0));
  process.once('message', async (job: ReadJob) => {
    const reply = await run(job);
    send(reply, undefined, {}, () => process.disconnect());
  });
  send({ ready: true });
}
