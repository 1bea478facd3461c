import {
  commonEnv,
  consumerEnv,
  poolEnv,
  portEnv,
  positiveInt,
  topicEnv,
} from '@callpulse/runtime';
import { z } from 'zod';

export const configSchema = z.object({
  ...commonEnv,
  ...topicEnv,
  ...consumerEnv,
  ...poolEnv,
  WRITER_HTTP_PORT: portEnv.WRITER_HTTP_PORT,
  // Partitions written at once; each holds a database connection while it writes.
  WRITER_CONCURRENCY: positiveInt(3),
  // Tries of a record that fails with a data error before it goes to the dead-letter topic.
  WRITER_MAX_ATTEMPTS: positiveInt(3),
  // Days of call detail (events, fragments, scores, hits) kept, in whole UTC days of daily
  // partitions; 0 keeps everything. Older calls keep their call_sentiment figures,
  // summaries and rollups.
  RETENTION_DAYS: z.coerce.number().int().nonnegative().default(0),
});

export type Config = z.infer<typeof configSchema>;
