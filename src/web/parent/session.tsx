/**
 * Who is signed in. The session itself is the server's HttpOnly cookie; the app keeps the person (`Me`) and the
 * CSRF token from sign-in or from `GET /api/auth/me` on start. Any 401 from any screen lands on the sign-in page
 * with the server's reason (e.g. 登录已过期).
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { getMe, signOut as apiSignOut } from './api/calls';
import { ApiError, onSignedOut, setCsrfToken } from './api/client';
import type { Me } from './api/types';
import { Loading, LoadError } from './ui/states';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'out'; message?: string }
  | { kind: 'in'; me: Me };

interface SessionValue {
  state: State;
  signedIn(me: Me): void;
  signOut(): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [round, setRound] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` is the retry trigger
  useEffect(() => {
    let live = true;
    getMe().then(
      (me) => {
        if (!live) return;
        setCsrfToken(me.csrfToken);
        setState({ kind: 'in', me });
      },
      (error: unknown) => {
        if (!live) return;
        setState(error instanceof ApiError && error.status === 401 ? { kind: 'out' } : { kind: 'error', error });
      },
    );
    return () => {
      live = false;
    };
  }, [round]);

  useEffect(
    () =>
      onSignedOut((message) => {
        setCsrfToken(null);
        setState({ kind: 'out', message });
      }),
    [],
  );

  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setState({ kind: 'in', me });
  }, []);
  const signOut = useCallback(async () => {
    try {
      await apiSignOut();
    } finally {
      setCsrfToken(null);
      setState({ kind: 'out' });
    }
  }, []);
  const retry = useCallback(() => {
    setState({ kind: 'loading' });
    setRound((r) => r + 1);
  }, []);
  const value = useMemo(() => ({ state, signedIn, signOut, retry }), [state, signedIn, signOut, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in person; only used under <RequireSignIn>. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.kind !== 'in') throw new Error('useMe without a session');
  return state.me;
}

export function RequireSignIn({ children }: { children: ReactNode }) {
  const { state, retry } = useSession();
  const location = useLocation();
  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error') return <LoadError error={state.error} onRetry={retry} />;
  if (state.kind === 'out')
    return <Navigate to="/login" replace state={{ from: location.pathname, message: state.message }} />;
  return <>{children}</>;
}
