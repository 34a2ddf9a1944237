/**
 * 日常管理台账 (P-R6): writing a class's daily records and reading a day's records with what is still missing.
 * Records are append-only: a correction is a new record that names the one it supersedes and why; the original
 * stays visible, marked superseded. Each write is one transaction with its audit event.
 */
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { addDays, type IsoDate, todayInChina } from '../../../domain/calendar/dates.js';
import type { DailyRecordKind } from '../../../domain/campaign/schema.js';
import {
  dayStatus,
  isoWeekStart,
  kindApplies,
  RECORD_KINDS,
  recordedDaysByKind,
  requiredKinds,
  sampleKeepUntil,
} from '../../../domain/daily/index.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { dailyRecords } from '../../db/schema.js';
import { AppError, conflict, invalid } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { type DailyClass, catererName, checkEntryDay, dayOrToday } from './daily.context.js';
import { checkPhotos, dailyFileUrl } from './daily.files.js';
import { dailyAbilities, dailyPolicy } from './daily.policy.js';
import type { CreateRecordInput, DayRecordsDto, MissingTodayDto, RecordDto, SummaryDto } from './daily.schema.js';

export type DailyRecordRow = typeof dailyRecords.$inferSelect;

const COMMON_KEYS = new Set(['kind', 'day', 'time', 'photoFileIds', 'supersedesId', 'reason']);
const MAX_SUMMARY_DAYS = 120;

const servesMeals = (c: DailyClass) => c.row.meals !== 'none';

export function presentRecord(r: DailyRecordRow, supersededById: number | null = null): RecordDto {
  const photos = r.photoFileIds.map((id) => ({ id, url: dailyFileUrl(r.classId, id) }));
  return {
    ...r.data,
    kind: r.kind,
    id: r.id,
    classId: r.classId,
    day: r.day,
    time: r.time,
    photos,
    supersedesId: r.supersedesId,
    reason: r.reason,
    supersededById,
    recordedBy: r.recordedBy,
    recordedByName: r.recordedByName,
    recordedAt: r.recordedAt,
  } as RecordDto;
}

/** Presents a list of records, marking each one a later record superseded. */
export function presentRecords(rows: DailyRecordRow[]): RecordDto[] {
  const by = new Map<number, number>();
  for (const r of rows) if (r.supersedesId !== null) by.set(r.supersedesId, r.id);
  return rows.map((r) => presentRecord(r, by.get(r.id) ?? null));
}

/** The cross-field rules zod does not say, each naming its field. */
function checkFields(c: DailyClass, input: CreateRecordInput, caterer: string | null): void {
  switch (input.kind) {
    case 'patrol':
      if (input.issuesFound && !input.actions)
        throw invalid('body.actions: 发现问题时须填写处理措施', 'body.actions: required when issues were found');
      break;
    case 'meal':
      if (input.sampleKept && !input.sampleAt)
        throw invalid('body.sampleAt: 已留样时须填写留样时间', 'body.sampleAt: required when a sample was kept');
      if (input.supplier === 'caterer' && !caterer)
        throw invalid(
          'body.supplier: 本班没有签约的配餐企业，请选择自行配餐',
          'body.supplier: the class has no contracted caterer',
        );
      break;
    case 'epidemic':
      if (input.abnormalCount > input.temperatureChecks)
        throw invalid(
          'body.abnormalCount: 体温异常人数不能多于测温人数',
          'body.abnormalCount: cannot exceed the number of temperature checks',
        );
      break;
    default:
      break;
  }
  if (!kindApplies(input.kind, c.settings, { servesMeals: servesMeals(c) })) {
    if (input.kind === 'epidemic')
      throw conflict(
        '本项目当前未启用防疫措施，不需要也不能登记防疫记录',
        'Epidemic measures are not on for this campaign',
      );
    throw conflict('本班不供餐，不能登记供餐记录', 'This class does not serve meals');
  }
}

/** The kind's own fields, as stored (undefined left out), plus what the server computes. */
function dataOf(day: IsoDate, input: CreateRecordInput, caterer: string | null): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (!COMMON_KEYS.has(k) && v !== undefined) data[k] = v;
  if (input.kind === 'meal') {
    if (input.supplier === 'caterer' && caterer) data.supplierName = caterer;
    if (input.sampleKept && input.sampleAt) data.sampleKeepUntil = sampleKeepUntil(day, input.sampleAt).toISOString();
    else delete data.sampleAt;
  }
  return data;
}

export async function createRecord(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  c: DailyClass,
  input: CreateRecordInput,
): Promise<RecordDto> {
  authorize(dailyPolicy.write(actor, c.ref), true);
  const caterer = await catererName(db, c.row);
  checkFields(c, input, caterer);
  const photoIds = [...new Set(input.photoFileIds ?? [])];
  await checkPhotos(db, c.row.id, photoIds, 'body.photoFileIds');
  if (input.supersedesId === undefined) checkEntryDay(c, dayOrToday(input.day, ctx.now), ctx.now);
  else if (!input.reason || input.reason.length < 2)
    throw invalid('body.reason: 更正记录须填写原因（至少 2 个字）', 'body.reason: a correction needs a reason');

  return db.transaction(async (tx) => {
    let day = dayOrToday(input.day, ctx.now);
    let original: DailyRecordRow | undefined;
    if (input.supersedesId !== undefined) {
      [original] = await tx
        .select()
        .from(dailyRecords)
        .where(and(eq(dailyRecords.id, input.supersedesId), eq(dailyRecords.classId, c.row.id)))
        .for('update');
      if (!original)
        throw invalid('body.supersedesId: 本班没有这条记录', 'body.supersedesId: no such record in this class');
      if (original.kind !== input.kind)
        throw invalid('body.kind: 更正记录须与原记录类型相同', 'body.kind: must be the kind of the record it corrects');
      if (input.day !== undefined && input.day !== original.day)
        throw invalid('body.day: 更正记录须与原记录同一天', 'body.day: must be the day of the record it corrects');
      day = original.day;
      checkEntryDay(c, day, ctx.now);
      const [later] = await tx
        .select({ id: dailyRecords.id })
        .from(dailyRecords)
        .where(eq(dailyRecords.supersedesId, original.id));
      if (later)
        throw conflict(
          `该记录已被记录 ${later.id} 更正，请更正最新的记录`,
          `Record ${later.id} already corrects this record; correct the latest one`,
        );
    }
    const [row] = await tx
      .insert(dailyRecords)
      .values({
        classId: c.row.id,
        day,
        kind: input.kind,
        time: input.time,
        data: dataOf(day, input, caterer),
        photoFileIds: photoIds,
        supersedesId: original?.id ?? null,
        reason: original ? (input.reason ?? null) : null,
        recordedBy: actor.userId,
        recordedByName: actor.displayName,
        recordedAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: original ? 'daily_record.correct' : 'daily_record.create',
      entity: 'daily_record',
      entityId: row.id,
      orgPath: c.ownerPath,
      before: original ? { id: original.id, kind: original.kind, time: original.time, data: original.data } : null,
      after: { classId: row.classId, day: row.day, kind: row.kind, time: row.time, data: row.data, reason: row.reason },
    });
    return presentRecord(row);
  });
}

async function recordsBetween(db: Db, classId: number, from: IsoDate, to: IsoDate): Promise<DailyRecordRow[]> {
  return db
    .select()
    .from(dailyRecords)
    .where(and(eq(dailyRecords.classId, classId), gte(dailyRecords.day, from), lte(dailyRecords.day, to)))
    .orderBy(asc(dailyRecords.day), asc(dailyRecords.time), asc(dailyRecords.id));
}

const requirementsOf = (c: DailyClass) => requiredKinds(c.settings, { servesMeals: servesMeals(c) });

export async function dayRecords(db: Db, actor: Actor, c: DailyClass, day: IsoDate): Promise<DayRecordsDto> {
  const week = await recordsBetween(db, c.row.id, isoWeekStart(day), day);
  const requirements = requirementsOf(c);
  const status = dayStatus(day, c.isClassDay(day), requirements, recordedDaysByKind(week));
  return {
    day,
    classDay: status.classDay,
    required: requirements,
    missing: status.missing,
    records: presentRecords(week.filter((r) => r.day === day)),
    settings: {
      epidemicMeasures: c.settings.epidemicMeasures,
      meals: c.row.meals,
      catererName: await catererName(db, c.row),
      writableKinds: RECORD_KINDS.filter((k) => kindApplies(k, c.settings, { servesMeals: servesMeals(c) })),
    },
    abilities: dailyAbilities(actor, c.ref),
  };
}

/** Today's missing records of a class, for the class page (and other modules' overviews). */
export async function missingToday(db: Db, c: DailyClass, now: Date): Promise<MissingTodayDto> {
  const day = todayInChina(now);
  const week = await recordsBetween(db, c.row.id, isoWeekStart(day), day);
  const s = dayStatus(day, c.isClassDay(day), requirementsOf(c), recordedDaysByKind(week));
  return { day, classDay: s.classDay, required: s.required, missing: s.missing };
}

/** The compliance overview: per day of the range, which required records were made and which are missing. */
export async function recordsSummary(
  db: Db,
  c: DailyClass,
  q: { from?: string | undefined; to?: string | undefined },
  now: Date,
): Promise<SummaryDto> {
  const today = todayInChina(now);
  const to = q.to ?? (c.row.endDate && c.row.endDate < today ? c.row.endDate : today);
  const from = q.from ?? (c.row.startDate && c.row.startDate <= to ? c.row.startDate : addDays(to, -13));
  if (from > to) throw invalid('query.to: 不能早于开始日期', 'query.to: must not be before from');
  if (addDays(from, MAX_SUMMARY_DAYS) < to)
    throw invalid(
      `query.to: 一次最多查询 ${MAX_SUMMARY_DAYS} 天`,
      `query.to: at most ${MAX_SUMMARY_DAYS} days at once`,
    );
  const rows = await recordsBetween(db, c.row.id, isoWeekStart(from), to);
  const recorded = recordedDaysByKind(rows);
  const requirements = requirementsOf(c);
  const days: SummaryDto['days'] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const s = dayStatus(d, c.isClassDay(d), requirements, recorded);
    // A day still to come owes nothing yet.
    days.push(d > today ? { ...s, done: [], missing: [] } : s);
  }
  const classDays = days.filter((d) => d.classDay && d.day <= today);
  return {
    from,
    to,
    days,
    totals: {
      classDays: classDays.length,
      completeDays: classDays.filter((d) => d.missing.length === 0).length,
      missing: classDays.reduce((n, d) => n + d.missing.length, 0),
    },
  };
}

export type { DailyRecordKind };
