/** TOTP (RFC 6238) for two-factor sign-in, compatible with the usual authenticator apps. */
import { generate, generateSecret, generateURI } from 'otplib';

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string, issuer: string): string {
  return generateURI({ issuer, label: account, secret });
}

const STEP_SECONDS = 30;

/**
 * The 30-second step the code belongs to (within one step of `now` either way, for clock drift), or null when it
 * matches none. Callers accept a step only once (users.totp_last_step), so a code seen over a shoulder or in a log
 * cannot be replayed within its window.
 */
export async function totpStep(secret: string, token: string, now: Date): Promise<number | null> {
  if (!/^\d{6}$/.test(token)) return null;
  const step = Math.floor(now.getTime() / 1000 / STEP_SECONDS);
  for (const s of [step, step - 1, step + 1])
    if ((await generate({ secret, epoch: s * STEP_SECONDS })) === token) return s;
  return null;
}

/** For tests and the CLI: the code an authenticator would show at `now`. */
export function totpNow(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}
