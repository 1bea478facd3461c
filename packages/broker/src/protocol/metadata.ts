import { fail, ok, type Result } from '../result.js';
import { Reader, TruncatedError } from './reader.js';
import { encodeRequest } from './request.js';

export const METADATA_KEY = 3;

/**
 * v4 is the oldest version with the auto-create flag and the newest before the flexible
 * (tagged-field) encoding, and Kafka 0.11 through 4.1 all accept it.
 */
export const METADATA_VERSION = 4;

export interface MetadataBroker {
  nodeId: number;
  host: string;
  port: number;
}

export interface MetadataResponse {
  brokers: MetadataBroker[];
  clusterId: string | null;
  controllerId: number;
}

/** Metadata v4 for no topics: only the broker list and cluster id are wanted. */
export function encodeMetadataRequest({
  correlationId,
  clientId,
}: {
  correlationId: number;
  clientId: string;
}): Buffer {
  const body = Buffer.alloc(5);
  body.writeInt32BE(0, 0); // topics: an empty array means none (null would mean all)
  body.writeInt8(0, 4); // allow_auto_topic_creation: false
  return encodeRequest(
    { apiKey: METADATA_KEY, apiVersion: METADATA_VERSION, correlationId, clientId },
    body,
  );
}

/**
 * Decodes a v4 response payload. The topic list is not decoded: the request asked for none.
 * A broker lists only the brokers it considers registered and unfenced, so the local node
 * appearing here means it can lead partitions and accept topic creation.
 */
export function decodeMetadataResponse(
  payload: Buffer,
  expectedCorrelationId: number,
): Result<MetadataResponse> {
  try {
    const reader = new Reader(payload);
    const correlationId = reader.int32();
    if (correlationId !== expectedCorrelationId) {
      return fail(
        `answer to another request (correlation id ${correlationId}, sent ${expectedCorrelationId})`,
      );
    }
    reader.int32(); // throttle_time_ms
    const brokers = reader.array((r) => {
      const broker = { nodeId: r.int32(), host: r.string(), port: r.int32() };
      r.nullableString(); // rack
      return broker;
    });
    const clusterId = reader.nullableString();
    const controllerId = reader.int32();
    return ok({ brokers, clusterId, controllerId });
  } catch (error) {
    if (error instanceof TruncatedError)
      return fail(`truncated Metadata response: ${error.message}`);
    throw error;
  }
}
