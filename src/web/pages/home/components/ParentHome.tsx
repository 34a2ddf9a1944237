/** A parent who signs in to the console: their work is in the phone app (/m/), one tap away. */
import { MobileOutlined } from '@ant-design/icons';
import { Button, Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';

export function ParentHome() {
  const { t } = useTranslation();
  return (
    <Card data-testid="parent-home">
      <Result
        icon={<MobileOutlined />}
        title={t('roleHome.parentTitle')}
        subTitle={t('roleHome.parentText')}
        extra={
          <Button type="primary" size="large" href="/m/">
            {t('roleHome.parentOpen')}
          </Button>
        }
      />
    </Card>
  );
}
