// 接送码: the personal pickup code of an authorised adult. 8 characters from an alphabet without look-alikes
// (no 0/O, 1/I/L), so it can be read out or typed at the door; shown to the guardian as "ABCD-EFGH".

export const PICKUP_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PICKUP_CODE_LENGTH = 8;

/** A new code from `randomBytes(n)` (crypto.randomBytes at the edge); rejection sampling keeps it uniform. */
export function makePickupCode(randomBytes: (n: number) => Uint8Array): string {
  const n = PICKUP_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < PICKUP_CODE_LENGTH) {
    for (const b of randomBytes(16)) {
      if (b >= limit) continue;
      out += PICKUP_CODE_ALPHABET[b % n];
      if (out.length === PICKUP_CODE_LENGTH) break;
    }
  }
  return out;
}

/** Upper-cases and drops spaces and dashes, so "abcd-efgh" and "ABCD EFGH" are the same code. */
export function normalizePickupCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function isPickupCode(code: string): boolean {
  if (code.length !== PICKUP_CODE_LENGTH) return false;
  for (const ch of code) if (!PICKUP_CODE_ALPHABET.includes(ch)) return false;
  return true;
}

export function formatPickupCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
