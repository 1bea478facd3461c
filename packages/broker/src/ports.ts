import { BrokerError } from './errors.js';
import { isPortFree } from './port-check.js';
import { describeCluster } from '@callpulse/kafka';

/** Fails with one line naming who holds the port, before any JVM is started. */
export async function assertPortsFree({
  host,
  port,
  controllerPort,
  dataDir,
}: {
  host: string;
  port: number;
  controllerPort: number;
  dataDir: string;
}): Promise<void> {
  if (!(await isPortFree(host, port))) {
    const probe = await describeCluster({ host, port, timeoutMs: 500 });
    const holder = probe.answering
      ? `another Kafka broker (not one started from ${dataDir})`
      : 'another program';
    throw new BrokerError(
      `Port ${port} on ${host} is already used by ${holder}: stop it or choose another port`,
    );
  }
  if (!(await isPortFree(host, controllerPort))) {
    throw new BrokerError(
      `Port ${controllerPort} on ${host} (the KRaft controller port) is already used by another program: ` +
        'free it or choose another controllerPort',
    );
  }
}
