import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** One logger per process; modules take `logger.child({ component })`. */
export const createLogger = ({
  service,
  level = 'info',
}: {
  service: string;
  level?: string;
}): Logger => pino({ name: service, level, base: { service, pid: process.pid } });
