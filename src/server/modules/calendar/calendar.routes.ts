/**
 * /api/calendar: the national calendar the city enters for years the bundled data does not know (read by anyone
 * signed in, since every class page counts working days with it; changed only by the city administrator).
 */
import { z } from 'zod';
import type { App, Deps } from '../../deps.js';
import { actorOf } from '../../request.js';
import { readOfficialXlsx } from './calendar.xlsx.js';
import {
  calendarCoverageQuery,
  calendarCoverageResponse,
  calendarImportBody,
  calendarListResponse,
  calendarYearBody,
  calendarYearParams,
  calendarYearResponse,
} from './calendar.schema.js';
import {
  calendarPolicy,
  calendarYear,
  listCalendarYears,
  readImportedList,
  saveCalendarYear,
  uncoveredYearsOf,
} from './calendar.service.js';
import { receiveUpload } from '../../storage/upload.js';
import { authorize } from '../../auth/policy.js';

export async function calendarRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const tags = ['calendar'];

  app.get('/api/calendar', { schema: { tags, response: { 200: calendarListResponse } } }, async (req) => ({
    years: await listCalendarYears(db, req.ctx.now),
    abilities: { manage: calendarPolicy.manage(actorOf(req)) },
  }));

  app.get(
    '/api/calendar/coverage',
    { schema: { tags, querystring: calendarCoverageQuery, response: { 200: calendarCoverageResponse } } },
    async (req) => ({
      uncoveredYears: await uncoveredYearsOf(db, req.query.start, req.query.end, req.query.campaignId),
    }),
  );

  app.get(
    '/api/calendar/:year',
    { schema: { tags, params: calendarYearParams, response: { 200: calendarYearResponse } } },
    async (req) => calendarYear(db, req.params.year),
  );

  app.put(
    '/api/calendar/:year',
    { schema: { tags, params: calendarYearParams, body: calendarYearBody, response: { 200: calendarYearResponse } } },
    async (req) => saveCalendarYear(db, req.ctx, actorOf(req), req.params.year, req.body),
  );

  /** A pasted list: read and saved in one step (the page previews it first with `dryRun`). */
  app.post(
    '/api/calendar/:year/import',
    {
      schema: {
        tags,
        params: calendarYearParams,
        querystring: z.object({ dryRun: z.enum(['1', 'true']).optional() }),
        body: calendarImportBody,
        response: { 200: calendarYearResponse },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      authorize(calendarPolicy.manage(actor), true);
      const parsed = readImportedList(req.params.year, req.body.text);
      if (req.query.dryRun)
        return {
          year: req.params.year,
          bundled: false,
          covered: true,
          entered: { ...parsed, updatedAt: req.ctx.now.toISOString() },
        };
      return saveCalendarYear(db, req.ctx, actor, req.params.year, parsed);
    },
  );

  /** A simple spreadsheet (date | 休/班 per row), read like a pasted list and saved. */
  app.post(
    '/api/calendar/:year/xlsx',
    {
      schema: {
        tags,
        params: calendarYearParams,
        consumes: ['multipart/form-data'],
        response: { 200: calendarYearResponse },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      authorize(calendarPolicy.manage(actor), true);
      const received = await receiveUpload(req);
      const text = await readOfficialXlsx(received.bytes);
      return saveCalendarYear(db, req.ctx, actor, req.params.year, readImportedList(req.params.year, text));
    },
  );
}
