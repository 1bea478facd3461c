import type { BrokerFiles } from '../broker-files.js';
import { readPidFile } from './pid-file.js';
import { commandLine, isAlive, listProcesses } from './process-table.js';

export const MAIN_CLASS = 'kafka.Kafka';

/** A broker started from these files runs `kafka.Kafka <dataDir>/server.properties`. */
export function isBrokerCommand(args: string, files: BrokerFiles): boolean {
  return args.includes(` ${MAIN_CLASS} `) && args.endsWith(files.propertiesFile);
}

/**
 * The pid of the broker running from this data dir, if any. The pid file is checked against
 * the command line so a reused pid is never signalled; when the pid file is missing or stale,
 * the process table is searched so a broker is never left running unseen.
 */
export async function findBrokerPid(files: BrokerFiles): Promise<number | undefined> {
  const recorded = await readPidFile(files.pidFile);
  if (recorded !== undefined && (await isAlive(recorded))) {
    const args = await commandLine(recorded);
    if (args !== undefined && isBrokerCommand(args, files)) return recorded;
  }
  for (const entry of await listProcesses()) {
    if (
      entry.pid !== process.pid &&
      isBrokerCommand(entry.args, files) &&
      (await isAlive(entry.pid))
    ) {
      return entry.pid;
    }
  }
  return undefined;
}
