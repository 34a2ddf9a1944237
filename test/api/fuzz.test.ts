/**
 * Issue 13: no request, however malformed, answers 5xx or crashes the server. Every route of the OpenAPI document is
 * sent bodies, queries and path ids drawn from its own schema and then bent (wrong types, out-of-range numbers,
 * impossible and far-away dates, huge and broken strings, extra keys), as a city administrator — the role that
 * reaches the most code — and anonymously. Runs per route: FUZZ_RUNS (default 40; CI may raise it).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass } from '../support/attendance.js';
import { buildOrg, buildUser, PASSWORD } from '../support/factories.js';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  pattern?: string;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
};
type Operation = {
  parameters?: { in: string; name: string; schema?: Schema; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

/** Routes that end the fuzzer's own session or wait on purpose; their inputs are covered by their own tests. */
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/auth/password', 'POST /api/auth/totp/disable']);

const weirdStrings = fc.constantFrom(
  '',
  ' ',
  '0000-01-05',
  '9999-12-31',
  '2026-02-30',
  '1970-01-01',
  '2026-07-01',
  '2026-07-01T25:61:00Z',
  '25:99',
  '-1',
  '2147483648',
  '1e309',
  'NaN',
  'null',
  '{}',
  "'; DROP TABLE users; --",
  '../../etc/passwd',
  '%00',
  '中'.repeat(3000),
  'x'.repeat(20_000),
  '😀',
);
const weirdNumbers = fc.constantFrom(0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e308, -1e308, 99999999999);

function arb(s: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const any = fc.jsonValue({ maxDepth: 2 });
  if (!s || depth > 4) return any;
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((x) => arb(x, depth + 1)));
  if (s.allOf?.length) return arb(Object.assign({}, ...s.allOf), depth + 1);
  let base: fc.Arbitrary<unknown>;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (s.enum) base = fc.constantFrom(...s.enum);
  else if (type === 'string')
    base = fc.oneof(
      fc.string({ maxLength: 12 }),
      weirdStrings,
      fc.date({ min: new Date(-5e13), max: new Date(2e14), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    );
  else if (type === 'integer' || type === 'number')
    base = fc.oneof(
      fc.integer({ min: s.minimum ?? -5, max: Math.min(s.maximum ?? 50, 1e6) }),
      weirdNumbers,
      fc.integer(),
    );
  else if (type === 'boolean') base = fc.boolean();
  else if (type === 'array') base = fc.array(arb(s.items, depth + 1), { maxLength: 4 });
  else if (type === 'object' || s.properties) {
    const props = Object.entries(s.properties ?? {});
    base = fc
      .tuple(
        ...props.map(([, p]) => fc.option(arb(p, depth + 1), { nil: undefined, freq: 4 })),
        fc.option(fc.dictionary(fc.string({ maxLength: 6 }), any, { maxKeys: 2 }), { nil: undefined }),
      )
      .map((values) => {
        const o: Record<string, unknown> = {};
        props.forEach(([k], i) => {
          if (values[i] !== undefined) o[k] = values[i];
        });
        const extra = values[props.length] as Record<string, unknown> | undefined;
        return extra ? { ...extra, ...o } : o;
      });
  } else base = any;
  // Now and then a value of another type altogether.
  return fc.oneof({ arbitrary: base, weight: 6 }, { arbitrary: any, weight: 1 }, fc.constant(null));
}

const idLike = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 3 }).map(String), weight: 4 },
  fc.integer({ min: 1, max: 30 }).map(String),
  fc.constantFrom('0', '-1', '2147483648', '99999999999999999999', 'abc', '1.5', '%20', 'null'),
);

function queryString(params: Operation['parameters'], values: unknown[]): string {
  const q = new URLSearchParams();
  (params ?? [])
    .filter((p) => p.in === 'query')
    .forEach((p, i) => {
      const v = values[i];
      if (v === undefined || v === null) return;
      q.set(p.name, typeof v === 'object' ? JSON.stringify(v) : String(v));
    });
  const s = q.toString();
  return s ? `?${s}` : '';
}

describe('fuzzing every route from the OpenAPI document', () => {
  let t: TestApp;
  let city: Agent;
  let routes: { method: string; path: string; op: Operation }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const d = await buildOrg(db, { parentId: t.rootId });
    await buildOrg(db, { parentId: d.id });
    // The fuzzer's own account lies beyond the ids it draws (1…30), so it does not deactivate or reset itself.
    for (let i = 0; i < 30; i++) await buildUser(db, { role: 'unit_admin', orgId: d.id });
    city = await t.agent((await buildUser(db, { role: 'city_admin', orgId: t.rootId })).username, PASSWORD);
    // Something to find: a running class with children, attendance and paperwork, so ids 1… lead somewhere.
    await buildRunningClass(t, { children: 3, paperwork: true });
    const doc = (await t.anonymous().get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const m = method.toUpperCase();
        if (!['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(m)) continue;
        if (SKIP.has(`${m} ${path}`)) continue;
        routes.push({ method: m, path, op });
      }
    routes = routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
  });
  afterAll(() => t.close());

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(100);
  });

  it('no route answers 5xx, as a city administrator or anonymously', { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    const seen = new Map<number, number>();
    for (const r of routes) {
      const pathParams = (r.op.parameters ?? []).filter((p) => p.in === 'path');
      const queryParams = (r.op.parameters ?? []).filter((p) => p.in === 'query');
      const bodySchema = r.op.requestBody?.content?.['application/json']?.schema;
      const request = fc.record({
        ids: fc.tuple(...pathParams.map(() => idLike)),
        query: fc.tuple(...queryParams.map((p) => arb(p.schema))),
        body: bodySchema ? arb(bodySchema) : fc.constant(undefined),
        anonymous: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))),
      });
      await fc
        .assert(
          fc.asyncProperty(request, async ({ ids, query, body, anonymous }) => {
            let url = r.path;
            pathParams.forEach((p, i) => {
              url = url.replace(`{${p.name}}`, encodeURIComponent(String(ids[i])));
            });
            url += queryString(queryParams, query);
            const agent = anonymous ? t.anonymous() : city;
            const payload = r.method === 'GET' || r.method === 'DELETE' ? undefined : (body ?? {});
            const res = await agent.request(r.method as 'GET', url, payload);
            seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
            if (res.statusCode >= 500) {
              failures.push(
                `${r.method} ${url} ${JSON.stringify(payload)?.slice(0, 300)} → ${res.statusCode} ${res.body}`,
              );
              return false;
            }
            return true;
          }),
          { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 13) },
        )
        .catch(() => undefined);
    }
    console.log(
      `fuzz: ${routes.length} routes × ${RUNS} requests, statuses ${JSON.stringify(Object.fromEntries(seen))}`,
    );
    expect(failures).toEqual([]);
    // The fuzzer reached code behind the validation: some requests succeeded.
    expect(seen.get(200) ?? 0).toBeGreaterThan(routes.length);
  });
});
