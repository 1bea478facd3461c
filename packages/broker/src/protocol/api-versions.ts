import { fail, ok, type Result } from '../result.js';
import { Reader, TruncatedError } from './reader.js';
import { encodeRequest } from './request.js';

export const API_VERSIONS_KEY = 18;

export interface ApiVersionRange {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

export interface ApiVersionsResponse {
  errorCode: number;
  apis: ApiVersionRange[];
}

/**
 * ApiVersions v0: an empty body. Every Kafka broker since 0.10 answers it, even before a
 * client has negotiated anything, which makes it the cheapest "is this Kafka?" question.
 */
export function encodeApiVersionsRequest({
  correlationId,
  clientId,
}: {
  correlationId: number;
  clientId: string;
}): Buffer {
  return encodeRequest({ apiKey: API_VERSIONS_KEY, apiVersion: 0, correlationId, clientId });
}

/** Decodes a v0 response payload (the bytes after the size prefix): header v0, then the body. */
export function decodeApiVersionsResponse(
  payload: Buffer,
  expectedCorrelationId: number,
): Result<ApiVersionsResponse> {
  try {
    const reader = new Reader(payload);
    const correlationId = reader.int32();
    if (correlationId !== expectedCorrelationId) {
      return fail(
        `answer to another request (correlation id ${correlationId}, sent ${expectedCorrelationId})`,
      );
    }
    const errorCode = reader.int16();
    const apis = reader.array((r) => ({
      apiKey: r.int16(),
      minVersion: r.int16(),
      maxVersion: r.int16(),
    }));
    if (reader.remaining !== 0)
      return fail(`${reader.remaining} unexpected bytes after ApiVersions response`);
    return ok({ errorCode, apis });
  } catch (error) {
    if (error instanceof TruncatedError)
      return fail(`truncated ApiVersions response: ${error.message}`);
    throw error;
  }
}
