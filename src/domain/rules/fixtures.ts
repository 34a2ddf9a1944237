// Builders for class snapshots, `buildX(overrides)` style: a class that passes every rule of the 2021
// template, and rosters. Used by tests, and by anyone seeding demo data; not by the rules themselves.

import type { ChildSnapshot, ClassSnapshot } from './types.js';

/** A child who passes every child-based rule; grade 3, present every day of a 30-day class. */
export function buildChild(overrides: Partial<ChildSnapshot> = {}): ChildSnapshot {
  return { grade: 3, selfCare: true, custodyAgreement: true, insurance: true, presentDays: 30, ...overrides };
}

/** `n` compliant children, `overrides(i)` applied to the i-th (0-based). */
export function buildChildren(
  n: number,
  overrides: (i: number) => Partial<ChildSnapshot> = () => ({}),
): ChildSnapshot[] {
  return Array.from({ length: n }, (_, i) => buildChild({ id: `C${i + 1}`, ...overrides(i) }));
}

/**
 * A standalone, union-run summer 2021 class from 2021-07-05 to 2021-08-13 (30 working days) with 20
 * children present every day: every rule of TEMPLATE_2021 passes when evaluated as of 2021-08-13.
 */
export function buildClass(overrides: Partial<ClassSnapshot> = {}): ClassSnapshot {
  return {
    startDate: '2021-07-05',
    endDate: '2021-08-13',
    closedDates: [],
    mode: 'standalone',
    management: 'union',
    venue: {
      independent: true,
      location: 'ground',
      buildingUse: 'community',
      nearHazard: false,
      ventilationLighting: true,
      fireSafety: true,
      fireEvidence: true,
      surveillance: true,
    },
    catering: { mode: 'self' },
    documents: ['safety', 'emergency', 'duty'],
    children: buildChildren(20),
    funding: [
      { source: 'unit', purpose: 'staff', amount: 5000 },
      { source: 'grassrootsUnion', purpose: 'meals', amount: 3000 },
    ],
    ...overrides,
  };
}

/** The day the built class ends: evaluating on it judges the finished class. */
export const BUILT_CLASS_END = '2021-08-13';
