/**
 * The verifiable lottery (摇号). Before the application window closes the class publishes SHA-256(seed); after it
 * closes the seed is revealed and anyone can recompute the draw: applications are ordered by priority group
 * (lower first, e.g. 双职工 before the rest) and within a group by HMAC-SHA256(seed, application reference).
 * Pure and deterministic; `tuoguan lottery verify` runs exactly this.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

export interface LotteryEntry {
  /** A stable public reference of the application (its id), published with the result. */
  ref: string;
  /** 0 is drawn first; entries without a priority share the last group. */
  priorityGroup: number;
}

export interface DrawnEntry extends LotteryEntry {
  rank: number;
  ticket: string;
}

export function newSeed(): string {
  return randomBytes(32).toString('hex');
}

export function commitSeed(seed: string): string {
  return createHash('sha256').update(seed, 'utf8').digest('hex');
}

export function ticketOf(seed: string, ref: string): string {
  return createHmac('sha256', seed).update(ref, 'utf8').digest('hex');
}

/** Ranks every entry, 1-based; ties are impossible short of a SHA-256 collision. */
export function draw(seed: string, entries: readonly LotteryEntry[]): DrawnEntry[] {
  return entries
    .map((e) => ({ ...e, ticket: ticketOf(seed, e.ref) }))
    .sort((a, b) => a.priorityGroup - b.priorityGroup || (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : 0))
    .map((e, i) => ({ ...e, rank: i + 1 }));
}

export interface PublishedLottery {
  seedHash: string;
  seed: string;
  entries: { ref: string; priorityGroup: number; rank: number }[];
}

export type VerifyOutcome = { ok: true; entries: number } | { ok: false; problem: string };

/** Checks a published result: the seed matches its commitment and every rank is what the draw gives. */
export function verifyLottery(p: PublishedLottery): VerifyOutcome {
  if (commitSeed(p.seed) !== p.seedHash)
    return { ok: false, problem: 'the revealed seed does not match the published hash' };
  const recomputed = draw(p.seed, p.entries);
  const byRef = new Map(recomputed.map((e) => [e.ref, e.rank]));
  for (const e of p.entries) {
    if (byRef.get(e.ref) !== e.rank)
      return {
        ok: false,
        problem: `application ${e.ref}: published rank ${e.rank}, the draw gives ${byRef.get(e.ref)}`,
      };
  }
  return { ok: true, entries: p.entries.length };
}

/** Priority groups in campaign order; an application's group is the first it belongs to. */
export const PRIORITY_FLAGS = ['bothEmployed', 'hardship', 'frontLine', 'singleChild'] as const;
export type PriorityFlag = (typeof PRIORITY_FLAGS)[number];

export function priorityGroupOf(order: readonly PriorityFlag[], flags: readonly string[]): number {
  const i = order.findIndex((f) => flags.includes(f));
  return i < 0 ? order.length : i;
}
