import type { Service } from '@callpulse/runtime';
import type { PartitionBatch } from './batch-consumer.js';
import { createKafka } from './client.js';
import { connectPipeline, type PipelineConnection } from './pipeline.js';
import type { TopicNames } from './topics.js';
import { isCaughtUp, startWorker, type TopicPartition, type Worker } from './worker.js';

/** The Kafka settings of a consuming service, as its config parses them. */
export interface PipelineSettings {
  KAFKA_BROKERS: string[];
  KAFKA_TOPIC_PREFIX: string;
  KAFKA_PARTITIONS: number;
  KAFKA_REPLICATION_FACTOR: number;
  KAFKA_SESSION_TIMEOUT_MS: number;
}

/**
 * A consuming service's whole Kafka side (analyzer, writer): topics ensured, a producer
 * for output and dead letters, and a group member `<prefix><service name>` running the
 * handler the service builds from that connection. `stop` leaves the group after the
 * batch in flight has committed, then disconnects the producer.
 */
export const startPipelineWorker = async (
  service: Service<PipelineSettings>,
  {
    concurrency,
    subscribe,
    handler,
    onJoin,
  }: {
    concurrency: number; // partitions handled at once
    onJoin?: (assigned: TopicPartition[]) => void;
    subscribe: (topics: TopicNames) => string[];
    handler: (connection: PipelineConnection) => (batch: PartitionBatch) => Promise<void>;
  },
): Promise<
  Worker & {
    connection: PipelineConnection;
    /** Whether the group has consumed everything a partition holds now. */
    isCaughtUp: (at: TopicPartition) => Promise<boolean>;
  }
> => {
  const { name, config, logger } = service;
  const kafka = createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: `callpulse-${name}`,
    logger,
  });
  const connection = await connectPipeline({
    kafka,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    numPartitions: config.KAFKA_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    service: name,
    retry: service.untilItWorks,
    logger,
  });
  const groupId = `${config.KAFKA_TOPIC_PREFIX}${name}`;
  const worker = await startWorker({
    kafka,
    groupId,
    topics: subscribe(connection.topics),
    sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
    concurrency,
    logger,
    handle: handler(connection),
    ...(onJoin ? { onJoin } : {}),
  });
  return {
    connection,
    isCaughtUp: (at) => isCaughtUp({ kafka, groupId, ...at }),
    isReady: worker.isReady,
    stop: async () => {
      await worker.stop();
      await connection.producer.disconnect();
    },
  };
};
