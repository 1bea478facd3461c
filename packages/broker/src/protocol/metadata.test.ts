import { describe, expect, it } from 'vitest';
import { metadataPayload } from '../testing/kafka-payloads.js';
import { decodeMetadataResponse, encodeMetadataRequest } from './metadata.js';

describe('encodeMetadataRequest', () => {
  it('asks Metadata v4 for no topics and no auto-creation', () => {
    const frame = encodeMetadataRequest({ correlationId: 9, clientId: '' });
    expect(frame.toString('hex')).toBe(
      [
        '0000000f', // size
        '0003', // api key 3
        '0004', // version 4
        '00000009', // correlation id
        '0000', // empty client id
        '00000000', // topics: empty array, not null (null means all topics)
        '00', // allow_auto_topic_creation
      ].join(''),
    );
  });
});

describe('decodeMetadataResponse', () => {
  it('reads the brokers, cluster id and controller', () => {
    const payload = metadataPayload(9, [{ nodeId: 1, host: '127.0.0.1', port: 9092 }], 'abc');
    expect(decodeMetadataResponse(payload, 9)).toEqual({
      ok: true,
      value: {
        brokers: [{ nodeId: 1, host: '127.0.0.1', port: 9092 }],
        clusterId: 'abc',
        controllerId: 1,
      },
    });
  });

  it('accepts an empty broker list, as a broker that is still fenced sends', () => {
    expect(decodeMetadataResponse(metadataPayload(9, [], null), 9)).toMatchObject({
      ok: true,
      value: { brokers: [], clusterId: null },
    });
  });

  it('rejects garbage without throwing', () => {
    expect(decodeMetadataResponse(Buffer.from([0, 0, 0, 9, 1]), 9).ok).toBe(false);
    expect(decodeMetadataResponse(Buffer.from('\u0000\u0000\u0000\u0009HTTP/1.1 400'), 9).ok).toBe(
      false,
    );
  });
});
