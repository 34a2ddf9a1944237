/**
 * Who is signed in: the `me` answer of the API, cached by react-query under ['me'] (null when signed out).
 * The CSRF token travels with it and is handed to the HTTP client.
 */
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, request, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';

export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await request<Me>('GET', '/api/auth/me', { quiet401: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY, retry: false });
}

/** The signed-in person; only for components rendered behind <RequireAuth>. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside an authenticated route');
  return data;
}

export function signedIn(qc: QueryClient, me: Me): void {
  setCsrfToken(me.csrfToken);
  qc.setQueryData(ME_KEY, me);
}

export function signedOut(qc: QueryClient): void {
  setCsrfToken(null);
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  qc.setQueryData(ME_KEY, null);
}

export async function signOut(qc: QueryClient): Promise<void> {
  try {
    await request('POST', '/api/auth/logout', { quiet401: true });
  } catch {
    // already signed out on the server: the local state is cleared all the same
  }
  signedOut(qc);
}

export function useSignOut() {
  const qc = useQueryClient();
  return () => signOut(qc);
}
