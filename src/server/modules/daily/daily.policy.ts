/**
 * Who may keep a class's daily records and tick off its timetable: the people who work in the class — class staff
 * and volunteers holding a grant on one of the class's units (as the class policy lets them see it) — and the
 * unit's administrators. District, city, inspectors and auditors read what the class policy lets them read.
 * Only a class that has opened (open or running) takes new entries.
 */
import type { Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { covering } from '../../auth/policy.js';
import type { ClassRef } from '../classes/classes.policy.js';
import { classPolicy } from '../classes/classes.policy.js';

const WRITERS: readonly Role[] = ['unit_admin', 'class_staff', 'volunteer'];
const LIVE = new Set(['open', 'running']);

export const dailyPolicy = {
  read: (a: Actor, c: ClassRef) => classPolicy.read(a, c),
  write: (a: Actor, c: ClassRef) => LIVE.has(c.status) && c.units.some((u) => covering(a, u.path, WRITERS).length > 0),
};

export function dailyAbilities(a: Actor, c: ClassRef) {
  return { write: dailyPolicy.write(a, c) };
}
