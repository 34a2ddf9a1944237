/** The addenda of an incident as a timeline: the report as filed first, then every note, change, close, reopen. */
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IncidentAddendum, IncidentDetail } from '../api';
import { fmtTime } from './IncidentTags';

const COLORS: Record<IncidentAddendum['kind'], string> = {
  report: 'red',
  note: 'gray',
  update: 'blue',
  guardian_notified: 'green',
  close: 'green',
  reopen: 'orange',
};

const FIELD_KEYS: Record<string, string> = {
  kind: 'incidents.kind',
  severity: 'incidents.severity',
  occurredAt: 'incidents.occurredAt',
  description: 'incidents.description',
  childIds: 'incidents.children',
  peopleInvolved: 'incidents.peopleInvolved',
  actionsTaken: 'incidents.actionsTaken',
  guardianNotifiedBy: 'incidents.guardianNotifiedBy',
  guardianNotifiedAt: 'incidents.guardianNotifiedAt',
  followUp: 'incidents.followUp',
  status: 'incidents.status',
};

export function IncidentTimeline({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const names = new Map((incident.children ?? []).map((c) => [c.id, c.name]));
  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('incidents.none');
    if (field === 'kind') return t(`incidents.kinds.${String(v)}`);
    if (field === 'severity') return t(`incidents.severities.${String(v)}`);
    if (field === 'status') return t(`incidents.statuses.${String(v)}`);
    if (field === 'occurredAt' || field === 'guardianNotifiedAt') return fmtTime(String(v));
    if (field === 'childIds') {
      if (typeof v === 'number') return t('incidents.childCount', { count: v });
      if (Array.isArray(v))
        return v.length ? v.map((id) => names.get(Number(id)) ?? `#${id}`).join('、') : t('incidents.none');
    }
    return String(v);
  };
  return (
    <Timeline
      data-testid="incident-history"
      items={incident.addenda.map((a) => ({
        color: COLORS[a.kind],
        children: (
          <div data-testid={`addendum-${a.kind}`}>
            <Typography.Text strong>{t(`incidents.addendumKinds.${a.kind}`)}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {a.authorName ?? '—'} · {fmtTime(a.at)}
            </Typography.Text>
            {a.kind !== 'report' &&
              a.changes &&
              Object.entries(a.changes).map(([field, c]) => (
                <div key={field} style={{ fontSize: 13 }}>
                  {t(FIELD_KEYS[field] ?? field)}
                  {t('incidents.colon')}
                  {c.before === null
                    ? t('incidents.set', { after: show(field, c.after) })
                    : t('incidents.changeFrom', { before: show(field, c.before), after: show(field, c.after) })}
                </div>
              ))}
            {a.kind === 'report' && a.changes?.description && (
              <div style={{ fontSize: 13, whiteSpace: 'pre-wrap' }}>{String(a.changes.description.after)}</div>
            )}
            {a.note && (
              <div style={{ fontSize: 13, whiteSpace: 'pre-wrap' }}>
                <Typography.Text type="secondary">
                  {t('incidents.note')}
                  {t('incidents.colon')}
                </Typography.Text>
                {a.note}
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
