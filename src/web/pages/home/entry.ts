/**
 * Where a signed-in person's work is: parents use the phone app (/m/), class staff and volunteers the door screen
 * (/door/) beside the console, everyone else the console. The login page sends parents straight to /m/; the home
 * page shows the others what their roles open.
 */
import type { Me } from '../../app/api/types';

type Person = Pick<Me, 'grants' | 'abilities'>;

/** Only parent grants (or a parent with no console area at all): the console has nothing for them. */
export function isParentOnly(me: Person): boolean {
  const roles = me.grants.map((g) => g.role);
  return roles.length > 0 && roles.every((r) => r === 'parent');
}

/** Class staff and volunteers: today's class and the door screen. */
export function worksAtDoor(me: Person): boolean {
  return me.grants.some((g) => g.role === 'class_staff' || g.role === 'volunteer');
}

/** Does any console area open for this person (any yes/no ability)? Then the home never says "nothing". */
export function hasConsoleWork(me: Person): boolean {
  return Object.values(me.abilities).some((v) => v === true) || worksAtDoor(me);
}

/**
 * The place to go right after signing in: the `next` path asked for when it is a same-site path, otherwise the
 * entry that fits the roles (parents → /m/, a full page load: it is another app).
 */
export function entryAfterLogin(me: Person, next: string | null): { href: string; external: boolean } {
  if (next?.startsWith('/') && !next.startsWith('//') && next !== '/') return { href: next, external: false };
  if (isParentOnly(me)) return { href: '/m/', external: true };
  return { href: '/', external: false };
}
