/**
 * Who is signed in at the door. The session is the server's HttpOnly cookie; the person is asked for on start.
 * Offline on start, the person stored at the last sign-in is used so that today's list and the queue keep working;
 * the CSRF token is fetched again before the queue is sent (sync.ts).
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { getMe, isNetworkError, type Me, onSignedOut, signOut as apiSignOut, setCsrfToken } from './api';
import { storedMe, storeMe } from './store';
import { Loading, LoadError } from './ui';

export type SessionMe = Omit<Me, 'csrfToken'>;

type State =
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'out'; message?: string }
  | { kind: 'in'; me: SessionMe; offline: boolean };

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
        storeMe(me);
        setState({ kind: 'in', me, offline: false });
      },
      (error: unknown) => {
        if (!live) return;
        const cached = storedMe();
        if (isNetworkError(error) && cached) setState({ kind: 'in', me: cached, offline: true });
        else if (error instanceof Error && 'status' in error && error.status === 401) {
          storeMe(null);
          setState({ kind: 'out' });
        } else setState({ kind: 'error', error });
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
        storeMe(null);
        setState({ kind: 'out', message });
      }),
    [],
  );

  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    storeMe(me);
    setState({ kind: 'in', me, offline: false });
  }, []);
  const signOut = useCallback(async () => {
    try {
      await apiSignOut();
    } catch {
      // offline: the cookie ends with its idle limit; the phone forgets the person now
    } finally {
      setCsrfToken(null);
      storeMe(null);
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

export function useMe(): SessionMe {
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
