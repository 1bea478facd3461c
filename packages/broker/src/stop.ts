import { brokerFiles } from './broker-files.js';
import { findBrokerPid } from './process/broker-process.js';
import { removePidFile } from './process/pid-file.js';
import { terminateProcessGroup } from './process/terminate.js';

export interface StopBrokerOptions {
  dataDir: string;
  /** How long Kafka's controlled shutdown may take before SIGKILL. */
  timeoutMs?: number;
}

export interface StopBrokerResult {
  wasRunning: boolean;
  pid?: number;
  /** True when the broker ignored SIGTERM for timeoutMs and was killed. */
  forced: boolean;
}

/** Stops the broker running from dataDir, if any, and removes its pid file. */
export async function stopBroker({
  dataDir,
  timeoutMs = 30_000, // a single-node shutdown takes about 2 s
}: StopBrokerOptions): Promise<StopBrokerResult> {
  const files = brokerFiles(dataDir);
  const pid = await findBrokerPid(files);
  if (pid === undefined) {
    await removePidFile(files.pidFile);
    return { wasRunning: false, forced: false };
  }
  const { forced } = await terminateProcessGroup(pid, { graceMs: timeoutMs });
  await removePidFile(files.pidFile);
  return { wasRunning: true, pid, forced };
}
