import { mkdir, writeFile } from 'node:fs/promises';
import { readClusterId, readConfiguredAddress } from './broker-address.js';
import { brokerFiles, type BrokerFiles } from './broker-files.js';
import { BrokerError } from './errors.js';
import { formatStorageOnce } from './format-storage.js';
import { ensureKafkaJars } from './jars.js';
import { fileSize } from './log-tail.js';
import { assertPortsFree } from './ports.js';
import { assertJava } from './preflight.js';
import { findBrokerPid } from './process/broker-process.js';
import { removePidFile } from './process/pid-file.js';
import { isAlive } from './process/process-table.js';
import { terminateProcessGroup } from './process/terminate.js';
import { NODE_ID, waitUntilReady } from './readiness.js';
import { renderServerProperties } from './server-properties.js';
import { spawnBroker } from './spawn-broker.js';
import { startFailure } from './start-failure.js';
import { KAFKA_VERSION } from './version.js';

export interface StartBrokerOptions {
  /** Holds server.properties, the partitions, the log and the pid file. */
  dataDir: string;
  /** Jar cache root, e.g. ~/.cache/callpulse; see ensureKafkaJars. */
  cacheDir: string;
  port?: number;
  host?: string;
  controllerPort?: number;
  heapMb?: number;
  readyTimeoutMs?: number;
  maxMessageBytes?: number;
  java?: string;
  mvn?: string;
  onProgress?: (message: string) => void;
}

export interface StartedBroker {
  /** host:port, ready for a KAFKA_BROKERS value. */
  brokers: string;
  pid: number;
  logFile: string;
  dataDir: string;
  /** Milliseconds from spawning the JVM to the first ready answer (for a reused broker: this call's wait). */
  startedMs: number;
  /** True when a broker from this data dir was already running and was returned as is. */
  reused: boolean;
}

/**
 * Starts a single-node KRaft broker from dataDir, or returns the one already running there.
 * Resolves only once the broker answers a real Metadata request listing itself.
 */
export async function startBroker({
  dataDir,
  cacheDir,
  port = 9092,
  host = '127.0.0.1',
  controllerPort = port + 1, // KRaft quorum traffic; clients never use it
  heapMb = 512, // plenty for development traffic; Kafka's scripts default to 1 GiB
  readyTimeoutMs = 60_000, // a start with cached jars takes about 2 s; a busy CI machine more
  maxMessageBytes = 3 * 1024 * 1024, // 2 MiB records plus headers and batch overhead
  java = 'java',
  mvn = 'mvn',
  onProgress = () => {},
}: StartBrokerOptions): Promise<StartedBroker> {
  validate({ port, controllerPort, heapMb });
  const files = brokerFiles(dataDir);

  const runningPid = await findBrokerPid(files);
  if (runningPid !== undefined) {
    return adoptRunning({ files, pid: runningPid, host, port, timeoutMs: readyTimeoutMs });
  }
  await removePidFile(files.pidFile);

  await assertJava({ java });
  const jars = await ensureKafkaJars({ cacheDir, mvn, onProgress });
  await assertPortsFree({ host, port, controllerPort, dataDir: files.dataDir });

  await mkdir(files.dataDir, { recursive: true });
  await writeFile(
    files.propertiesFile,
    renderServerProperties({
      host,
      port,
      controllerPort,
      nodeId: NODE_ID,
      kafkaDataDir: files.kafkaDataDir,
      maxMessageBytes,
    }),
  );
  if (await formatStorageOnce({ files, java, classpath: jars.classpath })) {
    onProgress(`formatted new KRaft storage in ${files.kafkaDataDir}`);
  }
  const clusterId = await readClusterId(files);

  onProgress(`starting Kafka ${KAFKA_VERSION} on ${host}:${port} (log: ${files.logFile})…`);
  const logOffset = await fileSize(files.logFile);
  const spawnedAt = performance.now();
  const broker = await spawnBroker({ files, java, classpath: jars.classpath, heapMb });
  const outcome = await waitUntilReady({
    host,
    port,
    clusterId,
    timeoutMs: readyTimeoutMs,
    stillRunning: () => Promise.resolve(describeExit(broker.exit())),
  });
  const startedMs = Math.round(performance.now() - spawnedAt);

  switch (outcome.kind) {
    case 'ready':
      return {
        brokers: `${host}:${port}`,
        pid: broker.pid,
        logFile: files.logFile,
        dataDir: files.dataDir,
        startedMs,
        reused: false,
      };
    case 'gone':
      await removePidFile(files.pidFile);
      throw await startFailure(`Kafka exited (${outcome.detail}) before it was ready`, {
        files,
        logOffset,
        retriable: false,
      });
    case 'timed-out':
      // A broker that never became ready is stopped rather than left half-started.
      await terminateProcessGroup(broker.pid, { graceMs: 10_000 });
      await removePidFile(files.pidFile);
      throw await startFailure(
        `Kafka did not answer on ${host}:${port} within ${readyTimeoutMs / 1000} s (it was stopped)`,
        { files, logOffset, retriable: true },
      );
  }
}

/** An already running broker from this data dir: return it once it answers (it may be starting). */
async function adoptRunning({
  files,
  pid,
  host,
  port,
  timeoutMs,
}: {
  files: BrokerFiles;
  pid: number;
  host: string;
  port: number;
  timeoutMs: number;
}): Promise<StartedBroker> {
  const address = await readConfiguredAddress(files);
  if (address !== undefined && (address.host !== host || address.port !== port)) {
    throw new BrokerError(
      `A broker from ${files.dataDir} is already running on ${address.host}:${address.port} (pid ${pid}): ` +
        `stop it first to move it to ${host}:${port}`,
    );
  }
  const waitStart = performance.now();
  const outcome = await waitUntilReady({
    host,
    port,
    clusterId: await readClusterId(files),
    timeoutMs,
    stillRunning: async () => ((await isAlive(pid)) ? undefined : 'it exited'),
  });
  switch (outcome.kind) {
    case 'ready':
      return {
        brokers: `${host}:${port}`,
        pid,
        logFile: files.logFile,
        dataDir: files.dataDir,
        startedMs: Math.round(performance.now() - waitStart),
        reused: true,
      };
    case 'gone':
      throw await startFailure(
        `The Kafka broker already running from ${files.dataDir} (pid ${pid}) exited`,
        {
          files,
          logOffset: 0,
          retriable: true,
        },
      );
    case 'timed-out':
      throw await startFailure(
        `The Kafka broker running from ${files.dataDir} (pid ${pid}) did not answer on ${host}:${port} ` +
          `within ${timeoutMs / 1000} s; stop it and start again`,
        { files, logOffset: 0, retriable: false },
      );
  }
}

function validate({
  port,
  controllerPort,
  heapMb,
}: {
  port: number;
  controllerPort: number;
  heapMb: number;
}): void {
  for (const [name, value] of [
    ['port', port],
    ['controllerPort', controllerPort],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 65_535) {
      throw new BrokerError(`${name} must be a TCP port between 1 and 65535, got ${value}`);
    }
  }
  if (port === controllerPort) {
    throw new BrokerError(`port and controllerPort must differ (both are ${port})`);
  }
  if (!Number.isInteger(heapMb) || heapMb < 128) {
    throw new BrokerError(`heapMb must be a whole number of MiB, at least 128, got ${heapMb}`);
  }
}

function describeExit(
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined,
): string | undefined {
  if (exit === undefined) return undefined;
  return exit.signal === null ? `code ${exit.code}` : `signal ${exit.signal}`;
}
