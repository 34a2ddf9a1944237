// `tuoguan reports status|export`, driven through run() with in-memory streams against a throwaway database (the
// command opens it from DATA_DIR / DATABASE_URL like the real binary): the JSON contract of status, the files
// export writes, and the exit codes (0 done, 2 unknown campaign or report; bad arguments throw UsageError for the
// dispatcher, which prints the usage and exits 2).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, buildUser } from '../../../test/support/factories.js';
import { createCliEnvironment, openCliDatabase } from '../../../test/support/db.js';
import { buildClassFor, buildReportingCampaign } from '../../../test/support/reports.js';
import type { Actor } from '../../server/auth/actor.js';
import { bootstrap } from '../../server/bootstrap.js';
import { systemContext } from '../../server/context.js';
import { installModules } from '../../server/modules/index.js';
import { saveDraft, startReport, submitReport } from '../../server/modules/reports/reports.service.js';
import { UsageError } from '../command.js';
import reports from './reports.js';

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

async function run(argv: string[]) {
  const out = sink();
  const err = sink();
  const code = await reports.run(argv, { stdout: out.stream, stderr: err.stream, stdin: Readable.from([]) });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('tuoguan reports', { timeout: 120_000 }, () => {
  let cli: Awaited<ReturnType<typeof createCliEnvironment>>;
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  let campaignId: number;
  let unitId: number;
  let districtId: number;
  let reportId: number;
  const tmp = mkdtempSync(join(tmpdir(), 'reports-cli-'));

  beforeAll(async () => {
    installModules();
    cli = await createCliEnvironment();
    const database = await openCliDatabase(cli.env);
    try {
      await database.migrate();
      const { rootId } = await bootstrap(database.db, {
        orgName: '测试市总工会',
        adminPassword: 'Initial-Admin-Pass-2026',
      });
      const db = database.db;
      const now = new Date('2026-04-19T02:00:00Z');
      campaignId = (await buildReportingCampaign(db, rootId, now)).id;
      districtId = (await buildOrg(db, { parentId: rootId, name: '甲区总工会' })).id;
      unitId = (await buildOrg(db, { parentId: districtId, name: '甲一单位' })).id;
      const unit = await buildOrg(db, { parentId: districtId, name: '甲二单位' });
      await buildClassFor(db, { campaignId, unitId, status: 'approved', now });
      await buildClassFor(db, { campaignId, unitId: unit.id, status: 'running', now });
      const user = await buildUser(db, { role: 'unit_admin', orgId: unitId });
      await buildOrg(db, { parentId: districtId, name: '未参与单位' }); // no class: owes nothing
      const actor: Actor = {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        grants: [{ role: 'unit_admin', orgId: unitId, orgPath: `/${rootId}/${districtId}/${unitId}/` }],
        sessionId: 'cli-test',
        totpEnabled: false,
        mustChangePassword: false,
      };
      const ctx = { ...systemContext(now), actor };
      const { report } = await startReport(db, ctx, actor, { campaignId, orgId: unitId, type: 'plan', period: '' });
      const headings = ['目标任务', '工作措施', '资金保障', '监督管理', '工作成效'];
      const draft = await saveDraft(db, ctx, actor, report.id, {
        sections: headings.map((heading) => ({ heading, text: `${heading}：已落实。` })),
        version: report.version,
      });
      await submitReport(db, ctx, actor, report.id, draft.version);
      reportId = report.id;
    } finally {
      await database.close();
    }
    process.env.DATA_DIR = cli.env.DATA_DIR;
    if (cli.env.DATABASE_URL) process.env.DATABASE_URL = cli.env.DATABASE_URL;
    else delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await cli.cleanup();
  });

  it('is a command object the dispatcher can load', () => {
    expect(reports.name).toBe('reports');
    expect(reports.summary).toBeTruthy();
    expect(reports.usage.length).toBeLessThanOrEqual(62);
  });

  it('status --campaign ID → exit 0 and one JSON row per expected report, started or not', async () => {
    const r = await run(['status', '--campaign', String(campaignId)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    // The district and its two participating units, seven reports each (plan, preparation, June–September, summary).
    expect(rows).toHaveLength(21);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(
        ['reportId', 'orgId', 'orgName', 'type', 'period', 'dueDate', 'status', 'submittedAt', 'onTime'].sort(),
      );
      expect(['plan', 'preparation', 'monthly', 'summary', 'adhoc']).toContain(row.type);
      expect(['missing', 'draft', 'submitted', 'returned', 'accepted']).toContain(row.status);
    }
    expect(rows.find((x) => x.reportId === reportId)).toEqual({
      reportId,
      orgId: unitId,
      orgName: '甲一单位',
      type: 'plan',
      period: '',
      dueDate: '2026-04-20',
      status: 'submitted',
      submittedAt: '2026-04-19T02:00:00.000Z',
      onTime: true,
    });
    expect(rows.find((x) => x.orgId === districtId && x.type === 'monthly' && x.period === '2026-06')).toMatchObject({
      reportId: null,
      status: 'missing',
      dueDate: '2026-06-30',
      submittedAt: null,
      onTime: null,
    });
  });

  it('status of an unknown campaign → exit 2 with a message; bad arguments are usage errors', async () => {
    const r = await run(['status', '--campaign', '99999']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown campaign');
    await expect(run(['status'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['status', '--campaign', 'abc'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['frobnicate'])).rejects.toBeInstanceOf(UsageError);
  });

  it('export --format docx|xlsx writes the file; an unknown report → exit 2', async () => {
    const docx = join(tmp, 'plan.docx');
    let r = await run(['export', '--report', String(reportId), '--format', 'docx', '--out', docx]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    const xlsx = join(tmp, 'plan.xlsx');
    r = await run(['export', '--report', String(reportId), '--format', 'xlsx', '--out', xlsx]);
    expect(r.code).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');

    r = await run(['export', '--report', '99999', '--format', 'docx', '--out', join(tmp, 'none.docx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown report');
    expect(existsSync(join(tmp, 'none.docx'))).toBe(false);
    await expect(
      run(['export', '--report', String(reportId), '--format', 'pdf', '--out', docx]),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(run(['export', '--report', String(reportId), '--format', 'docx'])).rejects.toBeInstanceOf(UsageError);
  });
});
