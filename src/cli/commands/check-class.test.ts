// `tuoguan check-class`, driven through run() with in-memory streams; the examples in docs/examples
// are the fixtures, so the documentation cannot drift from what the command accepts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import checkClass from './check-class.js';

const examples = fileURLToPath(new URL('../../../docs/examples/', import.meta.url));
const example = (name: string) => join(examples, name);

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}

async function run(argv: string[], stdinText = '') {
  const out = sink();
  const err = sink();
  const code = await checkClass.run(argv, {
    stdout: out.stream,
    stderr: err.stream,
    stdin: Readable.from([Buffer.from(stdinText)]),
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

const tmp = mkdtempSync(join(tmpdir(), 'check-class-'));
function file(name: string, content: string) {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

describe('check-class', () => {
  it('is a command object the dispatcher can load', () => {
    expect(checkClass.name).toBe('check-class');
    expect(checkClass.summary).toBeTruthy();
    expect(checkClass.usage).toBe('tuoguan check-class FILE.json|-');
  });

  it('valid, passing class → exit 0 and {"ok": true, "rules": [...]} on stdout', async () => {
    const r = await run([example('passing-class.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.ok).toBe(true);
    expect(json.rules).toHaveLength(19);
    for (const rule of json.rules) {
      expect(Object.keys(rule)).toEqual(expect.arrayContaining(['id', 'status', 'message', 'facts']));
      expect(typeof rule.message).toBe('string'); // zh-CN
      expect(typeof rule.en.message).toBe('string');
      expect(rule.status).toBe('pass');
    }
  });

  it('failing class → exit 1 with the failing rules', async () => {
    const r = await run([example('failing-class.json')]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.ok).toBe(false);
    const failing = json.rules.filter((x: { status: string }) => x.status === 'fail').map((x: { id: string }) => x.id);
    expect(failing).toEqual(
      expect.arrayContaining([
        'eligibility.kindergartenShare',
        'scale.minChildren',
        'scale.minWorkingDays',
        'scale.attendanceRate',
        'venue.forbiddenLocation',
        'food.catering',
        'agreement.custody',
        'agreement.partner',
        'funding.noUnionFundsForInsurance',
      ]),
    );
  });

  it('running class at risk → exit 0 with an attendance warning and forecast', async () => {
    const r = await run([example('running-at-risk.json')]);
    expect(r.code).toBe(0);
    const rule = JSON.parse(r.stdout).rules.find((x: { id: string }) => x.id === 'scale.attendanceRate');
    expect(rule.status).toBe('warn');
    expect(rule.facts.presentChildDaysNeeded).toBeGreaterThan(0);
    expect(rule.fix).toBeTruthy();
  });

  it('winter class with another city’s parameters → exit 0', async () => {
    const r = await run([example('winter-custom-campaign.json')]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.rules.find((x: { id: string }) => x.id === 'scale.minWorkingDays').facts.workingDays).toBe(20);
  });

  it('reads stdin with "-"', async () => {
    const r = await run(
      ['-'],
      JSON.stringify({ class: { startDate: '2021-07-01', endDate: '2021-07-27' }, asOf: '2021-07-01' }),
    );
    expect(r.code).toBe(1); // 19 working days
    const json = JSON.parse(r.stdout);
    expect(json.asOf).toBe('2021-07-01');
    expect(json.rules.find((x: { id: string }) => x.id === 'scale.minWorkingDays').status).toBe('fail');
    expect(json.rules.find((x: { id: string }) => x.id === 'venue.fireSafety').status).toBe('unknown');
  });

  it('a class with nothing known → exit 0 (all unknown, nothing fails)', async () => {
    const r = await run(['-'], '{"class": {}, "asOf": "2021-07-10"}');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rules.every((x: { status: string }) => x.status === 'unknown')).toBe(true);
  });

  it('accepts a UTF-8 byte-order mark', async () => {
    const r = await run([file('bom.json', '\uFEFF{"class": {}, "asOf": "2021-07-10"}')]);
    expect(r.code).toBe(0);
  });

  it('bad JSON → exit 2 with a message on stderr, nothing on stdout', async () => {
    const r = await run([file('bad.json', '{"class": {')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('invalid JSON');
  });

  it('wrong types → exit 2 naming each bad field', async () => {
    const r = await run([
      file(
        'types.json',
        JSON.stringify({
          campaign: { scale: { minAttendanceRate: '75%' } },
          class: { startDate: 20210705, children: [{ grade: '1' }, { grade: 'G7' }] },
        }),
      ),
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('class.startDate');
    expect(r.stderr).toContain('class.children[1].grade');
    expect(r.stderr).toContain('campaign.scale.minAttendanceRate');
  });

  it('missing file → exit 2', async () => {
    const r = await run([join(tmp, 'nope.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read');
  });

  it('no argument, or too many → exit 2 with usage', async () => {
    expect((await run([])).code).toBe(2);
    const r = await run(['a.json', 'b.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage');
  });

  it('--help → exit 0 with usage on stdout', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes');
  });

  it('defaults asOf to today in China', async () => {
    const r = await run(['-'], '{"class": {}}');
    expect(JSON.parse(r.stdout).asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('docs/POLICY-RULES.md', () => {
  it('documents every rule id and every example file', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { RULE_IDS } = await import('../../domain/rules/types.js');
    const doc = readFileSync(fileURLToPath(new URL('../../../docs/POLICY-RULES.md', import.meta.url)), 'utf8');
    for (const id of RULE_IDS) expect(doc, id).toContain(`\`${id}\``);
    for (const f of readdirSync(examples)) expect(doc, f).toContain(f);
  });
});
