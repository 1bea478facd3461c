import { Counter, Histogram, type Registry } from '@callpulse/runtime';

export const createNotifierMetrics = (registry: Registry) => ({
  enqueued: new Counter({
    name: 'callpulse_notifier_alerts_enqueued_total',
    help: 'Alerts made from rule matches (a repeat of one already stored counts again, stores nothing)',
    registers: [registry],
  }),
  attempts: new Counter({
    name: 'callpulse_notifier_attempts_total',
    help: 'Send attempts, by destination and outcome (delivered, failed, dead)',
    labelNames: ['destination', 'outcome'] as const,
    registers: [registry],
  }),
  latency: new Histogram({
    name: 'callpulse_notifier_alert_latency_seconds',
    help: "From the triggering webhook's receipt by ingest to the receiver's 2xx",
    labelNames: ['type'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    registers: [registry],
  }),
  deadLetters: new Counter({
    name: 'callpulse_notifier_dead_letters_total',
    help: 'Rule-match records that could not be read, sent to the dead-letter topic',
    registers: [registry],
  }),
});

export type NotifierMetrics = ReturnType<typeof createNotifierMetrics>;
