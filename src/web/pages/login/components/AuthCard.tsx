/** The centred card used by the pages shown outside the console (login, first-login steps). */
import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../../app/components/LanguageSwitch';

export function AuthCard({ title, children, extra }: { title: ReactNode; children: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        minHeight: '100vh',
        boxSizing: 'border-box',
        paddingBottom: 48,
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        background: 'linear-gradient(180deg, #fff2e8 0%, #f5f5f5 60%)',
        paddingInline: 12,
      }}
    >
      <div style={{ alignSelf: 'stretch', display: 'flex', justifyContent: 'flex-end', padding: 12, gap: 8 }}>
        {extra}
        <LanguageSwitch />
      </div>
      <div style={{ textAlign: 'center', margin: '4vh 0 24px' }}>
        <div style={{ fontSize: 40, color: '#d4380d', lineHeight: 1 }}>❤</div>
        <Typography.Title level={2} style={{ margin: '8px 0 4px' }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
      </div>
      <Card title={title} style={{ width: '100%', maxWidth: 420 }}>
        {children}
      </Card>
    </div>
  );
}
