import { Counter, Histogram, type Registry } from '@callpulse/runtime';

export const createWriterMetrics = (registry: Registry) => ({
  records: new Counter({
    name: 'callpulse_writer_records_total',
    help: 'Kafka records written to Postgres, by topic',
    labelNames: ['topic'] as const,
    registers: [registry],
  }),
  batchSeconds: new Histogram({
    name: 'callpulse_writer_batch_seconds',
    help: 'Time to write one batch in one transaction',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  }),
  retries: new Counter({
    name: 'callpulse_writer_retries_total',
    help: 'Batch writes retried, by reason: database_unavailable, lock_conflict, data_error',
    labelNames: ['reason'] as const,
    registers: [registry],
  }),
  deadLetters: new Counter({
    name: 'callpulse_writer_dead_letters_total',
    help: 'Records sent to the dead-letter topic',
    registers: [registry],
  }),
});

export type WriterMetrics = ReturnType<typeof createWriterMetrics>;
