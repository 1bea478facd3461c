import {
  alertsEnv,
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
  ...alertsEnv,
  NOTIFIER_HTTP_PORT: portEnv.NOTIFIER_HTTP_PORT,
  // Where alerts' links point: the API as the people reading the alerts reach it.
  ALERTS_LINK_BASE_URL: z
    .url({ error: 'expected an http(s) URL' })
    .default('http://127.0.0.1:8081'),
  // A receiver that has not answered in this many ms has failed this attempt.
  ALERTS_TIMEOUT_MS: positiveInt(15_000),
  // A delivery still failing this many seconds after it was made is marked dead (24 h).
  ALERTS_DEAD_AFTER_S: positiveInt(86_400),
  // First retry delay in ms; it doubles per failure (with jitter) up to ALERTS_RETRY_MAX_MS.
  ALERTS_RETRY_BASE_MS: positiveInt(1_000),
  // The longest pause between two attempts at a failing destination, ms.
  ALERTS_RETRY_MAX_MS: positiveInt(60_000),
  // Webhook destinations without a pace of their own: sends per second, sustained.
  ALERTS_WEBHOOK_RATE_PER_S: z.coerce.number().positive().default(20),
  // ... and how many may go at once above that pace.
  ALERTS_WEBHOOK_BURST: positiveInt(20),
  // How long an alert may wait for the writer to store its call (numbers, start), ms.
  ALERTS_CALL_WAIT_MS: z.coerce.number().int().nonnegative().default(500),
  // Periodic re-read of the destinations, ms (a change's NOTIFY is the fast path).
  ALERTS_DESTINATIONS_RELOAD_MS: positiveInt(30_000),
  // How long a notifier's hold on sending a destination lasts unless renewed, ms: after a
  // crash, another instance (or the restarted one) takes the destination over this late.
  ALERTS_LEASE_MS: positiveInt(30_000),
  // Partitions of the rule-matches topic handled at once.
  NOTIFIER_CONCURRENCY: positiveInt(2),
});

export type Config = z.infer<typeof configSchema>;
