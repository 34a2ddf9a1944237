/**
 * Who hears of an incident at once: serious and critical ones reach the owning unit's administrators, the district
 * (or industry union) above it and the city, with their organisations' group-robot channels; minor ones only the
 * unit's administrators. Children's names never go into an alert (they travel to group chats); the link does.
 */
import type { Db } from '../../db/client.js';
import { notify, type Severity } from '../notifications/notify.js';
import { ancestorsOf } from './incidents.repo.js';
import type { IncidentKind, IncidentSeverity } from './incidents.schema.js';

export const KIND_ZH: Record<IncidentKind, string> = {
  injury: '受伤',
  illness: '疾病',
  lost_child: '儿童走失',
  fire: '火情',
  food: '食品安全',
  conflict: '冲突',
  other: '其他',
};
export const SEVERITY_ZH: Record<IncidentSeverity, string> = { minor: '一般', serious: '较重', critical: '严重' };
const NOTIFY_SEVERITY: Record<IncidentSeverity, Severity> = { minor: 'info', serious: 'warning', critical: 'critical' };

export interface AlertFacts {
  id: number;
  kind: IncidentKind;
  severity: IncidentSeverity;
  description: string;
  occurredAt: Date;
  className: string;
  unitName: string;
  unitId: number;
  unitPath: string;
  /** Set when the alert is for a raised severity rather than a new report. */
  escalatedFrom?: IncidentSeverity;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);
const chinaTime = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);

export async function alertIncident(tx: Db, now: Date, f: AlertFacts) {
  const grave = f.severity !== 'minor';
  const orgs: { orgId: number; roles: ('unit_admin' | 'district_admin' | 'city_admin')[] }[] = [
    { orgId: f.unitId, roles: ['unit_admin'] },
  ];
  if (grave) {
    const { districtId, cityId } = await ancestorsOf(tx, f.unitPath);
    if (districtId) orgs.push({ orgId: districtId, roles: ['district_admin'] });
    if (cityId) orgs.push({ orgId: cityId, roles: ['city_admin'] });
  }
  const what = f.escalatedFrom
    ? `事件升级为${SEVERITY_ZH[f.severity]}（原${SEVERITY_ZH[f.escalatedFrom]}）`
    : `${SEVERITY_ZH[f.severity]}事件`;
  return notify(
    tx,
    now,
    { orgs },
    {
      kind: `incident.${f.severity}`,
      severity: NOTIFY_SEVERITY[f.severity],
      title: `【${what}】${KIND_ZH[f.kind]} · ${f.className}`,
      body: `${f.unitName}「${f.className}」${chinaTime(f.occurredAt)}：${clip(f.description, 120)}`,
      link: `/incidents/${f.id}`,
      data: { incidentId: f.id, kind: f.kind, severity: f.severity },
    },
    `incident:${f.id}`,
  );
}
