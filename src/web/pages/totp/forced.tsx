/** Shown when the city requires two-factor sign-in for administrators and this administrator has not enrolled. */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { ME_KEY, signOut, useCurrentUser } from '../../app/auth/session';
import { AuthCard } from '../login/components/AuthCard';
import { TotpEnroll } from './components/TotpEnroll';

export default function ForcedTotpPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const navigate = useNavigate();
  if (me.user.mustChangePassword) return <Navigate to="/first-login/password" replace />;
  if (!me.totpEnrollmentRequired) return <Navigate to="/" replace />;
  return (
    <AuthCard
      title={t('totp.forcedTitle')}
      extra={
        <Button
          size="small"
          type="text"
          onClick={async () => {
            await signOut(qc);
            navigate('/login', { replace: true });
          }}
        >
          {t('auth.logout')}
        </Button>
      }
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('totp.forcedHint')} />
      <TotpEnroll
        onEnabled={async () => {
          await qc.invalidateQueries({ queryKey: ME_KEY });
          navigate('/', { replace: true });
        }}
      />
    </AuthCard>
  );
}
