/** Incidents as they leave the server: children's names only for those who may see the class's children. */
import type { Actor } from '../../auth/actor.js';
import type { Db } from '../../db/client.js';
import type { Lang } from '../../i18n/lang.js';
import { incidentAbilities, incidentPolicy } from './incidents.policy.js';
import { addendaOf, childNames, type IncidentRow, unsafeClassRef, userName } from './incidents.repo.js';
import type {
  ADDENDUM_KINDS,
  IncidentDetail,
  IncidentKind,
  IncidentSeverity,
  IncidentSummary,
} from './incidents.schema.js';
import { refOf } from './incidents.service.js';

export function presentSummary(i: IncidentRow, className: string, unitName: string): IncidentSummary {
  return {
    id: i.id,
    classId: i.classId,
    className,
    orgId: i.orgId,
    unitName,
    kind: i.kind as IncidentKind,
    severity: i.severity as IncidentSeverity,
    status: i.status as 'open' | 'closed',
    occurredAt: i.occurredAt,
    description: i.description,
    childCount: i.childIds.length,
    guardianNotifiedAt: i.guardianNotifiedAt,
    reportedByName: i.reportedByName,
    createdAt: i.createdAt,
    closedAt: i.closedAt,
    version: i.version,
  };
}

const countOf = (v: unknown) => (Array.isArray(v) ? v.length : v);

export async function presentDetail(db: Db, actor: Actor, lang: Lang, i: IncidentRow): Promise<IncidentDetail> {
  const cls = await unsafeClassRef(db, actor, i.classId);
  const seeChildren = incidentPolicy.seeChildren(actor, cls.ref);
  const ids = i.childIds;
  const names = seeChildren ? await childNames(db, ids) : new Map<number, string>();
  const owner = cls.ref.units.find((u) => u.isOwner);
  const addenda = await addendaOf(db, i.id);
  return {
    ...presentSummary(i, cls.name, owner?.name ?? ''),
    childIds: seeChildren ? ids : null,
    children: seeChildren ? ids.map((id) => ({ id, name: names.get(id) ?? `#${id}` })) : null,
    peopleInvolved: i.peopleInvolved,
    actionsTaken: i.actionsTaken,
    guardianNotifiedBy: i.guardianNotifiedBy,
    followUp: i.followUp,
    closedByName: i.status === 'closed' ? await userName(db, i.closedBy) : null,
    addenda: addenda.map((a) => {
      let changes = a.changes;
      // Without sight of the children, a change of who was involved shows as counts.
      if (changes?.childIds && !seeChildren)
        changes = {
          ...changes,
          childIds: { before: countOf(changes.childIds.before), after: countOf(changes.childIds.after) },
        };
      return {
        id: a.id,
        kind: a.kind as (typeof ADDENDUM_KINDS)[number],
        changes,
        note: a.note,
        authorName: a.authorName,
        at: a.at,
      };
    }),
    abilities: incidentAbilities(actor, cls.ref, refOf(i), lang),
  };
}
