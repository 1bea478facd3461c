import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { createConsumer, runBatches, type PartitionBatch } from './batch-consumer.js';

export interface Worker {
  /** True once the consumer has joined its group (and not crashed since). */
  isReady: () => boolean;
  /** Stops fetching, lets the batch in flight finish and commit, leaves the group. */
  stop: () => Promise<void>;
}

/**
 * A consumer-group member that runs `handle` per partition batch (offsets committed after
 * it resolves); the analyzer and the writer are each one of these around their handler.
 */
export const startWorker = async ({
  kafka,
  groupId,
  topics,
  handle,
  logger,
  sessionTimeoutMs = 10_000, // a member silent this long is presumed dead
  concurrency = 2, // partitions handled at once
}: {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  handle: (batch: PartitionBatch) => Promise<void>;
  logger: Logger;
  sessionTimeoutMs?: number;
  concurrency?: number;
}): Promise<Worker> => {
  const consumer = createConsumer(kafka, { groupId, sessionTimeoutMs });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    joined = false;
    logger.error({ err: payload.error, restart: payload.restart }, 'consumer crashed');
    // kafkajs restarts the consumer after retriable errors; anything else needs a new process.
    if (!payload.restart) process.exit(1);
  });
  await consumer.connect();
  await runBatches({ consumer, topics, handle, partitionsConsumedConcurrently: concurrency });
  logger.info({ groupId, topics }, 'consuming');
  return { isReady: () => joined, stop: () => consumer.disconnect() };
};
