import { Partitioners, type Kafka, type Producer } from 'kafkajs';

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
