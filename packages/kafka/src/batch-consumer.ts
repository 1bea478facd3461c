import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { MAX_MESSAGE_BYTES } from './topics.js';

export type { KafkaMessage } from 'kafkajs';

export interface PartitionBatch {
  topic: string;
  partition: number;
  messages: KafkaMessage[];
  /** The partition's end when fetched: the batch's last offset + 1 here means caught up. */
  highWatermark: string;
  /** Call during long work so the group does not think this member died. */
  heartbeat: () => Promise<void>;
  /** False once the consumer is stopping or the partition was taken away. */
  isActive: () => boolean;
}

export const createConsumer = (
  kafka: Kafka,
  {
    groupId,
    sessionTimeoutMs = 30_000,
    heartbeatIntervalMs = 1_000,
  }: { groupId: string; sessionTimeoutMs?: number; heartbeatIntervalMs?: number },
): Consumer =>
  kafka.consumer({
    groupId,
    sessionTimeout: sessionTimeoutMs,
    heartbeatInterval: heartbeatIntervalMs,
    // Must be at least the largest message a topic accepts, or such a message stalls.
    maxBytesPerPartition: MAX_MESSAGE_BYTES,
    maxBytes: 4 * MAX_MESSAGE_BYTES,
    retry: { retries: 10 },
  });

/**
 * Runs `handle` per partition batch and commits the batch's offsets only after `handle`
 * resolved: its output is durable by then (a Kafka ack, a database commit). A throw
 * leaves the offsets where they were, so the batch is delivered again.
 */
export const runBatches = async ({
  consumer,
  topics,
  handle,
  partitionsConsumedConcurrently = 2, // overlaps one partition's I/O with another's work
}: {
  consumer: Consumer;
  topics: string[];
  handle: (batch: PartitionBatch) => Promise<void>;
  partitionsConsumedConcurrently?: number;
}): Promise<void> => {
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently,
    eachBatch: async (payload) => {
      const { batch } = payload;
      const last = batch.messages.at(-1);
      if (!last) return;
      await handle({
        topic: batch.topic,
        partition: batch.partition,
        messages: batch.messages,
        highWatermark: batch.highWatermark,
        heartbeat: () => payload.heartbeat(),
        isActive: () => payload.isRunning() && !payload.isStale(),
      });
      payload.resolveOffset(last.offset);
      if (payload.isStale()) return; // another member owns it now and will replay from the commit
      await consumer.commitOffsets([
        {
          topic: batch.topic,
          partition: batch.partition,
          offset: (BigInt(last.offset) + 1n).toString(),
        },
      ]);
    },
  });
};
