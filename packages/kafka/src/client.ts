import { Kafka, logLevel as KafkaLogLevel, type KafkaConfig, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

const toPino: Record<KafkaLogLevel, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.NOTHING]: 'debug',
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** Routes kafkajs's own logs into the process's pino logger. */
const pinoLogCreator =
  (logger: Logger): logCreator =>
  () =>
  ({ namespace, level, log }) => {
    const { message, ...extra } = log;
    logger[toPino[level]]({ component: 'kafkajs', namespace, ...extra }, message);
  };

// The settings each client was made with, so a silent twin can be made for probes whose
// expected failures (a coordinator still loading) would otherwise be logged as errors.
const settings = new WeakMap<Kafka, { brokers: string[]; clientId: string }>();

export const createKafka = ({
  brokers,
  clientId,
  logger,
  connectionTimeoutMs = 3_000, // a broker that does not answer is down, not slow
  requestTimeoutMs = 30_000,
  retry = { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000 },
}: {
  brokers: string[];
  clientId: string;
  logger: Logger;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  retry?: KafkaConfig['retry'];
}): Kafka => {
  const kafka = new Kafka({
    brokers,
    clientId,
    connectionTimeout: connectionTimeoutMs,
    requestTimeout: requestTimeoutMs,
    retry,
    logLevel: KafkaLogLevel.WARN,
    logCreator: pinoLogCreator(logger),
  });
  settings.set(kafka, { brokers, clientId });
  return kafka;
};

/** A client to the same brokers that logs nothing and tries each request once. */
export const silentTwin = (kafka: Kafka): Kafka => {
  const own = settings.get(kafka);
  if (!own) throw new Error('silentTwin: not a client made by createKafka');
  return new Kafka({
    ...own,
    connectionTimeout: 3_000,
    retry: { retries: 0 },
    logLevel: KafkaLogLevel.NOTHING,
  });
};
