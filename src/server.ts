import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config/config.js';
import type { Storage } from './storage/database.js';

/**
 * Listens and shuts down gracefully: on SIGTERM/SIGINT stop accepting, let in-flight requests
 * finish, then close the database.
 */
export async function serve(config: Config, storage: Storage): Promise<FastifyInstance> {
  const { app } = await buildApp({ config, storage });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close();
      await storage.close();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  return app;
}
