// Food samples (留样): each meal's sample is kept 48 hours from when it was taken.

import type { IsoDate } from '../calendar/dates.js';

export const SAMPLE_KEEP_HOURS = 48;

/** When a sample taken at `time` (HH:MM, China time) on `day` may be discarded, as an instant. */
export function sampleKeepUntil(day: IsoDate, time: string): Date {
  const taken = new Date(`${day}T${time}:00+08:00`);
  return new Date(taken.getTime() + SAMPLE_KEEP_HOURS * 3_600_000);
}
