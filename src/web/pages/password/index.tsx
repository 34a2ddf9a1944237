/** 修改密码 (from the account menu). */
import { PageContainer } from '@ant-design/pro-components';
import { App, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNarrow } from '../../app/components/useNarrow';
import { ChangePasswordForm } from './components/ChangePasswordForm';

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const { message } = App.useApp();
  return (
    <PageContainer title={t('menu.password')} subTitle={narrow ? undefined : t('password.subtitle')}>
      <Card>
        <ChangePasswordForm onDone={() => void message.success(t('password.changed'))} />
      </Card>
    </PageContainer>
  );
}
