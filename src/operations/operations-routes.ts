import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import { AppError } from '../http/app-error.js';
import { migrationsAreCurrent, type Storage } from '../storage/database.js';
import { metricsText } from './cluster-metrics.js';
import type { Metrics } from './metrics.js';

export interface OperationsOptions {
  storage: Storage;
  metrics: Metrics;
  /** Bearer token for /metrics; unset keeps the endpoint closed (404). */
  metricsToken: string | undefined;
  /** Extra readiness checks (e.g. Redis), each resolving to true when healthy. */
  readinessChecks?: Record<string, () => Promise<boolean>>;
  /** True once the process is shutting down (see `server.ts`). */
  draining?: () => boolean;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Health and readiness for load balancers, and Prometheus metrics. */
async function operations(app: FastifyInstance, opts: OperationsOptions) {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    opts.metrics.observeRequest(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
  });

  app.get('/healthz', async (_request, reply) =>
    reply.type('application/json').send({ status: 'ok' }),
  );

  app.get('/readyz', async (_request, reply) => {
    // Alive (healthz) but leaving: the load balancer MUST stop sending it traffic. Checked first,
    // as the database may already be closing.
    if (opts.draining?.()) return reply.code(503).send({ status: 'draining', checks: {} });
    const checks: Record<string, boolean> = {};
    try {
      await sql`select 1`.execute(opts.storage.db);
      checks.database = true;
      checks.migrations = await migrationsAreCurrent(opts.storage);
    } catch {
      checks.database = false;
    }
    for (const [name, check] of Object.entries(opts.readinessChecks ?? {})) {
      checks[name] = await check().catch(() => false);
    }
    const ready = Object.values(checks).every(Boolean);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });

  app.get('/metrics', async (request, reply) => {
    if (!opts.metricsToken)
      throw new AppError('NOT_FOUND', 'Metrics are disabled; set METRICS_TOKEN.');
    if (!tokenMatches(request.headers.authorization, opts.metricsToken)) {
      throw new AppError('UNAUTHORIZED', 'A valid metrics token is required.');
    }
    return reply.type(opts.metrics.registry.contentType).send(await metricsText(opts.metrics));
  });
}

/** Not encapsulated: the latency hook must see every route of the app. */
export const operationsRoutes = fp(operations, { name: 'newsdesk-operations' });
