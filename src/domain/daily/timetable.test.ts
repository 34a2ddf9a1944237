import { describe, expect, it } from 'vitest';
import { readPlan, timetableFor } from './timetable.js';

const plan = [
  { weekday: 1, start: '14:00', end: '15:00', kind: 'sports', title: '跳绳' },
  { weekday: 1, start: '09:00', end: '10:30', kind: 'homework' },
  { weekday: 1, start: '12:00', end: '13:30', kind: 'rest', title: ' ' },
  { weekday: 1, start: '09:00', end: '10:30', kind: 'homework' },
  { weekday: 2, start: '09:00', end: '10:00', kind: 'reading' },
  { weekday: 1, start: '9:00', end: '10:00', kind: 'arts' },
];

describe('timetableFor', () => {
  it("takes the day's weekday slots in time order, with rest, without repeats or malformed times", () => {
    expect(timetableFor(plan, '2026-06-01')).toEqual([
      { slot: '09:00-10:30-homework', start: '09:00', end: '10:30', kind: 'homework', title: null },
      { slot: '12:00-13:30-rest', start: '12:00', end: '13:30', kind: 'rest', title: null },
      { slot: '14:00-15:00-sports', start: '14:00', end: '15:00', kind: 'sports', title: '跳绳' },
    ]);
  });
  it('another weekday has its own slots; a weekday without a plan is empty', () => {
    expect(timetableFor(plan, '2026-06-02').map((s) => s.kind)).toEqual(['reading']);
    expect(timetableFor(plan, '2026-06-03')).toEqual([]);
  });
  it('reads a stored plan defensively', () => {
    expect(readPlan(null)).toEqual([]);
    expect(readPlan([{ weekday: 1 }, plan[0]])).toEqual([plan[0]]);
  });
});
