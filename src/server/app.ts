/**
 * Builds the Fastify application from the module registry (it does not listen; main.ts does). The request flow is:
 * onRequest (request id, language, clock) → preValidation (session, CSRF, account state: http/auth-hook.ts, so an
 * anonymous caller hears 401 before any 400) → zod validation → the module's handler (load scoped → authorise →
 * service → present) → one error handler for every failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerAuth } from './http/auth-hook.js';
import { databaseRateLimitStore } from './http/rate-limit-store.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerTextHygiene } from './http/text-hygiene.js';
import { cacheControlFor, sendEntryHtml } from './http/web-assets.js';
import { createSealer, loadDataKey, type Sealer } from './crypto/secrets.js';
import { createSender, type MessageSender } from './messaging/sender.js';
import type { App, Deps } from './deps.js';
import { databaseFault } from './db/faults.js';
import { AppError, conflict, invalid } from './errors.js';
import { langFromHeader } from './i18n/lang.js';
import { formatValidationIssues } from './i18n/validation.js';
import { fileOwnersOf, installModules, jobsOf, MODULES, type ModuleDefinition } from './modules/index.js';

/** Routes registered by third-party plugins in this scope (docs, static files) need no session. */
function markPublic(scope: App): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), auth: 'public' };
  });
}

export interface BuildOptions extends Omit<Deps, 'sender' | 'sealer' | 'fileOwners' | 'jobs'> {
  logger?: boolean;
  sender?: MessageSender;
  sealer?: Sealer;
  /** The module registry to build from (default: every module). */
  modules?: readonly ModuleDefinition[];
}

export async function buildApp(opts: BuildOptions): Promise<App> {
  const modules = opts.modules ?? MODULES;
  installModules(modules);
  const deps: Deps = {
    database: opts.database,
    config: opts.config,
    clock: opts.clock,
    sender: opts.sender ?? createSender(opts.config.messageSender),
    sealer: opts.sealer ?? createSealer(loadDataKey(opts.config)),
    fileOwners: fileOwnersOf(modules),
    jobs: jobsOf(modules),
  };
  const app = Fastify({
    logger: opts.logger ? { level: opts.config.logLevel } : false,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === 'true',
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON (and multipart for uploads) is accepted: a cross-site HTML form cannot send either without a
  // CORS preflight, which protects even the routes that come before a session (login).
  app.removeContentTypeParser('text/plain');

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Tuoguan 爱心托管服务平台 API', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tg_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(async (scope) => {
    markPublic(scope);
    await scope.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 5 * 1024 * 1024, files: 1 } });
  // Counts live in the database so that every instance behind a balancer counts together.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(deps.database.db, deps.clock) });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const lang = req.ctx?.lang ?? langFromHeader(req.headers['accept-language']);
    let e: AppError;
    if (err instanceof AppError) e = err;
    else if (hasZodFastifySchemaValidationErrors(err)) {
      e = new AppError('VALIDATION_FAILED', { details: formatValidationIssues(err.validation, err.validationContext) });
    } else if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause?.issues }, 'response did not match its schema');
      e = new AppError('INTERNAL');
    } else if (err.statusCode === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      e = new AppError('UNSUPPORTED_MEDIA_TYPE');
    else if (err.statusCode === 413) e = new AppError('PAYLOAD_TOO_LARGE');
    else if (err.statusCode === 429) {
      const seconds = String(reply.getHeader('retry-after') ?? '60');
      e = new AppError('RATE_LIMITED', { seconds });
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) e = new AppError('BAD_REQUEST');
    else if (databaseFault(err) === 'unavailable') {
      req.log.warn({ err: err.message }, 'database unavailable');
      e = new AppError('DATABASE_UNAVAILABLE', {}, { headers: { 'retry-after': '5' } });
    } else if (databaseFault(err) === 'badInput') {
      req.log.warn({ err: err.message }, 'a value the database cannot hold');
      e = invalid('有数值超出允许范围或格式无效', 'A value is out of range or malformed');
    } else if (databaseFault(err) === 'duplicate') {
      e = conflict('已存在相同的记录（名称或编号重复）', 'A record with the same name or number already exists');
    } else {
      req.log.error({ err }, 'unhandled error');
      e = new AppError('INTERNAL');
    }
    if (e.headers) reply.headers(e.headers);
    const body: Record<string, unknown> = { code: e.code, message: e.messageIn(lang), requestId: req.id };
    if (
      e.details !== undefined &&
      (e.code === 'IMPORT_INVALID' || e.code === 'CLASS_RULES_FAILING' || e.code === 'SELECTION_GATE_UNMET')
    )
      body.details = e.details;
    // Every refused input says which fields, each with its message: [{ path, message }] (empty when none is named).
    if (e.code === 'VALIDATION_FAILED') body.details = e.fieldIssuesIn(lang);
    return reply.code(e.statusCode).send(body);
  });

  registerTextHygiene(app);
  registerSecurityHeaders(app);
  await registerAuth(app, deps);
  for (const m of modules) for (const routes of m.routes ?? []) await routes(app, deps);

  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const webDist = opts.config.webDist;
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(async (scope) => {
      markPublic(scope);
      // wildcard: files are looked up per request, so a rebuilt UI is served without a restart.
      // Precompressed copies (.br/.gz, written at build) and a cache policy per file: hashed assets immutable, entry
      // pages and service workers revalidated (http/web-assets.ts).
      await scope.register(fastifyStatic, {
        root: webDist,
        prefix: '/',
        wildcard: true,
        index: ['index.html'],
        preCompressed: true,
        cacheControl: false,
        setHeaders: (reply, filePath) => reply.header('cache-control', cacheControlFor(filePath)),
      });
      // The door screen's service worker covers /door/ only: its page must be opened with the slash.
      scope.get('/door', { schema: { hide: true } }, (_req, reply) => reply.redirect('/door/'));
      scope.get('/inspect', { schema: { hide: true } }, (_req, reply) => reply.redirect('/inspect/'));
    });
  }
  app.setNotFoundHandler({ preHandler: undefined }, async (req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    const isApi = url.startsWith('/api/') || url === '/healthz' || url === '/readyz';
    // A missing asset (a path with a file extension) is a 404, never the app's HTML.
    const isFile = /\.[A-Za-z0-9]+$/.test(url) || url.startsWith('/assets/');
    if (!isApi && !isFile && req.method === 'GET' && hasWeb) {
      // The door screen (/door/, its own entry and service-worker scope) answers the paths under it.
      if (url.startsWith('/door/') && fs.existsSync(path.join(webDist, 'door/index.html')))
        return sendEntryHtml(req, reply, path.join(webDist, 'door/index.html'));
      // The inspector's phone form (/inspect/, its own entry and service-worker scope), likewise.
      if (url.startsWith('/inspect/') && fs.existsSync(path.join(webDist, 'inspect/index.html')))
        return sendEntryHtml(req, reply, path.join(webDist, 'inspect/index.html'));
      // The single-page app answers every other path; it routes on the client.
      return sendEntryHtml(req, reply, path.join(webDist, 'index.html'));
    }
    const lang = langFromHeader(req.headers['accept-language']);
    const e = new AppError('ROUTE_NOT_FOUND');
    return reply.code(404).send({ code: e.code, message: e.messageIn(lang), requestId: req.id });
  });

  return app;
}
