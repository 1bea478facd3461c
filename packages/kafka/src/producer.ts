import {
  Partitioners,
  type Kafka,
  type Producer,
  type ProducerBatch,
  type ProducerRecord,
  type RecordMetadata,
} from 'kafkajs';
import { backoffMs, type Logger } from '@callpulse/runtime';
import type { OutgoingMessage } from './batching-publisher.js';
import { waitForProducerId } from './coordinator.js';

/**
 * Errors after which an idempotent producer can never send again: the broker and the
 * producer disagree about its sequence numbers (seen after a broker restart that lost a
 * produce request in flight). Only a new producer, with a new producer id, gets past them.
 */
const SEQUENCE_LOST = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
]);

const isSequenceLost = (error: unknown): boolean => {
  for (let e = error as { type?: unknown; cause?: unknown } | undefined; e;) {
    if (typeof e.type === 'string' && SEQUENCE_LOST.has(e.type)) return true;
    e = e.cause as typeof e;
  }
  return false;
};

/** The one way we produce (see createProducer); kafkajs's producer stays inside. */
export interface ProducerHandle {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  send(record: ProducerRecord): Promise<RecordMetadata[]>;
  sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]>;
  /** Connected to the cluster now (for readiness). */
  isConnected(): boolean;
}

/**
 * Idempotent, acks = all, and the Java client's murmur2 partitioner named explicitly, so
 * a key maps to the same partition from any client. An idempotent producer retries
 * without limit (a gap in its sequence numbers would break the guarantee); callers bound
 * how long *they* wait, not how long it tries.
 *
 * When the broker has lost the producer's sequence, the send fails and the next one goes
 * through a new producer. What the old one may have written is written again at most:
 * every message carries its event id, and every consumer is idempotent.
 */
export const createProducer = (
  kafka: Kafka,
  {
    maxRetryTimeMs = 5_000, // longest pause between tries
    logger,
  }: {
    maxRetryTimeMs?: number;
    /** Given: `connect` first waits, quietly, for the broker to hand out producer ids. */
    logger?: Logger;
  } = {},
): ProducerHandle => {
  let connected = false;
  let stopped = false;
  const build = (): Producer => {
    const next = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: maxRetryTimeMs },
    });
    next.on(next.events.CONNECT, () => (connected = current === next));
    next.on(next.events.DISCONNECT, () => {
      if (current === next) connected = false;
    });
    return next;
  };
  let current = build();
  let replacing: Promise<void> | null = null;

  const replace = (failed: Producer): Promise<void> =>
    (replacing ??= (async () => {
      // A late error from a producer already replaced says nothing about the new one.
      if (failed !== current) return;
      current = build();
      connected = false;
      await failed.disconnect().catch(() => {});
      void reconnect(current);
    })().finally(() => (replacing = null)));

  // Connects a new producer in the background, with capped backoff, so a service whose
  // readiness depends on it does not wait for traffic it will not get while not ready.
  const reconnect = async (producer: Producer): Promise<void> => {
    for (let attempt = 0; !stopped && producer === current && !connected; attempt++) {
      try {
        await producer.connect();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, backoffMs(attempt, { baseMs: 500, maxMs: 10_000 })));
      }
    }
  };

  const guarded =
    <A, R>(call: (producer: Producer, arg: A) => Promise<R>) =>
    async (arg: A): Promise<R> => {
      if (replacing) await replacing;
      const producer = current;
      // A new producer (or one whose connection failed) connects on first use; if Kafka
      // is still away this send fails and the next one tries again.
      if (!connected && !stopped) await producer.connect();
      try {
        return await call(producer, arg);
      } catch (error) {
        if (isSequenceLost(error) && !stopped) void replace(producer).catch(() => {});
        throw error;
      }
    };

  return {
    connect: async () => {
      if (logger) await waitForProducerId({ kafka, logger });
      await current.connect();
    },
    disconnect: async () => {
      stopped = true;
      if (replacing) await replacing.catch(() => {});
      await current.disconnect();
    },
    send: guarded((producer, record: ProducerRecord) => producer.send(record)),
    sendBatch: guarded((producer, batch: ProducerBatch) => producer.sendBatch(batch)),
    isConnected: () => connected,
  };
};

/**
 * Sends messages to one topic and resolves once every in-sync replica has them
 * (acks = all): only then may a consumer commit the input they were made from.
 */
export const sendAcked = async (
  producer: ProducerHandle,
  topic: string,
  messages: OutgoingMessage[],
): Promise<void> => {
  await producer.send({ topic, acks: -1, messages });
};
