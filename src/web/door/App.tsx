/**
 * Routes of the door screen (served at /door/). Hash routes keep every screen on the one file the server and the
 * service worker hold, so a reload offline still finds the app.
 */
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom';
import { LangProvider } from './i18n';
import Classes from './pages/Classes';
import Door from './pages/Door';
import SignIn from './pages/SignIn';
import { RequireSignIn, SessionProvider } from './session';

export function App() {
  return (
    <LangProvider>
      <SessionProvider>
        <HashRouter>
          <Routes>
            <Route path="/login" element={<SignIn />} />
            <Route
              path="/"
              element={
                <RequireSignIn>
                  <Classes />
                </RequireSignIn>
              }
            />
            <Route
              path="/classes/:id"
              element={
                <RequireSignIn>
                  <Door />
                </RequireSignIn>
              }
            />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </HashRouter>
      </SessionProvider>
    </LangProvider>
  );
}
