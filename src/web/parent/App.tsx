/**
 * Routes of the parents' app. Hash routes (/m/#/classes) keep every screen on the one file the server already
 * serves at /m/, so no server-side fallback is needed. Screens are plain imports: the whole app is small enough
 * that splitting it would only add round trips on a slow phone network.
 */
import { lazy, type ReactElement, Suspense } from 'react';
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom';
import { LangProvider } from './i18n';
import AbsencePage from './pages/Absence';
import AgreementPage from './pages/Agreement';
import Apply from './pages/Apply';
import ChildFormPage from './pages/child/ChildForm';
import Classes from './pages/Classes';
import EnrolmentPage from './pages/Enrolment';
import Home from './pages/Home';
import InboxPage from './pages/Inbox';
import InsurancePage from './pages/insurance/InsurancePage';
import InvitePage from './pages/Invite';
import MyDataPage from './pages/MyData';
import PickupPage from './pages/Pickup';
import PrivacyPage from './pages/Privacy';
import SatisfactionPage from './pages/satisfaction/SatisfactionPage';
import Register from './pages/Register';
import SignIn from './pages/SignIn';
import TimetablePage from './pages/Timetable';
import WithdrawPage from './pages/Withdraw';
import { RequireSignIn, SessionProvider } from './session';

const guarded = (el: ReactElement) => <RequireSignIn>{el}</RequireSignIn>;

// The needs survey is opened from a QR code by employees who never use the rest of the app: its own chunk.
const SurveyPage = lazy(() => import('./pages/survey/SurveyPage'));

export function App() {
  return (
    <LangProvider>
      <SessionProvider>
        <HashRouter>
          <Routes>
            <Route path="/login" element={<SignIn />} />
            <Route path="/register" element={<Register />} />
            <Route path="/privacy" element={<PrivacyPage />} />
            <Route
              path="/survey/:token"
              element={
                <Suspense fallback={null}>
                  <SurveyPage />
                </Suspense>
              }
            />
            <Route path="/" element={guarded(<Home />)} />
            <Route path="/children/:id" element={guarded(<ChildFormPage />)} />
            <Route path="/children/:id/pickup" element={guarded(<PickupPage />)} />
            <Route path="/children/:id/absence" element={guarded(<AbsencePage />)} />
            <Route path="/classes" element={guarded(<Classes />)} />
            <Route path="/classes/:id/apply" element={guarded(<Apply />)} />
            <Route path="/classes/:id/timetable" element={guarded(<TimetablePage />)} />
            <Route path="/enrolments/:id" element={guarded(<EnrolmentPage />)} />
            <Route path="/enrolments/:id/agreement" element={guarded(<AgreementPage />)} />
            <Route path="/enrolments/:id/insurance" element={guarded(<InsurancePage />)} />
            <Route path="/enrolments/:id/withdraw" element={guarded(<WithdrawPage />)} />
            <Route path="/invite" element={guarded(<InvitePage />)} />
            <Route path="/inbox" element={guarded(<InboxPage />)} />
            <Route path="/satisfaction/:id" element={guarded(<SatisfactionPage />)} />
            <Route path="/my-data" element={guarded(<MyDataPage />)} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </HashRouter>
      </SessionProvider>
    </LangProvider>
  );
}
