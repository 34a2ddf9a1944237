/**
 * Providers and routes. The routes come from the one route table (routes.tsx): every page is a lazy chunk, and so
 * is the ProLayout shell, so a person who only needs the login page (or, later, a phone page) does not download
 * the whole admin console.
 */
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ApiError, onSessionEvent } from './api/client';
import { RequireAbility } from './auth/RequireAbility';
import { RequireAuth } from './auth/RequireAuth';
import { ME_KEY, signedOut } from './auth/session';
import { FullPageSpin } from './components/FullPageSpin';
import { type AppRoute, inShell, ROUTES } from './routes';

const AdminLayout = lazy(() => import('./layout/AdminLayout'));
/** One lazy component per loader, made once (routes sharing a loader share the component, and its state). */
const lazyByLoader = new Map<AppRoute['lazy'], ReturnType<typeof lazy>>();
const PAGES = ROUTES.map((route) => {
  const Page = lazyByLoader.get(route.lazy) ?? lazy(route.lazy);
  lazyByLoader.set(route.lazy, Page);
  return { route, Page };
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers do not get better by asking again.
      retry: (n, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && n < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** Reacts to session-level API answers from any screen (signed out, must change password, must enrol TOTP). */
function SessionWatcher() {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  useEffect(
    () =>
      onSessionEvent((e, text) => {
        // Say why the screen changes (expired session, password change, TOTP enrolment), once.
        void message.warning({ content: text, key: 'session' });
        if (e === 'signed-out') signedOut(qc);
        else void qc.invalidateQueries({ queryKey: ME_KEY });
      }),
    [qc, message],
  );
  return null;
}

const page = (node: ReactNode) => <Suspense fallback={<FullPageSpin />}>{node}</Suspense>;

/** A page of the table with the guard its `access` asks for (the shell itself sits behind <RequireAuth>). */
function guarded({ access }: AppRoute, node: ReactNode): ReactNode {
  if (access === 'public' || access === 'signedIn') return page(node);
  if (access === 'setup') return <RequireAuth allowIncomplete>{page(node)}</RequireAuth>;
  return <RequireAbility ability={access}>{page(node)}</RequireAbility>;
}

/** Paths inside the shell are relative to it; '/' is its index page. */
function shellRoute({ route, Page }: (typeof PAGES)[number]) {
  const element = guarded(route, <Page />);
  if (route.path === '/') return <Route key="/" index element={element} />;
  return <Route key={route.path} path={route.path.replace(/^\//, '')} element={element} />;
}

export function App() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <ConfigProvider locale={en ? enUS : zhCN} theme={{ token: { colorPrimary: '#d4380d', borderRadius: 6 } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionWatcher />
          <BrowserRouter>
            <Routes>
              {PAGES.filter((p) => !inShell(p.route)).map(({ route, Page }) => (
                <Route key={route.path} path={route.path} element={guarded(route, <Page />)} />
              ))}
              <Route path="/" element={<RequireAuth>{page(<AdminLayout />)}</RequireAuth>}>
                {PAGES.filter((p) => inShell(p.route)).map(shellRoute)}
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
