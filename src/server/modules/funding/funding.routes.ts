/**
 * /api/classes/{id}/ledger and /api/classes/{id}/budget: a class's money (经费). Scoped through the class (a class
 * outside the caller's subtree, or money the caller may not read, is "not found"); every answer carries the
 * caller's abilities.
 */
import { actorOf } from '../../request.js';
import { authorize } from '../../auth/policy.js';
import type { App, Deps } from '../../deps.js';
import { contentDisposition } from '../../http/contentDisposition.js';
import { openFileStore } from '../../storage/fileStore.js';
import { receiveUpload } from '../../storage/upload.js';
import { presentFile } from '../files/files.service.js';
import { ledgerWorkbook } from './funding.export.js';
import { fundingPolicy } from './funding.policy.js';
import {
  budgetBody,
  budgetResponse,
  classIdParams,
  entryParams,
  ledgerEntryBody,
  ledgerResponse,
  receiptResponse,
  reverseBody,
} from './funding.schema.js';
import {
  addEntry,
  addReceipt,
  loadFundingClass,
  presentBudget,
  presentLedger,
  reverseEntry,
  setBudget,
} from './funding.service.js';

export async function fundingRoutes(app: App, deps: Deps): Promise<void> {
  const db = deps.database.db;
  const store = openFileStore(deps.config);
  const tags = ['funding'];

  app.get(
    '/api/classes/:id/ledger',
    { schema: { tags, params: classIdParams, response: { 200: ledgerResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentLedger(db, actor, await loadFundingClass(db, actor, req.params.id));
    },
  );

  app.post(
    '/api/classes/:id/ledger',
    { schema: { tags, params: classIdParams, body: ledgerEntryBody, response: { 201: ledgerResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const fc = await loadFundingClass(db, actor, req.params.id);
      await addEntry(db, req.ctx, actor, fc, req.body);
      return reply.code(201).send(await presentLedger(db, actor, fc));
    },
  );

  app.post(
    '/api/classes/:id/ledger/:entryId/reverse',
    { schema: { tags, params: entryParams, body: reverseBody, response: { 201: ledgerResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const fc = await loadFundingClass(db, actor, req.params.id);
      await reverseEntry(db, req.ctx, actor, fc, req.params.entryId, req.body.reason);
      return reply.code(201).send(await presentLedger(db, actor, fc));
    },
  );

  app.post(
    '/api/classes/:id/ledger/receipts',
    { schema: { tags, params: classIdParams, consumes: ['multipart/form-data'], response: { 201: receiptResponse } } },
    async (req, reply) => {
      const actor = actorOf(req);
      // Authorise before reading the body: nobody makes the server take in a file they may not attach.
      const fc = await loadFundingClass(db, actor, req.params.id);
      authorize(fundingPolicy.record(actor, fc.ref), true);
      const received = await receiveUpload(req);
      return reply.code(201).send(presentFile(await addReceipt(db, store, req.ctx, fc, received)));
    },
  );

  app.get('/api/classes/:id/ledger/export', { schema: { tags, params: classIdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const fc = await loadFundingClass(db, actor, req.params.id);
    const book = await ledgerWorkbook(fc.row.name, await presentLedger(db, actor, fc));
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition('attachment', `${fc.row.name}-经费台账.xlsx`))
      .send(book);
  });

  app.get(
    '/api/classes/:id/budget',
    { schema: { tags, params: classIdParams, response: { 200: budgetResponse } } },
    async (req) => {
      const actor = actorOf(req);
      return presentBudget(db, actor, await loadFundingClass(db, actor, req.params.id));
    },
  );

  app.put(
    '/api/classes/:id/budget',
    { schema: { tags, params: classIdParams, body: budgetBody, response: { 200: budgetResponse } } },
    async (req) => {
      const actor = actorOf(req);
      const fc = await loadFundingClass(db, actor, req.params.id);
      await setBudget(db, req.ctx, actor, fc, req.body);
      return presentBudget(db, actor, fc);
    },
  );
}
