/** Enrolment: generate a secret, show it as a QR code and as text, confirm with a first code. */
import { Alert, Button, Col, QRCode, Row, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import type { TotpSetup } from '../../../app/api/types';
import { enableTotp, startTotpSetup } from '../api';
import { CodeForm } from './CodeForm';

/** Groups of four make a secret easier to type by hand. */
const grouped = (s: string) => s.replace(/(.{4})/g, '$1 ').trim();

export function TotpEnroll({ onEnabled }: { onEnabled: () => void | Promise<void> }) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      setSetup(await startTotpSetup());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setStarting(false);
    }
  };

  if (!setup) {
    return (
      <div>
        <Typography.Paragraph>{t('totp.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" onClick={start} loading={starting}>
          {t('totp.start')}
        </Button>
      </div>
    );
  }
  return (
    <div>
      <Steps
        direction="vertical"
        size="small"
        current={1}
        items={[{ title: t('totp.step1') }, { title: t('totp.step2') }, { title: t('totp.step3') }]}
        style={{ marginBottom: 16 }}
      />
      <Row gutter={[24, 16]} align="middle">
        <Col flex="none">
          <QRCode value={setup.uri} size={180} bordered />
        </Col>
        <Col flex="auto" style={{ minWidth: 220 }}>
          <Typography.Text type="secondary">{t('totp.secretLabel')}</Typography.Text>
          <Typography.Paragraph
            copyable={{ text: setup.secret }}
            code
            style={{ fontSize: 16, wordBreak: 'break-all' }}
            data-testid="totp-secret"
          >
            {grouped(setup.secret)}
          </Typography.Paragraph>
          <CodeForm
            submitLabel={t('totp.enable')}
            onSubmit={async (code) => {
              await enableTotp(code);
              await onEnabled();
            }}
          />
        </Col>
      </Row>
    </div>
  );
}
