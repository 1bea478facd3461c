import type { Kafka } from 'kafkajs';
import { backoffMs, type Logger } from '@callpulse/runtime';
import { silentTwin } from './client.js';

/**
 * Resolves once the broker's group coordinator answers for `groupId`. On a new broker the
 * coordinator spends a few seconds loading `__consumer_offsets`; a consumer started then
 * crashes with "The coordinator is loading" and kafkajs logs that as an error with a
 * stack trace. Waiting here, quietly, makes a normal first start look normal.
 */
export const waitForGroupCoordinator = async ({
  kafka,
  groupId,
  logger,
  maxDelayMs = 30_000, // the longest pause between two probes
}: {
  kafka: Kafka;
  groupId: string;
  logger: Logger;
  maxDelayMs?: number;
}): Promise<void> => {
  const admin = silentTwin(kafka).admin();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.connect();
        await admin.describeGroups([groupId]);
        if (attempt > 0) logger.info({ groupId }, "Kafka's group coordinator is ready");
        return;
      } catch {
        if (attempt === 0) logger.info({ groupId }, "waiting for Kafka's group coordinator");
        await new Promise((r) =>
          setTimeout(r, backoffMs(attempt, { baseMs: 500, maxMs: maxDelayMs })),
        );
      }
    }
  } finally {
    await admin.disconnect().catch(() => {});
  }
};

/**
 * Resolves once the broker can give an idempotent producer its id. On a new broker that
 * waits for `__transaction_state` to load, and kafkajs logs the refusals meanwhile as
 * errors; a silent producer asks first, so a normal first start logs none.
 */
export const waitForProducerId = async ({
  kafka,
  logger,
  maxDelayMs = 30_000, // the longest pause between two probes
}: {
  kafka: Kafka;
  logger: Logger;
  maxDelayMs?: number;
}): Promise<void> => {
  const twin = silentTwin(kafka);
  for (let attempt = 0; ; attempt++) {
    // kafkajs refuses an idempotent producer that may not retry; once is enough here.
    const probe = twin.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: 1, maxRetryTime: 1_000 },
    });
    try {
      await probe.connect();
      if (attempt > 0) logger.info("Kafka's transaction coordinator is ready");
      return;
    } catch {
      if (attempt === 0) logger.info("waiting for Kafka's transaction coordinator");
      await new Promise((r) =>
        setTimeout(r, backoffMs(attempt, { baseMs: 500, maxMs: maxDelayMs })),
      );
    } finally {
      await probe.disconnect().catch(() => {});
    }
  }
};
