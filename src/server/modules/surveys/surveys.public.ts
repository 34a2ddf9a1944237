/**
 * The respondents' side of a needs survey: an employee opens their unit's link on a phone, with no account. The
 * phone is verified by a code (the families module's phone-code mechanism, looked up by a keyed hash so the
 * number is never stored in clear), which yields a short-lived ticket bound to that link and phone; the answer is
 * stored once per phone per unit (keyed hash + masked number) and can be changed with the ticket until the survey
 * closes. Each answer and change is audited (actor: nobody; the masked phone in the record).
 */
import { timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { maskPhone } from '../../../domain/people/mask.js';
import { surveyAnswersSchema, type SurveyAnswers } from '../../../domain/surveys/answers.js';
import { answerProblems, readQuestions, seasonWeeks } from '../../../domain/surveys/questions.js';
import type { RequestContext } from '../../context.js';
import type { Sealer } from '../../crypto/secrets.js';
import type { Db } from '../../db/client.js';
import { needsSurveyAnswers, needsSurveys } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import type { MessageSender } from '../../messaging/sender.js';
import { consumePurposeCode, sendPurposeCode } from '../families/phone-codes.js';
import { unsafeFindLinkByToken } from './surveys.repo.js';
import type { PublicSurvey } from './surveys.schema.js';
import { surveyIsOpen } from './surveys.service.js';

const CODE_PURPOSE = 'needs_survey';
const TICKET_TTL_MS = 2 * 3_600_000;

/** The keyed hash that stands for a respondent's phone (in phone_codes and needs_survey_answers). */
export const surveyPhoneHash = (sealer: Sealer, phone: string) => sealer.hash(`needs-survey:${phone}`);

type LinkFound = NonNullable<Awaited<ReturnType<typeof unsafeFindLinkByToken>>>;

async function resolve(db: Db, token: string): Promise<LinkFound> {
  const row = await unsafeFindLinkByToken(db, token);
  if (!row) throw notFound();
  return row;
}

const weeksOf = (row: LinkFound) => seasonWeeks(row.campaignParams.season);

export async function publicSurvey(db: Db, ctx: RequestContext, token: string): Promise<PublicSurvey> {
  const row = await resolve(db, token);
  return {
    title: row.survey.title,
    unitName: row.unitName,
    campaignName: row.campaignName,
    closesOn: row.survey.closesOn,
    closed: !surveyIsOpen(row.survey, ctx.now),
    weeks: weeksOf(row),
    questions: readQuestions(row.survey.questions),
  };
}

export async function sendSurveyCode(
  db: Db,
  sender: MessageSender,
  sealer: Sealer,
  ctx: RequestContext,
  token: string,
  phone: string,
): Promise<{ expiresInSeconds: number; phone: string }> {
  const row = await resolve(db, token);
  if (!surveyIsOpen(row.survey, ctx.now)) throw new AppError('SURVEY_CLOSED');
  const expiresInSeconds = await sendPurposeCode(db, sender, ctx, {
    key: surveyPhoneHash(sealer, phone),
    purpose: CODE_PURPOSE,
    phone,
    text: (code) => `【爱心托管】您正在填写“${row.survey.title}”，验证码 ${code}，10 分钟内有效。如非本人操作请忽略。`,
  });
  return { expiresInSeconds, phone: maskPhone(phone) ?? '' };
}

// ---- the ticket: proof that this phone was verified for this link ------------------------------------------
interface Ticket {
  linkId: number;
  phoneHash: string;
  phoneMasked: string;
  expires: number;
}

function signTicket(sealer: Sealer, t: Ticket): string {
  const payload = Buffer.from(JSON.stringify(t)).toString('base64url');
  return `${payload}.${sealer.hash(`needs-survey-ticket:${payload}`)}`;
}

function readTicket(sealer: Sealer, ticket: string, linkId: number, now: Date): Ticket {
  const again = () => new AppError('SURVEY_VERIFY_AGAIN');
  const [payload, mac, extra] = ticket.split('.');
  if (!payload || !mac || extra !== undefined) throw again();
  const expected = Buffer.from(sealer.hash(`needs-survey-ticket:${payload}`));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw again();
  let t: Ticket;
  try {
    t = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Ticket;
  } catch {
    throw again();
  }
  if (t.linkId !== linkId || typeof t.expires !== 'number' || t.expires < now.getTime()) throw again();
  return t;
}

async function storedAnswer(db: Db, row: LinkFound, phoneHash: string) {
  const [a] = await db
    .select()
    .from(needsSurveyAnswers)
    .where(
      and(
        eq(needsSurveyAnswers.surveyId, row.survey.id),
        eq(needsSurveyAnswers.orgId, row.link.orgId),
        eq(needsSurveyAnswers.phoneHash, phoneHash),
      ),
    );
  if (!a) return null;
  const parsed = surveyAnswersSchema.safeParse(a.answers);
  return parsed.success ? { answers: parsed.data, version: a.version, updatedAt: a.updatedAt } : null;
}

/** Checks the code and answers the ticket with the phone's earlier answer for this unit, if any. */
export async function verifySurveyPhone(
  db: Db,
  sealer: Sealer,
  ctx: RequestContext,
  token: string,
  phone: string,
  code: string,
) {
  const row = await resolve(db, token);
  const phoneHash = surveyPhoneHash(sealer, phone);
  await consumePurposeCode(db, ctx, { key: phoneHash, purpose: CODE_PURPOSE, code });
  const phoneMasked = maskPhone(phone) ?? '';
  const ticket = signTicket(sealer, {
    linkId: row.link.id,
    phoneHash,
    phoneMasked,
    expires: ctx.now.getTime() + TICKET_TTL_MS,
  });
  return {
    ticket,
    phone: phoneMasked,
    closed: !surveyIsOpen(row.survey, ctx.now),
    answer: await storedAnswer(db, row, phoneHash),
  };
}

/** Stores the answer (first time) or changes it (with the version the phone saw), while the survey is open. */
export async function saveSurveyAnswer(
  db: Db,
  sealer: Sealer,
  ctx: RequestContext,
  token: string,
  input: { ticket: string; answers: SurveyAnswers; version?: number | undefined },
): Promise<{ version: number; updatedAt: Date }> {
  const row = await resolve(db, token);
  const t = readTicket(sealer, input.ticket, row.link.id, ctx.now);
  const problems = answerProblems(input.answers, weeksOf(row), readQuestions(row.survey.questions));
  if (problems.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      { details: { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') } },
      { details: problems.map((p) => ({ path: `body.${p.path}`, message: { zh: p.zh, en: p.en } })) },
    );
  }
  return db.transaction(async (tx) => {
    // A share lock on the survey: a close waits for this answer or this answer sees the close.
    const [s] = await tx.select().from(needsSurveys).where(eq(needsSurveys.id, row.survey.id)).for('share');
    if (!s || !surveyIsOpen(s, ctx.now)) throw new AppError('SURVEY_CLOSED');
    const stale = () => new AppError('STALE_VERSION');
    const key = and(
      eq(needsSurveyAnswers.surveyId, s.id),
      eq(needsSurveyAnswers.orgId, row.link.orgId),
      eq(needsSurveyAnswers.phoneHash, t.phoneHash),
    );
    let saved: typeof needsSurveyAnswers.$inferSelect | undefined;
    if (input.version === undefined) {
      [saved] = await tx
        .insert(needsSurveyAnswers)
        .values({
          surveyId: s.id,
          orgId: row.link.orgId,
          phoneHash: t.phoneHash,
          phoneMasked: t.phoneMasked,
          answers: input.answers,
          version: 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .onConflictDoNothing()
        .returning();
    } else {
      [saved] = await tx
        .update(needsSurveyAnswers)
        .set({ answers: input.answers, version: input.version + 1, updatedAt: ctx.now })
        .where(and(key, eq(needsSurveyAnswers.version, input.version)))
        .returning();
    }
    // Already answered from this phone (another tab), or changed since this page loaded it.
    if (!saved) throw stale();
    await recordEvent(tx, ctx, {
      action: saved.version === 1 ? 'needs_survey.answer' : 'needs_survey.answer_update',
      entity: 'needs_survey_answer',
      entityId: saved.id,
      orgPath: row.unitPath,
      after: {
        surveyId: s.id,
        phone: t.phoneMasked,
        version: saved.version,
        children: input.answers.children.length,
        weeks: input.answers.weeks.length,
      },
    });
    return { version: saved.version, updatedAt: saved.updatedAt };
  });
}
