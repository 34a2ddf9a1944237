/** TOTP (RFC 6238) for two-factor sign-in, compatible with the usual authenticator apps. */
import { generate, generateSecret, generateURI, verify } from 'otplib';

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string, issuer: string): string {
  return generateURI({ issuer, label: account, secret });
}

export async function checkTotp(secret: string, token: string, now: Date): Promise<boolean> {
  if (!/^\d{6}$/.test(token)) return false;
  // One step of tolerance either side absorbs clock drift between the server and the phone.
  const r = await verify({ secret, token, epoch: Math.floor(now.getTime() / 1000), epochTolerance: 30 });
  return r.valid;
}

/** For tests and the CLI: the code an authenticator would show at `now`. */
export function totpNow(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}
