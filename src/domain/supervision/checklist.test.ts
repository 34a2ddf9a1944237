import { describe, expect, it } from 'vitest';
import { escalationsDue, isOverdue } from './checklist.js';

describe('escalationsDue', () => {
  const item = (o: Partial<{ status: string; severity: 'low' | 'medium' | 'high'; deadline: string }> = {}) => ({
    status: 'open',
    severity: 'low' as const,
    deadline: '2026-06-10',
    ...o,
  });
  it.each([
    ['2026-06-07', []],
    ['2026-06-08', []],
    ['2026-06-09', ['due_soon']],
    ['2026-06-10', ['due_soon']],
    ['2026-06-11', ['overdue_district']],
    ['2026-06-17', ['overdue_district']],
    ['2026-06-18', ['overdue_district', 'overdue_city']],
  ])('low severity on %s', (today, want) => {
    expect(escalationsDue(item(), today)).toEqual(want);
  });
  it('high severity reaches the city on the first overdue day', () => {
    expect(escalationsDue(item({ severity: 'high' }), '2026-06-11')).toEqual(['overdue_district', 'overdue_city']);
  });
  it('an answered or closed item is not escalated', () => {
    expect(escalationsDue(item({ status: 'responded' }), '2026-06-20')).toEqual([]);
    expect(escalationsDue(item({ status: 'closed' }), '2026-06-20')).toEqual([]);
  });
  it('overdue is open after the deadline day', () => {
    expect(isOverdue(item(), '2026-06-10')).toBe(false);
    expect(isOverdue(item(), '2026-06-11')).toBe(true);
    expect(isOverdue(item({ status: 'responded' }), '2026-06-11')).toBe(false);
  });
});
