import { describe, expect, it } from 'vitest';
import { apiVersionsPayload } from '../testing/kafka-payloads.js';
import { decodeApiVersionsResponse, encodeApiVersionsRequest } from './api-versions.js';

describe('encodeApiVersionsRequest', () => {
  it('is a size-prefixed request header v1 with an empty v0 body', () => {
    const frame = encodeApiVersionsRequest({ correlationId: 0x01020304, clientId: 'cp' });
    expect(frame.toString('hex')).toBe(
      [
        '0000000c', // size: the 12 bytes that follow
        '0012', // api key 18
        '0000', // version 0
        '01020304', // correlation id
        '0002', // client id length
        Buffer.from('cp').toString('hex'),
      ].join(''),
    );
  });
});

describe('decodeApiVersionsResponse', () => {
  it('reads the error code and every api range', () => {
    const result = decodeApiVersionsResponse(
      apiVersionsPayload(7, [
        [0, 3, 12],
        [18, 0, 4],
      ]),
      7,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        errorCode: 0,
        apis: [
          { apiKey: 0, minVersion: 3, maxVersion: 12 },
          { apiKey: 18, minVersion: 0, maxVersion: 4 },
        ],
      },
    });
  });

  it('rejects an answer to another request', () => {
    const result = decodeApiVersionsResponse(apiVersionsPayload(8, []), 7);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('correlation id 8');
  });

  it('rejects a truncated answer instead of throwing', () => {
    const full = apiVersionsPayload(7, [[18, 0, 4]]);
    const result = decodeApiVersionsResponse(full.subarray(0, full.length - 1), 7);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('truncated');
  });

  it('rejects trailing bytes, which a v0 answer never has', () => {
    const padded = Buffer.concat([apiVersionsPayload(7, []), Buffer.from([0])]);
    expect(decodeApiVersionsResponse(padded, 7).ok).toBe(false);
  });
});
