// `tuoguan check-class`, driven through run() with in-memory streams; the examples in docs/examples
// are the fixtures, so the documentation cannot drift from what the command accepts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    expect(json.rules).toHaveLength(20);
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

describe('check-class: catering contract, phase and calendar (issue 12)', () => {
  const passing = JSON.parse(readFileSync(example('passing-class.json'), 'utf8'));
  const withClass = (o: Record<string, unknown>, campaign?: Record<string, unknown>) =>
    JSON.stringify({ ...passing, ...(campaign ? { campaign } : {}), class: { ...passing.class, ...o } });
  const ruleOf = (stdout: string, id: string) =>
    JSON.parse(stdout).rules.find((x: { id: string }) => x.id === id) as { status: string; message: string };
  // passing-class.json runs 2021-07-05 … 2021-08-13.
  const contracted = (contract?: unknown) => ({
    catering: { mode: 'contracted', licenseExpiry: '2022-03-31', ...(contract === undefined ? {} : { contract }) },
  });

  it.each([
    ['covering the class', { start: '2021-07-05', end: '2021-08-13' }, 'pass', 0],
    ['ending a day early', { start: '2021-07-05', end: '2021-08-12' }, 'fail', 1],
    ['starting a day late', { start: '2021-07-06', end: '2021-08-13' }, 'fail', 1],
    ['missing', undefined, 'unknown', 0],
    ['null (not recorded)', null, 'unknown', 0],
  ] as const)('a contract %s (%j) → food.catering %s, exit %i', async (_what, contract, expected, code) => {
    const r = await run(['-'], withClass(contracted(contract)));
    expect(r.stderr).toBe('');
    expect(ruleOf(r.stdout, 'food.catering').status).toBe(expected);
    expect(r.code).toBe(code);
  });

  it('a contract ending before it starts is an input error naming the field', async () => {
    const r = await run(['-'], withClass(contracted({ start: '2021-08-13', end: '2021-07-05' })));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('class.catering.contract.end');
  });

  it.each([
    ['planning', 'unknown', 0],
    ['enrolling', 'unknown', 0],
    ['running', 'fail', 1],
  ] as const)('19 children in phase %s → scale.minChildren %s, exit %i', async (phase, expected, code) => {
    const r = await run(['-'], withClass({ phase, children: passing.class.children.slice(0, 19) }));
    expect(r.stderr).toBe('');
    expect(ruleOf(r.stdout, 'scale.minChildren').status).toBe(expected);
    expect(r.code).toBe(code);
  });

  const class2027 = { startDate: '2027-09-20', endDate: '2027-10-29', closedDates: [] };
  const campaign2027 = { season: { start: '2027-07-01', end: '2027-10-31' } };
  it('a 2027 class with entered holidays and workdays is counted on them', async () => {
    const calendar = {
      holidays: ['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
      workdays: ['2027-09-26', '2027-10-09'],
    };
    const r = await run(['-'], withClass(class2027, { ...campaign2027, calendar }));
    expect(r.stderr).toBe('');
    const rule = JSON.parse(r.stdout).rules.find((x: { id: string }) => x.id === 'scale.minWorkingDays');
    expect(rule.status).toBe('pass');
    expect(rule.facts).toMatchObject({ workingDays: 27, calendarCovered: true });
  });

  it('a 2027 class without entered dates → scale.minWorkingDays warn, fix names the calendar to enter', async () => {
    const r = await run(['-'], withClass(class2027, campaign2027));
    const rule = JSON.parse(r.stdout).rules.find((x: { id: string }) => x.id === 'scale.minWorkingDays');
    expect(rule.status).toBe('warn');
    expect(rule.facts).toMatchObject({ workingDays: 30, calendarCovered: false });
    expect(rule.fix).toContain('2027 年国务院公布的法定节假日');
  });

  it('a bad calendar date is an input error naming the field', async () => {
    const r = await run(['-'], withClass(class2027, { calendar: { holidays: ['2027-02-30'] } }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('campaign.calendar.holidays[0]');
  });
});

describe('check-class: written rules and fire-safety evidence (issue 12)', () => {
  const passing = JSON.parse(readFileSync(example('passing-class.json'), 'utf8'));
  const withClass = (o: Record<string, unknown>, campaign?: Record<string, unknown>) =>
    JSON.stringify({ ...passing, ...(campaign ? { campaign } : {}), class: { ...passing.class, ...o } });
  const ruleOf = (stdout: string, id: string) =>
    JSON.parse(stdout).rules.find((x: { id: string }) => x.id === id) as {
      status: string;
      message: string;
      facts: Record<string, unknown>;
    };

  it.each([
    ['all three', ['safety', 'emergency', 'duty'], 'pass', 0],
    ['no duty roster', ['safety', 'emergency'], 'fail', 1],
    ['none', [], 'fail', 1],
    ['not recorded (absent)', undefined, 'unknown', 0],
    ['not recorded (null)', null, 'unknown', 0],
  ] as const)('documents: %s → management.documents %s, exit %i', async (_what, documents, expected, code) => {
    const { documents: _d, ...rest } = passing.class;
    const input = JSON.stringify({
      ...passing,
      class: documents === undefined ? rest : { ...rest, documents },
    });
    const r = await run(['-'], input);
    expect(r.stderr).toBe('');
    expect(ruleOf(r.stdout, 'management.documents').status).toBe(expected);
    expect(r.code).toBe(code);
  });

  it('the fail names the missing document', async () => {
    const r = await run(['-'], withClass({ documents: ['safety', 'duty'] }));
    const rule = ruleOf(r.stdout, 'management.documents');
    expect(rule.message).toContain('应急预案');
    expect(rule.facts.missing).toEqual(['emergency']);
  });

  it('a campaign listing another document checks it', async () => {
    const r = await run(['-'], withClass({}, { management: { documents: ['safety', 'emergency', 'duty', 'pickup'] } }));
    expect(ruleOf(r.stdout, 'management.documents').status).toBe('fail');
    expect(r.code).toBe(1);
  });

  it('an unknown document is an input error naming the field', async () => {
    const r = await run(['-'], withClass({ documents: ['safety', 'manual'] }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('class.documents[1]');
  });

  it.each([
    ['evidence on file', true, {}, 'pass', 0],
    ['no evidence', false, {}, 'fail', 1],
    ['evidence not recorded', undefined, {}, 'unknown', 0],
    ['no evidence, campaign recommends it', false, { venue: { fireEvidence: 'recommended' } }, 'warn', 0],
    ['no evidence, campaign does not ask', false, { venue: { fireEvidence: 'off' } }, 'pass', 0],
  ] as const)(
    'fire safety met with %s → venue.fireSafety %s, exit %i',
    async (_w, evidence, campaign, expected, code) => {
      const { fireEvidence: _f, ...v } = passing.class.venue;
      const r = await run(
        ['-'],
        withClass({ venue: evidence === undefined ? v : { ...v, fireEvidence: evidence } }, campaign),
      );
      expect(r.stderr).toBe('');
      expect(ruleOf(r.stdout, 'venue.fireSafety').status).toBe(expected);
      expect(r.code).toBe(code);
    },
  );
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
