export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string;
}

/**
 * One size-prefixed request frame with request header v1 (api key, api version, correlation
 * id, client id), the header every non-flexible request version uses.
 */
export function encodeRequest(header: RequestHeader, body: Buffer = Buffer.alloc(0)): Buffer {
  const clientId = Buffer.from(header.clientId, 'utf8');
  const fixed = Buffer.alloc(4 + 2 + 2 + 4 + 2);
  const size = fixed.length - 4 + clientId.length + body.length;
  fixed.writeInt32BE(size, 0);
  fixed.writeInt16BE(header.apiKey, 4);
  fixed.writeInt16BE(header.apiVersion, 6);
  fixed.writeInt32BE(header.correlationId, 8);
  fixed.writeInt16BE(clientId.length, 12);
  return Buffer.concat([fixed, clientId, body]);
}
