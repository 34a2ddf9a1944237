/**
 * Field-level errors out of a 400 VALIDATION_FAILED answer. The server sends `details: [{ path, message }]`
 * (path e.g. "body.endDate", "params.season.end", "body.activityPlan.2.start"); an answer without them (an older
 * server) names each bad field in its message, e.g. "输入有误：params.scale.minAttendanceRate: 数值过大；
 * params.season.end: 无效输入", which is then split at each "path: " it contains. Array items are `.n` or `[n]`;
 * `prefix` ("params", "body") is dropped so the rest matches a form's field names.
 */
import { ApiError } from './client';

export interface FieldError {
  /** Form field path, e.g. ['scale', 'minAttendanceRate'] or ['activityPlan', 2, 'start']. */
  name: (string | number)[];
  message: string;
}

const PATH = /(?:^|[\s；;：:，,])((?:body|params|query|querystring)(?:\.[A-Za-z_$][\w$]*|\.\d+|\[\d+\])+)\s*[:：]\s*/g;

function toName(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([A-Za-z_$][\w$]*)|(\d+)/g)) out.push(m[1] ?? Number(m[2]));
  return out;
}

/** Every "path: message" pair in a validation message, with `prefix` (e.g. "params") stripped from the path. */
export function fieldErrorsOf(e: unknown, prefix: string): FieldError[] {
  if (!(e instanceof ApiError) || e.code !== 'VALIDATION_FAILED') return [];
  const structured = e.fieldIssues;
  if (structured.length) {
    return structured
      .map((d) => ({ name: toName(d.path), message: d.message }))
      .filter((d) => d.name[0] === prefix)
      .map((d) => ({ name: d.name.slice(1), message: d.message }));
  }
  const text = e.message;
  const hits = [...text.matchAll(PATH)];
  const out: FieldError[] = [];
  hits.forEach((m, i) => {
    const path = m[1] ?? '';
    const start = (m.index ?? 0) + m[0].length;
    const end = hits[i + 1]?.index ?? text.length;
    const message = text.slice(start, end).replace(/[；;\s]+$/, '');
    const name = toName(path);
    if (name[0] !== prefix) return;
    out.push({ name: name.slice(1), message });
  });
  return out;
}

/** For antd `form.setFields`: each error on its field. */
export function toFormFields(errors: FieldError[]): { name: (string | number)[]; errors: string[] }[] {
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const e of errors) {
    const key = JSON.stringify(e.name);
    const cur = byName.get(key) ?? { name: e.name, errors: [] };
    cur.errors.push(e.message);
    byName.set(key, cur);
  }
  return [...byName.values()];
}
