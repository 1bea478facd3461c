import { Counter, Histogram, type Registry } from '@callpulse/runtime';

export const createIngestMetrics = (registry: Registry) => ({
  requests: new Counter({
    name: 'callpulse_ingest_requests_total',
    help: 'Webhook requests by HTTP status and event type',
    labelNames: ['status', 'event_type'] as const,
    registers: [registry],
  }),
  publishSeconds: new Histogram({
    name: 'callpulse_ingest_publish_seconds',
    help: 'Time from a validated webhook to Kafka acknowledging it',
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  }),
  batchSize: new Histogram({
    name: 'callpulse_ingest_batch_size',
    help: 'Events per Kafka produce request',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
    registers: [registry],
  }),
  spooled: new Counter({
    name: 'callpulse_ingest_spooled_total',
    help: 'Events written to the outage spool because Kafka could not take them in time',
    registers: [registry],
  }),
  batchFailures: new Counter({
    name: 'callpulse_ingest_batch_failures_total',
    help: 'Produce requests Kafka did not acknowledge',
    registers: [registry],
  }),
});

export type IngestMetrics = ReturnType<typeof createIngestMetrics>;
