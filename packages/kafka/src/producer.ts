import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { OutgoingMessage } from './batching-publisher.js';

/**
 * The one way we produce: idempotent, acks = all, and the Java client's murmur2
 * partitioner named explicitly, so a key maps to the same partition from any client.
 * An idempotent producer retries without limit (a gap in its sequence numbers would
 * break the guarantee); callers bound how long *they* wait, not how long it tries.
 */
export const createProducer = (
  kafka: Kafka,
  { maxRetryTimeMs = 5_000 }: { maxRetryTimeMs?: number } = {}, // longest pause between tries
): Producer =>
  kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: maxRetryTimeMs },
  });

/**
 * Sends messages to one topic and resolves once every in-sync replica has them
 * (acks = all): only then may a consumer commit the input they were made from.
 */
export const sendAcked = async (
  producer: Producer,
  topic: string,
  messages: OutgoingMessage[],
): Promise<void> => {
  await producer.send({ topic, acks: -1, messages });
};
