/** Tags for an incident's severity and status, and the small formatting helpers the incident pages share. */
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type IncidentSeverity, SEVERITY_COLORS } from '../api';
import { formatChina } from '../../../app/chinaTime';

export const fmtTime = (iso: string | null | undefined) => (iso ? formatChina(iso, 'YYYY-MM-DD HH:mm') : '—');

export function SeverityTag({ severity }: { severity: IncidentSeverity }) {
  const { t } = useTranslation();
  return (
    <Tag color={SEVERITY_COLORS[severity]} data-testid="incident-severity">
      {t(`incidents.severities.${severity}`)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: 'open' | 'closed' }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'open' ? 'processing' : 'success'} data-testid="incident-status">
      {t(`incidents.statuses.${status}`)}
    </Tag>
  );
}

/** Open serious and critical incidents stand out in lists. */
export const graveOpenStyle = (i: { status: string; severity: IncidentSeverity }): React.CSSProperties | undefined =>
  i.status === 'open' && i.severity !== 'minor'
    ? { background: i.severity === 'critical' ? '#fff1f0' : '#fff7e6' }
    : undefined;

/** A description cut to one line in lists (the whole text in a tooltip). */
export function Gist({ text }: { text: string }) {
  return (
    <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 240, display: 'inline-block' }}>
      {text}
    </Typography.Text>
  );
}
