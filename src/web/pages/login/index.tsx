/**
 * 登录: username or mobile number + password; a second step asks for the 6-digit authenticator code when the
 * account has two-factor sign-in (TOTP_REQUIRED). Errors are the API's own messages; a 429 counts down.
 */
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../app/api/client';
import { signedIn, useMe } from '../../app/auth/session';
import { FullPageSpin } from '../../app/components/FullPageSpin';
import { entryAfterLogin } from '../home/entry';
import { type LoginInput, login } from './api';
import { AuthCard } from './components/AuthCard';
import { useCountdown } from './components/useCountdown';

/** Only same-site paths are followed after login (no open redirect). */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { data: me, isPending } = useMe();
  const [form] = Form.useForm<LoginInput>();
  const [needTotp, setNeedTotp] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const wait = useCountdown(blockedUntil);

  if (isPending) return <FullPageSpin />;
  if (me) {
    const entry = entryAfterLogin(me, params.get('next'));
    if (entry.external) {
      window.location.replace(entry.href);
      return <FullPageSpin />;
    }
    return <Navigate to={safeNext(entry.href)} replace />;
  }

  const onFinish = async (values: LoginInput) => {
    setSubmitting(true);
    setError(null);
    try {
      const result = await login({ ...values, totp: needTotp ? values.totp : undefined });
      // Parents go to the phone app (/m/), a full page load; everyone else to what they asked for or the console.
      const entry = entryAfterLogin(result, params.get('next'));
      if (entry.external) {
        window.location.replace(entry.href);
        return;
      }
      signedIn(qc, result);
      navigate(safeNext(entry.href), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'TOTP_REQUIRED') {
        setNeedTotp(true);
        setError(null);
      } else {
        if (e instanceof ApiError && e.status === 429) {
          setBlockedUntil(Date.now() + (e.retryAfter ?? 60) * 1000);
        }
        if (e instanceof ApiError && e.code === 'TOTP_INVALID') form.setFieldValue('totp', '');
        setError(errorMessage(e));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthCard title={needTotp ? t('login.totpTitle') : t('login.title')}>
      <Form form={form} layout="vertical" size="large" onFinish={onFinish} requiredMark={false} autoComplete="on">
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={error}
            description={wait > 0 ? t('login.waitSeconds', { seconds: wait }) : undefined}
            data-testid="login-error"
          />
        )}
        <div style={{ display: needTotp ? 'none' : undefined }}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              placeholder={t('login.usernamePlaceholder')}
              autoComplete="username"
              autoFocus
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              placeholder={t('login.passwordPlaceholder')}
              autoComplete="current-password"
            />
          </Form.Item>
        </div>
        {needTotp && (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('login.totpHint')} />
            <Form.Item
              name="totp"
              label={t('login.totpCode')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('totp.codeInvalid') }]}
            >
              <Input
                prefix={<SafetyOutlined />}
                inputMode="numeric"
                maxLength={6}
                autoComplete="one-time-code"
                placeholder="000000"
                autoFocus
              />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" block loading={submitting} disabled={wait > 0}>
          {wait > 0 ? t('login.retryIn', { seconds: wait }) : t('login.submit')}
        </Button>
        {needTotp && (
          <Button
            type="link"
            block
            style={{ marginTop: 8 }}
            onClick={() => {
              setNeedTotp(false);
              setError(null);
              form.setFieldValue('totp', '');
            }}
          >
            {t('login.back')}
          </Button>
        )}
      </Form>
    </AuthCard>
  );
}
