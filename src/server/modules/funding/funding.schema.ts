/**
 * Shapes of the funding API (经费): a class's budget (预算) and ledger (台账). Amounts are integer 分 on the wire;
 * yuan exist only in the console's inputs and the export.
 */
import { z } from 'zod';
import { boundedIsoDate } from '../../../domain/calendar/bounded.js';
import { FUNDING_PURPOSES, FUNDING_SOURCES, LEDGER_KINDS, MAX_ENTRY_FEN } from '../../../domain/funding/index.js';
import { fileResponse } from '../files/files.schema.js';

const id = z.coerce.number().int().positive();
const fen = z.number().int().min(1).max(MAX_ENTRY_FEN);
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const classIdParams = z.object({ id });
export const entryParams = z.object({ id, entryId: id });

export const ledgerEntryBody = z.strictObject({
  kind: z.enum(LEDGER_KINDS),
  source: z.enum(FUNDING_SOURCES),
  purpose: z.enum(FUNDING_PURPOSES),
  amountFen: fen,
  date: boundedIsoDate,
  /** 收付款方 */
  counterparty: text(100),
  note: text(500),
  /** A receipt uploaded first through POST /api/classes/{id}/ledger/receipts. */
  receiptFileId: z.number().int().positive().nullish(),
});
export type LedgerEntryInput = z.infer<typeof ledgerEntryBody>;

export const reverseBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const budgetBody = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        source: z.enum(FUNDING_SOURCES),
        purpose: z.enum(FUNDING_PURPOSES),
        amountFen: fen,
        note: text(200),
      }),
    )
    .max(100),
});
export type BudgetInput = z.infer<typeof budgetBody>;

const pair = z.object({ incomeFen: z.number(), expenseFen: z.number() });
export const totalsResponse = z.object({
  incomeFen: z.number(),
  expenseFen: z.number(),
  balanceFen: z.number(),
  bySource: z.record(z.string(), pair),
  byPurpose: z.record(z.string(), pair),
});

export const ledgerEntryResponse = z.object({
  id: z.number(),
  classId: z.number(),
  kind: z.enum(LEDGER_KINDS),
  source: z.enum(FUNDING_SOURCES),
  purpose: z.enum(FUNDING_PURPOSES),
  amountFen: z.number(),
  date: z.string(),
  counterparty: z.string().nullable(),
  note: z.string().nullable(),
  receiptFileId: z.number().nullable(),
  reversesEntryId: z.number().nullable(),
  /** The reversal that cancels this entry, when there is one. */
  reversedByEntryId: z.number().nullable(),
  reason: z.string().nullable(),
  /** Written by the fee flow from enrolment. */
  fromEnrolment: z.boolean(),
  createdBy: z.number().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.date(),
  abilities: z.object({ reverse: z.boolean() }),
});
export type LedgerEntryDto = z.infer<typeof ledgerEntryResponse>;

const abilities = z.object({ record: z.boolean(), reverse: z.boolean(), setBudget: z.boolean() });

export const ledgerResponse = z.object({
  classId: z.number(),
  items: z.array(ledgerEntryResponse),
  totals: totalsResponse,
  /** The campaign's union sources (P-R7: never for insurance). */
  unionSources: z.array(z.string()),
  abilities,
});
export type LedgerDto = z.infer<typeof ledgerResponse>;

export const budgetLineResponse = z.object({
  source: z.enum(FUNDING_SOURCES),
  purpose: z.enum(FUNDING_PURPOSES),
  amountFen: z.number(),
  note: z.string().nullable(),
});

export const budgetResponse = z.object({
  classId: z.number(),
  /** 0 while no budget was ever set. */
  version: z.number(),
  lines: z.array(budgetLineResponse),
  totalFen: z.number(),
  setBy: z.number().nullable(),
  setByName: z.string().nullable(),
  setAt: z.date().nullable(),
  /** Budget against actual: per source and per purpose, budgeted (planned) and the ledger's net expense/income. */
  bySource: z.record(z.string(), z.object({ budgetFen: z.number(), incomeFen: z.number(), expenseFen: z.number() })),
  byPurpose: z.record(z.string(), z.object({ budgetFen: z.number(), expenseFen: z.number() })),
  /** The ledger's net expense per child-day attended (分), null without attended days. */
  costPerChildDayFen: z.number().nullable(),
  childDays: z.number(),
  /**
   * What the district weighs at approval (#16), before anyone attends: planned children (the class's capacity) ×
   * the class's official working days (closures deducted, the campaign's calendar); null when either is unknown.
   */
  plannedChildDays: z.number().nullable(),
  /** The budget's total ÷ plannedChildDays (分, rounded half up); null without planned child-days. */
  plannedCostPerChildDayFen: z.number().nullable(),
  abilities,
});
export type BudgetDto = z.infer<typeof budgetResponse>;

export const receiptResponse = fileResponse;
