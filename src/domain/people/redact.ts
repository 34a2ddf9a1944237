/**
 * What a record that leaves its table for the history (the audit log) may keep of personal data (PIPL, "show the
 * least"; issue 13). Applied at every depth — nested objects and arrays such as a child's emergency contacts or
 * pickup adults — because personal fields sit inside JSON columns too:
 * - secrets and sealed values are dropped (`[redacted]`);
 * - sensitive free text about a child's health (health notes, allergies, medical fields) is withheld
 *   (`[withheld]`): the history says that the field changed, never what it said, so it cannot outlive the consent
 *   under which it was given (a withdrawn health consent hides the note on the live record, and nothing else holds
 *   it). Empty values stay as they were (null stays null), so "added" and "cleared" remain visible;
 * - phones and resident ID numbers are masked (138****5678, 110105********1234), whether they sit in a field of
 *   their own or inside any other text (a note, a reason, a username).
 * Masking is idempotent: a record masked once comes out of a second pass unchanged.
 */
import { maskIdNumber, maskPersonalText, maskPhone } from './mask.js';

export const REDACTED = '[redacted]';
export const WITHHELD = '[withheld]';

const SECRET_KEYS = new Set([
  'password',
  'passwordHash',
  'totpSecret',
  'csrfToken',
  'secret',
  'secretEnc',
  'idNumberEnc',
  'idNumberHash',
  'codeHash',
  'codeEnc',
  'inviteCodeHash',
]);
/** Health information (敏感个人信息): held only on the live record, under its consent. A staff member's health
 * certificate date (healthCertDate) is a qualification, not health information. */
const HEALTH_KEY = /^(?:health(?!Cert)\w*|\w*allerg\w*|\w*medic\w*|\w*diagnos\w*|\w*disabilit\w*|\w*illness\w*)$/i;
const PHONE_KEY = /phone|mobile|^tel$/i;
const ID_NUMBER_KEY = /idNumber|residentId|idCard/i;
/** Digests and sealed values are not text a person wrote: scanning them for numbers would only damage them. */
const NOT_TEXT = /^(?:[0-9a-f]{32,}|v1\.[\w.-]+)$/i;
const MAX_DEPTH = 12;

/** The value of one field, masked by what its name says and by what it holds. */
export function redactValue(key: string | null, value: unknown, depth = 0): unknown {
  if (value === undefined || value === null) return null;
  if (key !== null) {
    if (SECRET_KEYS.has(key)) return REDACTED;
    // Consent flags (`health: true`) say nothing about the child's health: booleans stay.
    if (HEALTH_KEY.test(key) && typeof value !== 'boolean') return value === '' ? '' : WITHHELD;
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => redactValue(key, v, depth + 1));
  if (typeof value === 'object') {
    if (depth >= MAX_DEPTH) return REDACTED;
    return redactRecord(value as Record<string, unknown>, depth + 1);
  }
  if (key !== null && PHONE_KEY.test(key) && (typeof value === 'string' || typeof value === 'number'))
    return maskPhone(String(value));
  if (key !== null && ID_NUMBER_KEY.test(key) && typeof value === 'string') return maskIdNumber(value);
  if (typeof value === 'string') return NOT_TEXT.test(value) ? value : maskPersonalText(value);
  return value;
}

/** A record (an audit row's before or after) with every field passed through redactValue; undefined fields go. */
export function redactRecord(rec: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) {
    if (v === undefined) continue;
    out[k] = redactValue(k, v, depth);
  }
  return out;
}
