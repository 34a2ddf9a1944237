/**
 * /api/reports and /api/report-requests (issue 14): the expected reports with their states, a report's detail
 * with every version, the draft → submitted → accepted | returned workflow, attachments, the timeliness grid, the
 * .docx of a report and the .xlsx summary table of a period. Thin handlers: load scoped, authorise, service, present.
 */
import { authorize } from '../../auth/policy.js';
import type { App, Deps } from '../../deps.js';
import { reportDocx } from '../../documents/report-docx.js';
import { periodSheetXlsx } from '../../documents/report-xlsx.js';
import { notFound } from '../../errors.js';
import { contentDisposition } from '../../http/contentDisposition.js';
import { actorOf } from '../../request.js';
import { openFileStore } from '../../storage/fileStore.js';
import { receiveUpload } from '../../storage/upload.js';
import { loadCampaign } from '../campaigns/campaigns.service.js';
import { filesOfOwner } from '../files/files.repo.js';
import { fileListResponse, fileResponse } from '../files/files.schema.js';
import { presentFile } from '../files/files.service.js';
import { reportDetail } from './reports.detail.js';
import { reportingWorld } from './reports.expected.js';
import { figureCatalogue } from './reports.figures.js';
import { reportPolicy } from './reports.policy.js';
import { requestsOfCampaign } from './reports.repo.js';
import { presentSlot, reportDocument } from './reports.present.js';
import {
  createRequestBody,
  figureCatalogueResponse,
  listReportsQuery,
  listRequestsQuery,
  periodSheetQuery,
  reportDetailResponse,
  reportIdParams,
  reportListResponse,
  reportRequestListResponse,
  reportRequestResponse,
  returnBody,
  saveDraftBody,
  startReportBody,
  timelinessQuery,
  timelinessResponse,
  versionBody,
} from './reports.schema.js';
import {
  addReportFile,
  decideReport,
  loadReport,
  REPORT_OWNER,
  refOf,
  saveDraft,
  startReport,
  submitReport,
} from './reports.service.js';
import { createRequest } from './reports.requests.js';
import { levelOf, periodSheet, timelinessGrid } from './reports.timeliness.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function reportRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const store = openFileStore(deps.config);
  const tags = ['reports'];

  app.get(
    '/api/reports',
    { schema: { tags, querystring: listReportsQuery, response: { 200: reportListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const q = req.query;
      await loadCampaign(db, actor, q.campaignId);
      const world = await reportingWorld(db, q.campaignId, actor, req.ctx.now);
      if (!world) throw notFound();
      const under = q.orgId === undefined ? undefined : world.orgs.get(q.orgId);
      if (q.orgId !== undefined && !under) throw notFound();
      const items = world.slots
        .filter(
          (s) =>
            (!under || s.org.path.startsWith(under.path)) &&
            (!q.type || s.period.type === q.type) &&
            (q.period === undefined || s.period.period === q.period) &&
            (!q.status || s.status === q.status) &&
            (!q.state || s.state === q.state),
        )
        .sort((a, b) =>
          a.period.dueDate !== b.period.dueDate
            ? a.period.dueDate < b.period.dueDate
              ? -1
              : 1
            : a.org.path < b.org.path
              ? -1
              : a.org.path > b.org.path
                ? 1
                : 0,
        )
        .map((s) => presentSlot(actor, s, world.campaign.id));
      return { items };
    },
  );

  app.get('/api/reports/figures', { schema: { tags, response: { 200: figureCatalogueResponse } } }, async () => ({
    items: figureCatalogue(),
  }));

  app.get(
    '/api/reports/timeliness',
    { schema: { tags, querystring: timelinessQuery, response: { 200: timelinessResponse } } },
    async (req) => {
      const actor = actorOf(req);
      await loadCampaign(db, actor, req.query.campaignId);
      return timelinessGrid(db, actor, req.query.campaignId, req.query.orgId, req.ctx.now);
    },
  );

  app.get(
    '/api/reports/period-sheet.xlsx',
    {
      schema: {
        tags,
        querystring: periodSheetQuery,
        produces: [XLSX],
        description: 'The 汇总表 of one report period: one row per unit, one column per figure, totals.',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const q = req.query;
      await loadCampaign(db, actor, q.campaignId);
      const world = await reportingWorld(db, q.campaignId, actor, req.ctx.now);
      const level = world && levelOf(world, actor, q.orgId);
      if (!world || !level) throw notFound();
      const sheet = await periodSheet(db, world, level, q.type, q.period, req.ctx.now);
      if (!sheet) throw notFound();
      const name = `${sheet.title}.xlsx`;
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition('attachment', name))
        .send(await periodSheetXlsx(sheet));
    },
  );

  app.post(
    '/api/reports',
    { schema: { tags, body: startReportBody, response: { 200: reportDetailResponse, 201: reportDetailResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const { report, created } = await startReport(db, req.ctx, actor, req.body);
      return reply.code(created ? 201 : 200).send(await reportDetail(db, actor, report, req.ctx.now));
    },
  );

  app.get(
    '/api/reports/:id',
    { schema: { tags, params: reportIdParams, response: { 200: reportDetailResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return reportDetail(db, actor, await loadReport(db, actor, req.params.id), req.ctx.now);
    },
  );

  app.put(
    '/api/reports/:id/draft',
    { schema: { tags, params: reportIdParams, body: saveDraftBody, response: { 200: reportDetailResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const r = await saveDraft(db, req.ctx, actor, req.params.id, req.body);
      return reportDetail(db, actor, r, req.ctx.now);
    },
  );

  app.post(
    '/api/reports/:id/submit',
    { schema: { tags, params: reportIdParams, body: versionBody, response: { 200: reportDetailResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const r = await submitReport(db, req.ctx, actor, req.params.id, req.body.version);
      return reportDetail(db, actor, r, req.ctx.now);
    },
  );

  app.post(
    '/api/reports/:id/accept',
    { schema: { tags, params: reportIdParams, body: versionBody, response: { 200: reportDetailResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const r = await decideReport(db, req.ctx, actor, req.params.id, {
        decision: 'accepted',
        version: req.body.version,
      });
      return reportDetail(db, actor, r, req.ctx.now);
    },
  );

  app.post(
    '/api/reports/:id/return',
    { schema: { tags, params: reportIdParams, body: returnBody, response: { 200: reportDetailResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const r = await decideReport(db, req.ctx, actor, req.params.id, {
        decision: 'returned',
        version: req.body.version,
        comment: req.body.comment,
      });
      return reportDetail(db, actor, r, req.ctx.now);
    },
  );

  app.get(
    '/api/reports/:id/files',
    { schema: { tags, params: reportIdParams, response: { 200: fileListResponse } } },
    async (req) => {
      const r = await loadReport(db, actorOf(req), req.params.id);
      return { items: (await filesOfOwner(db, REPORT_OWNER, r.id)).map(presentFile) };
    },
  );

  app.post(
    '/api/reports/:id/files',
    { schema: { tags, params: reportIdParams, consumes: ['multipart/form-data'], response: { 201: fileResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      // Authorise before reading the body: nobody makes the server take in a file they may not attach.
      const r = await loadReport(db, actor, req.params.id);
      authorize(reportPolicy.edit(actor, refOf(r)), true);
      const received = await receiveUpload(req);
      return reply.code(201).send(presentFile(await addReportFile(db, store, req.ctx, r, received)));
    },
  );

  app.get(
    '/api/reports/:id/docx',
    {
      schema: {
        tags,
        params: reportIdParams,
        produces: [DOCX],
        description: 'The report as a 公文-style Word document (latest version, or the draft).',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const d = await reportDetail(db, actor, await loadReport(db, actor, req.params.id), req.ctx.now);
      const name = `${d.orgName}-${d.title}${d.period && d.type === 'monthly' ? `-${d.period}` : ''}.docx`;
      return reply
        .header('content-type', DOCX)
        .header('content-disposition', contentDisposition('attachment', name))
        .send(await reportDocx(reportDocument(d)));
    },
  );

  app.get(
    '/api/report-requests',
    { schema: { tags, querystring: listRequestsQuery, response: { 200: reportRequestListResponse } } },
    async (req) => {
      const actor = actorOf(req);
      await loadCampaign(db, actor, req.query.campaignId);
      const world = await reportingWorld(db, req.query.campaignId, actor, req.ctx.now);
      if (!world) throw notFound();
      // A request is visible to whoever sees at least one organisation that owes it (or the issuer).
      const owed = new Set(world.slots.filter((s) => s.period.requestId !== null).map((s) => s.period.requestId));
      const rows = await requestsOfCampaign(db, req.query.campaignId);
      return {
        items: rows
          .filter((r) => owed.has(r.id) || world.orgs.has(r.orgId))
          .map((r) => ({
            id: r.id,
            campaignId: r.campaignId,
            orgId: r.orgId,
            orgName: r.issuerName,
            title: r.title,
            dueDate: r.dueDate,
            headings: r.headings,
            figureKeys: r.figureKeys,
            createdAt: r.createdAt,
          })),
      };
    },
  );

  app.post(
    '/api/report-requests',
    { schema: { tags, body: createRequestBody, response: { 201: reportRequestResponse } } },
    async (req, reply) => {
      const r = await createRequest(db, req.ctx, actorOf(req), req.body);
      return reply.code(201).send({
        id: r.id,
        campaignId: r.campaignId,
        orgId: r.orgId,
        orgName: r.orgName,
        title: r.title,
        dueDate: r.dueDate,
        headings: r.headings,
        figureKeys: r.figureKeys,
        createdAt: r.createdAt,
      });
    },
  );
}
