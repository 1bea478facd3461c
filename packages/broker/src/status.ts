import { readConfiguredAddress } from './broker-address.js';
import { brokerFiles } from './broker-files.js';
import { describeCluster } from '@callpulse/kafka';
import { findBrokerPid } from './process/broker-process.js';

export interface BrokerStatusOptions {
  dataDir: string;
  /** Defaults to the address in dataDir/server.properties, else 127.0.0.1:9092. */
  host?: string;
  port?: number;
  timeoutMs?: number;
}

export interface BrokerStatus {
  /** A broker process from this data dir is alive. */
  running: boolean;
  pid?: number;
  /** Something on host:port answers Kafka's ApiVersions request. */
  answering: boolean;
  /** host:port, ready for a KAFKA_BROKERS value. */
  brokers: string;
  logFile: string;
}

export async function brokerStatus({
  dataDir,
  host,
  port,
  timeoutMs = 1_000, // per probe request
}: BrokerStatusOptions): Promise<BrokerStatus> {
  const files = brokerFiles(dataDir);
  const configured = await readConfiguredAddress(files);
  const address = {
    host: host ?? configured?.host ?? '127.0.0.1',
    port: port ?? configured?.port ?? 9092,
  };
  const [pid, probe] = await Promise.all([
    findBrokerPid(files),
    describeCluster({ ...address, timeoutMs }),
  ]);
  return {
    running: pid !== undefined,
    ...(pid === undefined ? {} : { pid }),
    answering: probe.answering,
    brokers: `${address.host}:${address.port}`,
    logFile: files.logFile,
  };
}
