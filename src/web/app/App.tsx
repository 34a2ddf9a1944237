/**
 * Providers and routes. Every page is a lazy chunk, and so is the ProLayout shell, so a person who only needs the
 * login page (or, later, a phone page) does not download the whole admin console.
 */
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ApiError, onSessionEvent } from './api/client';
import { type AreaKey, areasFor } from './auth/areas';
import { RequireAbility } from './auth/RequireAbility';
import { RequireArea } from './auth/RequireArea';
import { RequireAuth } from './auth/RequireAuth';
import { ME_KEY, signedOut, useCurrentUser } from './auth/session';
import { FullPageSpin } from './components/FullPageSpin';

const AdminLayout = lazy(() => import('./layout/AdminLayout'));
const LoginPage = lazy(() => import('../pages/login'));
const ForcedPasswordPage = lazy(() => import('../pages/password/forced'));
const ChangePasswordPage = lazy(() => import('../pages/password'));
const ForcedTotpPage = lazy(() => import('../pages/totp/forced'));
const TotpPage = lazy(() => import('../pages/totp'));
const HomePage = lazy(() => import('../pages/home'));
const NotFoundPage = lazy(() => import('../pages/home/NotFound'));
const OrgsPage = lazy(() => import('../pages/orgs'));
const UsersPage = lazy(() => import('../pages/users'));
const AuditPage = lazy(() => import('../pages/audit'));
const SettingsPage = lazy(() => import('../pages/settings'));
const CampaignsPage = lazy(() => import('../pages/campaigns'));
const CampaignPage = lazy(() => import('../pages/campaigns/detail'));
const CampaignEditPage = lazy(() => import('../pages/campaigns/edit'));
const CampaignRulesPage = lazy(() => import('../pages/campaigns/rules'));
const AllClassesPage = lazy(() => import('../pages/classes'));
const MyClassesPage = lazy(() => import('../pages/classes/mine'));
const ApprovalQueuePage = lazy(() => import('../pages/classes/approvals'));
const ClassPage = lazy(() => import('../pages/classes/detail'));
const ClassFormPage = lazy(() => import('../pages/classes/form'));
const VenuesPage = lazy(() => import('../pages/venues'));
const VenuePage = lazy(() => import('../pages/venues/detail'));
const CounterpartiesPage = lazy(() => import('../pages/counterparties'));
const CounterpartyPage = lazy(() => import('../pages/counterparties/detail'));
const GuardiansPage = lazy(() => import('../pages/guardians'));
const AgreementPage = lazy(() => import('../pages/enrolment/agreement'));
const NotificationPages = lazy(() => import('../pages/inbox/routes'));
const IncidentsPage = lazy(() => import('../pages/incidents'));
const IncidentPage = lazy(() => import('../pages/incidents/detail'));
const AttendanceRatesPage = lazy(() => import('../pages/attendance'));

/** /classes opens the list that fits the person: the overview for the levels above units, else their own. */
function ClassesHome() {
  const areas = areasFor(useCurrentUser());
  return <Navigate to={areas.allClasses ? '/classes/all' : '/classes/mine'} replace />;
}

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
const area = (a: AreaKey, node: ReactNode) => <RequireArea area={a}>{page(node)}</RequireArea>;

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
              <Route path="/login" element={page(<LoginPage />)} />
              <Route
                path="/first-login/password"
                element={<RequireAuth allowIncomplete>{page(<ForcedPasswordPage />)}</RequireAuth>}
              />
              <Route
                path="/first-login/totp"
                element={<RequireAuth allowIncomplete>{page(<ForcedTotpPage />)}</RequireAuth>}
              />
              <Route path="/" element={<RequireAuth>{page(<AdminLayout />)}</RequireAuth>}>
                <Route index element={page(<HomePage />)} />
                <Route
                  path="orgs"
                  element={<RequireAbility ability="manageOrgs">{page(<OrgsPage />)}</RequireAbility>}
                />
                <Route
                  path="users"
                  element={<RequireAbility ability="manageUsers">{page(<UsersPage />)}</RequireAbility>}
                />
                <Route
                  path="audit"
                  element={<RequireAbility ability="readAudit">{page(<AuditPage />)}</RequireAbility>}
                />
                <Route
                  path="settings"
                  element={<RequireAbility ability="manageSettings">{page(<SettingsPage />)}</RequireAbility>}
                />
                <Route path="campaigns" element={area('campaigns', <CampaignsPage />)} />
                <Route path="campaigns/:id" element={area('campaigns', <CampaignPage />)} />
                <Route path="campaigns/:id/edit" element={area('campaigns', <CampaignEditPage />)} />
                <Route path="campaigns/:id/rules" element={area('campaigns', <CampaignRulesPage />)} />
                <Route path="classes" element={<ClassesHome />} />
                <Route path="classes/all" element={area('allClasses', <AllClassesPage />)} />
                <Route path="classes/mine" element={area('classes', <MyClassesPage />)} />
                <Route path="classes/approvals" element={area('approvals', <ApprovalQueuePage />)} />
                <Route path="classes/new" element={area('classes', <ClassFormPage />)} />
                <Route path="classes/:id" element={area('classes', <ClassPage />)} />
                <Route path="classes/:id/edit" element={area('classes', <ClassFormPage />)} />
                <Route path="venues" element={area('venues', <VenuesPage />)} />
                <Route path="venues/:id" element={area('venues', <VenuePage />)} />
                <Route path="counterparties" element={area('counterparties', <CounterpartiesPage />)} />
                <Route path="counterparties/:id" element={area('counterparties', <CounterpartyPage />)} />
                <Route path="guardians" element={area('guardians', <GuardiansPage />)} />
                <Route path="agreements" element={area('agreements', <AgreementPage />)} />
                <Route path="incidents" element={area('classes', <IncidentsPage />)} />
                <Route path="incidents/:id" element={area('classes', <IncidentPage />)} />
                <Route path="attendance" element={area('classes', <AttendanceRatesPage />)} />
                <Route path="notifications/*" element={page(<NotificationPages />)} />
                <Route path="account/password" element={page(<ChangePasswordPage />)} />
                <Route path="account/totp" element={page(<TotpPage />)} />
                <Route path="*" element={page(<NotFoundPage />)} />
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
