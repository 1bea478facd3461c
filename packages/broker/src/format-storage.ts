import { access } from 'node:fs/promises';
import type { BrokerFiles } from './broker-files.js';
import { newClusterId } from './cluster-id.js';
import { BrokerError } from './errors.js';
import { loggingFlags } from './java-command.js';
import { lastLines } from './log-tail.js';
import { runCommand } from './run-command.js';

/**
 * Formats the KRaft storage (meta.properties plus the bootstrap metadata) unless an earlier
 * start already did. With static `controller.quorum.voters`, Kafka 4.1's format needs only a
 * cluster id and the config; `--standalone` is for the dynamic-quorum style instead.
 * Resolves true when it formatted.
 */
export async function formatStorageOnce({
  files,
  java,
  classpath,
}: {
  files: BrokerFiles;
  java: string;
  classpath: string;
}): Promise<boolean> {
  const formatted = await access(files.metaPropertiesFile).then(
    () => true,
    () => false,
  );
  if (formatted) return false;

  const outcome = await runCommand(
    java,
    [
      ...loggingFlags(files),
      '-cp',
      classpath,
      'kafka.tools.StorageTool',
      'format',
      `--cluster-id=${newClusterId()}`,
      `--config=${files.propertiesFile}`,
    ],
    { timeoutMs: 120_000 }, // one JVM start; seconds normally
  );
  if (outcome.kind === 'exited' && outcome.code === 0) return true;
  const output = outcome.kind === 'not-found' ? 'java not found' : outcome.output;
  throw new BrokerError(
    `Formatting the Kafka storage in ${files.kafkaDataDir} failed:\n${lastLines(output, 20)}`,
  );
}
