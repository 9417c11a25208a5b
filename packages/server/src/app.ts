import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerOpenApiComponents } from './lib/openapi-components.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Clock } from './lib/clock.js';
import { installErrorHandler } from './lib/error-handler.js';
import { validatorCompiler } from './lib/validation.js';
import { installSessionHooks } from './features/auth/session-hooks.js';
import { createServices, type Services } from './services.js';
import { agenciesRoutes } from './features/agencies/agencies.routes.js';
import { agenciesTransferRoutes } from './features/agencies/agencies-transfer.routes.js';
import { auditRoutes } from './features/audit/audit.routes.js';
import { delegationsRoutes } from './features/delegations/delegations.routes.js';
import { authRoutes } from './features/auth/auth.routes.js';
import { calendarRoutes } from './features/calendar/calendar.routes.js';
import { catalogueRoutes } from './features/catalogue/catalogue.routes.js';
import { catalogueTransferRoutes } from './features/catalogue/catalogue-transfer.routes.js';
import { filesRoutes } from './features/files/files.routes.js';
import { healthRoutes } from './features/health/health.routes.js';
import { informationSystemsRoutes } from './features/information-systems/information-systems.routes.js';
import { notificationsRoutes } from './features/notifications/notifications.routes.js';
import { acceptanceSettingsRoutes } from './features/acceptance-settings/acceptance-settings.routes.js';
import { councilsRoutes } from './features/councils/councils.routes.js';
import { integrityRoutes } from './features/integrity/integrity.routes.js';
import { dispositionRoutes } from './features/disposition/disposition.routes.js';
import { archivalTransferRoutes } from './features/archival-transfer/archival-transfer.routes.js';
import { recordsRoutes } from './features/records/records.routes.js';
import { documentSignaturesRoutes } from './features/records/document-signatures.routes.js';
import { scansRoutes } from './features/records/scans.routes.js';
import { searchRoutes } from './features/search/search.routes.js';
import { signaturesRoutes } from './features/signatures/signatures.routes.js';
import { dossiersRoutes } from './features/dossiers/dossiers.routes.js';
import { ordersRoutes } from './features/orders/orders.routes.js';
import { tasksRoutes } from './features/tasks/tasks.routes.js';
import { usersRoutes } from './features/users/users.routes.js';
import type { BlobStore } from './features/files/blob-store.js';

export type AppDeps = { config: Config; database: Database; clock: Clock; storage: BlobStore };

export type App = FastifyInstance & { services: Services };

export const APP_VERSION = '0.1.0';

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config } = deps;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.bodyMaxBytes,
    trustProxy: config.trustProxy,
    // Accept-Language and cookies can be long; the rest of the defaults are fine.
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, config);

  const services = createServices(deps);
  app.decorate('services', services);

  await app.register(fastifyCookie);
  // Only routes that opt in (sign-in) are limited; the store is per process, the account lockout is shared.
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10, fieldSize: 10_000, parts: 12 },
    throwFileSizeLimit: true,
  });
  registerOpenApiComponents();
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'NghiemThu API',
        version: APP_VERSION,
        description:
          'Nghiệm thu dịch vụ công CNTT / Acceptance of public IT services. Errors: `{ "error": { "code", "message", "details"? } }`; ' +
          'messages in Vietnamese, or English with `Accept-Language: en`. State-changing requests made with the session cookie must send `x-csrf-token` (from /api/auth/me).',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'nt_session' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  installSessionHooks(app, services.auth, config);

  // One line per feature.
  await app.register(healthRoutes, { prefix: '/api', database: deps.database });
  await app.register(authRoutes, { prefix: '/api' });
  await app.register(agenciesRoutes, { prefix: '/api' });
  await app.register(agenciesTransferRoutes, { prefix: '/api' });
  await app.register(usersRoutes, { prefix: '/api' });
  await app.register(auditRoutes, { prefix: '/api' });
  await app.register(filesRoutes, { prefix: '/api' });
  await app.register(tasksRoutes, { prefix: '/api' });
  await app.register(informationSystemsRoutes, { prefix: '/api' });
  await app.register(catalogueRoutes, { prefix: '/api' });
  await app.register(catalogueTransferRoutes, { prefix: '/api' });
  await app.register(calendarRoutes, { prefix: '/api' });
  await app.register(delegationsRoutes, { prefix: '/api' });
  await app.register(ordersRoutes, { prefix: '/api' });
  await app.register(dossiersRoutes, { prefix: '/api' });
  await app.register(councilsRoutes, { prefix: '/api' });
  await app.register(recordsRoutes, { prefix: '/api' });
  await app.register(integrityRoutes, { prefix: '/api' });
  await app.register(dispositionRoutes, { prefix: '/api' });
  await app.register(archivalTransferRoutes, { prefix: '/api' });
  await app.register(signaturesRoutes, { prefix: '/api' });
  await app.register(searchRoutes, { prefix: '/api' });
  await app.register(scansRoutes, { prefix: '/api' });
  await app.register(documentSignaturesRoutes, { prefix: '/api' });
  await app.register(acceptanceSettingsRoutes, { prefix: '/api' });
  await app.register(notificationsRoutes, { prefix: '/api' });

  await serveWebApp(app, config.webDistDir);
  return app as unknown as App;
}

/** Serves the built React app; any non-API GET falls back to index.html so deep links work. */
async function serveWebApp(app: FastifyInstance, distDir: string) {
  const indexFile = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    app.log.warn(`web app not built (${indexFile} missing): run npm run build --workspace @nghiemthu/web`);
    return;
  }
  await app.register(fastifyStatic, { root: distDir, prefix: '/', wildcard: false, index: false });
  const serveIndex = (_req: unknown, reply: { header: (k: string, v: string) => unknown; sendFile: (f: string) => unknown }) => {
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  };
  app.get('/', serveIndex as never);
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/')) return reply.callNotFound();
    const file = path.join(distDir, decodeURIComponent(request.url.split('?')[0] ?? '/'));
    if (file.startsWith(distDir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      // Hashed asset names never change content: cache them for a year.
      if (request.url.startsWith('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
      return reply.sendFile(path.relative(distDir, file));
    }
    return serveIndex(request, reply as never);
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}
