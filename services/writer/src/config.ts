import { commonEnv, port, positiveInt } from '@callpulse/runtime';
import { z } from 'zod';

export const configSchema = z.object({
  ...commonEnv,
  // /healthz, /readyz and /metrics.
  WRITER_HTTP_PORT: port(8083),
  // Partitions written at once; each holds a database connection while it writes.
  WRITER_CONCURRENCY: positiveInt(3),
  // Tries of a record that fails with a data error before it goes to the dead-letter topic.
  WRITER_MAX_ATTEMPTS: positiveInt(3),
  DATABASE_POOL_SIZE: positiveInt(5),
  // A member silent this long is presumed dead and its partitions move to others.
  KAFKA_SESSION_TIMEOUT_MS: positiveInt(10_000),
  KAFKA_PARTITIONS: positiveInt(6),
  KAFKA_REPLICATION_FACTOR: positiveInt(1),
});

export type Config = z.infer<typeof configSchema>;
