/** Platform settings (/api/settings). The shape lives in the server's settings.service.ts (not a schema module). */
import { api } from '../../app/api/client';

export interface Settings {
  /** 市总 may require two-factor sign-in for every administrator role. */
  requireTotpForAdmins: boolean;
}

export const fetchSettings = () => api.get<Settings>('/api/settings');
export const updateSettings = (patch: Partial<Settings>) => api.put<Settings>('/api/settings', patch);
