import type { ProducerBatch, ProducerRecord, RecordMetadata } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import {
  createBatchingPublisher,
  PublishOverloadedError,
  PublishTimeoutError,
  type OutgoingMessage,
} from './batching-publisher.js';
import type { ProducerHandle } from './producer.js';

// The batching logic alone, against a stand-in producer whose acknowledgements the test
// releases by hand; the real broker path is covered by test/ingest.test.ts.
const standIn = () => {
  const requests: { messages: OutgoingMessage[]; ack: () => void; fail: (e: Error) => void }[] = [];
  const producer: ProducerHandle = {
    connect: () => Promise.resolve(),
    disconnect: () => Promise.resolve(),
    isConnected: () => true,
    sendBatch: (_b: ProducerBatch) => Promise.resolve([]),
    send: (record: ProducerRecord) =>
      new Promise<RecordMetadata[]>((resolve, reject) => {
        requests.push({
          messages: record.messages as OutgoingMessage[],
          ack: () => resolve([]),
          fail: reject,
        });
      }),
  };
  return { producer, requests };
};
const message = (n: number): OutgoingMessage => ({ key: `k${n}`, value: `v${n}` });
const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((r) => setTimeout(r, 1));
};

describe('createBatchingPublisher', () => {
  it('sends a lone message after the linger, in one request', async () => {
    const { producer, requests } = standIn();
    const publisher = createBatchingPublisher({ producer, topic: 't', lingerMs: 1 });
    const published = publisher.publish(message(1));
    await until(() => requests.length === 1);
    expect(requests[0]?.messages).toEqual([message(1)]);
    requests[0]?.ack();
    await expect(published).resolves.toBeUndefined();
  });

  it('fills the next batch while one is in flight, in order, at most maxBatchMessages each', async () => {
    const { producer, requests } = standIn();
    const publisher = createBatchingPublisher({
      producer,
      topic: 't',
      lingerMs: 1,
      maxBatchMessages: 3,
    });
    const first = publisher.publish(message(0));
    await until(() => requests.length === 1);
    const rest = Array.from({ length: 7 }, (_, i) => publisher.publish(message(i + 1)));
    expect(publisher.queued()).toBe(7);
    requests[0]?.ack();
    await first;
    await until(() => requests.length === 2);
    requests[1]?.ack();
    await until(() => requests.length === 3);
    requests[2]?.ack();
    await until(() => requests.length === 4);
    requests[3]?.ack();
    await Promise.all(rest);
    expect(requests.map((r) => r.messages.map((m) => m.key))).toEqual([
      ['k0'],
      ['k1', 'k2', 'k3'],
      ['k4', 'k5', 'k6'],
      ['k7'],
    ]);
  });

  it('fails a publish Kafka does not acknowledge in time, and every message of a failed request', async () => {
    const { producer, requests } = standIn();
    const publisher = createBatchingPublisher({ producer, topic: 't', lingerMs: 1, timeoutMs: 20 });
    await expect(publisher.publish(message(1))).rejects.toBeInstanceOf(PublishTimeoutError);
    const second = publisher.publish(message(2));
    const third = publisher.publish(message(3));
    requests[0]?.fail(new Error('late broker error'));
    await until(() => requests.length === 2);
    requests[1]?.fail(new Error('not enough replicas'));
    await expect(second).rejects.toThrow(/not enough replicas|did not acknowledge/);
    await expect(third).rejects.toThrow(/not enough replicas|did not acknowledge/);
  });

  it('refuses at once beyond maxQueued instead of growing without bound', async () => {
    const { producer, requests } = standIn();
    const publisher = createBatchingPublisher({ producer, topic: 't', lingerMs: 1, maxQueued: 2 });
    const inFlight = publisher.publish(message(0));
    await until(() => requests.length === 1);
    const queued = [publisher.publish(message(1)), publisher.publish(message(2))];
    await expect(publisher.publish(message(3))).rejects.toBeInstanceOf(PublishOverloadedError);
    requests[0]?.ack();
    await inFlight;
    await until(() => requests.length === 2);
    requests[1]?.ack();
    await Promise.all(queued);
  });

  it('flush sends what is queued and waits for it', async () => {
    const { producer, requests } = standIn();
    const publisher = createBatchingPublisher({ producer, topic: 't', lingerMs: 60_000 });
    const published = publisher.publish(message(1));
    const flushed = publisher.flush();
    await until(() => requests.length === 1);
    requests[0]?.ack();
    await flushed;
    await published;
    expect(publisher.queued()).toBe(0);
  });
});
