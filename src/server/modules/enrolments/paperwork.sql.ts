/**
 * "Paperwork complete for this place on this day" as the database sees it: the loader of the records the domain's
 * `paperworkGaps` (src/domain/enrolment/paperwork.ts) judges, and the same condition in SQL (`paperworkCompleteSql`)
 * for the door's fast path, whose one read must decide without a second round trip. test/api/paperwork.property.test.ts
 * checks on random records that the SQL and the TypeScript agree. The agreement texts are the class's unit's (the
 * texts `classReadiness` reads); days are civil days in China (UTC+8, no daylight saving).
 */
import { type SQL, eq, inArray, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { todayInChina } from '../../../domain/calendar/dates.js';
import type { PaperworkRecord } from '../../../domain/enrolment/paperwork.js';
import type { Db } from '../../db/client.js';
import { agreementSignatures, agreementTexts, careClasses, enrolments, insuranceProofs } from '../../db/schema.js';

/** The China civil day ("YYYY-MM-DD") of a timestamptz expression, as `todayInChina` computes it. */
const chinaDay = (ts: string) => `to_char((${ts} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

/**
 * The SQL form of `paperworkComplete`, over expressions of the calling query: the enrolment (the place), the
 * organisation whose agreement texts apply (the class's unit), the day (text "YYYY-MM-DD"). Dates compare as text
 * in the "C" collation, as JavaScript compares them.
 */
export function paperworkCompleteSql(p: { enrolmentId: SQL; agreementOrgId: SQL; day: SQL }): SQL {
  const day = sql`(${p.day})::text COLLATE "C"`;
  const published = sql.raw(chinaDay('pt.published_at'));
  return sql`(EXISTS (SELECT 1 FROM ${agreementSignatures} ps
      WHERE ps.enrolment_id = ${p.enrolmentId}
        AND ${sql.raw(chinaDay('ps.signed_at'))} <= ${day}
        AND ps.agreement_text_id = (SELECT pt.id FROM ${agreementTexts} pt WHERE pt.org_id = ${p.agreementOrgId}
              ORDER BY (${published} <= ${day}) DESC,
                       CASE WHEN ${published} <= ${day} THEN pt.version ELSE -pt.version END DESC
              LIMIT 1))
    AND EXISTS (SELECT 1 FROM ${insuranceProofs} pp
      WHERE pp.enrolment_id = ${p.enrolmentId} AND pp.status = 'confirmed'
        AND pp.period_start COLLATE "C" <= ${day} AND ${day} <= pp.period_end COLLATE "C"
        AND (pp.reviewed_at IS NULL OR ${sql.raw(chinaDay('pp.reviewed_at'))} <= ${day})))`;
}

/**
 * The condition as fixed statement text, for the door's prepared read (attendance.fast.statements.ts): every
 * argument is raw SQL of that statement, so the text has no parameters of its own.
 */
export function paperworkCompleteText(p: { enrolmentId: string; agreementOrgId: string; day: string }): string {
  const q = new PgDialect().sqlToQuery(
    paperworkCompleteSql({
      enrolmentId: sql.raw(p.enrolmentId),
      agreementOrgId: sql.raw(p.agreementOrgId),
      day: sql.raw(p.day),
    }),
  );
  if (q.params.length > 0) throw new Error('paperworkCompleteText: the statement text must not carry parameters');
  return q.sql;
}

/** The paperwork records of these places (enrolment ids), for `paperworkGaps`: a few queries for any number. */
export async function paperworkRecords(db: Db, enrolmentIds: readonly number[]): Promise<Map<number, PaperworkRecord>> {
  const out = new Map<number, PaperworkRecord>();
  const ids = [...new Set(enrolmentIds)];
  if (!ids.length) return out;
  const places = await db
    .select({ id: enrolments.id, orgId: careClasses.orgId })
    .from(enrolments)
    .innerJoin(careClasses, eq(careClasses.id, enrolments.classId))
    .where(inArray(enrolments.id, ids));
  const orgIds = [...new Set(places.map((p) => p.orgId))];
  const [texts, sigs, proofs] = await Promise.all([
    orgIds.length ? db.select().from(agreementTexts).where(inArray(agreementTexts.orgId, orgIds)) : [],
    db.select().from(agreementSignatures).where(inArray(agreementSignatures.enrolmentId, ids)),
    db.select().from(insuranceProofs).where(inArray(insuranceProofs.enrolmentId, ids)),
  ]);
  for (const p of places) {
    out.set(p.id, {
      agreements: texts
        .filter((t) => t.orgId === p.orgId)
        .map((t) => ({ id: t.id, version: t.version, publishedOn: todayInChina(t.publishedAt) })),
      signatures: sigs
        .filter((s) => s.enrolmentId === p.id)
        .map((s) => ({ textId: s.agreementTextId, signedOn: todayInChina(s.signedAt) })),
      proofs: proofs
        .filter((x) => x.enrolmentId === p.id)
        .map((x) => ({
          status: x.status,
          periodStart: x.periodStart,
          periodEnd: x.periodEnd,
          reviewedOn: x.reviewedAt ? todayInChina(x.reviewedAt) : null,
        })),
    });
  }
  return out;
}
