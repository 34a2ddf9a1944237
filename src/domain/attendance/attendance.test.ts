import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPickupCode, makePickupCode, normalizePickupCode, PICKUP_CODE_ALPHABET } from './pickup-code.js';
import { matchesName, pinyinInitials } from './initials.js';
import { type DayEvent, eventSummary, projectDay } from './projection.js';

const ev = (clientId: string, kind: string, minute: number, extra: Partial<DayEvent> = {}): DayEvent => ({
  clientId,
  kind,
  occurredAt: new Date(Date.UTC(2026, 5, 1, 0, minute)),
  ...extra,
});

describe('projectDay', () => {
  it('first check-in and check-out win; later ones are duplicates', () => {
    const p = projectDay([
      ev('b', 'check_in', 5),
      ev('a', 'check_in', 3),
      ev('c', 'check_out', 60, { pickupAdultId: 7 }),
    ]);
    expect(p.state.status).toBe('left');
    expect(p.state.checkInAt?.getUTCMinutes()).toBe(3);
    expect(p.state.pickupAdultId).toBe(7);
    expect([...p.duplicates]).toEqual(['b']);
  });
  it('ties on time break by clientId', () => {
    const p = projectDay([ev('z', 'check_in', 3), ev('m', 'check_in', 3)]);
    expect([...p.winners]).toEqual(['m']);
  });
  it('check-out alone records the departure', () => {
    const p = projectDay([ev('a', 'check_out', 9)]);
    expect(p.state.status).toBe('left');
    expect(p.state.checkInAt).toBeNull();
  });
  it('absence, cancel and the latest correction', () => {
    expect(projectDay([ev('a', 'absence', 1, { reason: 'sick' })]).state.status).toBe('sick');
    expect(projectDay([ev('a', 'absence', 1, { reason: 'personal' }), ev('b', 'absence_cancel', 2)]).state.status).toBe(
      'expected',
    );
    const c = projectDay([
      ev('a', 'check_in', 1),
      ev('x', 'correction', 30, { data: { status: 'absent' } }),
      ev('y', 'correction', 20, { data: { status: 'left' } }),
    ]);
    expect(c.state.status).toBe('absent');
    expect(c.state.corrected).toBe(true);
  });
  it('is a function of the set (any order, any duplication)', () => {
    const arbEvent = fc.record({
      clientId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      kind: fc.constantFrom('check_in', 'check_out', 'absence', 'absence_cancel'),
      minute: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbEvent, { selector: (e) => e.clientId }), fc.integer(), (raw, seed) => {
        const events = raw.map((r) => ev(r.clientId, r.kind, r.minute, { reason: 'sick' }));
        const shuffled = [...events, ...events.slice(0, 2)].sort(() => 0).reverse();
        const rot = events.length ? seed % events.length : 0;
        const rotated = [...events.slice(Math.abs(rot)), ...events.slice(0, Math.abs(rot))];
        expect(projectDay(shuffled)).toEqual(projectDay(events));
        expect(projectDay(rotated)).toEqual(projectDay(events));
      }),
    );
  });
  it('projects the same from the events and from their JSON summaries (attendance_days.events)', () => {
    const evs = [ev('a', 'check_in', 3, { id: 1 }), ev('b', 'check_out', 60, { id: 2, pickupAdultId: 7 })];
    const summaries = JSON.parse(JSON.stringify(evs.map(eventSummary))) as DayEvent[];
    expect(summaries[0]).toEqual({
      id: 1,
      clientId: 'a',
      kind: 'check_in',
      occurredAt: '2026-06-01T00:03:00.000Z',
      pickupAdultId: null,
      reason: null,
      data: null,
    });
    expect(projectDay(summaries)).toEqual(projectDay(evs));
  });
});

describe('pinyin initials and pickup codes', () => {
  it('initials', () => {
    expect(pinyinInitials('张小明')).toBe('zxm');
    expect(pinyinInitials('曾子涵')).toBe('zzh');
    expect(matchesName('张小明', 'zx')).toBe(true);
    expect(matchesName('张小明', '小明')).toBe(true);
    expect(matchesName('李华', 'zx')).toBe(false);
  });
  it('codes use the alphabet without look-alikes', () => {
    expect(PICKUP_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    for (let i = 0; i < 50; i++) expect(isPickupCode(makePickupCode((n) => randomBytes(n)))).toBe(true);
    expect(normalizePickupCode('abcd-efgh')).toBe('ABCDEFGH');
  });
});
