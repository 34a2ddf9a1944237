/**
 * "May this family join this class" (报名范围): a verified guardian of the family works for one of the class's units
 * (本单位职工), or the class is open to all (市总面向全市开放) and a verified guardian's employer lies in the same
 * city as the class's owner. The rule is written twice, side by side — `familyMayJoin` in TypeScript and
 * `familyMayJoinSql`, the condition every query uses (the open-class list, both reads of an application) — and
 * test/api/enrolment-join.property.test.ts checks on random organisations, families and classes that they agree.
 * Whether the child fits the class (grade, self-care) is `applicationIneligibility` in src/domain/enrolment.
 */
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { classUnits, guardians, organizations } from '../../db/schema.js';

export const VERIFIED = 'verified';

export interface JoiningGuardian {
  status: string;
  employerOrgId: number;
  employerPath: string;
}

export interface JoinableClass {
  openToAll: boolean;
  /** The owning unit's path, e.g. `/1/4/17/`: its first node is the city. */
  ownerPath: string;
  /** Every unit of the class (the owner and the co-owners of a joint class). */
  unitIds: readonly number[];
}

/** `/1/4/17/` → `/1/`: the city a node lies in. */
export const cityRootOf = (path: string): string => `/${path.split('/')[1] ?? ''}/`;

export function familyMayJoin(family: readonly JoiningGuardian[], c: JoinableClass): boolean {
  return family.some(
    (g) =>
      g.status === VERIFIED &&
      (c.openToAll ? g.employerPath.startsWith(cityRootOf(c.ownerPath)) : c.unitIds.includes(g.employerOrgId)),
  );
}

/**
 * The SQL form of `familyMayJoin`, over expressions of the calling query (the family's id, the class's facts). The
 * employer's path is read by its primary key only for a class open to all, so that no plan (a prepared statement's
 * generic one included) reads the organisations table whole.
 */
export function familyMayJoinSql(p: { familyId: SQL; classId: SQL; openToAll: SQL; ownerPath: SQL }): SQL {
  return sql`EXISTS (SELECT 1 FROM ${guardians} jg
    WHERE jg.family_id = ${p.familyId} AND jg.status = ${sql.raw(`'${VERIFIED}'`)}
      AND CASE WHEN ${p.openToAll}
        THEN (SELECT jo.path FROM ${organizations} jo WHERE jo.id = jg.employer_org_id)
          LIKE '/' || split_part(${p.ownerPath}, '/', 2) || '/%'
        ELSE EXISTS (SELECT 1 FROM ${classUnits} ju WHERE ju.class_id = ${p.classId} AND ju.org_id = jg.employer_org_id)
      END)`;
}

/**
 * The condition as fixed statement text, for the prepared read of an application (src/server/modules/enrolments/
 * enrolments.repo.ts): every argument is raw SQL of that statement, so the text has no parameters of its own.
 */
export function familyMayJoinText(p: { familyId: string; classId: string; openToAll: string; ownerPath: string }) {
  const q = new PgDialect().sqlToQuery(
    familyMayJoinSql({
      familyId: sql.raw(p.familyId),
      classId: sql.raw(p.classId),
      openToAll: sql.raw(p.openToAll),
      ownerPath: sql.raw(p.ownerPath),
    }),
  );
  if (q.params.length > 0) throw new Error('familyMayJoinText: the statement text must not carry parameters');
  return q.sql;
}
