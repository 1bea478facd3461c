import { connect } from 'node:net';
import { fail, ok, type Result } from '../result.js';

export interface ExchangeOptions {
  host: string;
  port: number;
  /** A complete size-prefixed request frame. */
  request: Buffer;
  timeoutMs?: number;
  maxResponseBytes?: number;
}

/**
 * Sends one request on a fresh connection and resolves with the response payload (without
 * its size prefix). Never rejects: refused connections, silence and garbage are all normal
 * answers while a broker is starting, so they come back as `{ ok: false }`.
 */
export function exchange({
  host,
  port,
  request,
  timeoutMs = 1_000, // a local broker answers in about a millisecond once it is up
  maxResponseBytes = 1024 * 1024, // far above any ApiVersions or Metadata answer
}: ExchangeOptions): Promise<Result<Buffer>> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let buffered = Buffer.alloc(0);
    let settled = false;
    const finish = (result: Result<Buffer>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(fail(`no answer within ${timeoutMs} ms`)), timeoutMs);

    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 4) return;
      const size = buffered.readInt32BE(0);
      if (size < 0 || size > maxResponseBytes) {
        finish(fail(`not a Kafka response (frame size ${size})`));
      } else if (buffered.length >= 4 + size) {
        finish(ok(buffered.subarray(4, 4 + size)));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(fail(error.code ?? error.message)));
    socket.on('close', () => finish(fail('connection closed before a complete response')));
  });
}
