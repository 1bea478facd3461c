export type { Consumer, Kafka } from 'kafkajs';
export { createConsumer, runBatches } from './batch-consumer.js';
export type { KafkaMessage, PartitionBatch } from './batch-consumer.js';
export {
  createBatchingPublisher,
  PublishOverloadedError,
  PublishTimeoutError,
} from './batching-publisher.js';
export type { BatchingPublisher, OutgoingMessage } from './batching-publisher.js';
export { createKafka } from './client.js';
export { describeCluster } from './describe-cluster.js';
export type { ClusterAnswer } from './describe-cluster.js';
export { sendToDeadLetter } from './dead-letter.js';
export { connectPipeline } from './pipeline.js';
export type { DeadLetter, PipelineConnection } from './pipeline.js';
export { startPipelineWorker } from './pipeline-worker.js';
export type { PipelineSettings } from './pipeline-worker.js';
export { createProducer, sendAcked } from './producer.js';
export type { ProducerHandle } from './producer.js';
export { allTopics, ensureTopics, MAX_MESSAGE_BYTES, topicNames } from './topics.js';
export type { TopicNames, TopicSpec } from './topics.js';
export { isCaughtUp, startWorker } from './worker.js';
export type { TopicPartition, Worker } from './worker.js';
