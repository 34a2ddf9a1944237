/** Signs an application's custody agreement the way a guardian does: read the text, ask for a code, sign with it. */
import { eq } from 'drizzle-orm';
import { users } from '../../src/server/db/schema.js';
import type { Agent, TestApp } from './app.js';

/** The code last texted to `phone`, if any. */
export const lastCode = (t: TestApp, phone: string) => /(\d{6})/.exec(t.sender.lastTo(phone)?.text ?? '')?.[1];

export async function signAgreementAs(
  t: TestApp,
  agent: Agent,
  parent: { phone: string; userId: number },
  enrolmentId: number,
) {
  const text = (await agent.get(`/api/enrolments/${enrolmentId}/agreement`)).json();
  const [u] = await t.database.db.select().from(users).where(eq(users.id, parent.userId));
  const sent = await agent.post(`/api/enrolments/${enrolmentId}/sign-code`);
  if (sent.statusCode !== 200) throw new Error(`sign-code: ${sent.body}`);
  const r = await agent.post(`/api/enrolments/${enrolmentId}/sign`, {
    typedName: u?.displayName ?? '',
    textSha256: text.sha256,
    code: lastCode(t, parent.phone),
  });
  if (r.statusCode !== 200) throw new Error(`sign: ${r.body}`);
  return text as { sha256: string; body: string; version: number };
}
