import type { BrokerFiles } from './broker-files.js';
import { log4jConfigPath } from './package-paths.js';

/** JVM flags shared by the broker and the storage tool: logging goes to the data dir. */
export function loggingFlags(files: BrokerFiles): string[] {
  return [`-Dlog4j2.configurationFile=${log4jConfigPath}`, `-Dkafka.logs.dir=${files.dataDir}`];
}

/**
 * Arguments for `java` that run the broker, mirroring the flags of Kafka's own
 * kafka-run-class.sh (G1 with short pauses, headless) with a fixed heap.
 */
export function brokerJavaArgs({
  files,
  classpath,
  heapMb,
}: {
  files: BrokerFiles;
  classpath: string;
  heapMb: number;
}): string[] {
  return [
    `-Xmx${heapMb}m`,
    `-Xms${heapMb}m`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    ...loggingFlags(files),
    '-cp',
    classpath,
    'kafka.Kafka',
    files.propertiesFile,
  ];
}
