/** 首次登录修改密码: shown instead of the console until the initial or reset password is replaced. */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { ME_KEY, signOut, useCurrentUser } from '../../app/auth/session';
import { AuthCard } from '../login/components/AuthCard';
import { ChangePasswordForm } from './components/ChangePasswordForm';

export default function ForcedPasswordPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const navigate = useNavigate();
  if (!me.user.mustChangePassword) return <Navigate to="/" replace />;
  return (
    <AuthCard
      title={t('password.forcedTitle')}
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
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message={t('password.forcedHint', { name: me.user.displayName })}
      />
      <ChangePasswordForm
        currentLabel={t('password.currentInitial')}
        onDone={async () => {
          await qc.invalidateQueries({ queryKey: ME_KEY });
          navigate('/', { replace: true });
        }}
      />
    </AuthCard>
  );
}
