import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCluster } from '@callpulse/kafka';
import { brokerFiles } from './broker-files.js';
import { isBrokerCommand } from './process/broker-process.js';
import { listProcesses } from './process/process-table.js';
import { NODE_ID } from './readiness.js';
import { startBroker, type StartedBroker } from './start.js';
import { brokerStatus } from './status.js';
import { stopBroker } from './stop.js';

// A real broker: needs Java 17+ (and Maven on the very first run, to fill the jar cache).
// Without them startBroker throws and this test fails; it never skips.

const cacheDir = join(homedir(), '.cache', 'callpulse'); // shared with the CLI, so jars are reused
let dataDir: string;
let port: number;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'callpulse-broker-it-'));
  port = await freePortPair();
});

afterAll(async () => {
  // Whatever failed above, never leave a broker behind.
  await stopBroker({ dataDir, timeoutMs: 10_000 });
  await rm(dataDir, { recursive: true, force: true });
});

describe('a real single-node KRaft broker', () => {
  let started: StartedBroker;

  it('starts and answers Kafka requests', { timeout: 300_000 }, async () => {
    started = await startBroker({ dataDir, cacheDir, port, onProgress: (m) => console.log(m) });
    console.log(`broker ready in ${started.startedMs} ms (spawn to ready)`);
    expect(started).toMatchObject({
      brokers: `127.0.0.1:${port}`,
      dataDir,
      logFile: join(dataDir, 'broker.log'),
      reused: false,
    });
    expect(await brokerStatus({ dataDir })).toEqual({
      running: true,
      pid: started.pid,
      answering: true,
      brokers: `127.0.0.1:${port}`,
      logFile: join(dataDir, 'broker.log'),
    });
  });

  it(
    'is probed through kafkajs admin: its own node, its cluster id',
    { timeout: 60_000 },
    async () => {
      const answer = await describeCluster({ host: '127.0.0.1', port });
      expect(answer).toMatchObject({ answering: true, brokers: [{ nodeId: NODE_ID, port }] });
      expect(answer.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    },
  );

  it('tells a program that is not Kafka from a broker', { timeout: 60_000 }, async () => {
    const notKafka = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((resolve) => notKafka.listen(0, '127.0.0.1', resolve));
    const address = notKafka.address();
    try {
      const answer = await describeCluster({
        host: '127.0.0.1',
        port: typeof address === 'object' && address ? address.port : 0,
      });
      expect(answer).toMatchObject({ answering: false, brokers: [], clusterId: null });
    } finally {
      notKafka.close();
    }
  });

  it('returns the running broker when started again', { timeout: 60_000 }, async () => {
    const again = await startBroker({ dataDir, cacheDir, port });
    expect(again).toMatchObject({ pid: started.pid, reused: true });
  });

  it(
    'stops it and leaves no kafka.Kafka process for its data dir',
    { timeout: 60_000 },
    async () => {
      expect(await stopBroker({ dataDir })).toEqual({
        wasRunning: true,
        pid: started.pid,
        forced: false,
      });
      expect(await brokerStatus({ dataDir })).toMatchObject({ running: false, answering: false });
      const leftovers = (await listProcesses()).filter((p) =>
        isBrokerCommand(p.args, brokerFiles(dataDir)),
      );
      expect(leftovers).toEqual([]);
      expect(await stopBroker({ dataDir })).toEqual({ wasRunning: false, forced: false });
    },
  );
});

/** A free port whose successor (the controller port) is free too. */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await listenOnce(0);
    if (port !== undefined && port < 65_535 && (await listenOnce(port + 1)) !== undefined)
      return port;
  }
}

function listenOnce(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : undefined),
      );
    });
  });
}
