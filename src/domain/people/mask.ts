/**
 * Masking of personal data for display and for the audit log: show the least that still lets a person recognise
 * the record (PIPL, "show the least").
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** 110105********1234 style: the region and the last four stay. */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

export function isValidMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

/** Accepts +86, spaces and dashes as people type them; returns the 11 digits or null. */
export function normalizeMobile(raw: string): string | null {
  const s = raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s-]/g, '')
    .replace(/^(\+?86)/, '');
  return isValidMobile(s) ? s : null;
}

/**
 * A resident ID number written into free text (18 characters: region, birth date, sequence, check character),
 * standing on its own (not inside a longer run of letters or digits).
 */
const ID_NUMBER_IN_TEXT =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
/**
 * A mainland mobile number written into free text, as people write them (+86, spaces, dashes), not inside a longer
 * run of digits. Letters may touch it: `p13812345678` (the parent usernames of earlier versions) is caught.
 */
const MOBILE_IN_TEXT = /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)/g;

/** Masks every mobile number and resident ID number found in a text (notes, reasons, descriptions, names). */
export function maskPersonalText(text: string): string {
  return text
    .replace(ID_NUMBER_IN_TEXT, (id) => maskIdNumber(id) ?? '')
    .replace(MOBILE_IN_TEXT, (_m, head: string, tail: string) => `${head}****${tail}`);
}
