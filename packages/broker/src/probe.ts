import { decodeApiVersionsResponse, encodeApiVersionsRequest } from './protocol/api-versions.js';
import { exchange } from './protocol/exchange.js';
import {
  decodeMetadataResponse,
  encodeMetadataRequest,
  METADATA_KEY,
  METADATA_VERSION,
  type MetadataBroker,
} from './protocol/metadata.js';

export interface ProbeResult {
  /** Something on host:port gave a valid, error-free ApiVersions answer: it speaks Kafka. */
  answering: boolean;
  /** Brokers in its Metadata answer: registered and unfenced, so able to take traffic. */
  brokers: MetadataBroker[];
  clusterId: string | null;
  /** Why answering is false or the broker list is missing. */
  problem?: string;
}

const CLIENT_ID = 'callpulse-broker-probe';
let lastCorrelationId = 0;
// Correlation ids are int32 on the wire; wrap long before overflowing.
const nextCorrelationId = (): number => (lastCorrelationId = (lastCorrelationId % 0x7fff_ffff) + 1);

/** Asks host:port two real Kafka questions, ApiVersions then Metadata, without any client library. */
export async function probeBroker({
  host,
  port,
  timeoutMs = 1_000, // per request
}: {
  host: string;
  port: number;
  timeoutMs?: number;
}): Promise<ProbeResult> {
  const silent = (problem: string): ProbeResult => ({
    answering: false,
    brokers: [],
    clusterId: null,
    problem,
  });

  const versionsId = nextCorrelationId();
  const versionsReply = await exchange({
    host,
    port,
    timeoutMs,
    request: encodeApiVersionsRequest({ correlationId: versionsId, clientId: CLIENT_ID }),
  });
  if (!versionsReply.ok) return silent(versionsReply.error);
  const versions = decodeApiVersionsResponse(versionsReply.value, versionsId);
  if (!versions.ok) return silent(versions.error);
  if (versions.value.errorCode !== 0) {
    return silent(`ApiVersions answered with error code ${versions.value.errorCode}`);
  }

  const metadataRange = versions.value.apis.find((api) => api.apiKey === METADATA_KEY);
  if (
    metadataRange === undefined ||
    metadataRange.minVersion > METADATA_VERSION ||
    metadataRange.maxVersion < METADATA_VERSION
  ) {
    return {
      answering: true,
      brokers: [],
      clusterId: null,
      problem: `Metadata v${METADATA_VERSION} not supported`,
    };
  }

  const metadataId = nextCorrelationId();
  const metadataReply = await exchange({
    host,
    port,
    timeoutMs,
    request: encodeMetadataRequest({ correlationId: metadataId, clientId: CLIENT_ID }),
  });
  const metadata = metadataReply.ok
    ? decodeMetadataResponse(metadataReply.value, metadataId)
    : metadataReply;
  if (!metadata.ok)
    return { answering: true, brokers: [], clusterId: null, problem: metadata.error };
  return { answering: true, brokers: metadata.value.brokers, clusterId: metadata.value.clusterId };
}
