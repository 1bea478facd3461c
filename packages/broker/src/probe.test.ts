import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeBroker } from './probe.js';
import {
  startFakeKafkaServer,
  type FakeKafkaServer,
  type FakeReply,
  type ReceivedRequest,
} from './testing/fake-kafka-server.js';
import { apiVersionsPayload, KAFKA_41_APIS, metadataPayload } from './testing/kafka-payloads.js';

const self = { nodeId: 1, host: '127.0.0.1', port: 9092 };
let server: FakeKafkaServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Handler = (request: ReceivedRequest) => FakeReply;

/** A fake that answers like a ready Kafka 4.1 broker, except where `override` says otherwise. */
async function fake(
  override: { apiVersions?: Handler; metadata?: Handler } = {},
): Promise<FakeKafkaServer> {
  const apiVersions: Handler = (r) => ({
    payload: apiVersionsPayload(r.correlationId, KAFKA_41_APIS),
  });
  const metadata: Handler = (r) => ({
    payload: metadataPayload(r.correlationId, [self], 'cluster-a'),
  });
  server = await startFakeKafkaServer((request) =>
    request.apiKey === 18
      ? (override.apiVersions ?? apiVersions)(request)
      : (override.metadata ?? metadata)(request),
  );
  return server;
}

describe('probeBroker', () => {
  it('sends ApiVersions v0 then Metadata v4 and reads both answers', async () => {
    const { port, requests } = await fake();
    const result = await probeBroker({ host: '127.0.0.1', port });
    expect(result).toEqual({ answering: true, brokers: [self], clusterId: 'cluster-a' });
    expect(
      requests.map(({ apiKey, apiVersion, clientId }) => ({ apiKey, apiVersion, clientId })),
    ).toEqual([
      { apiKey: 18, apiVersion: 0, clientId: 'callpulse-broker-probe' },
      { apiKey: 3, apiVersion: 4, clientId: 'callpulse-broker-probe' },
    ]);
    expect(requests[0]?.frame.length).toBe(4 + 10 + 'callpulse-broker-probe'.length);
    expect(requests[1]?.correlationId).not.toBe(requests[0]?.correlationId);
  });

  it('reassembles an answer that arrives a few bytes at a time', async () => {
    const { port } = await fake({
      apiVersions: (r) => ({
        payload: apiVersionsPayload(r.correlationId, KAFKA_41_APIS),
        chunkSize: 3,
      }),
      metadata: (r) => ({
        payload: metadataPayload(r.correlationId, [self], 'cluster-a'),
        chunkSize: 3,
      }),
    });
    expect(await probeBroker({ host: '127.0.0.1', port })).toMatchObject({
      answering: true,
      brokers: [self],
    });
  });

  it('reports a broker that answers but is not registered yet, as a starting broker does', async () => {
    const { port } = await fake({
      metadata: (r) => ({ payload: metadataPayload(r.correlationId, [], 'cluster-a') }),
    });
    expect(await probeBroker({ host: '127.0.0.1', port })).toEqual({
      answering: true,
      brokers: [],
      clusterId: 'cluster-a',
    });
  });

  it('does not take an HTTP server for Kafka', async () => {
    const { port } = await fake({
      apiVersions: () => ({ raw: Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n') }),
    });
    const result = await probeBroker({ host: '127.0.0.1', port });
    expect(result.answering).toBe(false);
    expect(result.problem).toContain('not a Kafka response');
  });

  it('treats an ApiVersions error code as not answering', async () => {
    const { port } = await fake({
      apiVersions: (r) => ({ payload: apiVersionsPayload(r.correlationId, [], 35) }),
    });
    expect(await probeBroker({ host: '127.0.0.1', port })).toMatchObject({ answering: false });
  });

  it('gives up on a server that closes the connection', async () => {
    const { port } = await fake({ apiVersions: () => 'close' });
    const result = await probeBroker({ host: '127.0.0.1', port });
    expect(result.answering).toBe(false);
    expect(result.problem).toContain('closed');
  });

  it('gives up on a server that never answers, after timeoutMs', async () => {
    const { port } = await fake({ apiVersions: () => 'silent' });
    const started = performance.now();
    expect(await probeBroker({ host: '127.0.0.1', port, timeoutMs: 200 })).toMatchObject({
      answering: false,
      problem: 'no answer within 200 ms',
    });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('reports a refused connection when nothing listens', async () => {
    const port = await freePort();
    expect(await probeBroker({ host: '127.0.0.1', port })).toMatchObject({
      answering: false,
      problem: 'ECONNREFUSED',
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : 0),
      );
    });
  });
}
