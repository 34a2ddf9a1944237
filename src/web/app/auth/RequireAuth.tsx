/**
 * Route guard: sends visitors to the login page, and holds back accounts that must first change their password or
 * enrol in two-factor sign-in (the server refuses everything else for them anyway).
 */
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { FullPageSpin } from '../components/FullPageSpin';
import { useMe } from './session';

export function RequireAuth({ children, allowIncomplete = false }: { children: ReactNode; allowIncomplete?: boolean }) {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  if (isPending) return <FullPageSpin />;
  if (error) {
    return (
      <Result
        status="error"
        title={t('error.loadSession')}
        subTitle={errorMessage(error)}
        extra={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'} replace />;
  }
  if (!allowIncomplete) {
    if (me.user.mustChangePassword) return <Navigate to="/first-login/password" replace />;
    if (me.totpEnrollmentRequired) return <Navigate to="/first-login/totp" replace />;
  }
  return <>{children}</>;
}
