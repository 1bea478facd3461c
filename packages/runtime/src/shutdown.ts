import type { Logger } from 'pino';

/**
 * SIGTERM/SIGINT: stop taking work, finish what is in flight, exit 0. A second signal,
 * or `graceMs` passing, exits at once with 1 so an orchestrator is never kept waiting.
 */
export const onShutdown = (
  logger: Logger,
  stop: () => Promise<void>,
  { graceMs = 10_000 }: { graceMs?: number } = {}, // hard limit for a clean stop
): void => {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ graceMs }, 'clean shutdown took too long; exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    stop().then(
      () => {
        logger.info('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  // Run by a supervisor with an IPC channel (`callpulse stack`): if it goes away, stop too.
  if (process.connected) process.on('disconnect', () => handler('SIGTERM'));
};

/** Unexpected errors are logged and end the process: a supervisor restarts it clean. */
export const exitOnFatal = (logger: Logger): void => {
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled rejection');
    process.exit(1);
  });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });
};

/** Start-up cannot go on (a dependency is unreachable): one fatal log line, exit 1. */
export const exitWith = (logger: Logger, message: string): never => {
  logger.fatal(message);
  process.exit(1);
};
