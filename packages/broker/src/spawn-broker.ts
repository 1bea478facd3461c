import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import type { BrokerFiles } from './broker-files.js';
import { BrokerError } from './errors.js';
import { brokerJavaArgs } from './java-command.js';
import { writePidFile } from './process/pid-file.js';

export interface SpawnedBroker {
  pid: number;
  /** Set once the JVM exits; stays undefined while it runs. */
  exit: () => { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

/**
 * Starts the broker JVM detached: its own process group (so stop can signal the whole group
 * and a Ctrl-C in the CLI's terminal does not reach it), output to broker.out, and unref'd
 * so the CLI can exit while the broker keeps running.
 */
export async function spawnBroker({
  files,
  java,
  classpath,
  heapMb,
}: {
  files: BrokerFiles;
  java: string;
  classpath: string;
  heapMb: number;
}): Promise<SpawnedBroker> {
  // Truncated per start: it only ever holds this run's JVM-level errors.
  const jvmOutput = await open(files.consoleFile, 'w');
  let child;
  try {
    child = spawn(java, brokerJavaArgs({ files, classpath, heapMb }), {
      cwd: files.dataDir,
      detached: true,
      stdio: ['ignore', jvmOutput.fd, jvmOutput.fd],
    });
  } finally {
    await jvmOutput.close();
  }
  if (child.pid === undefined) {
    const [error] = (await once(child, 'error')) as [Error];
    throw new BrokerError(`Could not start ${java}: ${error.message}`, { cause: error });
  }

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
  });
  child.unref();
  await writePidFile(files.pidFile, child.pid);
  return { pid: child.pid, exit: () => exited };
}
