/** Before and after of one audit row, side by side (personal data arrives already masked by the server). */
import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../api';

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined)
    return <Typography.Text type="secondary">{t('audit.none')}</Typography.Text>;
  return (
    <pre
      style={{
        margin: 0,
        padding: 8,
        background: '#fafafa',
        border: '1px solid #f0f0f0',
        borderRadius: 4,
        fontSize: 12,
        maxHeight: 320,
        overflow: 'auto',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
      }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

export function ChangeView({ row }: { row: AuditRow }) {
  const { t } = useTranslation();
  return (
    <div data-testid="audit-change">
      <Row gutter={[16, 8]}>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <Json value={row.before} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <Json value={row.after} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        {t('audit.requestId')}: {row.requestId ?? '—'} · IP: {row.ip ?? '—'} · {t('audit.hash')}:{' '}
        <span style={{ fontFamily: 'monospace' }}>{row.hash ? `${row.hash.slice(0, 16)}…` : '…'}</span>
      </Typography.Paragraph>
    </div>
  );
}
