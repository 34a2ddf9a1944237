/**
 * The console's one route table: every page with its path, its lazy chunk, who may open it and its place in the
 * side menu. App.tsx derives the react-router routes from it and the shell (layout/AdminLayout.tsx) the ProLayout
 * menu, so a page and its menu entry cannot disagree about who sees them, and no page folder routes another.
 *
 * `access` is one of
 * - 'public': no sign-in needed (the login page), outside the shell;
 * - 'setup': signed in, possibly still owing a password change or TOTP enrolment, outside the shell;
 * - 'signedIn': any signed-in person, inside the shell;
 * - an entry of `me.abilities`, inside the shell: the server decides each; the API remains the real guard.
 *
 * Every page is its own chunk (`lazy`), and nothing here imports the shell or its icons (menu entries name theirs;
 * the shell draws them), so the login page stays light.
 */
import type { ComponentType } from 'react';
import type { Ability, Me } from './api/types';

export type Access = 'public' | 'setup' | 'signedIn' | Ability;

/** The menu's icons by name (drawn by the shell, layout/menuIcons.tsx). */
export type MenuIcon =
  | 'home'
  | 'campaigns'
  | 'classes'
  | 'class'
  | 'approvals'
  | 'incidents'
  | 'attendance'
  | 'venues'
  | 'counterparties'
  | 'guardians'
  | 'agreements'
  | 'channels'
  | 'orgs'
  | 'users'
  | 'audit'
  | 'settings'
  | 'system'
  | 'jobs'
  | 'reports'
  | 'supervision'
  | 'account'
  | 'password'
  | 'totp';

/** Menu groups: shown when at least one of their entries is, at the place of the first. */
const MENU_GROUPS = {
  classes: { path: '/care', name: 'menu.classes', icon: 'classes' },
  supervision: { path: '/supervise', name: 'supervision.menu', icon: 'supervision' },
  system: { path: '/system', name: 'menu.system', icon: 'system' },
  account: { path: '/account', name: 'menu.account', icon: 'account' },
} as const satisfies Record<string, { path: string; name: string; icon: MenuIcon }>;

export interface AppRoute {
  /** Absolute path ('/' is the shell's index page, '*' anything else inside the shell). */
  path: string;
  lazy: () => Promise<{ default: ComponentType }>;
  access: Access;
  /** The page's side-menu entry: an i18n key, an icon and optionally its group. */
  menu?: { name: string; icon: MenuIcon; group?: keyof typeof MENU_GROUPS };
}

// One loader for both form routes: the same component type, so /classes/new → /classes/:id/edit keeps its state.
const classForm = () => import('../pages/classes/form');

export const ROUTES: readonly AppRoute[] = [
  { path: '/login', lazy: () => import('../pages/login'), access: 'public' },
  { path: '/first-login/password', lazy: () => import('../pages/password/forced'), access: 'setup' },
  { path: '/first-login/totp', lazy: () => import('../pages/totp/forced'), access: 'setup' },

  {
    path: '/',
    lazy: () => import('../pages/home'),
    access: 'signedIn',
    menu: { name: 'menu.home', icon: 'home' },
  },
  {
    path: '/campaigns',
    lazy: () => import('../pages/campaigns'),
    access: 'campaigns',
    menu: { name: 'menu.campaigns', icon: 'campaigns' },
  },
  { path: '/campaigns/:id', lazy: () => import('../pages/campaigns/detail'), access: 'campaigns' },
  { path: '/campaigns/:id/edit', lazy: () => import('../pages/campaigns/edit'), access: 'campaigns' },
  { path: '/campaigns/:id/rules', lazy: () => import('../pages/campaigns/rules'), access: 'campaigns' },
  // /classes opens the list that fits the person.
  { path: '/classes', lazy: () => import('../pages/classes/home'), access: 'classes' },
  {
    path: '/classes/mine',
    lazy: () => import('../pages/classes/mine'),
    access: 'myClasses',
    menu: { name: 'menu.myClasses', icon: 'class', group: 'classes' },
  },
  {
    path: '/classes/all',
    lazy: () => import('../pages/classes'),
    access: 'allClasses',
    menu: { name: 'menu.allClasses', icon: 'class', group: 'classes' },
  },
  {
    path: '/classes/approvals',
    lazy: () => import('../pages/classes/approvals'),
    access: 'approvals',
    menu: { name: 'menu.approvals', icon: 'approvals', group: 'classes' },
  },
  // 志愿者 (issue 17): the unit's calls and applications, the head's calls, a volunteer's check-ins and hours.
  {
    path: '/volunteers',
    lazy: () => import('../pages/volunteers'),
    access: 'myClasses',
    menu: { name: 'volunteers.menu', icon: 'class', group: 'classes' },
  },
  { path: '/classes/new', lazy: classForm, access: 'classes' },
  { path: '/classes/:id', lazy: () => import('../pages/classes/detail'), access: 'classes' },
  { path: '/classes/:id/edit', lazy: classForm, access: 'classes' },
  {
    path: '/incidents',
    lazy: () => import('../pages/incidents'),
    access: 'incidents',
    menu: { name: 'incidents.menu', icon: 'incidents' },
  },
  { path: '/incidents/:id', lazy: () => import('../pages/incidents/detail'), access: 'incidents' },
  {
    path: '/attendance',
    lazy: () => import('../pages/attendance'),
    access: 'attendanceRates',
    menu: { name: 'attendance.menu', icon: 'attendance' },
  },
  // 督导整改 (issue 15): supervisors and the units' own people; each record's abilities say what they may do.
  {
    path: '/supervision',
    lazy: () => import('../pages/supervision'),
    access: 'supervision',
    menu: { name: 'supervision.visitsMenu', icon: 'supervision', group: 'supervision' },
  },
  {
    path: '/supervision/items',
    lazy: () => import('../pages/supervision/items'),
    access: 'supervision',
    menu: { name: 'supervision.itemsMenu', icon: 'supervision', group: 'supervision' },
  },
  {
    path: '/supervision/meetings',
    lazy: () => import('../pages/supervision/meetings'),
    access: 'supervision',
    menu: { name: 'supervision.meetingsMenu', icon: 'supervision', group: 'supervision' },
  },
  {
    path: '/supervision/cases',
    lazy: () => import('../pages/supervision/cases'),
    access: 'supervision',
    menu: { name: 'supervision.casesMenu', icon: 'supervision', group: 'supervision' },
  },
  // 工作报送 (issue 14): report readers open it; each row's abilities say what they may do there.
  {
    path: '/reports',
    lazy: () => import('../pages/reports'),
    access: 'reports',
    menu: { name: 'reports.menu', icon: 'reports' },
  },
  { path: '/reports/:id', lazy: () => import('../pages/reports/detail'), access: 'reports' },
  { path: '/reports/:id/compare', lazy: () => import('../pages/reports/compare'), access: 'reports' },
  { path: '/reports/:id/print', lazy: () => import('../pages/reports/print'), access: 'reports' },
  // 工会补贴 (issue 16): the paying unions' people and their checkers; the API answers for the payer only.
  {
    path: '/subsidies',
    lazy: () => import('../pages/subsidies'),
    access: 'subsidies',
    menu: { name: 'subsidies.menu', icon: 'reports' },
  },
  {
    path: '/funding/summary',
    lazy: () => import('../pages/funding/summary'),
    access: 'fundingSummary',
    menu: { name: 'fundingSummary.title', icon: 'reports' },
  },
  // 家长满意度 (issue 16): the readers of figures; the API scopes the organisations.
  {
    path: '/satisfaction',
    lazy: () => import('../pages/satisfaction'),
    access: 'readOrgs',
    menu: { name: 'satisfaction.menu', icon: 'reports' },
  },
  // 示范班评选 (issue 17): applications and recommendations (administrators), scoring (reviewers), ranking (city).
  {
    path: '/selection',
    lazy: () => import('../pages/selection'),
    access: 'selection',
    menu: { name: 'selection.menu', icon: 'approvals' },
  },
  { path: '/selection/applications/:id', lazy: () => import('../pages/selection/detail'), access: 'selection' },
  { path: '/selection/ranking', lazy: () => import('../pages/selection/ranking'), access: 'selection' },
  // The city's 评选设置 (rubric, gate, quotas, blind mode) and 评审组 (panels, reviewers, recusals). Not under
  // /selection/: the menu marks every entry whose path prefixes the page's, which would light 示范班评选 as well.
  {
    path: '/selection-settings',
    lazy: () => import('../pages/selection/settings'),
    access: 'manageSelection',
    menu: { name: 'selection.manage.settingsMenu', icon: 'settings' },
  },
  {
    path: '/selection-panels',
    lazy: () => import('../pages/selection/panels'),
    access: 'manageSelection',
    menu: { name: 'selection.manage.panelsMenu', icon: 'users' },
  },
  {
    path: '/selection/review',
    lazy: () => import('../pages/selection/reviews'),
    access: 'review',
    menu: { name: 'selection.reviewMenu', icon: 'approvals' },
  },
  { path: '/selection/review/:id', lazy: () => import('../pages/selection/review'), access: 'review' },
  {
    path: '/naming',
    lazy: () => import('../pages/naming'),
    access: 'campaigns',
    menu: { name: 'naming.menu', icon: 'campaigns' },
  },
  { path: '/naming/:id', lazy: () => import('../pages/naming/detail'), access: 'campaigns' },
  {
    path: '/news',
    lazy: () => import('../pages/news'),
    access: 'news',
    menu: { name: 'news.menu', icon: 'reports' },
  },
  {
    path: '/venues',
    lazy: () => import('../pages/venues'),
    access: 'venues',
    menu: { name: 'menu.venues', icon: 'venues' },
  },
  { path: '/venues/:id', lazy: () => import('../pages/venues/detail'), access: 'venues' },
  {
    path: '/surveys',
    lazy: () => import('../pages/surveys'),
    access: 'readOrgs',
    menu: { name: 'surveys.menu', icon: 'campaigns' },
  },
  { path: '/surveys/:id', lazy: () => import('../pages/surveys/detail'), access: 'readOrgs' },
  {
    path: '/counterparties',
    lazy: () => import('../pages/counterparties'),
    access: 'counterparties',
    menu: { name: 'menu.counterparties', icon: 'counterparties' },
  },
  { path: '/counterparties/:id', lazy: () => import('../pages/counterparties/detail'), access: 'counterparties' },
  {
    path: '/guardians',
    lazy: () => import('../pages/guardians'),
    access: 'guardians',
    menu: { name: 'menu.guardians', icon: 'guardians' },
  },
  {
    path: '/agreements',
    lazy: () => import('../pages/enrolment/agreement'),
    access: 'agreements',
    menu: { name: 'menu.agreements', icon: 'agreements' },
  },
  { path: '/notifications', lazy: () => import('../pages/inbox'), access: 'signedIn' },
  {
    path: '/notifications/channels',
    lazy: () => import('../pages/channels'),
    access: 'channels',
    menu: { name: 'notif.channelsMenu', icon: 'channels' },
  },
  {
    path: '/orgs',
    lazy: () => import('../pages/orgs'),
    access: 'manageOrgs',
    menu: { name: 'menu.orgs', icon: 'orgs' },
  },
  {
    path: '/users',
    lazy: () => import('../pages/users'),
    access: 'manageUsers',
    menu: { name: 'menu.users', icon: 'users' },
  },
  {
    path: '/audit',
    lazy: () => import('../pages/audit'),
    access: 'readAudit',
    menu: { name: 'menu.audit', icon: 'audit' },
  },
  {
    path: '/settings',
    lazy: () => import('../pages/settings'),
    access: 'manageSettings',
    menu: { name: 'menu.settings', icon: 'settings', group: 'system' },
  },
  {
    path: '/system/calendar',
    lazy: () => import('../pages/calendar'),
    access: 'manageSettings',
    menu: { name: 'calendar.menu', icon: 'settings', group: 'system' },
  },
  {
    path: '/system/jobs',
    lazy: () => import('../pages/jobs'),
    access: 'readJobs',
    menu: { name: 'jobs.menu', icon: 'jobs', group: 'system' },
  },
  {
    path: '/account/password',
    lazy: () => import('../pages/password'),
    access: 'signedIn',
    menu: { name: 'menu.password', icon: 'password', group: 'account' },
  },
  {
    path: '/account/totp',
    lazy: () => import('../pages/totp'),
    access: 'signedIn',
    menu: { name: 'menu.totp', icon: 'totp', group: 'account' },
  },
  { path: '*', lazy: () => import('../pages/home/NotFound'), access: 'signedIn' },
];

/** Does this route open inside the admin shell (ProLayout)? */
export const inShell = (r: AppRoute) => r.access !== 'public' && r.access !== 'setup';

/** May this person open the route (for a route inside the shell)? */
export const mayOpen = (me: Me, access: Access) =>
  access === 'public' || access === 'setup' || access === 'signedIn' || me.abilities[access];

export interface MenuEntry {
  path: string;
  name: string;
  icon: MenuIcon;
  routes?: MenuEntry[];
}

/** The side menu: the table's entries this person may open, in table order, grouped. */
export function menuFor(me: Me, t: (key: string) => string): MenuEntry[] {
  const out: MenuEntry[] = [];
  const groups = new Map<string, MenuEntry>();
  for (const r of ROUTES) {
    if (!r.menu || !mayOpen(me, r.access)) continue;
    const entry: MenuEntry = { path: r.path, name: t(r.menu.name), icon: r.menu.icon };
    if (!r.menu.group) {
      out.push(entry);
      continue;
    }
    let group = groups.get(r.menu.group);
    if (!group) {
      const g = MENU_GROUPS[r.menu.group];
      group = { path: g.path, name: t(g.name), icon: g.icon, routes: [] };
      groups.set(r.menu.group, group);
      out.push(group);
    }
    group.routes?.push(entry);
  }
  return out;
}
