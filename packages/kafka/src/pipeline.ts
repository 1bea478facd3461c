import type { Logger } from '@callpulse/runtime';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { sendToDeadLetter } from './dead-letter.js';
import { createProducer, type ProducerHandle } from './producer.js';
import { allTopics, ensureTopics, topicNames, type TopicNames } from './topics.js';

/** Parks a message that cannot be processed, with its error, so its partition flows on. */
export type DeadLetter = (
  from: { topic: string; partition: number },
  message: KafkaMessage,
  error: string,
) => Promise<void>;

export interface PipelineConnection {
  topics: TopicNames;
  producer: ProducerHandle;
  deadLetter: DeadLetter;
}

/**
 * What a consuming service needs before it joins its group: the pipeline's topics (created
 * when missing) and a connected producer, for its output and its dead letters. `retry`
 * runs each step until Kafka takes it, so a service started before its broker waits.
 */
export const connectPipeline = async ({
  kafka,
  topicPrefix,
  numPartitions,
  replicationFactor,
  service,
  retry,
  logger,
}: {
  kafka: Kafka;
  topicPrefix: string;
  numPartitions: number;
  replicationFactor: number;
  service: string;
  retry: <T>(what: string, step: () => Promise<T>) => Promise<T>;
  logger: Logger;
}): Promise<PipelineConnection> => {
  const topics = topicNames(topicPrefix);
  await retry('creating Kafka topics', () =>
    ensureTopics(
      kafka,
      allTopics(topics).map((topic) => ({ topic, numPartitions, replicationFactor })),
    ),
  );
  const producer = createProducer(kafka, { logger });
  await retry('connecting to Kafka', () => producer.connect());
  return {
    topics,
    producer,
    deadLetter: (from, message, error) =>
      sendToDeadLetter({
        producer,
        deadLetterTopic: topics.deadLetter,
        from,
        message,
        error,
        service,
      }),
  };
};
