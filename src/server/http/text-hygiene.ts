/**
 * Text a person could not have typed is refused before any route sees it: a NUL byte (PostgreSQL cannot store one;
 * it used to answer 500) or a lone UTF-16 surrogate (it would be stored as "�", a silent change). One hook for every
 * route's body, query and path parameters, answering 400 VALIDATION_FAILED with the field's path.
 */
import type { FastifyInstance } from 'fastify';
import { invalid } from '../errors.js';

// A NUL (built from its code: a literal control character in a pattern is easy to misread), a high surrogate not
// followed by a low one, or a low surrogate not preceded by a high one.
const BAD_TEXT = new RegExp(
  `${String.fromCharCode(0)}|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]`,
);

/** The path of the first string (or object key) in `value` holding such text, else null. Bounded depth. */
export function badTextPath(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return BAD_TEXT.test(value) ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = badTextPath(value[i], `${path}.${i}`, depth + 1);
      if (p) return p;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (BAD_TEXT.test(k)) return `${path}.${k.replace(BAD_TEXT, '?')}`;
    const p = badTextPath(v, `${path}.${k}`, depth + 1);
    if (p) return p;
  }
  return null;
}

export function registerTextHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const where = badTextPath(req.params, 'params') ?? badTextPath(req.query, 'query') ?? badTextPath(req.body, 'body');
    if (where)
      throw invalid(
        `${where} 含有无法保存的字符（空字符或残缺的 Unicode 字符）`,
        `${where} holds characters that cannot be stored (a NUL or a broken Unicode character)`,
        where,
      );
  });
}
