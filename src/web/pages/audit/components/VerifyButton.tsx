/** 校验哈希链: asks the server to walk the chain and shows the verdict (and the first broken row, if any). */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import { verifyAudit } from '../api';

export function VerifyButton() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [loading, setLoading] = useState(false);
  return (
    <Button
      icon={<SafetyCertificateOutlined />}
      loading={loading}
      data-testid="audit-verify"
      onClick={async () => {
        setLoading(true);
        try {
          const r = await verifyAudit();
          if (r.ok) modal.success({ title: t('audit.verifyOk'), content: t('audit.verifyOkText', { rows: r.rows }) });
          else
            modal.error({
              title: t('audit.verifyBroken'),
              content: t('audit.verifyBrokenText', { id: r.brokenId ?? '?', reason: r.reason ?? '', rows: r.rows }),
            });
        } catch (e) {
          modal.error({ title: t('audit.verifyFailed'), content: errorMessage(e) });
        } finally {
          setLoading(false);
        }
      }}
    >
      {t('audit.verify')}
    </Button>
  );
}
