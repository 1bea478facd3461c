import { randomBytes } from 'node:crypto';
import {
  allTopics,
  createConsumer,
  createKafka,
  ensureTopics,
  topicNames,
  type Kafka,
  type KafkaMessage,
} from '@callpulse/kafka';
import { createLogger } from '@callpulse/runtime';
import { inject } from 'vitest';

/** Topic names no other test or run uses. */
export const uniquePrefix = (): string => `test.${randomBytes(4).toString('hex')}.`;

export const testKafka = (brokers = inject('kafkaBrokers')): Kafka =>
  createKafka({
    brokers: brokers.split(','),
    clientId: 'callpulse-test',
    logger: createLogger({ service: 'test', level: 'error' }),
  });

export const createTestTopics = async (kafka: Kafka, prefix: string, numPartitions = 3) => {
  const topics = topicNames(prefix);
  await ensureTopics(
    kafka,
    allTopics(topics).map((topic) => ({ topic, numPartitions })),
  );
  return topics;
};

/** Every message on a topic right now, read by a throwaway consumer group. */
export const readTopic = async (
  kafka: Kafka,
  topic: string,
  { expect, timeoutMs = 15_000 }: { expect: number; timeoutMs?: number },
): Promise<KafkaMessage[]> => {
  const consumer = createConsumer(kafka, {
    groupId: `test-reader-${randomBytes(4).toString('hex')}`,
  });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let done: () => void = () => {};
  const enough = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    eachMessage: ({ message }) => {
      messages.push(message);
      if (messages.length >= expect) done();
      return Promise.resolve();
    },
  });
  await Promise.race([enough, new Promise((r) => setTimeout(r, timeoutMs))]);
  // Linger a little: more than expected would be a bug worth seeing.
  await new Promise((r) => setTimeout(r, 500));
  await consumer.disconnect();
  return messages;
};
