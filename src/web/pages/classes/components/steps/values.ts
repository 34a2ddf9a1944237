/** Form values of the class step form and their conversion to and from the API's class fields. */
import dayjs, { type Dayjs } from 'dayjs';
import type { FieldError } from '../../../../app/api/fieldErrors';
import type { ActivitySlot, ClassDetail, ClassFieldsInput } from '../../../../app/api/types';
import type { ActivityKind, ClassMode, GradeKey, ManagementMode } from '../../../../app/careLabels';

export interface BasicsValues {
  campaignId?: number;
  orgId?: number;
  name: string;
  mode: ClassMode;
  management: ManagementMode;
  coUnitIds?: number[];
  dates?: [Dayjs, Dayjs] | null;
  hours?: [Dayjs, Dayjs] | null;
  closedDates?: Dayjs[];
  capacity?: number | null;
  gradesOffered?: GradeKey[];
  feeAmount?: number | null;
  feeNote?: string;
  publicDescription?: string;
}

export interface PlanRow {
  weekday: number;
  time?: [Dayjs, Dayjs] | null;
  kind: ActivityKind;
  title?: string;
}

const hm = (s: string) => dayjs(`2000-01-01T${s}`);

export function basicsFrom(c: ClassDetail): BasicsValues {
  return {
    campaignId: c.campaignId,
    orgId: c.orgId,
    name: c.name,
    mode: c.mode,
    management: c.management,
    coUnitIds: c.coUnits.map((u) => u.id),
    dates: c.startDate && c.endDate ? [dayjs(c.startDate), dayjs(c.endDate)] : null,
    hours: c.dailyStart && c.dailyEnd ? [hm(c.dailyStart), hm(c.dailyEnd)] : null,
    closedDates: c.closedDates.map((x) => dayjs(x)),
    capacity: c.capacity,
    gradesOffered: c.gradesOffered as GradeKey[],
    feeAmount: c.feeAmount,
    feeNote: c.feeNote ?? undefined,
    publicDescription: c.publicDescription ?? undefined,
  };
}

export function basicsPayload(v: BasicsValues): ClassFieldsInput {
  return {
    name: v.name.trim(),
    mode: v.mode,
    management: v.management,
    coUnitIds: v.mode === 'joint' ? (v.coUnitIds ?? []) : [],
    startDate: v.dates?.[0]?.format('YYYY-MM-DD') ?? null,
    endDate: v.dates?.[1]?.format('YYYY-MM-DD') ?? null,
    dailyStart: v.hours?.[0]?.format('HH:mm') ?? null,
    dailyEnd: v.hours?.[1]?.format('HH:mm') ?? null,
    closedDates: [...new Set((v.closedDates ?? []).map((x) => x.format('YYYY-MM-DD')))].sort(),
    capacity: v.capacity ?? null,
    gradesOffered: v.gradesOffered ?? [],
    feeAmount: v.feeAmount ?? 0,
    feeNote: v.feeNote?.trim() || null,
    publicDescription: v.publicDescription?.trim() || null,
  };
}

export function planFrom(plan: ActivitySlot[]): PlanRow[] {
  return plan.map((s) => ({ weekday: s.weekday, time: [hm(s.start), hm(s.end)], kind: s.kind, title: s.title }));
}

export function planPayload(rows: PlanRow[]): ActivitySlot[] {
  return rows
    .filter((r) => r.time?.[0] && r.time[1])
    .map((r) => ({
      weekday: r.weekday,
      start: (r.time as [Dayjs, Dayjs])[0].format('HH:mm'),
      end: (r.time as [Dayjs, Dayjs])[1].format('HH:mm'),
      kind: r.kind,
      ...(r.title?.trim() ? { title: r.title.trim() } : {}),
    }))
    .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
}

/** The server names API fields; some are one control in the form (a date range, a time range). */
const FIELD_OF: Record<string, string> = {
  startDate: 'dates',
  endDate: 'dates',
  dailyStart: 'hours',
  dailyEnd: 'hours',
};

export function toFormErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) => {
    const [head, ...rest] = e.name;
    if (typeof head === 'string' && FIELD_OF[head]) return { ...e, name: [FIELD_OF[head]] };
    if (head === 'activityPlan' && (rest[1] === 'start' || rest[1] === 'end'))
      return { ...e, name: ['activityPlan', rest[0] as number, 'time'] };
    return e;
  });
}
