/**
 * The demo's money (经费, issue 16), deterministic: a budget on each of the campaign's first classes that are
 * approved or later, and for those already running or closed a ledger — the unit's and the unions' income, staff,
 * meals and materials paid, parents' fees from their paid enrolments, one mistyped expense reversed with its reason —
 * and one refused attempt by the class's staff member to pay the children's insurance from union money (kept in the
 * audit log as `ledger.refuse`, as the API does).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { addDays, todayInChina } from '../../domain/calendar/dates.js';
import { refuseEntry } from '../../domain/funding/index.js';
import type { RequestContext } from '../context.js';
import type { Db } from '../db/client.js';
import {
  budgetLines,
  campaigns,
  careClasses,
  classUnits,
  enrolments,
  ledgerEntries,
  organizations,
} from '../db/schema.js';
import { recordEvent } from '../events/audit.js';

const CLASSES = 6;
type Line = { source: string; purpose: string; amountFen: number; note: string | null };

export async function loadDemoFunding(
  tx: Db,
  ctx: RequestContext,
  o: { campaignName: string; cityId: number; staff: { id: number; username: string; name: string } },
): Promise<{ rows: number }> {
  const [camp] = await tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, o.cityId), eq(campaigns.name, o.campaignName)));
  if (!camp) throw new Error('demo funding: no campaign');
  const classes = await tx
    .select({ c: careClasses, path: organizations.path })
    .from(careClasses)
    .innerJoin(classUnits, and(eq(classUnits.classId, careClasses.id), eq(classUnits.isOwner, true)))
    .innerJoin(organizations, eq(organizations.id, classUnits.orgId))
    .where(
      and(eq(careClasses.campaignId, camp.id), inArray(careClasses.status, ['approved', 'open', 'running', 'closed'])),
    )
    .orderBy(asc(careClasses.id))
    .limit(CLASSES);
  const today = todayInChina(ctx.now);
  let rows = 0;
  for (const [i, { c, path }] of classes.entries()) {
    const budget: Line[] = [
      { source: 'unit', purpose: 'staff', amountFen: 800000 + i * 50000, note: '托管老师劳务' },
      { source: 'unit', purpose: 'venue', amountFen: 150000, note: '场地水电' },
      { source: 'grassrootsUnion', purpose: 'materials', amountFen: 300000, note: '图书文具、活动材料' },
      { source: 'cityUnion', purpose: 'meals', amountFen: 400000, note: '午餐补贴' },
      ...(c.feeAmount > 0
        ? [{ source: 'parents', purpose: 'meals', amountFen: c.feeAmount * 100 * (c.capacity ?? 30), note: '家长分担' }]
        : []),
    ];
    await tx.insert(budgetLines).values(budget.map((l) => ({ ...l, classId: c.id, version: 1, createdAt: ctx.now })));
    await recordEvent(tx, ctx, {
      action: 'budget.set',
      entity: 'budget',
      entityId: c.id,
      orgPath: path,
      after: { classId: c.id, version: 1, lines: budget },
    });
    rows += budget.length;
    if (c.status !== 'running' && c.status !== 'closed') continue;
    const start = c.startDate && c.startDate <= today ? c.startDate : today;
    const day = (n: number) => {
      const d = addDays(start, n);
      // ISO dates compare as text: nothing is dated after the demo's today.
      if (d > today) return today;
      return d;
    };
    const entries = [
      {
        kind: 'income',
        source: 'unit',
        purpose: 'staff',
        amountFen: 800000 + i * 50000,
        date: day(-10),
        counterparty: '单位财务',
        note: '单位行政拨款',
      },
      {
        kind: 'income',
        source: 'grassrootsUnion',
        purpose: 'materials',
        amountFen: 300000,
        date: day(-10),
        counterparty: '单位工会',
        note: '基层工会经费',
      },
      {
        kind: 'income',
        source: 'cityUnion',
        purpose: 'meals',
        amountFen: 400000,
        date: day(-5),
        counterparty: '市总工会',
        note: '市级工会补贴',
      },
      {
        kind: 'expense',
        source: 'grassrootsUnion',
        purpose: 'materials',
        amountFen: 126850,
        date: day(-3),
        counterparty: '新华书店',
        note: '图书、文具',
      },
      {
        kind: 'expense',
        source: 'unit',
        purpose: 'staff',
        amountFen: 360000,
        date: day(7),
        counterparty: '托管老师',
        note: '第一周劳务',
      },
      {
        kind: 'expense',
        source: 'cityUnion',
        purpose: 'meals',
        amountFen: 187520,
        date: day(7),
        counterparty: '配餐公司',
        note: '第一周午餐',
      },
    ];
    for (const e of entries) {
      const [row] = await tx
        .insert(ledgerEntries)
        .values({ ...e, classId: c.id, createdBy: o.staff.id, createdAt: ctx.now })
        .returning();
      if (!row) continue;
      rows++;
      await recordEvent(tx, ctx, {
        action: 'ledger.add',
        entity: 'ledger',
        entityId: row.id,
        orgPath: path,
        after: { ...e, classId: c.id },
      });
      // The first class's materials bill was typed as 1268.50 instead of 1286.50: reversed and entered again.
      if (i === 0 && e.purpose === 'materials' && e.kind === 'expense') {
        const [rev] = await tx
          .insert(ledgerEntries)
          .values({
            ...e,
            classId: c.id,
            reversesEntryId: row.id,
            reason: '金额录入错误（应为 1286.50 元）',
            date: day(-2),
            createdBy: o.staff.id,
            createdAt: ctx.now,
          })
          .returning();
        const fixed = { ...e, amountFen: 128650, date: day(-2), note: '图书、文具（更正）' };
        await tx.insert(ledgerEntries).values({ ...fixed, classId: c.id, createdBy: o.staff.id, createdAt: ctx.now });
        rows += 2;
        await recordEvent(tx, ctx, {
          action: 'ledger.reverse',
          entity: 'ledger',
          entityId: rev?.id ?? null,
          orgPath: path,
          after: { classId: c.id, reversesEntryId: row.id },
        });
      }
    }
    // Parents' fees, as the fee flow writes them (one entry per paid enrolment).
    if (c.feeAmount > 0) {
      const paid = await tx
        .select({ id: enrolments.id })
        .from(enrolments)
        .where(and(eq(enrolments.classId, c.id), eq(enrolments.feeStatus, 'paid')))
        .orderBy(asc(enrolments.id));
      if (paid.length > 0) {
        await tx.insert(ledgerEntries).values(
          paid.map((p) => ({
            classId: c.id,
            kind: 'income',
            source: 'parents',
            purpose: 'other',
            amountFen: c.feeAmount * 100,
            date: day(-7),
            counterparty: '家长',
            note: '报名缴费',
            feeEnrolmentId: p.id,
            createdAt: ctx.now,
          })),
        );
        rows += paid.length;
        await recordEvent(tx, ctx, {
          action: 'ledger.fee',
          entity: 'ledger',
          entityId: null,
          orgPath: path,
          after: { classId: c.id, entries: paid.length, amountFen: paid.length * c.feeAmount * 100 },
        });
      }
    }
    if (i === 0) {
      // The staff member tries to buy the children's accident insurance with the grassroots union's money: refused.
      const attempt = { kind: 'expense' as const, source: 'grassrootsUnion' as const, purpose: 'insurance' as const };
      const refusal = refuseEntry(camp.params, attempt);
      const staffCtx: RequestContext = {
        ...ctx,
        actor: {
          userId: o.staff.id,
          username: o.staff.username,
          displayName: o.staff.name,
          grants: [],
          sessionId: 'demo',
          totpEnabled: false,
          mustChangePassword: false,
        },
      };
      await recordEvent(tx, staffCtx, {
        action: 'ledger.refuse',
        entity: 'ledger',
        entityId: c.id,
        orgPath: path,
        after: { classId: c.id, ...attempt, amountFen: 3000, date: day(1), reason: refusal?.text.zh ?? null },
      });
    }
  }
  return { rows };
}
