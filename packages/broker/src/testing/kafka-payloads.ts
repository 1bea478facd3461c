// Response payloads (what follows the size prefix) as a Kafka broker writes them, for the
// protocol tests. Kept beside the code instead of in a test file so several tests can share
// them without importing each other's test cases.

function int16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeInt16BE(value);
  return buffer;
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}

function nullableString(value: string | null): Buffer {
  if (value === null) return int16(-1);
  const bytes = Buffer.from(value);
  return Buffer.concat([int16(bytes.length), bytes]);
}

/** ApiVersions v0: header v0, error code, [api key, min, max]. */
export function apiVersionsPayload(
  correlationId: number,
  apis: [apiKey: number, min: number, max: number][],
  errorCode = 0,
): Buffer {
  return Buffer.concat([
    int32(correlationId),
    int16(errorCode),
    int32(apis.length),
    ...apis.flatMap(([apiKey, min, max]) => [int16(apiKey), int16(min), int16(max)]),
  ]);
}

/** Metadata v4 for a request that asked for no topics. */
export function metadataPayload(
  correlationId: number,
  brokers: { nodeId: number; host: string; port: number }[],
  clusterId: string | null,
): Buffer {
  return Buffer.concat([
    int32(correlationId),
    int32(0), // throttle_time_ms
    int32(brokers.length),
    ...brokers.flatMap((b) => [
      int32(b.nodeId),
      nullableString(b.host),
      int32(b.port),
      nullableString(null),
    ]),
    nullableString(clusterId),
    int32(1), // controller id
    int32(0), // topics
  ]);
}

/** Kafka 4.1's answer ranges for the two APIs the probe uses. */
export const KAFKA_41_APIS: [number, number, number][] = [
  [3, 0, 13],
  [18, 0, 4],
];
