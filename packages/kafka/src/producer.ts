import { Partitioners, type Kafka, type Producer } from 'kafkajs';

/**
 * The one way we produce: idempotent, acks = all, and the Java client's murmur2
 * partitioner named explicitly, so a key maps to the same partition from any client.
 */
export const createProducer = (
  kafka: Kafka,
  { retries = 5, maxRetryTimeMs = 10_000 }: { retries?: number; maxRetryTimeMs?: number } = {},
): Producer =>
  kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries, maxRetryTime: maxRetryTimeMs },
  });
