/** Platform settings (/api/settings). The shape is the server's (settings.schema.ts). */
import type { Settings } from '../../../server/modules/settings/settings.schema';
import { api } from '../../app/api/client';

export type { Settings };
/** The robots' own hosts, always allowed (the server's OFFICIAL_ROBOT_HOSTS). */
export const OFFICIAL_ROBOT_HOSTS = ['qyapi.weixin.qq.com', 'oapi.dingtalk.com'] as const;

export const fetchSettings = () => api.get<Settings>('/api/settings');
export const updateSettings = (patch: Partial<Settings>) => api.put<Settings>('/api/settings', patch);
