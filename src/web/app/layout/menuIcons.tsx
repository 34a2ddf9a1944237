/** The side menu's icons, by the names the route table (app/routes.ts) gives its entries; part of the shell's chunk. */
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ControlOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  LineChartOutlined,
  NotificationOutlined,
  ReadOutlined,
  SafetyOutlined,
  SettingOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MenuEntry, MenuIcon } from '../routes';

export const MENU_ICONS: Record<MenuIcon, ReactNode> = {
  home: <HomeOutlined />,
  campaigns: <CalendarOutlined />,
  classes: <BankOutlined />,
  class: <ReadOutlined />,
  approvals: <CheckSquareOutlined />,
  incidents: <AlertOutlined />,
  attendance: <LineChartOutlined />,
  venues: <EnvironmentOutlined />,
  counterparties: <ShopOutlined />,
  guardians: <IdcardOutlined />,
  agreements: <FileProtectOutlined />,
  channels: <NotificationOutlined />,
  orgs: <ApartmentOutlined />,
  users: <TeamOutlined />,
  audit: <AuditOutlined />,
  settings: <SettingOutlined />,
  system: <ControlOutlined />,
  jobs: <FieldTimeOutlined />,
  reports: <FileTextOutlined />,
  supervision: <SolutionOutlined />,
  account: <SafetyOutlined />,
  password: <KeyOutlined />,
  totp: <SafetyOutlined />,
};

export interface DrawnMenuEntry {
  path: string;
  name: string;
  icon: ReactNode;
  routes?: DrawnMenuEntry[];
}

/** The menu entries as ProLayout wants them: with their icons drawn. */
export function withIcons(entries: MenuEntry[]): DrawnMenuEntry[] {
  return entries.map((e) => ({
    path: e.path,
    name: e.name,
    icon: MENU_ICONS[e.icon],
    ...(e.routes ? { routes: withIcons(e.routes) } : {}),
  }));
}
