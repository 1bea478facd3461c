import { join, resolve } from 'node:path';

/** Where one broker keeps its files; everything lives under dataDir so deleting it resets all. */
export interface BrokerFiles {
  dataDir: string;
  propertiesFile: string;
  /** Kafka's log.dirs: topic partitions and the KRaft metadata log. */
  kafkaDataDir: string;
  /** Written by the storage format step; its presence means "already formatted". */
  metaPropertiesFile: string;
  pidFile: string;
  /** The broker's own log (log4j2, see log4j2.yaml). */
  logFile: string;
  /** The JVM's stdout and stderr: only crashes before logging starts end up here. */
  consoleFile: string;
}

export function brokerFiles(dataDir: string): BrokerFiles {
  const dir = resolve(dataDir);
  const kafkaDataDir = join(dir, 'kafka-data');
  return {
    dataDir: dir,
    propertiesFile: join(dir, 'server.properties'),
    kafkaDataDir,
    metaPropertiesFile: join(kafkaDataDir, 'meta.properties'),
    pidFile: join(dir, 'broker.pid'),
    logFile: join(dir, 'broker.log'),
    consoleFile: join(dir, 'broker.out'),
  };
}
