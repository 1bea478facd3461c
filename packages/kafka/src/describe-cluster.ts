import { Kafka, logLevel } from 'kafkajs';

export interface ClusterAnswer {
  /** Something on host:port answered as Kafka. */
  answering: boolean;
  /** The brokers its metadata lists (registered and unfenced: able to take traffic). */
  brokers: { nodeId: number; host: string; port: number }[];
  clusterId: string | null;
  /** Why answering is false. */
  problem?: string;
}

/**
 * Asks host:port for its cluster's metadata, once, quietly: the broker launcher's
 * readiness probe, which runs while the broker is still starting, so failures are
 * expected and must not be logged as errors.
 */
export const describeCluster = async ({
  host,
  port,
  timeoutMs = 1_000, // per connection and request
}: {
  host: string;
  port: number;
  timeoutMs?: number;
}): Promise<ClusterAnswer> => {
  const admin = new Kafka({
    brokers: [`${host}:${port}`],
    clientId: 'callpulse-broker-probe',
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return {
      answering: true,
      brokers: cluster.brokers.map(({ nodeId, host: h, port: p }) => ({
        nodeId,
        host: h,
        port: p,
      })),
      clusterId: cluster.clusterId,
    };
  } catch (error) {
    return {
      answering: false,
      brokers: [],
      clusterId: null,
      problem: error instanceof Error ? error.message : String(error),
    };
  } finally {
    await admin.disconnect().catch(() => {});
  }
};
