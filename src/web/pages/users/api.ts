/** Calls of the people-and-roles page (/api/users). */
import type { Role } from '../../../domain/people/roles';
import { api } from '../../app/api/client';
import type { CreateUserInput, Page, UpdateUserInput, User, UserCreated } from '../../app/api/types';

export interface ListUsersParams {
  orgId?: number;
  role?: Role;
  q?: string;
  includeInactive?: boolean;
  page?: number;
  pageSize?: number;
}

export const listUsers = (p: ListUsersParams) =>
  api.get<Page<User>>('/api/users', { ...p, includeInactive: p.includeInactive ? 'true' : undefined });
export const createUser = (body: CreateUserInput) => api.post<UserCreated>('/api/users', body);
export const updateUser = (id: number, body: UpdateUserInput) => api.patch<User>(`/api/users/${id}`, body);
export const grantRole = (id: number, role: Role, orgId: number) =>
  api.post<User>(`/api/users/${id}/grants`, { role, orgId });
export const revokeRole = (id: number, grantId: number) => api.del<User>(`/api/users/${id}/grants/${grantId}`);
export const deactivateUser = (id: number, reason: string) => api.post<User>(`/api/users/${id}/deactivate`, { reason });
export const reactivateUser = (id: number, reason: string) => api.post<User>(`/api/users/${id}/reactivate`, { reason });
export const resetPassword = (id: number) => api.post<{ temporaryPassword: string }>(`/api/users/${id}/reset-password`);
/** Audited on the server: every reveal is a row in the audit log. */
export const revealPhone = (id: number) => api.post<{ phone: string | null }>(`/api/users/${id}/reveal-phone`);
