import { describeCluster } from '@callpulse/kafka';
import { waitFor, WaitTimeoutError } from '@callpulse/runtime';

/** The node id the rendered server.properties gives the single broker. */
export const NODE_ID = 1;

export type ReadyOutcome =
  { kind: 'ready' } | { kind: 'gone'; detail: string } | { kind: 'timed-out' };

/**
 * Waits until the broker answers a Metadata request that lists itself (registered and
 * unfenced, so topics can be created right away) with the cluster id its storage was
 * formatted with, which rules out some other broker answering on the same port.
 */
export async function waitUntilReady({
  host,
  port,
  clusterId,
  timeoutMs,
  stillRunning,
}: {
  host: string;
  port: number;
  clusterId: string | undefined;
  timeoutMs: number;
  /** undefined while the process lives, else a description of how it ended. */
  stillRunning: () => Promise<string | undefined>;
}): Promise<ReadyOutcome> {
  return waitFor<ReadyOutcome | undefined>(
    async () => {
      const gone = await stillRunning();
      if (gone !== undefined) return { kind: 'gone', detail: gone };
      const probe = await describeCluster({ host, port });
      const listed = probe.brokers.some((broker) => broker.nodeId === NODE_ID);
      const ours = clusterId === undefined || probe.clusterId === clusterId;
      return probe.answering && listed && ours ? { kind: 'ready' } : undefined;
    },
    { timeoutMs, what: 'the broker to answer' },
  ).catch((error: unknown): ReadyOutcome => {
    if (error instanceof WaitTimeoutError) return { kind: 'timed-out' };
    throw error;
  });
}
