import { describe, expect, it } from 'vitest';
import { entryAfterLogin, hasConsoleWork, isParentOnly, worksAtDoor } from './entry';

const grant = (role: string) => ({ role, orgId: 1, orgName: 'u', orgKind: 'unit', orgPath: '1' }) as never;
const none = { manageOrgs: false, readAudit: false, unitIds: [], channelOrgIds: [] } as never;
const person = (roles: string[], abilities: Record<string, unknown> = none) => ({
  grants: roles.map(grant),
  abilities: abilities as never,
});

describe('the entry that fits a person', () => {
  it('sends a parent to the phone app, never to an empty console', () => {
    const p = person(['parent']);
    expect(isParentOnly(p)).toBe(true);
    expect(entryAfterLogin(p, null)).toEqual({ href: '/m/', external: true });
    expect(entryAfterLogin(p, '/')).toEqual({ href: '/m/', external: true });
  });
  it('keeps a same-site next path and refuses another site', () => {
    expect(entryAfterLogin(person(['parent']), '/notifications')).toEqual({ href: '/notifications', external: false });
    expect(entryAfterLogin(person(['unit_admin']), '//evil.example')).toEqual({ href: '/', external: false });
  });
  it('keeps everyone else in the console', () => {
    expect(entryAfterLogin(person(['unit_admin', 'parent']), null)).toEqual({ href: '/', external: false });
    expect(isParentOnly(person([]))).toBe(false);
  });
  it('counts door staff and any area as work', () => {
    expect(worksAtDoor(person(['volunteer']))).toBe(true);
    expect(hasConsoleWork(person(['volunteer']))).toBe(true);
    expect(hasConsoleWork(person(['reviewer'], { ...(none as object), reports: true }))).toBe(true);
    expect(hasConsoleWork(person(['auditor']))).toBe(false);
  });
});
