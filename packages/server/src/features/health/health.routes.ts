import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { Health } from '@nghiemthu/shared';
import { APP_VERSION } from '../../app.js';
import type { Database } from '../../db/client.js';

export const healthRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  app.get('/health', {
    schema: { tags: ['health'], summary: 'Liveness and database check', response: { 200: Health } },
  }, async () => {
    await database.db.execute(sql`select 1`);
    return { status: 'ok' as const, database: database.kind, version: APP_VERSION, time: new Date().toISOString() };
  });
};
