import type { ProducerHandle } from './producer.js';

export interface OutgoingMessage {
  key: string;
  value: string;
  headers?: Record<string, string>;
}

/** Kafka did not acknowledge in time. The message may still land later: ids dedupe it. */
export class PublishTimeoutError extends Error {
  override name = 'PublishTimeoutError';
  readonly retriable = true;
}

/** Too much is already waiting for Kafka; answering "busy" now beats a slow failure. */
export class PublishOverloadedError extends Error {
  override name = 'PublishOverloadedError';
  readonly retriable = true;
}

interface Pending {
  message: OutgoingMessage;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  settled: boolean;
}

export interface BatchingPublisher {
  /** Resolves only once the broker has acknowledged the batch holding this message. */
  publish(message: OutgoingMessage): Promise<void>;
  /** Sends what is queued and waits for it. */
  flush(): Promise<void>;
  queued(): number;
}

/**
 * Micro-batches concurrent publishes into one produce request: while one request is in
 * flight the next batch fills, so throughput does not collapse into one round trip per
 * message. An idle publisher waits only `lingerMs` before sending.
 */
export const createBatchingPublisher = ({
  producer,
  topic,
  lingerMs = 2, // wait this long for company before sending a lone message
  maxBatchMessages = 500, // one produce request carries at most this many
  maxQueued = 20_000, // beyond this, publish fails fast with PublishOverloadedError
  timeoutMs = 5_000, // a publish not acknowledged by then fails with PublishTimeoutError
  onBatch = () => {}, // observes each produce request: size, duration, success
}: {
  producer: ProducerHandle;
  topic: string;
  lingerMs?: number;
  maxBatchMessages?: number;
  maxQueued?: number;
  timeoutMs?: number;
  onBatch?: (batch: { size: number; ms: number; ok: boolean }) => void;
}): BatchingPublisher => {
  let queue: Pending[] = [];
  let inFlight: Promise<void> | null = null;
  let lingerTimer: NodeJS.Timeout | null = null;

  const settle = (p: Pending, error?: Error): void => {
    if (p.settled) return;
    p.settled = true;
    clearTimeout(p.timer);
    if (error) p.reject(error);
    else p.resolve();
  };

  const sendNext = (): void => {
    if (inFlight || queue.length === 0) return;
    if (lingerTimer) {
      clearTimeout(lingerTimer);
      lingerTimer = null;
    }
    const batch = queue.splice(0, maxBatchMessages).filter((p) => !p.settled);
    if (batch.length === 0) return sendNext();
    const started = performance.now();
    inFlight = producer
      .send({ topic, acks: -1, timeout: timeoutMs, messages: batch.map((p) => p.message) })
      .then(
        () => {
          onBatch({ size: batch.length, ms: performance.now() - started, ok: true });
          for (const p of batch) settle(p);
        },
        (error: unknown) => {
          onBatch({ size: batch.length, ms: performance.now() - started, ok: false });
          const cause = error instanceof Error ? error : new Error(String(error));
          for (const p of batch) settle(p, cause);
        },
      )
      .finally(() => {
        inFlight = null;
        sendNext();
      });
  };

  const schedule = (): void => {
    if (inFlight) return; // the in-flight request's completion sends the next batch
    if (queue.length >= maxBatchMessages) return sendNext();
    lingerTimer ??= setTimeout(() => {
      lingerTimer = null;
      sendNext();
    }, lingerMs);
  };

  return {
    publish(message) {
      if (queue.length >= maxQueued) queue = queue.filter((p) => !p.settled);
      if (queue.length >= maxQueued) {
        return Promise.reject(
          new PublishOverloadedError(`${queue.length} messages already wait for Kafka`),
        );
      }
      return new Promise<void>((resolve, reject) => {
        const pending: Pending = {
          message,
          resolve,
          reject,
          settled: false,
          timer: setTimeout(() => {
            // Still queued? sendNext skips settled entries, so a request we failed never goes out.
            settle(
              pending,
              new PublishTimeoutError(`Kafka did not acknowledge within ${timeoutMs} ms`),
            );
          }, timeoutMs),
        };
        queue.push(pending);
        schedule();
      });
    },
    async flush() {
      while (queue.length > 0 || inFlight) {
        sendNext();
        await inFlight;
      }
    },
    queued: () => queue.length,
  };
};
