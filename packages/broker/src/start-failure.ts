import type { BrokerFiles } from './broker-files.js';
import { BrokerError } from './errors.js';
import { tailFile } from './log-tail.js';

/**
 * A start failure: the headline, then what the broker wrote during this start (its log from
 * logOffset on, and any JVM console output), so the reason is visible without opening files.
 */
export async function startFailure(
  headline: string,
  { files, logOffset, retriable }: { files: BrokerFiles; logOffset: number; retriable: boolean },
): Promise<BrokerError> {
  const log = await tailFile(files.logFile, { count: 20, since: logOffset });
  const jvmOutput = await tailFile(files.consoleFile, { count: 20 });
  const sections = [
    log === ''
      ? `${headline}; ${files.logFile} has nothing from this start`
      : `${headline}; last lines of ${files.logFile}:\n${log}`,
  ];
  if (jvmOutput !== '') sections.push(`JVM output (${files.consoleFile}):\n${jvmOutput}`);
  return new BrokerError(sections.join('\n'), { retriable });
}
