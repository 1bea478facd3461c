import type { Server } from 'node:http';
import type Koa from 'koa';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import { backoffMs } from './backoff.js';
import { ConfigError, parseConfig } from './config.js';
import { createLogger } from './logger.js';
import { createMetricsRegistry } from './metrics.js';
import { createServiceApp } from './http-app.js';
import { exitOnFatal, exitWith, onShutdown } from './shutdown.js';

export interface Probes {
  /** From now on /readyz asks `isReady`; until this is called it answers not ready. */
  readyWhen: (isReady: () => boolean) => void;
}

export interface Service<C> {
  /** The service's name: its logs, metrics, Kafka client id and consumer group say it. */
  name: string;
  config: C;
  logger: Logger;
  registry: Registry;
  /** Adds a clean-up step for SIGTERM; steps run in the order they were added. */
  onStop: (step: () => Promise<void>) => void;
  /**
   * Adds a step run at SIGTERM before the servers stop listening: ends long-lived answers
   * (event streams) that would otherwise keep a server from closing.
   */
  onClosing: (step: () => void) => void;
  /** Listens; at SIGTERM the server stops taking requests before any step runs. */
  listen: (app: Koa, at: { port: number; host?: string }) => Promise<Server>;
  /**
   * For services with no HTTP API of their own: /healthz, /readyz and /metrics on `port`,
   * listening at once, so a service waiting for a dependency is seen alive and not ready.
   */
  serveProbes: (at: { port: number; dependency: string }) => Promise<Probes>;
  /** Start-up cannot go on (a database unreachable): one fatal line, exit 1. */
  fail: (error: Error) => never;
  /**
   * Runs a start-up step that needs Kafka (or another dependency that comes and goes)
   * until it succeeds, with capped backoff: a service started before its broker waits
   * for it instead of exiting.
   */
  untilItWorks: <T>(what: string, step: () => Promise<T>) => Promise<T>;
}

/**
 * What every service's main.ts does first: parse the environment with the service's
 * schema (a bad value stops start-up with every problem listed), build the one logger
 * and metrics registry, route fatal errors to a clean exit and SIGTERM to the stop steps.
 */
export const startService = <S extends z.ZodType>({
  name,
  configSchema,
  env = process.env,
  maxRetryDelayMs = 30_000, // the longest pause between two start-up attempts
}: {
  name: string;
  configSchema: S;
  env?: Record<string, string | undefined>;
  maxRetryDelayMs?: number;
}): Service<z.infer<S>> => {
  let config: z.infer<S>;
  try {
    config = parseConfig(configSchema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${name}: ${error.message}\n`);
    process.exit(1);
  }
  const level = (config as { LOG_LEVEL?: string }).LOG_LEVEL ?? 'info';
  const logger = createLogger({ service: name, level });
  exitOnFatal(logger);
  const registry = createMetricsRegistry(name);

  const servers: Server[] = [];
  const steps: (() => Promise<void>)[] = [];
  const closingSteps: (() => void)[] = [];
  let closing = false;
  onShutdown(logger, async () => {
    closing = true;
    for (const step of closingSteps) step();
    await Promise.all(
      servers.map((server) => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // A client that keeps its connections alive under load would hold them open:
        // each answer from now on closes its connection, and idle ones are closed as
        // soon as they are idle, so closing takes one request's time, not a keep-alive's.
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        server.closeIdleConnections();
        return closed.finally(() => clearInterval(idle));
      }),
    );
    for (const step of steps) await step();
  });

  const listen: Service<z.infer<S>>['listen'] = (app, { port, host }) =>
    new Promise((resolve, reject) => {
      const server = app.listen(port, host);
      server.on('request', (_req, res: { shouldKeepAlive: boolean }) => {
        if (closing) res.shouldKeepAlive = false;
      });
      server.once('error', reject);
      server.once('listening', () => {
        const address = server.address();
        const bound = typeof address === 'object' && address ? address.port : port;
        logger.info({ port: bound, host }, `${name} listening on ${host ?? '0.0.0.0'}:${bound}`);
        servers.push(server);
        resolve(server);
      });
    });

  return {
    name,
    config,
    logger,
    registry,
    onStop: (step) => void steps.push(step),
    onClosing: (step) => void closingSteps.push(step),
    listen,
    serveProbes: async ({ port, dependency }) => {
      let isReady = () => false;
      const app = createServiceApp({ logger, registry, isReady: () => isReady(), dependency });
      await listen(app, { port });
      return { readyWhen: (check) => void (isReady = check) };
    },
    fail: (error) => exitWith(logger, error.message),
    untilItWorks: async (what, step) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await step();
        } catch (error) {
          const delayMs = backoffMs(attempt, { baseMs: 1_000, maxMs: maxRetryDelayMs });
          logger.warn({ err: error, attempt, delayMs }, `${what} failed; retrying`);
          await new Promise((r) => setTimeout(r, delayMs));
        }
      }
    },
  };
};
