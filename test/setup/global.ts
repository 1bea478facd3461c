import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker, stopBroker } from '@callpulse/broker';
import { dropDatabase, ensureDatabase, migrate, withDatabase } from '@callpulse/db';
import type { TestProject } from 'vitest/node';
import { freePort } from '../support/ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
    databaseUrl: string;
  }
}

/**
 * Real infrastructure for every integration test, in this order: KAFKA_BROKERS and
 * DATABASE_URL from the environment; else testcontainers when a Docker engine answers;
 * else a local broker started from the official Kafka jars. Each run gets a database of
 * its own, dropped afterwards. Missing infrastructure fails the run; it never skips.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cleanups: (() => Promise<void>)[] = [];
  const kafkaBrokers = await resolveKafka(cleanups);

  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseUrl = withDatabase(
    server,
    `callpulse_test_${process.pid}_${Date.now().toString(36)}`,
  );
  try {
    await ensureDatabase(databaseUrl);
  } catch (error) {
    throw new Error(
      `integration tests need Postgres: cannot reach ${new URL(server).host} (${(error as Error).message}); ` +
        'start it or set DATABASE_URL',
    );
  }
  cleanups.push(() => dropDatabase(databaseUrl));
  await migrate({ connectionString: databaseUrl });

  project.provide('kafkaBrokers', kafkaBrokers);
  project.provide('databaseUrl', databaseUrl);
  console.log(
    `integration tests: Kafka ${kafkaBrokers}, Postgres ${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}`,
  );

  return async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
}

const resolveKafka = async (cleanups: (() => Promise<void>)[]): Promise<string> => {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS;
  const docker = await dockerKafka(cleanups);
  if (docker) return docker;
  const dataDir = mkdtempSync(join(tmpdir(), 'callpulse-test-broker-'));
  cleanups.push(() => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })));
  const broker = await startBroker({
    port: await freePort(),
    controllerPort: await freePort(),
    dataDir,
    cacheDir: process.env.CALLPULSE_CACHE_DIR ?? join(homedir(), '.cache', 'callpulse'),
    onProgress: (line: string) => console.log(`[kafka] ${line}`),
  });
  cleanups.push(async () => {
    await stopBroker({ dataDir });
  });
  return broker.brokers;
};

/** A Kafka container, only when a Docker engine actually answers. */
const dockerKafka = async (cleanups: (() => Promise<void>)[]): Promise<string | null> => {
  const { existsSync } = await import('node:fs');
  if (!process.env.DOCKER_HOST && !existsSync('/var/run/docker.sock')) return null;
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return null;
  }
  const port = 9092;
  const container = await new GenericContainer('apache/kafka:4.1.1')
    .withExposedPorts({ container: port, host: 19_092 })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://localhost:19092',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  cleanups.push(async () => {
    await container.stop();
  });
  return `localhost:19092`;
};
