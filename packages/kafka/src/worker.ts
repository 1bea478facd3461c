import type { Consumer, Kafka } from 'kafkajs';
import { backoffMs, type Logger } from '@callpulse/runtime';
import { createConsumer, runBatches, type PartitionBatch } from './batch-consumer.js';
import { waitForGroupCoordinator } from './coordinator.js';

export interface TopicPartition {
  topic: string;
  partition: number;
}

/**
 * Whether the group has committed everything `topic`'s `partition` holds now: nothing
 * is waiting there to be consumed. Asked of the broker by a short-lived admin client.
 */
export const isCaughtUp = async ({
  kafka,
  groupId,
  topic,
  partition,
}: { kafka: Kafka; groupId: string } & TopicPartition): Promise<boolean> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [committed, ends] = await Promise.all([
      admin.fetchOffsets({ groupId, topics: [topic] }),
      admin.fetchTopicOffsets(topic),
    ]);
    const end = ends.find((o) => o.partition === partition)?.high;
    const done = committed
      .find((t) => t.topic === topic)
      ?.partitions.find((p) => p.partition === partition)?.offset;
    if (end === undefined) return false;
    // "-1": nothing committed yet; caught up only if the partition is empty.
    return BigInt(done === undefined || done === '-1' ? '0' : done) >= BigInt(end);
  } finally {
    await admin.disconnect();
  }
};

export interface Worker {
  /** True once the consumer has joined its group, and not since crashed or been recreated. */
  isReady: () => boolean;
  /** Stops fetching, lets the batch in flight finish and commit, leaves the group. */
  stop: () => Promise<void>;
}

/**
 * A consumer-group member that runs `handle` per partition batch (offsets committed after
 * it resolves); the analyzer and the writer are each one of these around their handler.
 *
 * It outlives a Kafka outage of any length. kafkajs restarts its consumer after retriable
 * errors by itself, but gives up for good once its own retries run out (after about 30 s:
 * "Failed to find group coordinator"); then this worker builds a new consumer, again and
 * again with capped backoff, and reports not-ready until one has joined the group.
 */
export const startWorker = async ({
  kafka,
  groupId,
  topics,
  handle,
  logger,
  sessionTimeoutMs = 10_000, // a member silent this long is presumed dead
  concurrency = 2, // partitions handled at once
  maxRestartDelayMs = 30_000, // the longest pause between two attempts to rejoin
  onJoin = () => {},
}: {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  handle: (batch: PartitionBatch) => Promise<void>;
  logger: Logger;
  sessionTimeoutMs?: number;
  concurrency?: number;
  maxRestartDelayMs?: number;
  /**
   * Called on every (re)join with the partitions now held: partitions may have moved, so
   * per-partition caches are stale.
   */
  onJoin?: (assigned: TopicPartition[]) => void;
}): Promise<Worker> => {
  let consumer: Consumer | null = null;
  let joined = false;
  let stopping = false;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | null = null;

  const start = async (): Promise<void> => {
    const next = createConsumer(kafka, { groupId, sessionTimeoutMs });
    consumer = next;
    next.on(next.events.GROUP_JOIN, ({ payload }) => {
      if (consumer !== next) return;
      if (failures > 0) logger.info({ groupId }, 'rejoined the consumer group');
      joined = true;
      failures = 0;
      onJoin(
        Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) =>
          partitions.map((partition) => ({ topic, partition })),
        ),
      );
    });
    next.on(next.events.CRASH, ({ payload }) => {
      if (consumer !== next) return;
      joined = false;
      if (payload.restart) {
        logger.warn({ err: payload.error, groupId }, 'consumer restarting after a Kafka error');
      } else {
        logger.warn({ err: payload.error, groupId }, 'consumer gave up; building a new one');
        scheduleRestart();
      }
    });
    await next.connect();
    await runBatches({
      consumer: next,
      topics,
      handle,
      partitionsConsumedConcurrently: concurrency,
    });
  };

  const scheduleRestart = (): void => {
    if (stopping || retryTimer) return;
    const delay = backoffMs(failures++, { baseMs: 1_000, maxMs: maxRestartDelayMs });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      const old = consumer;
      void (old ? old.disconnect().catch(() => {}) : Promise.resolve())
        .then(() => (stopping ? undefined : start()))
        .catch((error: unknown) => {
          logger.warn({ err: error, groupId, failures }, 'Kafka still unavailable; retrying');
          scheduleRestart();
        });
    }, delay);
  };

  await waitForGroupCoordinator({ kafka, groupId, logger, maxDelayMs: maxRestartDelayMs });
  await start().catch((error: unknown) => {
    logger.warn({ err: error, groupId }, 'could not start consuming yet; retrying');
    scheduleRestart();
  });
  logger.info({ groupId, topics }, 'consuming');
  return {
    isReady: () => joined,
    stop: async () => {
      stopping = true;
      if (retryTimer) clearTimeout(retryTimer);
      joined = false;
      await consumer?.disconnect();
    },
  };
};
