import type { Kafka, Producer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createProducer } from './producer.js';

// The replacement logic alone, with stand-in producers: making a real broker lose a
// producer's sequence is what test/faults/broker-restart.test.ts does at full size.
const fakeKafka = (behaviours: ((n: number) => Promise<unknown>)[]) => {
  const made: { sends: number; disconnected: boolean }[] = [];
  const kafka = {
    producer: () => {
      const index = made.length;
      const record = { sends: 0, disconnected: false };
      made.push(record);
      const listeners = new Map<string, () => void>();
      return {
        events: { CONNECT: 'connect', DISCONNECT: 'disconnect' },
        on: (event: string, listener: () => void) => void listeners.set(event, listener),
        connect: () => {
          listeners.get('connect')?.();
          return Promise.resolve();
        },
        disconnect: () => {
          record.disconnected = true;
          listeners.get('disconnect')?.();
          return Promise.resolve();
        },
        send: () => (behaviours[index] ?? (() => Promise.resolve([])))(++record.sends),
        sendBatch: () => Promise.resolve([]),
      } as unknown as Producer;
    },
  } as unknown as Kafka;
  return { kafka, made };
};

const sequenceLost = Object.assign(
  new Error('The broker received an out of order sequence number'),
  {
    type: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
  },
);

describe('createProducer', () => {
  it('replaces a producer whose sequence the broker lost; the next send goes through', async () => {
    const { kafka, made } = fakeKafka([() => Promise.reject(sequenceLost)]);
    const producer = createProducer(kafka);
    await producer.connect();
    expect(producer.isConnected()).toBe(true);
    await expect(producer.send({ topic: 't', messages: [] })).rejects.toBe(sequenceLost);
    await expect(producer.send({ topic: 't', messages: [] })).resolves.toEqual([]);
    expect(made).toHaveLength(2);
    expect(made[0]?.disconnected).toBe(true);
    expect(made[1]).toEqual({ sends: 1, disconnected: false });
    expect(producer.isConnected()).toBe(true);
  });

  it('keeps the producer through other errors (they are retried by the caller)', async () => {
    const timeout = Object.assign(new Error('Request timed out'), { type: 'REQUEST_TIMED_OUT' });
    const { kafka, made } = fakeKafka([
      (n) => (n === 1 ? Promise.reject(timeout) : Promise.resolve([])),
    ]);
    const producer = createProducer(kafka);
    await producer.connect();
    await expect(producer.send({ topic: 't', messages: [] })).rejects.toBe(timeout);
    await expect(producer.send({ topic: 't', messages: [] })).resolves.toEqual([]);
    expect(made).toHaveLength(1);
  });

  it('finds the lost sequence behind a wrapping error', async () => {
    const wrapped = Object.assign(new Error('retries exceeded'), { cause: sequenceLost });
    const { kafka, made } = fakeKafka([() => Promise.reject(wrapped)]);
    const producer = createProducer(kafka);
    await producer.connect();
    await expect(producer.send({ topic: 't', messages: [] })).rejects.toBe(wrapped);
    await producer.send({ topic: 't', messages: [] });
    expect(made).toHaveLength(2);
  });
});
