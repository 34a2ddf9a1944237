/** 双因素认证: enrol an authenticator app, or turn it off again (unless the city requires it for admins). */
import { CheckCircleTwoTone } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { App, Card, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNarrow } from '../../app/components/useNarrow';
import { ME_KEY, useCurrentUser } from '../../app/auth/session';
import { disableTotp } from './api';
import { CodeForm } from './components/CodeForm';
import { TotpEnroll } from './components/TotpEnroll';

export default function TotpPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const refresh = () => qc.invalidateQueries({ queryKey: ME_KEY });
  return (
    <PageContainer title={t('menu.totp')} subTitle={narrow ? undefined : t('totp.subtitle')}>
      <Card>
        {me.user.totpEnabled ? (
          <>
            <Result
              icon={<CheckCircleTwoTone twoToneColor="#52c41a" />}
              title={t('totp.enabledTitle')}
              subTitle={t('totp.enabledHint')}
              style={{ padding: '16px 0' }}
            />
            <Typography.Title level={5}>{t('totp.disableTitle')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('totp.disableHint')}</Typography.Paragraph>
            <CodeForm
              danger
              submitLabel={t('totp.disable')}
              onSubmit={async (code) => {
                await disableTotp(code);
                await refresh();
                void message.success(t('totp.disabled'));
              }}
            />
          </>
        ) : (
          <TotpEnroll
            onEnabled={async () => {
              await refresh();
              void message.success(t('totp.enabled'));
            }}
          />
        )}
      </Card>
    </PageContainer>
  );
}
